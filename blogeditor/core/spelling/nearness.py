"""Which words lie within two edits of a word in a large set, without comparing to each.

Every word of the set is indexed under the strings it gives when one or two of its letters
are deleted (symmetric-delete, as in SymSpell); two words within two edits of each other
share such a string, so a lookup only measures the few candidates that do. Building the
index for the 7,000 built-in trade words takes a fraction of a second and is done once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from blogeditor.core.spelling.distance import slip_distance

MAX_EDITS = 2


def _deletes(word: str, depth: int = MAX_EDITS) -> set[str]:
    found = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))} - found
        found |= frontier
    return found


class NearIndex:
    def __init__(self, words: Iterable[str], depth: int = MAX_EDITS) -> None:
        # depth 1 finds every word one slip away (a swap of neighbours shares a one-letter
        # delete too) and builds ten times faster than depth 2.
        self._depth = depth
        self._by_delete: defaultdict[str, set[str]] = defaultdict(set)
        for word in {w.lower() for w in words if len(w) > 3}:
            for key in _deletes(word, depth):
                self._by_delete[key].add(word)

    def near(self, word: str) -> list[str]:
        """The indexed words (lowercase) a slip of the keyboard away from ``word``: one letter
        wrong, missing, added, or two neighbours swapped ("Terrafrom" for "Terraform"), between
        words of four letters or more. Two slips make another word, not a typo of it
        ("inotify" and "spotify", "quux" and "Quuxly")."""
        low = word.lower()
        candidates: set[str] = set()
        for key in _deletes(low, self._depth):
            candidates |= self._by_delete.get(key, set())
        candidates.discard(low)
        return sorted(c for c in candidates if _slip(low, c))


def _slip(a: str, b: str) -> bool:
    return min(len(a), len(b)) >= 4 and slip_distance(a, b) == 1
