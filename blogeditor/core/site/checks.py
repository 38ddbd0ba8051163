"""What is wrong with a homepage: the mistakes authors really make, one Problem each.

Two kinds of checks. Homepage-internal ones need only the file: a heading that links one
article while "Full article" or the thumbnail points at another, a title that reads like a
different article than the one linked (the seed's first teaser: one post's title over another
post's link), the same title or link on two teasers. Site checks need the articles and images:
a link to a missing article, a missing thumbnail file, a visible teaser over a draft or a
post dated in the future, a hidden teaser over a post that is already published.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol
from urllib.parse import unquote, urlsplit

from blogeditor.core.article.slug import slug_words, slugify
from blogeditor.core.errors import BlogEditorError
from blogeditor.core.site.imageinfo import is_image_name, looks_truncated, read_info
from blogeditor.core.site.site_settings import dismissed_problems
from blogeditor.core.storage.confine import allowed_roots, confined

if TYPE_CHECKING:
    from blogeditor.core.homepage.homepage import Homepage, Teaser
    from blogeditor.core.site.site import Site
    from blogeditor.core.site.site_index import SiteIndex

# Below this share of common words a title and a link are about different things. Renamed
# titles ("What is" -> "What's") keep most words; the seed's swapped teaser shares none.
_RELATED = 0.34


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one teaser. ``position`` is 1-based, as ``blogeditor posts`` shows."""

    position: int
    link: str
    kind: str
    message: str
    line: int


def format_problem(problem: Problem) -> str:
    """The one-line form the command line prints: "1: heading links /x but ..."."""
    return f"{problem.position}: {problem.message}"


class _ArticleInfo(Protocol):
    @property
    def title(self) -> str | None: ...
    @property
    def date(self) -> dt.datetime | None: ...
    @property
    def draft(self) -> bool: ...


_Loader = Callable[[Path], _ArticleInfo]


def check(
    site: Site | None, homepage: Homepage, *, now: dt.datetime | None = None,
    index: SiteIndex | None = None,
) -> list[Problem]:
    """Every problem found, in teaser order. With ``site`` None only homepage checks run.

    With ``index`` (the site's ``site_index.SiteIndex``) the answer comes from its cache,
    computed once per version of the homepage and of the site; without it the checks run
    now, reading each article through the process-wide article cache (stat-validated).
    """
    if index is not None and site is not None:
        return list(index.check(homepage, now=now))
    return run_checks(site, homepage, now=now, load=_load_article)


def run_checks(
    site: Site | None, homepage: Homepage, *, now: dt.datetime | None,
    load: Callable[[Path], _ArticleInfo],
) -> list[Problem]:
    """The checks themselves, reading articles with ``load`` (raises BlogEditorError)."""
    now = _aware(now or dt.datetime.now(dt.UTC))
    teasers = list(homepage.teasers)
    dismissed = dismissed_problems(site.root) if site is not None else set()
    seen = _Seen(teasers, site)
    # Resolved once per check, not once per thumbnail (one lstat per path component).
    roots = allowed_roots(site.root) if site is not None else ()
    problems: list[Problem] = []
    for index, teaser in enumerate(teasers):
        found = _homepage_checks(index, teaser, seen, site, load)
        if site is not None:
            found += _site_checks(teaser, site, now, load, roots)
        problems += [
            Problem(index + 1, teaser.link, kind, message, teaser.line) for kind, message in found
            if (kind, teaser.link) not in dismissed
        ]
    problems += _comment_problems(homepage, teasers)
    problems.sort(key=lambda p: p.position)  # stable: each teaser's own problems stay in order
    return problems


# -- checks on the homepage alone ----------------------------------------------------------


class _Seen:
    """Where each title, link and slug first appears, found in one pass: the checks then look
    teasers up instead of comparing each with every other (10,000 posts stay quick)."""

    def __init__(self, teasers: list[Teaser], site: Site | None) -> None:
        self.first_title: dict[str, int] = {}
        self.first_link: dict[str, int] = {}
        self.by_slug: dict[str, list[int]] = {}
        for i, t in enumerate(teasers):
            if t.title:
                self.first_title.setdefault(t.title.strip().casefold(), i)
            link = _norm(t.link)
            if link:
                self.first_link.setdefault(link, i)
            self.by_slug.setdefault(link.rpartition("/")[2], []).append(i)
        self.links = [_norm(t.link) for t in teasers]
        self._site = site
        self._sections: list[str] | None = None

    def sections(self) -> list[str]:
        if self._sections is None:
            self._sections = self._site.sections() if self._site is not None else []
        return self._sections


def _homepage_checks(
    index: int, teaser: Teaser, seen: _Seen, site: Site | None, load: _Loader
) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    link = _norm(teaser.link)
    full = teaser.full_article_link
    if full is not None and _norm(full) != link:
        out.append(("link-mismatch",
                    f'heading links {teaser.link} but "Full article" links {full}'))
    href = teaser.thumbnail_href
    if href is not None and _norm(href) != link and not _external(href):
        out.append(("thumbnail-mismatch",
                    f"heading links {teaser.link} but the thumbnail links {href}"))
    if teaser.thumbnail and not _external(teaser.thumbnail) and _foreign_thumbnail(teaser, site):
        folder = "/" + _norm(teaser.thumbnail).rpartition("/")[0]
        out.append(("thumbnail-mismatch",
                    f"heading links {teaser.link} but the thumbnail is from {folder}"))
    title_problem = _title_mismatch(index, teaser, seen, site, load)
    if title_problem:
        out.append(("title-mismatch", title_problem))
    earlier = seen.first_title.get(teaser.title.strip().casefold()) if teaser.title else None
    if earlier is not None and earlier < index:
        out.append(("duplicate-title", f'same title as teaser {earlier + 1}: "{teaser.title}"'))
    earlier = seen.first_link.get(link) if link else None
    if earlier is not None and earlier < index:
        out.append(("duplicate-link", f"links the same article as teaser {earlier + 1}: "
                                      f"{teaser.link}"))
    return out


def _foreign_thumbnail(teaser: Teaser, site: Site | None) -> bool:
    """True when the thumbnail sits in another article's folder than the heading's link."""
    link = _norm(teaser.link)
    src = _norm(teaser.thumbnail or "")
    folder = src.rpartition("/")[0]
    if not link or folder == link or folder.startswith(link + "/"):
        return False
    if site is not None:
        image = site.resolve_image(teaser.thumbnail or "")
        if image is not None:
            # A site-wide image (static/) belongs to no article; one in content/ belongs to one.
            return image.is_relative_to(site.content_dir)
    # Without the site, a folder as deep as the link looks like another article's bundle.
    return folder.count("/") == link.count("/") and "/" in link


def _title_mismatch(
    index: int, teaser: Teaser, seen: _Seen, site: Site | None, load: _Loader
) -> str | None:
    link = _norm(teaser.link)
    expected = _slugify(teaser.title)
    last = link.rpartition("/")[2]
    if not expected or not last or expected == last:
        return None
    if _related(teaser.title, last):
        return None
    if site is not None:
        article = site.article_path(teaser.link)
        try:
            info = load(article) if article is not None else None
        except BlogEditorError:
            info = None  # reported by the site checks
        if info is not None and info.title and _related(teaser.title, info.title):
            return None  # the article is titled this way; only its folder name differs
    for other_index in seen.by_slug.get(expected, []):
        if other_index != index:
            return (f"heading links {teaser.link} but the title reads like "
                    f"/{seen.links[other_index]} (teaser {other_index + 1})")
    if site is not None:
        for section in seen.sections():
            if site.article_path(f"/{section}/{expected}") is not None:
                return f"heading links {teaser.link} but the title reads like /{section}/{expected}"
    return f'heading links {teaser.link} but the title "{teaser.title}" reads like another post'


def _related(a: str, b: str) -> bool:
    words_a, words_b = _slug_words(a), _slug_words(b)
    if not words_a or not words_b:
        return True  # too little to judge; stay quiet rather than cry wolf
    return len(words_a & words_b) / min(len(words_a), len(words_b)) >= _RELATED


# -- checks that need the site ---------------------------------------------------------------


def _site_checks(
    teaser: Teaser, site: Site, now: dt.datetime, load: _Loader, roots: tuple[Path, ...]
) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    thumb = teaser.thumbnail
    if thumb and not _external(thumb):
        image = site.resolve_image(thumb)
        if image is None:
            out.append(("missing-thumbnail", f"the thumbnail {thumb} is missing "
                                             "(not in content/ or static/)"))
        elif confined(image, roots) is None:  # not read: core/storage/confine.py
            out.append(("bad-thumbnail", f"the thumbnail {thumb} leads outside the site "
                                         "(a symlink or ..); the site cannot publish it"))
        elif (damage := thumbnail_damage(image)) is not None:
            out.append(("bad-thumbnail", f"the thumbnail {thumb} {damage}"))
    if _external(teaser.link):
        return out
    article = site.article_path(teaser.link)
    if article is None:
        where = site.bundle_dir(teaser.link).relative_to(site.root)
        out.append(("missing-article", f"links {teaser.link} but there is no article at {where}"))
        return out
    try:
        info = load(article)
    except BlogEditorError as exc:
        out.append(("bad-article", str(exc)))
        return out
    date = _aware(info.date) if info.date is not None else None
    if not teaser.hidden:
        if info.draft:
            out.append(("draft-visible", "visible, but the article is a draft (draft = true) "
                                         "and will not be published"))
        elif date is not None and date > now:
            out.append(("future-visible", f"visible, but the article is dated "
                                          f"{date:%Y-%m-%d %H:%M}, in the future"))
    elif not info.draft and (date is None or date <= now):
        out.append(("ready-hidden", "hidden, but the article is published: "
                                    "maybe ready to show"))
    return out


# -- helpers -------------------------------------------------------------------------------

# Checks run after every edit: an image is read again only when its size or mtime changed.
_DAMAGE_CACHE: dict[tuple[str, int, int], str | None] = {}


def thumbnail_damage(path: Path) -> str | None:
    """Why the image file cannot be shown (a sentence end), or None when it looks whole."""
    if not is_image_name(path):
        return None  # SVG, AVIF...: formats BlogEditor does not read are not judged
    try:
        stat = path.stat()
    except OSError:
        return None
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if key not in _DAMAGE_CACHE:
        if len(_DAMAGE_CACHE) > 50_000:
            _DAMAGE_CACHE.clear()
        if stat.st_size == 0:
            damage: str | None = "is an empty file"
        elif read_info(path) is None:
            damage = "is not a readable image (corrupt, or not an image at all)"
        elif looks_truncated(path):
            damage = "is cut off (truncated): only part of the image is there"
        else:
            damage = None
        _DAMAGE_CACHE[key] = damage
    return _DAMAGE_CACHE[key]



# Checks run after every edit over every teaser (10,000 on a real-size homepage) and almost
# every title and link is the same as last time: the pure string work is remembered.
@functools.lru_cache(maxsize=65_536)
def _slugify(title: str) -> str:
    return slugify(title)


@functools.lru_cache(maxsize=65_536)
def _slug_words(text: str) -> frozenset[str]:
    return frozenset(slug_words(text))


@functools.lru_cache(maxsize=65_536)
def _norm(link: str) -> str:
    return unquote(urlsplit(link.strip()).path).strip("/")


def _external(link: str) -> bool:
    parts = urlsplit(link.strip())
    return bool(parts.scheme or parts.netloc)


def _aware(when: dt.datetime) -> dt.datetime:
    # Hugo reads a date without an offset as UTC (unless the site sets timeZone).
    return when if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)


def _load_article(path: Path) -> _ArticleInfo:
    # Imported here: the article parser is not needed by commands that only list teasers.
    from blogeditor.core.article.article_facts import load_article

    return load_article(path)


# -- comment markers ---------------------------------------------------------------------


def _comment_problems(homepage: Homepage, teasers: list[Teaser]) -> list[Problem]:
    """Comment markers Hugo reads otherwise than their author: shown, or hiding too much."""
    out: list[Problem] = []
    for trouble in homepage.comment_troubles():
        teaser = teasers[trouble.index]
        if trouble.kind == "stray-closer":
            message = (f'line {trouble.line} has a "-->" that closes no comment: '
                       "Hugo prints it on the page")
        else:
            names = ", ".join(f'{i + 1} "{teasers[i].title}"' for i in trouble.teasers)
            message = (f"the comment opened on line {trouble.line} hides teasers {names}: "
                       f'the "<!--" on line {trouble.inner_line} inside it suggests a "-->" '
                       "is missing above")
        out.append(Problem(trouble.index + 1, teaser.link, trouble.kind, message, trouble.line))
    return out


def leftover_files(homepage_path: Path, backup_dir: Path | None) -> list[str]:
    """The temporary files interrupted saves of the homepage left, one line each.

    Removed by the next edit of the site (storage.remove_leftovers): only one whose process is
    gone, or that nothing has written for a while, since another save may be writing it now.
    """
    from blogeditor.core.storage.backups import BackupHistory
    from blogeditor.core.storage.storage import leftovers

    target = Path(homepage_path).resolve()
    found = [p for p, _ in leftovers(target.parent)]
    if backup_dir is not None:
        found += [p for p, _ in BackupHistory(backup_dir).leftovers(target)]
    return [f"leftover of an interrupted save: {p} (removed by the next edit)" for p in found]
