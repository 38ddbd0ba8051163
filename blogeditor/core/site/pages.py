"""Every page Hugo would list for a site (``hugo list all``): the homepage, sections, articles.

Which files are pages follows Hugo's content rules: every Markdown file under the content
folder, except the other files of a leaf bundle (a folder holding ``index.md``: those are
its resources). ``_index.md`` is the homepage at the top and a section page below it.

Dates follow Hugo's ``[frontmatter]`` configuration (its defaults unless the site sets its
own): ``date`` comes from ``date``, else ``publishDate``, ``pubdate``, ``published``,
``lastmod``, ``modified``; and so on for the other three. Keys are case-insensitive, a date
without an offset is in the site's ``timeZone`` (UTC when unset), and a date-only value is
midnight there.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from blogeditor.core.article.article import Article, get, parse_date
from blogeditor.core.errors import ArticleError, BlogEditorError
from blogeditor.core.site.page_paths import page_files, page_url_path
from blogeditor.core.site.site import Site

DEFAULT_DATES: dict[str, list[str]] = {
    "date": ["date", "publishdate", "pubdate", "published", "lastmod", "modified"],
    "publishDate": ["publishdate", "pubdate", "published", "date"],
    "lastmod": [":git", "lastmod", "modified", "date", "publishdate", "pubdate", "published"],
    "expiryDate": ["expirydate", "unpublishdate"],
}


@dataclass(frozen=True)
class Page:
    """One page as Hugo lists it."""

    path: str  # relative to the site root, "/" separators: "content/ai/post/_index.md"
    file: Path
    title: str | None
    date: dt.datetime | None
    publish_date: dt.datetime | None
    expiry_date: dt.datetime | None
    lastmod: dt.datetime | None
    draft: bool
    kind: str  # "home", "section" or "page"
    section: str
    slug: str | None
    url: str | None

    @property
    def url_path(self) -> str:
        """The page's path on the site ("/ai/post/"), after ``slug`` and ``url`` overrides."""
        return page_url_path(self.file, self.slug, self.url, self._content_dir)

    @property
    def _content_dir(self) -> Path:
        depth = self.path.count("/")  # "content/a/b.md": the file is two folders down
        return self.file.parents[depth - 1]

    def as_json(self, homepage_position: int | None = None) -> dict[str, Any]:
        return {
            "path": self.path,
            "title": self.title,
            "date": iso(self.date),
            "publishDate": iso(self.publish_date),
            "expiryDate": iso(self.expiry_date),
            "lastmod": iso(self.lastmod),
            "draft": self.draft,
            "kind": self.kind,
            "section": self.section,
            "slug": self.slug,
            "url": self.url,
            "homepage_position": homepage_position,
        }


def iso(value: dt.datetime | None) -> str | None:
    return None if value is None else value.isoformat()


class DateRules:
    """The site's ``[frontmatter]`` date configuration and time zone."""

    def __init__(self, site: Site) -> None:
        try:
            config = site.config()
        except BlogEditorError:
            config = {}
        self.zone: dt.tzinfo = dt.UTC
        zone_name = _get_ci(config, "timeZone")
        if isinstance(zone_name, str) and zone_name:
            try:
                self.zone = ZoneInfo(zone_name)
            except (ZoneInfoNotFoundError, ValueError):
                raise BlogEditorError(
                    f"the site config's timeZone {zone_name!r} is not a known time zone"
                ) from None
        self.keys = {k: list(v) for k, v in DEFAULT_DATES.items()}
        custom = _get_ci(config, "frontmatter")
        if isinstance(custom, dict):
            for target in self.keys:
                wanted = _get_ci(custom, target)
                if isinstance(wanted, list):
                    expanded: list[str] = []
                    for key in wanted:
                        expanded += DEFAULT_DATES[target] if key == ":default" else [str(key)]
                    self.keys[target] = expanded

    def pick(self, metadata: dict[str, Any], target: str,
             date: dt.datetime | None = None) -> dt.datetime | None:
        """The ``target`` date: the first key of its list that holds one. A page with no
        publishDate or lastmod of its own takes its ``date`` (as resolved: a page dated
        only by ``lastmod`` is published then too)."""
        for key in self.keys[target]:
            if key.startswith(":"):  # :git, :filename, :fileModTime need more than the file
                continue
            value = self.to_datetime(get(metadata, key))
            if value is not None:
                return value
        return date if target in ("publishDate", "lastmod") else None

    def to_datetime(self, value: Any) -> dt.datetime | None:
        when = parse_date(value)
        if when is None:
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=self.zone)
        if when.year <= 1:  # Go's zero time: Hugo treats it as "not set"
            return None
        return when


def _get_ci(config: dict[str, Any], key: str) -> Any:
    for k, v in config.items():
        if isinstance(k, str) and k.lower() == key.lower():
            return v
    return None





def read_page(site: Site, file: Path, rules: DateRules | None = None) -> Page:
    """One content file as Hugo lists it; ArticleError when its front matter is broken."""
    rules = rules or DateRules(site)
    content = site.content_dir
    article = Article.load(file)
    _refuse_like_hugo(article, site, file)
    meta = article.metadata
    rel = file.relative_to(content)
    if file.name == "_index.md" or file.stem == "_index":
        kind = "home" if rel.parent == Path(".") else "section"
    else:
        kind = "page"
    parts = rel.parts
    section = parts[0] if len(parts) > 1 else ""
    title = get(meta, "title")
    date = rules.pick(meta, "date")
    slug, url = get(meta, "slug"), get(meta, "url")
    return Page(
        path=file.relative_to(site.root).as_posix() if file.is_relative_to(site.root)
        else rel.as_posix(),
        file=file,
        title=None if title is None else str(title),
        date=date,
        publish_date=rules.pick(meta, "publishDate", date),
        expiry_date=rules.pick(meta, "expiryDate", date),
        lastmod=rules.pick(meta, "lastmod", date),
        draft=article.draft,
        kind=kind,
        section=section,
        slug=None if slug is None else str(slug),
        url=None if url is None else str(url),
    )


def _refuse_like_hugo(article: Article, site: Site, file: Path) -> None:
    """Hugo stops the build on a file whose first character is ``+`` or ``-`` without the
    rest of a front matter delimiter (a list item at the top); so does the listing."""
    if article.front_matter_format is not None:
        return
    head = article.text.lstrip(" \t\r\n\ufeff")
    if head[:1] in ("+", "-"):
        line = article.text.count("\n", 0, len(article.text) - len(head)) + 1
        delim = head[0] * 3
        rel = file.relative_to(site.root).as_posix() if file.is_relative_to(site.root) else file
        raise ArticleError(
            f"{rel}: line {line} starts with '{head[0]}' but not with '{delim}', which Hugo "
            f"refuses (it takes it for front matter); add a blank first paragraph or {delim} "
            "front matter"
        )


def list_pages(site: Site) -> list[Page]:
    """Every page of the site, sorted by path; the first broken file raises ArticleError."""
    rules = DateRules(site)
    if not site.content_dir.is_dir():
        raise BlogEditorError(f"{site.root} has no content folder ({site.content_dir.name}/)")
    return [read_page(site, f, rules) for f in page_files(site.content_dir)]
