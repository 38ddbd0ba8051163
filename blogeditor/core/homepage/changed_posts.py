"""Which posts differ from the saved homepage: the truth behind the list's "unsaved" dots.

A post is changed when it is new, when its text or its hidden state differs from the saved
post with the same link, or when it moved. "Moved" is measured against the others: a post
added on top shifts every position but moves nobody, so only the new one is marked; a post
dragged from fifth to first is the one marked, not the four it passed. The posts that kept
their order form the longest increasing run of saved positions (found in n log n time, so a
10,000-post homepage stays quick); everyone outside that run moved.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from typing import Protocol


class _Post(Protocol):
    @property
    def link(self) -> str: ...
    @property
    def markdown(self) -> str: ...
    @property
    def hidden(self) -> bool: ...


def _keys(posts: Sequence[_Post]) -> list[tuple[str, int]]:
    # The same link twice (a hand-edited page) is told apart by its occurrence.
    seen: defaultdict[str, int] = defaultdict(int)
    keys = []
    for post in posts:
        link = post.link.strip().rstrip("/").lower()
        keys.append((link, seen[link]))
        seen[link] += 1
    return keys


def _kept_order(positions: list[int]) -> set[int]:
    """Indexes into ``positions`` of one longest strictly increasing subsequence."""
    tails: list[int] = []  # smallest tail value of an increasing run of each length
    tail_at: list[int] = []  # index (into positions) of that tail
    parent = [-1] * len(positions)
    for i, value in enumerate(positions):
        k = bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_at.append(i)
        else:
            tails[k] = value
            tail_at[k] = i
        parent[i] = tail_at[k - 1] if k else -1
    kept: set[int] = set()
    i = tail_at[-1] if tail_at else -1
    while i != -1:
        kept.add(i)
        i = parent[i]
    return kept


def changed_since_saved(saved: Sequence[_Post], current: Sequence[_Post]) -> list[bool]:
    """One flag per post of ``current``: True when it differs from the saved homepage."""
    if len(saved) == len(current) and all(
            old is new or old.link == new.link for old, new in zip(saved, current, strict=True)):
        # Nobody added, removed or moved (typing in a post): each is compared with itself.
        # A post the model handed out unchanged is the very same object.
        return [old is not new and (old.markdown != new.markdown or old.hidden != new.hidden)
                for old, new in zip(saved, current, strict=True)]
    saved_at = {key: i for i, key in enumerate(_keys(saved))}
    flags = [True] * len(current)
    matched: list[int] = []  # indexes into current of posts that exist in the saved homepage
    positions: list[int] = []  # ... and their saved positions
    for i, key in enumerate(_keys(current)):
        j = saved_at.get(key)
        if j is None:
            continue
        old, new = saved[j], current[i]
        flags[i] = old.markdown != new.markdown or old.hidden != new.hidden
        matched.append(i)
        positions.append(j)
    kept = _kept_order(positions)
    for n, i in enumerate(matched):
        if n not in kept:
            flags[i] = True
    return flags
