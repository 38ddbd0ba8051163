"""Misspelled words of a line or a document: markup blanked, words checked, positions kept.

Pure functions over a `check(word) -> bool` callable, safe to run in a worker thread. Editor
positions are UTF-16 code units (what Qt counts); file positions are 1-based lines and columns
in characters (what the command line prints).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from blogeditor.core.spelling.markup import START, blank_line, utf16_converter, words

Check = Callable[[str], bool]


def line_misspellings(line: str, state: int, check: Check) -> tuple[list[tuple[int, int, str]], int]:
    """(start, end, word) of each misspelled word (character indices) and the next line's state."""
    blanked, following = blank_line(line, state)
    return [(s, e, w) for s, e, w in words(blanked) if not check(w)], following


def to_utf16(line: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Character spans of `line` as (UTF-16 start, UTF-16 length), the way Qt counts."""
    table = utf16_converter(line)
    if table is None:
        return [(s, e - s) for s, e, _ in spans]
    return [(table[s], table[e] - table[s]) for s, e, _ in spans]


@dataclass(frozen=True)
class Misspelling:
    line: int  # 1-based
    column: int  # 1-based, in characters
    word: str


def document_misspellings(text: str, check: Check) -> Iterator[Misspelling]:
    """Every misspelled word of a Markdown document, in order."""
    state = START
    for number, line in enumerate(text.split("\n"), start=1):
        found, state = line_misspellings(line.rstrip("\r"), state, check)
        for start, _end, word in found:
            yield Misspelling(number, start + 1, word)
