"""Publishing and unpublishing a post: the teaser's visibility and its article's draft flag.

The weekly cycle: a new teaser waits hidden at the top while its article is a draft; on
release day Publish shows the teaser and sets ``draft = false``; the oldest visible teaser
is dropped so the homepage keeps its usual length. ``publish``/``unpublish`` compute the
new homepage and article text without writing anything, so the window can ask questions
(set the date to now? hide the oldest?) and make the change undoable. ``publish_due`` is the
unattended form for cron or CI: it writes the homepage itself.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from blogeditor.core.article.article import Article
from blogeditor.core.article.article_facts import load_article
from blogeditor.core.errors import BlogEditorError, SiteError
from blogeditor.core.homepage.homepage import Homepage
from blogeditor.core.site.site_settings import read_settings, write_setting
from blogeditor.core.storage.backups import site_backup_dir
from blogeditor.core.storage.session import (
    homepage_operation,
    homepage_session,
    merge_homepage,
    save_checked,
)

if TYPE_CHECKING:
    from blogeditor.core.homepage.homepage import Teaser
    from blogeditor.core.site.site import Site

VISIBLE_LIMIT_KEY = "visible_limit"


@dataclass(frozen=True)
class PublishResult:
    """What Publish/Unpublish would do; nothing is written until the caller saves it."""

    homepage: Homepage  # a changed copy; the caller's homepage is untouched
    index: int
    article_path: Path | None = None
    article_before: str | None = None
    article_text: str | None = None  # the new article text (== before when unchanged)
    date_issue: str | None = None  # "empty" or "future" when publishing such an article
    retire: list[int] = field(default_factory=list)  # visible teasers over the limit, oldest last
    messages: list[str] = field(default_factory=list)

    @property
    def article_changed(self) -> bool:
        return self.article_text is not None and self.article_text != self.article_before


def aware(when: dt.datetime) -> dt.datetime:
    """Hugo reads a date without an offset as UTC (unless the site sets timeZone)."""
    return when if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)


def date_issue(article: Article, now: dt.datetime) -> str | None:
    """"empty" or "future" when the article would not appear if published at ``now``."""
    if article.date is None:
        return "empty"
    return "future" if aware(article.date) > aware(now) else None


def publish(
    site: Site, homepage: Homepage, index: int, *, now: dt.datetime, set_date: bool = False
) -> PublishResult:
    """Show teaser ``index`` and set its article's ``draft = false``.

    With ``set_date`` an empty or future date becomes ``now``; without it the result's
    ``date_issue`` says whether the author should be asked. ``retire`` lists the oldest
    visible teasers beyond the site's visible-posts setting (counted before this publish).
    """
    limit = visible_limit(site, homepage)
    new = homepage.copy()
    new.show(index)
    teaser = new.teaser(index)
    messages = [f'Showing "{teaser.title}" on the homepage.']
    path, article = _article(site, teaser)
    text = issue = None
    if article is not None:
        fields: dict[str, object] = {}
        if article.draft:
            fields["draft"] = False
        issue = date_issue(article, now)
        if issue and set_date:
            fields["date"] = _now_for(article, now)
            messages.append(f"Article date set to {fields['date']:%Y-%m-%d %H:%M}.")
            issue = None
        text = article.with_fields(**fields) if fields else article.text
        if article.draft:
            messages.append("Article marked draft = false.")
    else:
        messages.append(f"No article found for {teaser.link}; only the teaser was shown.")
    return PublishResult(
        homepage=new,
        index=index,
        article_path=path,
        article_before=article.text if article is not None else None,
        article_text=text,
        date_issue=issue,
        retire=oldest_to_retire(new, limit),
        messages=messages,
    )


def unpublish(site: Site, homepage: Homepage, index: int) -> PublishResult:
    """Hide teaser ``index`` and set its article's ``draft = true``."""
    new = homepage.copy()
    new.hide(index)
    teaser = new.teaser(index)
    messages = [f'Hiding "{teaser.title}" on the homepage.']
    path, article = _article(site, teaser)
    text = None
    if article is not None:
        text = article.text if article.draft else article.with_field("draft", True)
        if not article.draft:
            messages.append("Article marked draft = true.")
    return PublishResult(
        homepage=new,
        index=index,
        article_path=path,
        article_before=article.text if article is not None else None,
        article_text=text,
        messages=messages,
    )


def save_article(site: Site, path: Path, text: str, *, base: bytes | None = None) -> None:
    """Write an article through the locked save path, keeping the previous version in the
    site's backups. With ``base`` (the bytes the editor read), a file changed meanwhile by
    another program is refused (SaveConflictError) rather than overwritten."""
    save_checked(path, text.encode("utf-8"), base=base, backup_dir=site_backup_dir(site.root))


def save_homepage(site: Site, homepage: Homepage, *, base: bytes | None = None) -> None:
    """Write the homepage through the locked save path. With ``base``, a change another
    program saved meanwhile is merged in, teaser by teaser, or refused (SaveConflictError)."""
    save_checked(site.homepage_path, homepage.to_bytes(), base=base,
                 backup_dir=site_backup_dir(site.root), rebase=merge_homepage)


# -- the visible-posts setting -------------------------------------------------------------


def visible_count(homepage: Homepage) -> int:
    return sum(1 for t in homepage.teasers if not t.hidden)


def stored_visible_limit(site: Site) -> int | None:
    value = read_settings(site.root).get(VISIBLE_LIMIT_KEY)
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def visible_limit(site: Site, homepage: Homepage) -> int:
    """How many posts the homepage should show: the site setting, else as many as it shows."""
    return stored_visible_limit(site) or visible_count(homepage)


def set_visible_limit(site: Site, limit: int | None) -> None:
    if limit is not None and limit < 1:
        raise BlogEditorError("the homepage must show at least one post")
    write_setting(site.root, VISIBLE_LIMIT_KEY, limit)


def oldest_to_retire(homepage: Homepage, limit: int) -> list[int]:
    """Indices of the visible teasers beyond the first ``limit`` (the oldest, lowest down)."""
    visible = [i for i, t in enumerate(homepage.teasers) if not t.hidden]
    return visible[max(limit, 0) :]


# -- scheduled publishing ------------------------------------------------------------------


def publish_due(site: Site, *, now: dt.datetime, dry_run: bool = False) -> list[str]:
    """Show every hidden teaser whose article is not a draft and whose date has arrived.

    Saves the homepage (atomically, with a backup) when anything changed, unless
    ``dry_run``. Returns one human line per thing done or noticed.
    """
    now = aware(now)
    session = homepage_session(site.homepage_path, site_backup_dir(site.root), tidy=not dry_run)
    homepage = Homepage.parse(session.saved or b"")
    before = visible_limit(site, homepage)
    shown: list[str] = []
    waiting: list[str] = []
    due: list[str] = []
    for index, teaser in enumerate(homepage.teasers):
        if not teaser.hidden:
            continue
        label = f'{index + 1}: "{teaser.title}" ({teaser.link})'
        try:
            _, article = _article(site, teaser)
        except BlogEditorError as exc:
            waiting.append(f"Skipped {label}: {exc}")
            continue
        if article is None:
            waiting.append(f"Skipped {label}: no article at {_where(site, teaser)}")
        elif article.draft:
            waiting.append(f"Waiting {label}: the article is a draft")
        elif date_issue(article, now) == "future":
            when = aware(article.date or now)
            waiting.append(f"Waiting {label}: dated {when:%Y-%m-%d %H:%M %z}")
        else:
            homepage.show(index)
            due.append(teaser.link)
            shown.append(f"Showed {label}")
    lines = shown + waiting
    if not shown:
        return [*lines, "Nothing to publish: no hidden post is due."]
    if not dry_run:
        # By link, so a homepage another writer saved meanwhile gets the same posts shown.
        session.apply(homepage_operation(lambda hp: _show_links(hp, due)), homepage.to_bytes())
        homepage = Homepage.parse(session.save().data)
    verb = "Would save" if dry_run else "Saved"
    count = visible_count(homepage)
    lines.append(f"{verb} {site.homepage_path} ({count} posts visible).")
    if count > before and stored_visible_limit(site) is not None:
        lines.append(f"The homepage now shows {count} posts, more than the site's setting of "
                     f"{before}: hide or remove the oldest in BlogEditor.")
    return lines


# -- title drift ---------------------------------------------------------------------------

def article_title(site: Site, link: str) -> str | None:
    """The title in the linked article's front matter (read again only when it changed)."""
    path = site.article_path(link)
    if path is None:
        return None
    try:
        return load_article(path).title
    except BlogEditorError:
        return None


def title_drift(site: Site | None, teaser: Teaser) -> str | None:
    """The article's title when it differs from the teaser's (spacing aside), else None."""
    if site is None:
        return None
    title = article_title(site, teaser.link)
    if title is None or _norm_title(title) == _norm_title(teaser.title):
        return None
    return title


def _norm_title(title: str) -> str:
    return " ".join(title.split())


# -- teaser text from the article ----------------------------------------------------------

_RELATIVE_IMAGE = re.compile(r"(!\[[^\]]*\]\()(?![a-z][a-z0-9+.-]*:|/|#)([^)\s]+)")
_RELATIVE_SRC = re.compile(r"""(<img\b[^>]*?\bsrc=["'])(?![a-z][a-z0-9+.-]*:|/|#)([^"']+)""",
                           re.IGNORECASE)


def teaser_body_from_summary(summary: str, link: str) -> str:
    """The article's summary as a teaser body: images inside the article's bundle are
    written relative to the bundle, so they become site paths the homepage can show."""
    base = "/" + link.strip().strip("/")
    summary = _RELATIVE_IMAGE.sub(lambda m: f"{m.group(1)}{base}/{m.group(2)}", summary)
    return _RELATIVE_SRC.sub(lambda m: f"{m.group(1)}{base}/{m.group(2)}", summary).strip()


# -- helpers -------------------------------------------------------------------------------


def _article(site: Site, teaser: Teaser) -> tuple[Path | None, Article | None]:
    path = site.article_path(teaser.link)
    if path is None:
        return None, None
    return path, Article.load(path)


def _show_links(homepage: Homepage, links: list[str]) -> None:
    for link in links:
        index = homepage.index_of_link(link)
        if index is None:
            raise BlogEditorError(f"{link} is no longer on the homepage")
        homepage.show(index)


def _where(site: Site, teaser: Teaser) -> str:
    try:
        return str(site.bundle_dir(teaser.link).relative_to(site.root))
    except (ValueError, SiteError):
        return teaser.link


def _now_for(article: Article, now: dt.datetime) -> dt.datetime:
    """``now`` in the article's own habit: with the offset its date had, or local time."""
    now = aware(now).replace(microsecond=0)
    if article.date is not None and article.date.tzinfo is not None:
        return now.astimezone(article.date.tzinfo)
    return now.astimezone()
