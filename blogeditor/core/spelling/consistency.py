"""A name spelled two ways in one text: "Modeplane" in the title, "Modelplane" in the body.

Neither spelling may be a typo to a dictionary (both are names it does not know, and the site
may even have learned one), yet one of them is wrong. Within one teaser or article, names of
five letters or more one slip apart (a letter wrong, missing, added, or two swapped) are
reported at the rarer spelling, naming the other; with equal counts, at the later one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from blogeditor.core.spelling.markup import START, blank_line
from blogeditor.core.spelling.nearness import NearIndex

MIN_LENGTH = 5
# A title line of TOML (title = "...") or YAML (title: "...") front matter.
_CAPITALISED = re.compile(
    rf"(?<![^\W_]|['’])[^\W\d_a-z][^\W_]{{{MIN_LENGTH - 1},}}(?:['’][^\W_]+)*(?![^\W_])")
_TITLE = re.compile(r"""^\s*title\s*[:=]\s*["']?(.*?)["']?\s*$""")


@dataclass(frozen=True)
class Inconsistency:
    line: int  # 1-based
    column: int  # 1-based, in characters
    word: str  # the spelling reported (the rarer one)
    other: str  # the spelling the text uses more (or first)

    def message(self) -> str:
        return f"“{self.word}” is spelled “{self.other}” elsewhere in this text"


def inconsistent_names(
    text: str, known: Callable[[str], bool], blanked_lines: list[str] | None = None
) -> list[Inconsistency]:
    """Rarer spellings of a name the text also spells another way; ``known(word)`` is the
    plain dictionary's answer (dictionary words are not names). ``blanked_lines``: the
    text's lines blanked already (markup.blank_lines), when the caller has them."""
    places: dict[str, list[tuple[int, int]]] = {}
    state = START
    for number, line in enumerate(text.split("\n"), start=1):
        if blanked_lines is not None:
            blanked = blanked_lines[number - 1]
        else:
            blanked, state = blank_line(line.rstrip("\r"), state)
        if not blanked.strip() and (title := _TITLE.match(line)):
            # Front matter is not prose, but its title is the name's most visible spelling.
            blanked = " " * title.start(1) + title.group(1)
        # Only capitalised words of MIN_LENGTH letters or more are candidates: found by one
        # regex rather than testing every word of the line in Python.
        for m in _CAPITALISED.finditer(blanked):
            word = m.group()
            if word[:1].isupper() and not word.isupper():
                places.setdefault(word, []).append((number, m.start() + 1))
    names = [w for w in places if not known(w)]
    if len(names) < 2:
        return []
    counts = Counter({w: len(places[w]) for w in names})
    index = NearIndex(names)
    by_lower = {w.lower(): w for w in names}
    found = []
    for word in names:
        for low in index.near(word):
            other = by_lower.get(low)
            if other is None or other == word or _inflection(word.lower(), low):
                continue
            rarer = counts[word] < counts[other] or (
                counts[word] == counts[other] and places[word][0] > places[other][0])
            if rarer:
                at_line, at_column = places[word][0]
                found.append(Inconsistency(at_line, at_column, word, other))
    return sorted(found, key=lambda f: (f.line, f.column))


def _inflection(a: str, b: str) -> bool:
    """One is the other's plural: "Rollout" and "Rollouts" are one name, not two spellings."""
    short, long = sorted((a, b), key=len)
    return long in (short + "s", short + "es")
