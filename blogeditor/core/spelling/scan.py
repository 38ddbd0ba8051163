"""Misspelled words of a line or a document: markup blanked, words checked, positions kept.

Pure functions over a `check(word) -> bool` callable, safe to run in a worker thread. Editor
positions are UTF-16 code units (what Qt counts); file positions are 1-based lines and columns
in characters (what the command line prints).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from blogeditor.core.spelling.checker import SpellChecker
from blogeditor.core.spelling.markup import START, WORD, blank_line, next_state, worth_checking
from blogeditor.core.spelling.trade import is_hyphen_prefix

Check = Callable[[str], bool]


def _misspelled_of(check: Check | SpellChecker) -> Callable[[list[str]], set[str]]:
    if isinstance(check, SpellChecker):
        return check.misspelled
    return lambda ws: {w for w in set(ws) if not check(w)}


def line_misspellings(
    line: str, state: int, check: Check | SpellChecker, *, names: bool = True
) -> tuple[list[tuple[int, int, str]], int]:
    """(start, end, word) of each misspelled word (character indices) and the next line's state.

    Pass the SpellChecker itself rather than its check method where speed matters: its known
    words then drop out by set arithmetic instead of one Python call per word; it also lets
    proper names in running text pass (``names``; the vocabulary learner counts them all).
    """
    blanked, following = blank_line(line, state)
    return misspelled_in(blanked, check, names=names), following


def misspelled_in(
    blanked: str, check: Check | SpellChecker, *, names: bool = True
) -> list[tuple[int, int, str]]:
    """``line_misspellings`` of a line already blanked (blank_line)."""
    # Most words pass the (cached) check, so the skip rules run only on the few rejected ones.
    bad = {w for w in _misspelled_of(check)(WORD.findall(blanked)) if worth_checking(w)}
    if not bad:
        return []
    found = [(m.start(), m.end(), m.group()) for m in WORD.finditer(blanked)
             if m.group() in bad and not is_hyphen_prefix(m.group(), blanked[m.end():m.end() + 1])]
    if names and isinstance(check, SpellChecker):
        names_here = [_proper_name(blanked, f[0], f[1], check) for f in found]
        # One verdict per word on a line: "Quuxly and Quuxly." underlines both, as the first
        # (at the sentence's start) cannot be read as a name.
        doubtful = {f[2] for f, name in zip(found, names_here, strict=True) if not name}
        found = [f for f, name in zip(found, names_here, strict=True)
                 if not name or f[2] in doubtful]
    return found


def _proper_name(blanked: str, start: int, end: int, checker: SpellChecker) -> bool:
    """Inside a sentence a capital marks a proper name; at its start it marks nothing. A word
    next to a person's name is part of that name ("Florian Bruhin", "Fabio Zadrozny"), even
    one slip from an English word."""
    word = blanked[start:end]
    if not word[:1].isupper():
        return False
    if not sentence_start(blanked, start) and checker.looks_like_name(word):
        return True
    before = _NAME_BEFORE.search(blanked, 0, start)
    after = _NAME_AFTER.match(blanked, end)
    return any(_person(m.group(1), checker) for m in (before, after) if m is not None)


_NAME_BEFORE = re.compile(r"([^\W\d_]+) $")
_NAME_AFTER = re.compile(r" ([^\W\d_]+)")


def _person(word: str, checker: SpellChecker) -> bool:
    if not (word[:1].isupper() and word[1:].islower()):
        return False
    return checker.is_person_name(word) or (not checker.check(word) and checker.looks_like_name(word))


# What may stand before a sentence's first word on its line: list markers, heading marks,
# quote marks, table bars, numbers of an ordered list, opening brackets and emphasis.
_LEAD = frozenset(" \t-*+#>|0123456789.)([\"'“‘_~")
_ENDS = frozenset(".!?:;")


def sentence_start(blanked: str, start: int) -> bool:
    """True when the word at ``start`` may open a sentence: first on its line after markers
    only, or after a full stop, colon... (a wrapped line's first word counts as one)."""
    i = start - 1
    while i >= 0 and blanked[i] in " \t([\"'“‘*_~":
        i -= 1
    if i >= 1 and blanked[i] == "." and blanked[i - 1].isupper() and (
            i == 1 or not blanked[i - 2].isalnum()):
        return False  # after an initial: "Igor T. Ghisi"
    if i < 0 or blanked[i] in _ENDS:
        return True
    return all(c in _LEAD for c in blanked[:i + 1])


def to_utf16(line: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Character spans of `line` as (UTF-16 start, UTF-16 length), the way Qt counts."""
    if line.isascii():
        return [(s, e - s) for s, e, _ in spans]
    ranges = []
    for s, e, _ in spans:
        start = len(line[:s].encode("utf-16-le")) // 2
        ranges.append((start, len(line[s:e].encode("utf-16-le")) // 2))
    return ranges


@dataclass(frozen=True)
class Misspelling:
    line: int  # 1-based
    column: int  # 1-based, in characters
    word: str


def document_misspellings(
    text: str, check: Check | SpellChecker, *, names: bool = True
) -> Iterator[Misspelling]:
    """Every misspelled word of a Markdown document, in order."""
    state = START
    for number, line in enumerate(text.split("\n"), start=1):
        found, state = line_misspellings(line.rstrip("\r"), state, check, names=names)
        for start, _end, word in found:
            yield Misspelling(number, start + 1, word)


def blanked_misspellings(
    blanked_lines: list[str], check: Check | SpellChecker
) -> Iterator[Misspelling]:
    """``document_misspellings`` of a document already blanked (markup.blank_lines)."""
    for number, blanked in enumerate(blanked_lines, start=1):
        for start, _end, word in misspelled_in(blanked, check):
            yield Misspelling(number, start + 1, word)


def lines_ranges(
    lines: list[str],
    states: list[int],
    check: Check | SpellChecker,
    cancelled: Callable[[], bool] = lambda: False,
) -> list[list[tuple[int, int]]] | None:
    """Misspelled (UTF-16 start, length) ranges of each line, given each line's start state.

    Returns None when `cancelled()` turned true on the way (checked every few hundred lines),
    so a worker can drop a pass that a newer one replaced.
    """
    result: list[list[tuple[int, int]]] = []
    for i, (line, state) in enumerate(zip(lines, states, strict=True)):
        if i % 256 == 0 and cancelled():
            return None
        found, _ = line_misspellings(line, state, check)
        result.append(to_utf16(line, found) if found else [])
    return result


def line_states(lines: list[str], first: int = START) -> list[int]:
    """The state each line starts in (the first line may open front matter)."""
    states = []
    state = first
    for line in lines:
        states.append(state)
        state = next_state(line, state)
    return states
