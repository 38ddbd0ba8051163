"""Per post: changed here and not committed, committed and not pushed, changed upstream.

A post is its teaser on the homepage plus its article folder ``content/<section>/<slug>/``
(or ``<slug>.md``). The teaser counts as changed between two homepages when it is new, gone,
edited, hidden/shown or moved against the others (``core/homepage/changed_posts.py``'s rule, the one
the list's dots use), so the states agree with what the author sees.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from blogeditor.core.errors import BlogEditorError
from blogeditor.core.homepage.changed_posts import changed_since_saved
from blogeditor.core.homepage.homepage import Homepage, Teaser


@dataclass(frozen=True)
class PostState:
    link: str  # as the teaser writes it: the key the window's list already uses
    title: str
    uncommitted: bool = False
    unpushed: bool = False
    upstream: bool = False  # changed on the upstream branch (as of the last fetch)
    conflicted: bool = False
    paths: tuple[str, ...] = ()  # this post's uncommitted files (homepage included)
    on_homepage: bool = True  # False: the teaser exists only upstream (or was removed here)

    @property
    def words(self) -> str:
        """A short description for a table or a tooltip."""
        parts = [w for flag, w in ((self.conflicted, "conflict"), (self.uncommitted, "uncommitted"),
                                   (self.unpushed, "not pushed"), (self.upstream, "changed upstream"))
                 if flag]
        return ", ".join(parts) or "up to date"


@dataclass(frozen=True)
class PostStates:
    posts: dict[str, PostState] = field(default_factory=dict)
    error: str | None = None


def norm(link: str) -> str:
    return link.strip().strip("/").lower()


def parse_homepage(data: bytes | None) -> Homepage | None:
    if data is None:
        return None
    try:
        return Homepage.parse(data)
    except BlogEditorError:
        return None  # an unreadable version: its teasers cannot be compared, files still can


def changed_links(old: Homepage | None, new: Homepage | None) -> set[str]:
    """Normalized links of the teasers that differ between two homepages."""
    before = old.teasers if old else []
    after = new.teasers if new else []
    flags = changed_since_saved(before, after)
    found = {norm(t.link) for t, changed in zip(after, flags, strict=True) if changed}
    kept = {norm(t.link) for t in after}
    found.update(norm(t.link) for t in before if norm(t.link) not in kept)
    return found


@dataclass(frozen=True)
class _Bare:
    """A teaser reduced to its link, so that only moves count as changes."""

    link: str
    markdown: str = ""
    hidden: bool = False


def moved_links(before: list[Teaser], after: list[Teaser]) -> set[str]:
    """Normalized links of the teasers both lists hold that moved against the others."""
    common = {norm(t.link) for t in before} & {norm(t.link) for t in after}
    old = [_Bare(norm(t.link)) for t in before if norm(t.link) in common]
    new = [_Bare(norm(t.link)) for t in after if norm(t.link) in common]
    return {p.link for p, flag in zip(new, changed_since_saved(old, new), strict=True) if flag}


def belongs(path: str, link: str, content_prefix: str) -> bool:
    """Whether a work-tree path is part of the article ``link`` names."""
    folder = content_prefix + link.strip().strip("/")
    return path.startswith(folder + "/") or path == folder + ".md"


@dataclass(frozen=True)
class Changes:
    """What changed in one span of history: the homepage's teasers and the files."""

    teasers: set[str] = field(default_factory=set)
    paths: list[str] = field(default_factory=list)

    def touches(self, teaser: Teaser, prefix: str) -> list[str]:
        own = [p for p in self.paths if belongs(p, teaser.link, prefix)]
        return own if own or norm(teaser.link) not in self.teasers else ["(homepage)"]


def post_states(
    teasers: Iterable[Teaser],
    *,
    content_prefix: str,
    homepage_path: str,
    uncommitted: Changes,
    unpushed: Changes,
    upstream: Changes,
    conflicted: Iterable[str] = (),
    extra: Iterable[Teaser] = (),
) -> dict[str, PostState]:
    """The state of each teaser of the working homepage, then of ``extra`` teasers (those
    only upstream), keyed by link as written."""
    conflicts = set(conflicted)
    states: dict[str, PostState] = {}
    for on_page, group in ((True, teasers), (False, extra)):
        for t in group:
            if t.link in states:
                continue
            mine = uncommitted.touches(t, content_prefix)
            paths = tuple(homepage_path if p == "(homepage)" else p for p in mine)
            states[t.link] = PostState(
                t.link, t.title, uncommitted=bool(mine),
                unpushed=bool(unpushed.touches(t, content_prefix)),
                upstream=bool(upstream.touches(t, content_prefix)),
                conflicted=any(p in conflicts for p in paths),
                paths=paths, on_homepage=on_page)
    return states
