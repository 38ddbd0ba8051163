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

# Each subcommand and the module under blogeditor.cli that adds it. Only the module of
# the command being run is imported, so that one command does not pay for the others.
COMMANDS = {
    "posts": "posts",
    "move": "edit",
    "hide": "edit",
    "show": "edit",
    "remove": "edit",
    "new": "new",
    "check": "check",
    "publish-due": "publish_due",
    "history": "history",
    "articles": "articles",
    "render": "render",
    "merge-homepage": "merge_drivers",
    "merge-article": "merge_drivers",
    "git-setup": "git_setup",
    "status": "status",
}


class _VersionAction(argparse.Action):
    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        from blogeditor import version

        print(f"BlogEditor {version()}")
        parser.exit()


def _parser(only: str | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="blogeditor",
        description="Edit the homepage and posts of a Hugo blog. "
        "Without a command, opens the window (on SITE, the last site, or the demo site; "
        "--demo opens the demo site).",
    )
    parser.add_argument("--version", action=_VersionAction, nargs=0, help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    modules = [COMMANDS[only]] if only else list(dict.fromkeys(COMMANDS.values()))
    for name in modules:
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
    parser.add_argument("--demo", action="store_true")
    return parser


def main(argv: list[str]) -> int:
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version")):
        args, unknown = _gui_parser().parse_known_args(argv)
        if unknown:
            _parser().error(f"unrecognised arguments: {' '.join(unknown)}")
        if args.self_test:
            from blogeditor.selftest import run_self_test

            return run_self_test()
        if args.demo:
            from blogeditor.core.site.demo import demo_site_path

            return _open_window(str(demo_site_path()))
        return _open_window(args.site)
    args = _parser(argv[0] if argv[0] in COMMANDS else None).parse_args(argv)
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


def _open_window(site: str | None) -> int:
    import os

    if site is not None:
        from blogeditor.core.site.site import locate

        try:
            locate(site)
        except BlogEditorError as exc:
            print(f"blogeditor: {exc}", file=sys.stderr)
            return 2
    headless = not any(os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))
    if sys.platform.startswith("linux") and headless:
        # Without this, Qt aborts with a page about xcb plugins that helps nobody.
        print(
            "blogeditor: there is no display to open the window on (DISPLAY is not set). "
            "Run it from a desktop session, or use the command line: blogeditor --help",
            file=sys.stderr,
        )
        return 2
    from blogeditor.gui.app import run

    return run(site)

