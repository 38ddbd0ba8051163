"""What differs between two versions of a teaser, as character spans to highlight.

Lines that only one side has, or that changed, are marked whole; inside a changed line the
words that differ are marked again, so a one-word edit in a long paragraph is easy to see.
Offsets are in Python characters of each side's text.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

_WORD = re.compile(r"\w+|[^\w\s]+|\s+")


@dataclass(frozen=True)
class Span:
    start: int
    length: int
    kind: str  # "line" (a changed or added line) or "word" (what changed inside it)


def _lines_with_offsets(text: str) -> tuple[list[str], list[int]]:
    lines = text.splitlines(keepends=True)
    offsets, at = [], 0
    for line in lines:
        offsets.append(at)
        at += len(line)
    return lines, offsets


def _words(line: str) -> tuple[list[str], list[int]]:
    tokens = _WORD.findall(line)
    offsets, at = [], 0
    for token in tokens:
        offsets.append(at)
        at += len(token)
    return tokens, offsets


def _word_spans(a: str, b: str, a_at: int, b_at: int) -> tuple[list[Span], list[Span]]:
    wa, oa = _words(a)
    wb, ob = _words(b)
    out_a: list[Span] = []
    out_b: list[Span] = []
    matcher = difflib.SequenceMatcher(None, wa, wb, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if i2 > i1:
            start = oa[i1]
            out_a.append(Span(a_at + start, oa[i2 - 1] + len(wa[i2 - 1]) - start, "word"))
        if j2 > j1:
            start = ob[j1]
            out_b.append(Span(b_at + start, ob[j2 - 1] + len(wb[j2 - 1]) - start, "word"))
    return out_a, out_b


def changed_spans(a: str, b: str) -> tuple[list[Span], list[Span]]:
    """Spans of ``a`` and of ``b`` that the other version does not have."""
    la, oa = _lines_with_offsets(a)
    lb, ob = _lines_with_offsets(b)
    out_a: list[Span] = []
    out_b: list[Span] = []
    matcher = difflib.SequenceMatcher(None, la, lb, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        out_a += [Span(oa[i], len(la[i].rstrip("\r\n")), "line") for i in range(i1, i2)]
        out_b += [Span(ob[j], len(lb[j].rstrip("\r\n")), "line") for j in range(j1, j2)]
        if tag == "replace":
            # Pair the lines in order; each pair's differing words are marked as well.
            for i, j in zip(range(i1, i2), range(j1, j2), strict=False):
                words_a, words_b = _word_spans(la[i].rstrip("\r\n"), lb[j].rstrip("\r\n"), oa[i], ob[j])
                out_a += words_a
                out_b += words_b
    return out_a, out_b
