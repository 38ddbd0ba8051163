"""``blogeditor git-setup SITE``: let git merge the homepage and articles with BlogEditor."""

from __future__ import annotations

import argparse
import sys

from blogeditor.cli.common import SITE_HELP
from blogeditor.core.errors import BlogEditorError
from blogeditor.core.git.repo import GitRepo


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("git-setup", help="set up the merge drivers in the site's git clone")
    p.add_argument("site", help=SITE_HELP)
    p.add_argument("--no-commit", action="store_true",
                   help="write .gitattributes but leave committing it to you")
    p.add_argument("--check", action="store_true",
                   help="only say whether this clone is set up (exit 1 if not)")
    p.set_defaults(handler=run)


def open_repo(site: str) -> GitRepo:
    """The site's repository, or the refusal the command line prints (exit 2)."""
    repo = GitRepo.find(site)
    if repo is None:
        raise BlogEditorError(f"{site} is not in a git repository (or git is not installed)")
    return repo


def run(args: argparse.Namespace) -> int:
    repo = open_repo(args.site)
    if args.check:
        state = repo.setup_state()
        print("set up" if state.done else
              f"not set up (drivers defined: {state.drivers}, current: {state.current}, "
              f".gitattributes: {state.attributes})")
        return 0 if state.done else 1
    result = repo.set_up(commit=not args.no_commit)
    print(result.message, file=sys.stdout if result.ok else sys.stderr)
    return 0 if result.ok else 2
