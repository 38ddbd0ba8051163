"""The command line: subcommands over the core, and the door to the window.

``blogeditor COMMAND ...`` runs a subcommand without ever importing Qt, so it answers
fast and works on machines without a display. ``blogeditor [SITE]`` opens the window.
Each subcommand lives in its own module with ``register(subparsers)``; its handler
returns the exit code. A refusal from the core becomes one line on stderr.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from blogeditor.core.errors import BlogEditorError

# Modules under blogeditor.cli that each add subcommands.
COMMAND_MODULES = ["posts", "edit", "new", "check", "publish_due"]


class _VersionAction(argparse.Action):
    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        from blogeditor import version

        print(f"BlogEditor {version()}")
        parser.exit()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="blogeditor",
        description="Edit the homepage and posts of a Hugo blog. "
        "Without a command, opens the window (on SITE, the last site, or the demo site).",
    )
    parser.add_argument("--version", action=_VersionAction, nargs=0, help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"blogeditor.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"blogeditor.cli.{name}":
                raise
            continue
        module.register(sub)
    return parser


def _gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="blogeditor", add_help=False)
    parser.add_argument("site", nargs="?")
    parser.add_argument("--self-test", action="store_true")
    return parser


def main(argv: list[str]) -> int:
    parser = _parser()
    commands = set(parser._subparsers._group_actions[0].choices) if parser._subparsers else set()  # type: ignore[union-attr]
    if not argv or (argv[0] not in commands and argv[0] not in ("-h", "--help", "--version")):
        args, unknown = _gui_parser().parse_known_args(argv)
        if unknown:
            parser.error(f"unrecognised arguments: {' '.join(unknown)}")
        if args.self_test:
            from blogeditor.selftest import run_self_test

            return run_self_test()
        from blogeditor.gui.app import run

        return run(args.site)
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except BlogEditorError as exc:
        print(f"blogeditor: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader (``| head``) went away; that is not the author's problem.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
