"""``blogeditor posts SITE [--json]``: the teasers in file order, hidden ones included."""

from __future__ import annotations

import argparse
import json

from blogeditor.cli.common import SITE_HELP, open_homepage


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("posts", help="list the homepage's posts, hidden ones included")
    p.add_argument("site", help=SITE_HELP)
    p.add_argument("--json", action="store_true", help="print a JSON list instead of a table")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    teasers = open_homepage(args.site).homepage.teasers
    if args.json:
        rows = [
            {"position": i, "title": t.title, "link": t.link, "thumbnail": t.thumbnail, "hidden": t.hidden}
            for i, t in enumerate(teasers, 1)
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    if not teasers:
        print("The homepage has no posts yet.")
        return 0
    width = len(str(len(teasers)))
    for i, t in enumerate(teasers, 1):
        state = "hidden " if t.hidden else "visible"
        print(f"{i:>{width}}  {state}  {t.title}  ({t.link})")
    return 0
