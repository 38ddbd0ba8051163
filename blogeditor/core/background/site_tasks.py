"""The tasks the helper process runs (``helper_process``): plain functions of picklable
arguments, each keeping what it built for the next one (the site index, the parsed homepage,
a spell checker) in this process's memory.

A homepage travels as its bytes (the window already holds them) and is parsed here once per
version; what comes back is small: states, problems, misspellings.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from blogeditor.core.errors import BlogEditorError
from blogeditor.core.homepage.homepage import Homepage
from blogeditor.core.homepage.publish import title_drift
from blogeditor.core.site.checks import Problem, check
from blogeditor.core.site.post_extras import Extras, compute_extras
from blogeditor.core.site.site import Site
from blogeditor.core.site.site_index import index_for
from blogeditor.core.spelling.checker import SpellChecker

log = logging.getLogger(__name__)

PARSED_KEPT = 3  # the version typed, the one before it, and the saved one
BUILTIN_LAYERS = frozenset({"tech", "names"})  # every checker loads these itself

# (line, column, word, suggestions, message) per finding, as the Problems dock lists them.
Found = list[tuple[int, int, str, tuple[str, ...], str]]

_lock = threading.Lock()  # in the fallback (a thread of the window's process) tasks may overlap
_parsed: OrderedDict[bytes, Homepage] = OrderedDict()


def homepage_of(data: bytes) -> Homepage:
    """The parsed homepage of these bytes (raises HomepageFormatError like Homepage.parse)."""
    key = hashlib.sha256(data).digest()
    with _lock:
        found = _parsed.get(key)
        if found is not None:
            _parsed.move_to_end(key)
            return found
    homepage = Homepage.parse(data)
    with _lock:
        _parsed[key] = homepage
        while len(_parsed) > PARSED_KEPT:
            _parsed.popitem(last=False)
    return homepage


# -- the post list ---------------------------------------------------------------------------

def post_extras(site: Site, data: bytes) -> Extras:
    """Article states, title drift and problems of every teaser of this homepage version."""
    return compute_extras(site, homepage_of(data))


# -- the Problems dock -----------------------------------------------------------------------

@dataclass(frozen=True)
class Drift:
    position: int  # 1-based teaser
    link: str
    line: int
    article_title: str


@dataclass(frozen=True)
class Findings:
    """The dock's checks for one homepage version; ``error`` when they could not run."""

    problems: tuple[Problem, ...] = ()
    drifts: tuple[Drift, ...] = ()
    error: str | None = None


def homepage_findings(site: Site, data: bytes) -> Findings:
    try:
        homepage = homepage_of(data)
        problems = tuple(check(site, homepage, index=index_for(site)))
    except BlogEditorError as exc:
        return Findings(error=str(exc))
    return Findings(problems, tuple(drifts(site, homepage)))


def drifts(site: Site, homepage: Homepage) -> list[Drift]:
    """Teasers whose title no longer matches their article's (Post ▸ Use … Title)."""
    found = []
    for position, teaser in enumerate(homepage.teasers, start=1):
        try:
            article_title = title_drift(site, teaser)
        except Exception:  # a drift check must never hide the real problems
            log.exception("title drift check failed")
            continue
        if article_title is not None:
            found.append(Drift(position, teaser.link, teaser.line, article_title))
    return found


# -- the site index --------------------------------------------------------------------------

def refresh_index(site: Site, paths: Sequence[Path] | None) -> int:
    """Tell the site's index what changed (None: a full stat sweep); how many articles did."""
    return len(index_for(site).refresh(paths))


# -- spelling --------------------------------------------------------------------------------

_checkers: dict[tuple[str, tuple[tuple[str, frozenset[str]], ...]], SpellChecker] = {}


def checker_with(language: str, layers: dict[str, frozenset[str]]) -> SpellChecker:
    """A checker of ``language`` accepting ``layers`` besides its built-in words."""
    key = (language, tuple(sorted(layers.items(), key=lambda item: item[0])))
    with _lock:
        checker = _checkers.get(key)
    if checker is None:
        checker = SpellChecker(language)
        for name, words in layers.items():
            checker.set_layer(name, words)
        with _lock:
            _checkers.clear()  # the words changed: the older checker is not asked again
            _checkers[key] = checker
    return checker


def layers_of(checker: SpellChecker) -> dict[str, frozenset[str]]:
    """What ``checker_with`` needs to build a twin of ``checker`` in another process."""
    return {name: checker.layer(name) for name in checker.layer_names()
            if name not in BUILTIN_LAYERS}


def homepage_text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace").lstrip("\ufeff")


def homepage_spelling(data: bytes, language: str, layers: dict[str, frozenset[str]]) -> Found:
    """The homepage's misspellings and inconsistencies (the bytes are decoded here: 9 MB)."""
    text = homepage_text(data)
    from blogeditor.core.spelling.report import SUGGESTIONS_SHOWN, text_inconsistencies
    from blogeditor.core.spelling.scan import document_misspellings

    checker = checker_with(language, layers)
    found: Found = []
    if checker.available:
        for m in document_misspellings(text, checker):
            found.append((m.line, m.column, m.word,
                          tuple(checker.suggest(m.word, limit=SUGGESTIONS_SHOWN)), ""))
        for f in text_inconsistencies(text, checker.language, homepage=True):
            found.append((f.line, f.column, f.word, (f.other,), f.message()))
    return found


# -- the vocabulary --------------------------------------------------------------------------

def learn_vocabulary(site: Site, language: str, layers: dict[str, frozenset[str]]
                     ) -> dict[str, int]:
    """The site's learned vocabulary (see ``spelling.vocabulary.learn_site``)."""
    from blogeditor.core.spelling.vocabulary import learn_site

    # A checker of its own: learning must not accept the vocabulary it is learning.
    checker = SpellChecker(language)
    for name, words in layers.items():
        checker.set_layer(name, words)
    return learn_site(site.root, site.content_dir, checker, site.homepage_path)


_site_checkers: dict[Path, SpellChecker] = {}


def site_spelling(site: Site, data: bytes) -> Found:
    """``homepage_spelling`` with the site's own words (no window checker to copy)."""
    from blogeditor.core.spelling.report import make_checker

    with _lock:
        checker = _site_checkers.get(site.root)
    if checker is None:
        checker = make_checker(site)
        with _lock:
            _site_checkers.clear()
            _site_checkers[site.root] = checker
    return homepage_spelling(data, checker.language, layers_of(checker))
