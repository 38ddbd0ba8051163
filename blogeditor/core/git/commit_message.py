"""A commit message suggested from what changed: HEAD's homepage against the working one.

The words are the author's: "Publish: Title" when a hidden teaser became visible,
"Homepage: move Title up, hide Title", "Edit: Title" for an article. Short, because a
commit message's first line is what every log shows.
"""

from __future__ import annotations

from collections.abc import Iterable

from blogeditor.core.git.post_state import moved_links, norm
from blogeditor.core.homepage.homepage import Homepage

MAX_LENGTH = 72


def homepage_changes(head: Homepage | None, work: Homepage | None) -> tuple[list[str], list[str]]:
    """(titles published, homepage phrases like "move X up") from HEAD to the working tree."""
    before = head.teasers if head else []
    after = work.teasers if work else []
    old = {norm(t.link): (i, t) for i, t in enumerate(before)}
    new_links = {norm(t.link) for t in after}
    published: list[str] = []
    phrases: list[str] = []
    moved = moved_links(before, after)
    common_before = [norm(t.link) for t in before if norm(t.link) in new_links]
    common_after = [norm(t.link) for t in after if norm(t.link) in old]
    for t in after:
        key = norm(t.link)
        if key not in old:
            phrases.append(f"add {t.title}")
            continue
        prev = old[key][1]
        if prev.hidden and not t.hidden:
            published.append(t.title)
        elif t.hidden and not prev.hidden:
            phrases.append(f"hide {t.title}")
        if key in moved:
            up = common_after.index(key) < common_before.index(key)
            phrases.append(f"move {t.title} {'up' if up else 'down'}")
        if prev.markdown != t.markdown:
            phrases.append(f"edit {t.title}")
    phrases.extend(f"remove {t.title}" for t in before if norm(t.link) not in new_links)
    return published, phrases


def suggest(head: Homepage | None, work: Homepage | None, edited_articles: Iterable[str] = (),
            *, other_files: int = 0) -> str:
    """The suggested first line. ``edited_articles`` are titles of changed articles."""
    published, phrases = homepage_changes(head, work)
    edits = [t for t in dict.fromkeys(edited_articles) if t not in published]
    parts: list[str] = []
    if published:
        parts.append("Publish: " + ", ".join(published))
    if phrases:
        parts.append("Homepage: " + ", ".join(phrases))
    if edits:
        parts.append("Edit: " + ", ".join(edits))
    if not parts:
        return "Update the site" if other_files else ""
    return _shorten("; ".join(parts))


def _shorten(text: str) -> str:
    if len(text) <= MAX_LENGTH:
        return text
    cut = text[: MAX_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"
