"""``blogeditor new SITE --section S --title T``: the article folder and a hidden teaser on top."""

from __future__ import annotations

import argparse
import shutil

from blogeditor.cli.common import SITE_HELP, open_homepage
from blogeditor.core.errors import BlogEditorError, SiteError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("new", help="create a post: its article folder and a hidden teaser at the top")
    p.add_argument("site", help=SITE_HELP)
    p.add_argument("--section", required=True, help="the content folder it goes in, e.g. ai")
    p.add_argument("--title", required=True)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    opened = open_homepage(args.site)
    if opened.site is None:
        raise SiteError(f"{opened.path} is not inside a Hugo site, so there is nowhere to put the article")
    article, link = opened.site.new_post(args.section, args.title)
    try:
        opened.homepage.insert(0, title=" ".join(args.title.split()), link=link, hidden=True)
        opened.save()
    except BlogEditorError:
        # Without its teaser the new folder would only be clutter the author did not ask for.
        shutil.rmtree(article.parent, ignore_errors=True)
        raise
    root = opened.site.root
    print(f"Created {article.relative_to(root)} (a draft) and a hidden teaser at the top linking {link}.")
    return 0
