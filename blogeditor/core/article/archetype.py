"""A new article's text from the site's archetype, the way ``hugo new`` would write it.

Hugo fills ``archetypes/<section>.md`` or ``archetypes/default.md`` through Go templates.
Archetypes use a handful of expressions (``{{ .Date }}``,
``{{ replace .File.ContentBaseName "-" " " | title }}``, ``{{ .Name }}`` ...); those are
evaluated here. Anything else is left as written for the author to see. The title the
author typed and the chosen date then go into the front matter as single-line edits, so
punctuation dropped from the slug ("Why: Because" -> why-because) comes back in the title.
Sites without an archetype get the TOML form Hugo's own default archetype writes.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from blogeditor.core.article import slug as _slug
from blogeditor.core.article.article import Article
from blogeditor.core.article.frontmatter_toml import format_datetime, quote
from blogeditor.core.errors import BlogEditorError, SiteError
from blogeditor.core.storage.storage import atomic_write

if TYPE_CHECKING:
    from blogeditor.core.site.site import Site

ARTICLE_FILE = "_index.md"  # the site's habit: content/<section>/<slug>/_index.md
_ACTION = re.compile(r"\{\{(?![<%])(-?)(.*?)(-?)\}\}", re.DOTALL)
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|`[^`]*`|\||[()]|[^\s|()"`]+')


class _Unknown(Exception):
    """An expression this small evaluator does not know; the action is left as written."""


def builtin_archetype(title: str, date: dt.datetime) -> str:
    return f"+++\ntitle = {quote(title)}\ndate = {format_datetime(date)}\ndraft = true\n+++\n\n"


def archetype_path(site: Site, section: str) -> Path | None:
    """The archetype Hugo would use for a new page in ``section``, or None."""
    folder = site.root / "archetypes"
    for name in (f"{section}.md", "default.md"):
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None


def render_template(template: str, values: dict[str, str]) -> str:
    """Evaluate the archetype's ``{{ ... }}`` actions; shortcodes and unknowns stay as-is."""

    def action(match: re.Match[str]) -> str:
        try:
            return _pipeline(match.group(2).strip(), values)
        except _Unknown:
            return match.group(0)

    return _ACTION.sub(action, template)


def new_article_text(
    site: Site,
    section: str,
    title: str,
    *,
    slug: str | None = None,
    date: dt.datetime | None = None,
) -> str:
    """The text of a new article: archetype filled in, then title/date/draft set exactly."""
    when = _when(date)
    slug = slug or _slug.slugify(title)
    path = archetype_path(site, section)
    if path is None:
        return builtin_archetype(title, when)
    try:
        template = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return builtin_archetype(title, when)
    values = {
        "date": format_datetime(when),
        "slug": slug,
        "section": section,
        "title": title,
        "site_title": str(_site_title(site)),
    }
    text = render_template(template, values)
    try:
        article = Article.parse(text)
        fields: dict[str, object] = {"title": title, "date": when}
        if "draft" not in article.metadata:
            fields["draft"] = True  # a new post must never go live by accident
        return article.with_fields(**fields)
    except BlogEditorError:
        # An archetype that only Hugo can fill (custom functions): start from the plain form.
        return builtin_archetype(title, when)


def create_article(
    site: Site,
    section: str,
    title: str,
    *,
    slug: str | None = None,
    date: dt.datetime | None = None,
) -> tuple[Path, str]:
    """Create ``content/SECTION/SLUG/_index.md`` from the archetype; (its path, its link)."""
    section = section.strip().strip("/")
    if not section or re.search(r"[/\\]", section) or section in {".", ".."}:
        raise SiteError(f"not a section name: {section!r} (use a folder name such as 'ai')")
    title = " ".join(title.split())
    if not title:
        raise SiteError("the new post needs a title")
    if not slug and not _slug.slugify(title):
        raise SiteError(f"cannot make a folder name from the title {title!r}: "
                        "it needs at least one letter or digit")
    slug = (slug or _slug.slugify(title)).strip().strip("/")
    if not slug or re.search(r"[/\\\s]", slug) or slug in {".", ".."}:
        raise SiteError(f"not a usable folder name: {slug!r} (letters, digits and hyphens)")
    link = f"/{section}/{slug}"
    bundle = site.content_dir / section / slug
    if bundle.exists() or site.article_path(link) is not None:
        raise SiteError(f"{link} already exists; choose another title or folder name")
    text = new_article_text(site, section, title, slug=slug, date=date)
    path = bundle / ARTICLE_FILE
    try:
        bundle.mkdir(parents=True)
    except OSError as exc:
        raise SiteError(f"cannot create {bundle}: {exc.strerror or exc}") from None
    try:
        atomic_write(path, text.encode("utf-8"))
    except BlogEditorError:
        bundle.rmdir()
        raise
    return path, link


# -- the tiny template evaluator ------------------------------------------------------------


def _when(date: dt.datetime | None) -> dt.datetime:
    when = (date or dt.datetime.now()).replace(microsecond=0)
    return when if when.tzinfo is not None else when.astimezone()


def _site_title(site: Site) -> object:
    try:
        return site.config().get("title", "")
    except BlogEditorError:
        return ""


def _title_case(text: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in text.split(" "))


def _humanize(text: str) -> str:
    words = text.replace("-", " ").replace("_", " ")
    return words[:1].upper() + words[1:]


_FUNCTIONS: dict[str, Callable[..., str]] = {
    "replace": lambda s, old, new: s.replace(old, new),
    "strings.Replace": lambda s, old, new: s.replace(old, new),
    "title": _title_case,
    "strings.Title": _title_case,
    "lower": str.lower,
    "strings.ToLower": str.lower,
    "upper": str.upper,
    "strings.ToUpper": str.upper,
    "humanize": _humanize,
    "urlize": lambda s: _slug.slugify(s),
    "trim": lambda s, cut: s.strip(cut),
}

_FIELDS = {
    ".Date": "date",
    ".Name": "slug",
    ".File.ContentBaseName": "slug",
    ".File.BaseFileName": "slug",
    ".File.TranslationBaseName": "slug",
    ".Section": "section",
    ".Type": "section",
    ".Title": "title",
    ".Site.Title": "site_title",
}


def _pipeline(expr: str, values: dict[str, str]) -> str:
    tokens = _TOKEN.findall(expr)
    if not tokens or any(t in "()" for t in tokens):
        raise _Unknown(expr)
    commands: list[list[str]] = [[]]
    for token in tokens:
        if token == "|":
            commands.append([])
        else:
            commands[-1].append(token)
    result: str | None = None
    for command in commands:
        if not command:
            raise _Unknown(expr)
        args = [_operand(t, values) for t in command[1:]]
        if result is not None:
            args.append(result)
        head = command[0]
        if head in _FUNCTIONS:
            try:
                result = _FUNCTIONS[head](*args)
            except TypeError as exc:  # wrong number of arguments
                raise _Unknown(expr) from exc
        elif not args:
            result = _operand(head, values)
        else:
            raise _Unknown(expr)
    assert result is not None
    return result


def _operand(token: str, values: dict[str, str]) -> str:
    if token.startswith('"'):
        try:
            return str(json.loads(token))  # Go's string escapes are JSON's, near enough
        except ValueError as exc:
            raise _Unknown(token) from exc
    if token.startswith("`"):
        return token[1:-1]
    if token in _FIELDS:
        return values[_FIELDS[token]]
    raise _Unknown(token)
