"""Known misspellings, from codespell's dictionary: always flagged, never learned.

codespell (https://github.com/codespell-project/codespell, GPL-2.0) maintains tens of
thousands of real misspellings with their corrections ("recieve->receive"). Such a word is a
typo even when an author repeats it across articles, so the learner must not take it for
site vocabulary, and its correction is the best first suggestion. Only the main dictionary is
used: the "rare" and "code" lists hold words that are right in some texts.

The rule reads lowercase and Capitalised words only: an all-capital word is an acronym, and
a word with capitals inside is a name (GitHub), neither of which codespell's entries mean.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def _table() -> dict[str, tuple[str, ...]]:
    try:
        text = files("codespell_lib").joinpath("data", "dictionary.txt").read_text(encoding="utf-8")
    except (ModuleNotFoundError, OSError):
        return {}  # without codespell, only the dictionary judges
    table: dict[str, tuple[str, ...]] = {}
    for line in text.splitlines():
        typo, sep, fixes = line.partition("->")
        if not sep:
            continue
        # A trailing comma marks entries codespell will not fix on its own; the fixes still stand.
        table[typo.strip()] = tuple(f.strip() for f in fixes.split(",") if f.strip())
    return table


def _readable_case(word: str) -> bool:
    return word.islower() or (word[:1].isupper() and word[1:].islower())


def corrections(word: str) -> tuple[str, ...] | None:
    """The corrections of a known misspelling, in the word's own case; None for other words."""
    if not _readable_case(word):
        return None
    found = _table().get(word.lower())
    if found is None:
        return None
    if word[:1].isupper():
        return tuple(f[:1].upper() + f[1:] for f in found)
    return found


def is_known_misspelling(word: str) -> bool:
    return corrections(word) is not None


def count() -> int:
    return len(_table())
