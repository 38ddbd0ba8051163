"""Which files under content/ Hugo makes pages of, and the URL path it serves each at.

Plain path functions, shared by the site (links to pages) and the page list (core/site/pages.py).
"""

from __future__ import annotations

import os
from pathlib import Path

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})


def page_url_path(file: Path, slug: str | None, url: str | None, content_dir: Path) -> str:
    """Hugo's URL path for a content file: ``url`` wins, else ``slug`` replaces the last part."""
    if url:
        path = "/" + url.strip().strip("/")
        return path if path == "/" or "." in path.rsplit("/", 1)[-1] else path + "/"
    rel = file.relative_to(content_dir)
    parts = list(rel.parent.parts) if file.stem in ("_index", "index") else [
        *rel.parent.parts, file.stem]
    if slug and parts:
        parts[-1] = slug.strip()
    return "/" + "".join(f"{p}/" for p in parts)


def page_files(content_dir: Path) -> list[Path]:
    """The content files Hugo makes pages of, sorted by path."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(content_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        here = Path(folder)
        markdown = sorted(
            f for f in files if not f.startswith(".") and Path(f).suffix.lower() in MARKDOWN_SUFFIXES
        )
        if "index.md" in markdown and here != content_dir:
            # A leaf bundle: its other Markdown files and sub-folders are resources.
            found.append(here / "index.md")
            dirs[:] = []
            continue
        found.extend(here / f for f in markdown)
    return sorted(found)
