"""One index of a site's articles, read once per change, shared by the list, the Problems dock
and the command line.

The list's draft badges and title drift, the Problems dock and ``blogeditor check`` all ask
the same questions about the same articles after every edit. The articles themselves live in
``article_facts.ArticleCache`` (by path, validated by (mtime_ns, size), then by a hash of the
bytes). ``SiteIndex`` adds, for one site, a generation that moves only when something a check
looks at changed, and the check results per (homepage bytes, generation): the list and the
dock asking about the same version of the homepage get the same tuple, computed once.

Threads: one writer (the watcher's worker calling ``refresh``) and any number of readers.
Locks guard dict and counter updates only; no file is read while one is held, so the GUI
thread never waits behind a worker's disk access (``cached_check`` never waits at all).
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from blogeditor.core.article.article import Article
from blogeditor.core.article.article_facts import SHARED, ArticleCache, Found, digest
from blogeditor.core.site.site_key import site_key

if TYPE_CHECKING:
    from blogeditor.core.homepage.homepage import Homepage
    from blogeditor.core.site.checks import Problem
    from blogeditor.core.site.site import Site

#: Check results kept per site: the versions the list, the dock and undo/redo flip between.
CHECKS_KEPT = 8
ARTICLE_SUFFIXES = (".md", ".markdown")



@dataclass(frozen=True)
class _Checked:
    generation: int
    valid_until: dt.datetime | None  # the first article date after `now`: a draft may go live
    problems: tuple[Problem, ...]


class SiteIndex:
    """The articles and check results of one site. Callers tell it what changed:
    ``refresh(paths)`` from the watcher, ``refresh()`` for a full stat sweep."""

    def __init__(self, site: Site, *, articles: ArticleCache | None = None) -> None:
        self.site = site
        self.root = Path(site.root)
        self.key = site_key(site.root)
        self.articles = articles if articles is not None else ArticleCache()
        self._lock = threading.Lock()
        self._generation = 0
        self._checks: OrderedDict[tuple[bytes, dt.datetime | None], _Checked] = OrderedDict()
        self._inflight: dict[tuple[bytes, dt.datetime | None, int], threading.Event] = {}
        self.check_runs = 0  # checks computed (not answered from the cache), for the tests

    # -- articles --------------------------------------------------------------------------

    @property
    def generation(self) -> int:
        """Moves whenever a check's answer may have changed (both parts only grow)."""
        return self._generation + self.articles.version

    def article(self, path: Path | str) -> Article:
        """The parsed article at ``path``; a BlogEditorError when it cannot be read."""
        return self.articles.load(path)

    def lookup(self, path: Path | str) -> Found:
        return self.articles.lookup(path)

    def article_files(self) -> list[Path]:
        """Every article file of the site, found by walking content/ (no file is read)."""
        return [Path(n) for n in self._walk()]

    def refresh(self, changed: Iterable[Path | str] | None = None) -> set[Path]:
        """Bring the index up to date; the article files whose answers changed.

        ``changed``: the paths the watcher reported (files or folders; created, modified,
        deleted or moved, both names of a move). Every named article is read again (its hash
        decides), so a write within one mtime tick is not missed. Anything else named (an
        image, settings.toml, a folder) moves the generation: it may change a check.
        ``None``: a full sweep, one stat per article file, reading only new and moved ones.
        """
        if changed is None:
            return self._sweep()
        homepage = os.fspath(self.site.homepage_path)
        touched: set[Path] = set()
        other = False
        for path in changed:
            name = os.fspath(path)
            if name == homepage:
                continue  # checks are keyed by the homepage's bytes, not by its file
            if name.endswith(ARTICLE_SUFFIXES):
                if self.articles.revalidate(name):
                    touched.add(Path(name))
                continue
            other = True
            for known in self.articles.known(under=name):  # a folder renamed or deleted
                if not os.path.exists(known) and self.articles.drop(known):
                    touched.add(Path(known))
        if other or touched:  # a new article moves no cache version, but it answers a link
            self._bump()
        return touched

    def _sweep(self) -> set[Path]:
        found = self._walk()
        touched: set[Path] = set()
        for name in found:
            try:
                st = os.stat(name)
            except OSError:
                continue
            if self.articles.stat_of(name) != (st.st_mtime_ns, st.st_size):
                before = self.articles.version
                known = self.articles.stat_of(name) is not None
                self.articles.lookup(name)
                if not known or self.articles.version != before:
                    touched.add(Path(name))
        present = set(found)
        for name in self.articles.known(under=os.fspath(self.site.content_dir)):
            if name not in present and self.articles.drop(name):
                touched.add(Path(name))
        # Images, settings and folders are not stat-ed one by one: a sweep may have missed
        # their change, so the checks are computed again once.
        self._bump()
        return touched

    def _walk(self) -> list[str]:
        homepage = os.fspath(self.site.homepage_path)
        out: list[str] = []
        stack = [os.fspath(self.site.content_dir)]
        while stack:
            folder = stack.pop()
            try:
                with os.scandir(folder) as it:
                    entries = list(it)
            except OSError:
                continue
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                elif entry.name.endswith(ARTICLE_SUFFIXES) and entry.path != homepage:
                    out.append(entry.path)
        out.sort()
        return out

    def forget(self, path: Path | str | None = None) -> None:
        """Drop one article (or all): after BlogEditor wrote it within the same mtime tick."""
        if path is None:
            self.articles.clear()
        else:
            self.articles.drop(path)
        self._bump()

    def _bump(self) -> None:
        with self._lock:
            self._generation += 1

    # -- checks ----------------------------------------------------------------------------

    def check(self, homepage: Homepage, *, now: dt.datetime | None = None) -> tuple[Problem, ...]:
        """``checks.check(site, homepage)``, computed once per (homepage bytes, generation).

        With ``now`` None the answer stays valid until an article's date passes. Callers
        asking for a version another thread is computing wait for that one computation
        (the GUI thread should ask ``cached_check`` instead: it never waits).
        """
        key = digest(homepage.to_bytes())
        generation = self.generation
        hit = self._hit(key, now, generation)
        if hit is not None:
            return hit
        token = (key, now, generation)
        with self._lock:
            event = self._inflight.get(token)
            mine = event is None
            if mine:
                event = self._inflight[token] = threading.Event()
        assert event is not None
        if not mine:
            event.wait(timeout=60.0)
            hit = self._hit(key, now, generation)
            if hit is not None:
                return hit
        try:
            return self._compute(homepage, key, now, generation)
        finally:
            if mine:
                with self._lock:
                    self._inflight.pop(token, None)
                event.set()

    def cached_check(
        self, homepage: Homepage, *, now: dt.datetime | None = None
    ) -> tuple[Problem, ...] | None:
        """The answer when this version was checked already, else None; never reads a file."""
        return self._hit(digest(homepage.to_bytes()), now, self.generation)

    def _hit(self, key: bytes, now: dt.datetime | None,
             generation: int) -> tuple[Problem, ...] | None:
        found = self._checks.get((key, now))
        if found is None or found.generation != generation:
            return None
        if found.valid_until is not None and dt.datetime.now(dt.UTC) >= found.valid_until:
            return None
        return found.problems

    def _compute(self, homepage: Homepage, key: bytes, now: dt.datetime | None,
                 generation: int) -> tuple[Problem, ...]:
        from blogeditor.core.site.checks import run_checks

        when = now if now is not None else dt.datetime.now(dt.UTC)
        dates: list[dt.datetime] = []

        def load(path: Path) -> Article:
            article = self.articles.load(path)
            if article.date is not None:
                dates.append(article.date)
            return article

        problems = tuple(run_checks(self.site, homepage, now=when, load=load))
        later = [d for d in (_aware(d) for d in dates) if d > _aware(when)]
        valid_until = min(later) if now is None and later else None
        with self._lock:
            self.check_runs += 1
            self._checks[(key, now)] = _Checked(generation, valid_until, problems)
            self._checks.move_to_end((key, now))
            while len(self._checks) > CHECKS_KEPT:
                self._checks.popitem(last=False)
        return problems


def _aware(when: dt.datetime) -> dt.datetime:
    return when if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)


# -- one index per site, one article cache per process ---------------------------------------

_indexes: dict[str, SiteIndex] = {}
_indexes_lock = threading.Lock()


def index_for(site: Site) -> SiteIndex:
    """The one SiteIndex of ``site`` in this process (keyed by ``site_key``)."""
    key = site_key(site.root)
    with _indexes_lock:
        index = _indexes.get(key)
        if index is None:
            index = _indexes[key] = SiteIndex(site, articles=SHARED)
        return index


def forget_site(site: Site) -> None:
    """Drop a closed site's index (its articles stay in the shared cache until evicted)."""
    with _indexes_lock:
        _indexes.pop(site_key(site.root), None)

