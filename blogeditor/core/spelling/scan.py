"""Misspelled words of a line or a document: markup blanked, words checked, positions kept.

Pure functions over a `check(word) -> bool` callable, safe to run in a worker thread. Editor
positions are UTF-16 code units (what Qt counts); file positions are 1-based lines and columns
in characters (what the command line prints).
"""

from __future__ import annotations

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
    line: str, state: int, check: Check | SpellChecker
) -> tuple[list[tuple[int, int, str]], int]:
    """(start, end, word) of each misspelled word (character indices) and the next line's state.

    Pass the SpellChecker itself rather than its check method where speed matters: its known
    words then drop out by set arithmetic instead of one Python call per word.
    """
    blanked, following = blank_line(line, state)
    # Most words pass the (cached) check, so the skip rules run only on the few rejected ones.
    bad = {w for w in _misspelled_of(check)(WORD.findall(blanked)) if worth_checking(w)}
    if not bad:
        return [], following
    found = [(m.start(), m.end(), m.group()) for m in WORD.finditer(blanked)
             if m.group() in bad and not is_hyphen_prefix(m.group(), blanked[m.end():m.end() + 1])]
    return found, following


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


def document_misspellings(text: str, check: Check | SpellChecker) -> Iterator[Misspelling]:
    """Every misspelled word of a Markdown document, in order."""
    state = START
    for number, line in enumerate(text.split("\n"), start=1):
        found, state = line_misspellings(line.rstrip("\r"), state, check)
        for start, _end, word in found:
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
