"""Articles as read from disk, kept while the file is unchanged: the one cache of them.

The checks, the list's draft badges, title drift and publishing all ask about the same
articles after every edit. The cache itself is ``site_index.SHARED`` (validated by size and
mtime, then by a hash of the bytes), the one every site's ``SiteIndex`` uses; this module
keeps the names the rest of the code imports. A file that cannot be read is remembered as
such too (until it changes), so a broken article does not cost a read per question.
"""

from __future__ import annotations

from pathlib import Path

from blogeditor.core.article import Article
from blogeditor.core.site_index import MAX_ENTRIES, SHARED

__all__ = ["MAX_ENTRIES", "forget", "load_article"]


def load_article(path: Path | str) -> Article:
    """``Article.load(path)``, from the cache while the file is unchanged.

    Raises the same BlogEditorError as ``Article.load`` for a file that cannot be read.
    """
    return SHARED.load(path)


def forget(path: Path | str | None = None) -> None:
    """Drop one article (or all): after BlogEditor itself wrote it within the same mtime tick."""
    if path is None:
        SHARED.clear()
    else:
        SHARED.drop(path)
