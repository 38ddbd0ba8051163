"""``blogeditor merge-homepage`` and ``merge-article``: git merge drivers.

git calls ``DRIVER %O %A %B %P``: the common ancestor, ours (where the result must go),
theirs, and the path in the repository. Exit 0 is a clean merge, 1 leaves conflict markers
for the author (git then lists the file as conflicted); the notes go to stderr, where git
shows them during the merge.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from blogeditor.core.errors import StorageError
from blogeditor.core.git.merge_article import merge_article_versions
from blogeditor.core.git.merge_homepage import DriverResult, merge_homepage_versions
from blogeditor.core.storage.storage import atomic_write

_DRIVERS: dict[str, tuple[str, Callable[[bytes, bytes, bytes], DriverResult]]] = {
    "merge-homepage": ("merge the homepage teaser by teaser (a git merge driver)",
                       merge_homepage_versions),
    "merge-article": ("merge an article, front matter key by key (a git merge driver)",
                      merge_article_versions),
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    for name, (help_text, _) in _DRIVERS.items():
        p = sub.add_parser(name, help=help_text)
        p.add_argument("base", help="the common ancestor (git's %%O)")
        p.add_argument("ours", help="our version; the result is written here (%%A)")
        p.add_argument("theirs", help="their version (%%B)")
        p.add_argument("path", nargs="?", default=None, help="the file's path, for messages (%%P)")
        p.set_defaults(handler=run, driver=name)


def run(args: argparse.Namespace) -> int:
    name = args.path or args.ours
    try:
        base, ours, theirs = (Path(p).read_bytes() for p in (args.base, args.ours, args.theirs))
    except OSError as exc:
        print(f"blogeditor {args.driver}: {name}: cannot read {exc.filename}: {exc.strerror}",
              file=sys.stderr)
        return 2
    result = _DRIVERS[args.driver][1](base, ours, theirs)
    if result.data != ours:
        try:
            atomic_write(Path(args.ours), result.data)
        except StorageError as exc:
            print(f"blogeditor {args.driver}: {name}: {exc}", file=sys.stderr)
            return 2
    for note in result.notes:
        print(f"blogeditor {args.driver}: {name}: {note}", file=sys.stderr)
    return 0 if result.clean else 1
