"""``blogeditor articles SITE [--json]``: every page Hugo would list, with its dates."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from blogeditor.core.errors import BlogEditorError
from blogeditor.core.site.pages import Page, iso, list_pages
from blogeditor.core.site.site import Site, locate


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "articles",
        help="list every page Hugo would list (homepage, sections, articles) with its dates",
    )
    p.add_argument("site", help="the site folder (or any file or folder inside it)")
    p.add_argument("--json", action="store_true", help="print a JSON list instead of lines")
    p.set_defaults(handler=run)


def _positions(site: Site) -> dict[Path, int]:
    """Each article file a homepage teaser links to, with that teaser's position (from 1)."""
    from blogeditor.core.homepage.homepage import Homepage
    from blogeditor.core.storage.storage import read_bytes

    if not site.homepage_path.is_file():
        return {}
    homepage = Homepage.parse(read_bytes(site.homepage_path))
    found: dict[Path, int] = {}
    for i, teaser in enumerate(homepage.teasers, 1):
        target = site.article_path(teaser.link) if teaser.link else None
        if target is not None:
            found.setdefault(target.resolve(), i)
    return found


def run(args: argparse.Namespace) -> int:
    _, site = locate(args.site)
    if site is None:
        raise BlogEditorError(f"{args.site} is not inside a Hugo site (no hugo.toml above it)")
    pages = list_pages(site)
    positions = _positions(site)
    if args.json:
        rows = [p.as_json(positions.get(p.file.resolve())) for p in pages]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    for page in pages:
        print(_line(page, positions.get(page.file.resolve())))
    return 0


def _line(page: Page, position: int | None) -> str:
    when = iso(page.date)
    parts = [
        page.path,
        page.kind,
        (when or "no date")[:10],
        "draft" if page.draft else "",
        f"homepage #{position}" if position else "",
        page.title or "(no title)",
    ]
    return "  ".join(p for p in parts if p)
