"""``blogeditor status SITE [--json]``: the branch and each post's git state, for scripts."""

from __future__ import annotations

import argparse
import json
import sys

from blogeditor.cli.common import SITE_HELP
from blogeditor.cli.git_setup import open_repo


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("status", help="the git state of each post: uncommitted, unpushed, upstream")
    p.add_argument("site", help=SITE_HELP)
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--all", action="store_true", help="list the posts without changes too")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    repo = open_repo(args.site)
    status = repo.status()
    states = repo.post_states()
    error = status.error or states.error
    if error:
        print(f"blogeditor: {error}", file=sys.stderr)
        return 2
    b = status.branch
    posts = [s for s in states.posts.values()
             if args.all or s.uncommitted or s.unpushed or s.upstream or s.conflicted]
    if args.json:
        doc = {
            "branch": b.head, "upstream": b.upstream, "ahead": b.ahead, "behind": b.behind,
            "posts": [{"link": s.link, "title": s.title, "uncommitted": s.uncommitted,
                       "unpushed": s.unpushed, "upstream": s.upstream,
                       "conflicted": s.conflicted, "on_homepage": s.on_homepage,
                       "paths": list(s.paths)} for s in posts],
            "files": [{"path": f.path, "state": f.description} for f in status.files],
        }
        print(json.dumps(doc, indent=2, ensure_ascii=False))
        return 0
    where = b.head or "(detached HEAD)"
    if b.upstream:
        where += f" → {b.upstream}, {b.ahead} ahead, {b.behind} behind"
    else:
        where += " (no upstream)"
    print(where)
    for s in posts:
        print(f"  {s.words:<40}  {s.title}  ({s.link})")
    if not posts:
        print("  no post has changes" if not args.all else "  the homepage has no posts")
    return 0
