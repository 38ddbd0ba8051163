"""Articles as read from disk, kept while the file is unchanged: the one cache of them.

The checks, the list's draft badges, title drift, publishing and every site's ``SiteIndex``
(core/site/site_index.py) ask about the same articles after every edit. ``SHARED`` keeps each one
parsed, keyed by path and validated by (mtime_ns, size), then by a hash of its bytes: a file
touched but not changed (git checkout, a sync tool) costs a read, never a parse, and changes
no answer. A file that cannot be read is remembered as such too (until it changes), so a
broken article does not cost a read per question.

Threads: the lock guards dict and counter updates only; no file is read or parsed while it
is held, so the GUI thread never waits behind a worker's disk access. Two threads missing
the same article at once may both read it; the second store wins, and both agree.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from blogeditor.core.article.article import Article
from blogeditor.core.errors import ArticleError, BlogEditorError

MAX_ENTRIES = 20_000

Found = Article | BlogEditorError


@dataclass(frozen=True)
class _Entry:
    stat: tuple[int, int]  # (st_mtime_ns, st_size) when read
    digest: bytes  # of the file's bytes: a touch without a change keeps the parsed article
    found: Found  # a file that cannot be read is remembered as such until it changes


def digest(data: bytes) -> bytes:
    # SHA-1: twice blake2b's speed here, and a cache key needs no collision resistance
    # against an attacker (a 9 MB homepage hashes in under 10 ms).
    return hashlib.sha1(data).digest()


def _parse(data: bytes, name: str) -> Found:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:  # Article.load words the error as every other place shows it (a rare re-read)
            return Article.load(name)
        except BlogEditorError as exc:
            return exc
    try:
        return Article.parse(text, name)
    except BlogEditorError as exc:
        return exc
    except Exception as exc:  # a parser bug on one file must not take the site down
        return ArticleError(f"{Path(name).name}: cannot be read ({type(exc).__name__}: {exc})")


def _unreadable(name: str) -> BlogEditorError:
    try:
        Article.load(name)  # the missing file's own wording ("cannot read the article (...)")
    except BlogEditorError as exc:
        return exc
    return ArticleError(f"{Path(name).name}: cannot read the article")


class ArticleCache:
    """Articles keyed by path, each read again only when its (mtime_ns, size) moved and parsed
    again only when its bytes did. ``reads`` and ``parses`` count the work, for the tests."""

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self._lock = threading.Lock()
        self._entries: OrderedDict[str, _Entry] = OrderedDict()
        self.max_entries = max_entries
        self.reads = 0
        self.parses = 0
        #: Moves whenever an answer given before may now differ (a change, a removal).
        self.version = 0

    def __len__(self) -> int:
        return len(self._entries)

    def lookup(self, path: Path | str) -> Found:
        """The article at ``path``, or the error that says why it cannot be read."""
        name = os.fspath(path)
        try:
            st = os.stat(name)
        except OSError:
            self.drop(name)
            return _unreadable(name)
        entry = self._entries.get(name)  # a dict read: atomic, no lock needed
        if entry is not None and entry.stat == (st.st_mtime_ns, st.st_size):
            return entry.found
        return self._read(name, (st.st_mtime_ns, st.st_size), entry)

    def load(self, path: Path | str) -> Article:
        """``Article.load(path)`` from the cache; raises the same BlogEditorError."""
        found = self.lookup(path)
        if isinstance(found, BlogEditorError):
            raise found
        return found

    def revalidate(self, path: Path | str) -> bool:
        """Read ``path`` again whatever its stat says (the watcher named it); True when the
        answer changed (new, gone, or other bytes)."""
        name = os.fspath(path)
        try:
            st = os.stat(name)
        except OSError:
            return self.drop(name)
        old = self._entries.get(name)
        before = self.version
        self._read(name, (st.st_mtime_ns, st.st_size), old)
        return old is None or self.version != before

    def _read(self, name: str, stat: tuple[int, int], old: _Entry | None) -> Found:
        # The stat is taken before the read: a write during the read leaves a stat that no
        # longer matches, so the next question reads the file again (never a stale hit).
        try:
            with open(name, "rb") as f:
                data = f.read()
        except OSError:
            found: Found = _unreadable(name)
            with self._lock:
                self.reads += 1
                if self._entries.pop(name, None) is not None:
                    self.version += 1
            return found
        digest_ = digest(data)
        same = old is not None and old.digest == digest_
        found = old.found if old is not None and same else _parse(data, name)
        with self._lock:
            self.reads += 1
            if not same:
                self.parses += 1
                if old is not None:
                    self.version += 1
            self._entries[name] = _Entry(stat, digest_, found)
            self._entries.move_to_end(name)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        return found

    def drop(self, path: Path | str) -> bool:
        """Forget one article (deleted or renamed); True when it was known."""
        with self._lock:
            gone = self._entries.pop(os.fspath(path), None) is not None
            if gone:
                self.version += 1
        return gone

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.version += 1

    def known(self, under: str = "") -> list[str]:
        """The paths held, optionally only those inside the folder ``under``."""
        with self._lock:
            names = list(self._entries)
        if not under:
            return names
        prefix = under.rstrip(os.sep) + os.sep
        return [n for n in names if n.startswith(prefix)]

    def stat_of(self, path: str) -> tuple[int, int] | None:
        entry = self._entries.get(path)
        return entry.stat if entry is not None else None


#: The process-wide cache: every site's index shares it, so an article read for the list is
#: not read again for the dock, publishing or title drift.
SHARED = ArticleCache()


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
