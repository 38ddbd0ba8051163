"""Articles as read from disk, kept while the file is unchanged: the one cache of them.

The checks, the list's draft badges, title drift and publishing all ask about the same
articles after every edit; each article is parsed again only when its size or mtime changed.
A file that cannot be read is remembered as such too (until it changes), so a broken article
does not cost a read per question. Safe to use from several threads (dict operations only).
"""

from __future__ import annotations

import os
from collections import OrderedDict
from pathlib import Path

from blogeditor.core.article import Article
from blogeditor.core.errors import BlogEditorError

MAX_ENTRIES = 20_000
_cache: OrderedDict[str, tuple[tuple[int, int], Article | BlogEditorError]] = OrderedDict()


def load_article(path: Path | str) -> Article:
    """``Article.load(path)``, from the cache while the file is unchanged.

    Raises the same BlogEditorError as ``Article.load`` for a file that cannot be read.
    """
    name = os.fspath(path)
    try:
        st = os.stat(name)
    except OSError:
        return Article.load(path)  # says why in the article's own words
    key = (st.st_mtime_ns, st.st_size)
    hit = _cache.get(name)
    if hit is not None and hit[0] == key:
        found = hit[1]
    else:
        try:
            found = Article.load(path)
        except BlogEditorError as exc:
            found = exc
        _cache[name] = (key, found)
        if len(_cache) > MAX_ENTRIES:
            _cache.popitem(last=False)
    if isinstance(found, BlogEditorError):
        raise found
    return found


def forget(path: Path | str | None = None) -> None:
    """Drop one article (or all): after BlogEditor itself wrote it within the same mtime tick."""
    if path is None:
        _cache.clear()
    else:
        _cache.pop(os.fspath(path), None)
