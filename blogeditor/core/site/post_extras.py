"""What the post list shows beyond the teasers themselves: each post's article state
(draft, scheduled, missing), title drift and problems, for one version of the homepage.

Plain functions that read files: the list has the helper process run them (core/background),
never the GUI thread.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from blogeditor.core.article.article_facts import load_article
from blogeditor.core.errors import BlogEditorError
from blogeditor.core.homepage.homepage import Homepage, Teaser
from blogeditor.core.homepage.publish import title_drift
from blogeditor.core.site.checks import check
from blogeditor.core.site.site_index import index_for

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Extras:
    """What the rows show beyond the teaser itself, for one version of the homepage."""

    states: list[str]  # "draft", "scheduled", "missing" or "" per teaser
    drifts: list[str | None]  # the article's title where it differs from the teaser's
    problems: dict[int, list[str]]  # teaser index -> problem messages


def compute_extras(site: Any, homepage: Homepage) -> Extras:
    """Article states, title drift and problems of every teaser (reads files: off the GUI
    thread, except when asked for at once)."""
    teasers = homepage.teasers
    states = [_article_state_of(site, t.link) for t in teasers]
    drifts = [_title_drift(site, t) for t in teasers]
    found: dict[int, list[str]] = {}
    try:
        # The one index of the site: the Problems dock asking for this version gets the
        # same answer without checking again.
        for problem in check(site, homepage, index=index_for(site)):
            if problem.position >= 1:
                found.setdefault(problem.position - 1, []).append(problem.message)
    except Exception:  # a checker bug must never take the list down
        log.exception("check failed")
    return Extras(states, drifts, found)


def _article_state_of(site: Any, link: str) -> str:
    try:
        path = site.article_path(link)
    except BlogEditorError:
        path = None
    if path is None:
        return "missing"
    try:
        os.stat(path)
    except OSError:
        return "missing"
    return _read_article_state(path)


def _title_drift(site: Any, teaser: Teaser) -> str | None:
    try:
        return title_drift(site, teaser)
    except BlogEditorError:
        return None
    except Exception:  # a broken article must not take the list down
        log.exception("title drift for %s", teaser.link)
        return None


def _read_article_state(path: Path) -> str:
    try:
        article = load_article(path)
    except BlogEditorError:
        return ""
    except Exception:  # an unreadable article is shown as plain, never as a crash
        log.exception("reading %s", path)
        return ""
    if article.draft:
        return "draft"
    date = article.date
    if date is not None:
        now = dt.datetime.now(date.tzinfo) if date.tzinfo else dt.datetime.now()
        if date > now:
            return "scheduled"
    return ""
