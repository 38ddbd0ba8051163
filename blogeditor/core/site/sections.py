"""Which sections a new post can go in, and which one an author most likely means.

A section here is a folder under content/ that holds article folders. A folder that is a
single page (``content/about/_index.md`` and its images, no articles below it) is a page,
not a place for posts, so New Post never offers it.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from blogeditor.core.site.site import ARTICLE_FILES

# How many of the newest teasers decide the default section.
RECENT = 5


def _holds_articles(folder: Path) -> bool:
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir() and not entry.name.startswith(".") and any(
                        (Path(entry.path) / name).is_file() for name in ARTICLE_FILES):
                    return True
    except OSError:
        return False
    return False


def post_sections(content_dir: Path) -> list[str]:
    """Folders under content/ that hold at least one article folder, sorted."""
    try:
        entries = list(os.scandir(content_dir))
    except OSError:
        return []
    return sorted(e.name for e in entries
                  if e.is_dir() and not e.name.startswith(".") and _holds_articles(Path(e.path)))


def default_section(sections: list[str], newest_links: Iterable[str]) -> str | None:
    """The section most of the newest teasers (top of the homepage first) link into.

    Ties go to the section of the newer post; with no teaser in any section, the first one.
    """
    if not sections:
        return None
    known = set(sections)
    recent: list[str] = []
    for link in newest_links:
        section = link.strip().lstrip("/").split("/", 1)[0]
        if section in known:
            recent.append(section)
        if len(recent) == RECENT:
            break
    if not recent:
        return sections[0]
    counts = Counter(recent)
    return max(recent, key=lambda s: (counts[s], -recent.index(s)))
