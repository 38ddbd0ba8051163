"""``blogeditor new SITE --section S --title T``: the article folder and a hidden teaser on top."""

from __future__ import annotations

import argparse
import contextlib
import shutil

from blogeditor.cli.common import SITE_HELP, open_homepage
from blogeditor.core.errors import HomepageFormatError, SiteError
from blogeditor.core.homepage.homepage import Homepage


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
    sections_before = set(opened.site.sections())
    article, link = opened.site.new_post(args.section, args.title)
    title = " ".join(args.title.split())

    def add_teaser(homepage: Homepage) -> None:
        # Applied again if another writer saved the homepage first: their teasers stay, ours
        # goes on top of them, unless they added this very link meanwhile.
        if homepage.index_of_link(link) is not None:
            raise HomepageFormatError(f"the homepage already has a teaser linking {link}")
        homepage.insert(0, title=title, link=link, hidden=True)

    try:
        opened.apply(add_teaser)
        opened.save()
    except BaseException:
        # All or nothing: without its teaser the new folder would be an orphan the author
        # did not ask for (also on Ctrl+C while the save waits for the lock).
        shutil.rmtree(article.parent, ignore_errors=True)
        section = article.parent.parent
        if section.name not in sections_before:
            with contextlib.suppress(OSError):
                section.rmdir()  # only if empty: a neighbour's new post may be in it now
        raise
    root = opened.site.root
    print(f"Created {article.relative_to(root)} (a draft) and a hidden teaser at the top linking {link}.")
    return 0
