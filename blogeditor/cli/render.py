"""``blogeditor render FILE``: the HTML body the article preview shows for a Markdown file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from blogeditor.core.article.article import Article
from blogeditor.core.errors import BlogEditorError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "render",
        help="print the HTML body the preview shows for a Markdown file "
        "(front matter stripped, shortcodes as labelled boxes)",
    )
    p.add_argument("file", help="a Markdown file (an article or the homepage)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from blogeditor.core.render.render import render_article_body
    from blogeditor.core.site.site import Site

    path = Path(args.file).expanduser()
    if not path.is_file():
        raise BlogEditorError(f"{path}: no such file")
    article = Article.load(path)  # refuses broken front matter and non-UTF-8 bytes
    try:
        site: Site | None = Site.find(path)
    except BlogEditorError:
        site = None  # a loose file still renders; only its images stay unresolved
    body = render_article_body(article.text, site=site, base_dir=path.parent)
    sys.stdout.write(body if body.endswith("\n") else body + "\n")
    return 0
