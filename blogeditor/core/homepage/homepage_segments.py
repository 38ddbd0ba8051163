"""Reading a homepage's text into a head and one segment per teaser (see homepage.py).

A segment is ``lead + own text + trail``; joining head and segments gives the text back
exactly. Each segment also records whether a comment hides it, and whether that comment
is its own (opened in its lead, closed in its trail) or shared with other text.

What is a post heading and what a comment is decided the way Hugo (Goldmark, CommonMark)
and then the browser decide it, by one pass over the lines (``_Scanner``): ``## [x](y)``
inside fenced or indented code is code, ``<!--`` inside a code span is text, a ``<!--`` at
the start of a line opens an HTML block that the browser reads as a comment up to the first
``-->``, a heading right under a tag alone on its line is raw HTML, and a ``-->`` outside
any comment is text that Hugo prints. markdown-it-py would say the same for the visible
part, but it needs 1.5 s for the block structure of a 10,000-post homepage (7 MB), every
edit parses twice, and it cannot look inside hidden teasers; the scanner reads that file in
0.3 s. Every step is linear in the text: no search runs from the start of the file again
(line numbers come from one offset table). Not modelled, as no teaser is shaped so: list
and quote containers, setext headings, and a browser comment opened in raw HTML that
Markdown text after it (where Hugo escapes ``-->``) cannot close.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from blogeditor.core.article.front_matter import split_front_matter
from blogeditor.core.errors import HomepageFormatError
from blogeditor.core.homepage import teaser_text as tt

_SEPARATOR_ONLY = re.compile(
    r"^[ \t]*(?:(?:-{3,}|\*{3,}|_{3,})[ \t]*)?(?:-->[ \t]*)*(?:<!--[ \t]*)?$"
)
_TRAILING_CLOSERS = re.compile(r"(?:[ \t]*-->)+\Z")
_LEAD_OPENERS = re.compile(r"(?:[ \t]*<!--[ \t]*)+")
_BLOCK_COMMENT = re.compile(r" {0,3}<!--")
_DIVIDER = "<!--more-->"
_ATX = re.compile(r" {0,3}#{1,6}(?:[ \t]|\r?$)")
_BREAK = re.compile(r" {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})\r?$")
_INDENTED = re.compile(r"(?: {4}| {0,3}\t)")
# What matters inside a paragraph: escapes, backtick runs, "<!--" and "-->". The leading
# character class lets the regex engine skip plain text fast (three times faster).
_INLINE = re.compile(r"[\\`<-](?:(?<=\\).|(?<=`)`*|(?<=<)!--|(?<=-)->)", re.DOTALL)
# A cheap first look: lines that might start a block other than a paragraph (most lines
# of a homepage are prose, and a set lookup costs a tenth of a regular expression).
_BLOCK_CHARS = frozenset(" \t<`~#-*_")
_BLOCKISH = re.compile(r" {0,3}(?:<|```|~~~|#|[-*_][ \t]*[-*_][ \t]*[-*_])| {4}| {0,3}\t")
# CommonMark's HTML blocks of types 6 (block-level tags; may interrupt a paragraph) and 7
# (any other tag alone on its line, as a bare thumbnail <img> is): raw HTML up to the next
# blank line, so a "## [x](y)" right under such a line is printed as text, not a heading.
_HTML6 = re.compile(
    r" {0,3}</?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|"
    r"colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|"
    r"frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|"
    r"noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|"
    r"thead|title|tr|track|ul)(?:[ \t>]|/>|\r?$)", re.IGNORECASE)
_HTML7 = re.compile(
    r" {0,3}(?:<(?!(?:script|style|pre|textarea)\b)[A-Za-z][A-Za-z0-9-]*"
    r"""(?:[ \t]+[A-Za-z_:][A-Za-z0-9_.:-]*(?:[ \t]*=[ \t]*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*"""
    r"[ \t]*/?>|</[A-Za-z][A-Za-z0-9-]*[ \t]*>)[ \t]*\r?$", re.IGNORECASE)


@dataclass
class Segment:
    lead: str
    core: str
    trail: str
    # Derived from the current text by parsing; refreshed after every operation.
    hidden: bool = False
    contained: bool = True  # its comment (if any) opens in its lead and closes in its trail
    group: int | None = None  # index of the comment that hides it
    # Trails and leads it had in other states, so that undoing a change restores them.
    stash: dict[tuple[str, bool, bool], str] = field(default_factory=dict)
    _parts: tuple[str, tt.TeaserParts] | None = field(default=None, repr=False, compare=False)
    # The Teaser last made of it, with what it was made from (homepage.py ``teaser``).
    teaser_made: tuple[tuple[str, bool, tuple[int, int, int]], object] | None = field(
        default=None, repr=False, compare=False)

    def copy(self) -> Segment:
        return Segment(self.lead, self.core, self.trail, self.hidden, self.contained,
                        self.group, dict(self.stash), self._parts, self.teaser_made)

    def parts(self) -> tt.TeaserParts:
        """The parts of its own text, read once per text (listing 10,000 teasers asks often)."""
        if self._parts is None or self._parts[0] != self.core:
            self._parts = (self.core, tt.parse_parts(self.core))
        return self._parts[1]


@dataclass
class Parsed:
    head: str
    segments: list[Segment]
    lines: list[tuple[int, int, int]]  # per teaser: heading, start and end line (1-based)
    comments: list[tuple[int, int]] = field(default_factory=list)  # what the browser hides
    strays: list[int] = field(default_factory=list)  # offsets of a "-->" Hugo prints as text
    headings: list[int] = field(default_factory=list)  # offset of each teaser's "##"
    line_starts: list[int] = field(default_factory=list)  # offset of each line
    divider: int = -1  # where the "<!--more-->" Hugo cuts out is, if anywhere


@dataclass(frozen=True)
class Trouble:
    """Comment markers that do on the page what their author cannot have meant."""

    kind: str  # "stray-closer" or "comment-swallows"
    index: int  # the teaser it is in, or the first one it hides (0-based)
    line: int  # 1-based line of the "-->", or of the "<!--" that swallows
    teasers: tuple[int, ...] = ()  # the teasers a swallowing comment hides
    inner_line: int = 0  # where a "<!--" inside that comment shows the author thought it closed


class _Scanner:
    """One pass over the lines: post headings, comments as the browser sees them, stray closers."""

    def __init__(self, text: str, lines: list[str], offsets: list[int], body: int) -> None:
        self.text, self.lines, self.offsets = text, lines, offsets
        # Hugo cuts the first "<!--more-->" (the summary divider) out before Markdown sees
        # the text, so it neither opens nor closes a comment: a hidden teaser holding one
        # stays hidden to its own "-->".
        self.divider = text.find(_DIVIDER, body)
        self.spans: list[tuple[int, int]] = []
        self.headings: list[int] = []
        self.strays: list[int] = []

    def run(self, first: int) -> None:
        lines, n = self.lines, len(self.lines)
        fence: str | None = None
        in_para = False
        i = first
        while i < n:
            line = lines[i]
            if fence is not None:
                if tt.fence_closes(fence, line):
                    fence = None
                i += 1
                continue
            if not line or line.isspace():
                in_para = False
                i += 1
                continue
            if line[0] not in _BLOCK_CHARS or not _BLOCKISH.match(line):
                pass
            elif (m := _BLOCK_COMMENT.match(line)) and not self._at_divider(
                    self.offsets[i] + m.end() - 4):
                # An HTML block of comment type (it may interrupt a paragraph).
                i = self._comment(self.offsets[i] + m.end() - 4, i)
                in_para = False
                continue
            elif _HTML6.match(line) or (not in_para and _HTML7.match(line)):
                i = self._raw_html(i)
                in_para = False
                continue
            elif not in_para and _INDENTED.match(line):
                i += 1  # indented code
                continue
            elif m := tt.FENCE_RE.match(line):
                fence, in_para = m.group("fence"), False
                i += 1
                continue
            elif _ATX.match(line):
                if tt.HEADING_RE.match(line):
                    self.headings.append(i)
                self._inline(self.offsets[i], self.offsets[i] + len(line))
                in_para = False
                i += 1
                continue
            elif _BREAK.match(line):
                in_para = False
                i += 1
                continue
            j = i + 1  # a paragraph (or list, table, ...) runs to a blank line or a new block
            while j < n:
                nxt = lines[j]
                if not nxt or nxt.isspace() or (nxt[0] in _BLOCK_CHARS and _BLOCKISH.match(nxt)
                                                and self._interrupts(nxt)):
                    break
                j += 1
            self._inline(self.offsets[i], self.offsets[j - 1] + len(lines[j - 1]))
            in_para = True
            i = j

    def _raw_html(self, i: int) -> int:
        """An HTML block from line ``i`` to a blank line; returns the line after it."""
        text, lines, offsets = self.text, self.lines, self.offsets
        n = len(lines)
        j = i
        while j < n and lines[j] and not lines[j].isspace():
            j += 1
        k, pos = i, offsets[i]
        while k < j:
            stop = offsets[k] + len(lines[k])
            opener = text.find("<!--", pos, stop)
            while opener != -1 and self._at_divider(opener):
                opener = text.find("<!--", opener + len(_DIVIDER), stop)
            close = text.find("-->", pos, stop if opener == -1 else opener)
            while close != -1:  # raw "-->" outside a comment: the browser prints it
                self.strays.append(close)
                close = text.find("-->", close + 3, stop if opener == -1 else opener)
            if opener == -1:
                k += 1
                pos = offsets[k] if k < n else stop
                continue
            # The browser's comment runs to its "-->", even past the block's end.
            k = self._comment(opener, k)
            pos = offsets[k] if k < n else len(text)
        return k

    def _at_divider(self, pos: int) -> bool:
        return pos == self.divider != -1

    @staticmethod
    def _interrupts(line: str) -> bool:
        return bool(_BLOCK_COMMENT.match(line) or tt.FENCE_RE.match(line) or _ATX.match(line)
                    or _BREAK.match(line) or _HTML6.match(line))

    def _comment(self, start: int, i: int) -> int:
        """A comment opening at ``start`` on line ``i``; returns the line after its block."""
        text, lines, offsets = self.text, self.lines, self.offsets
        while True:
            end = text.find("-->", start + 2)  # "<!-->" is a whole (empty) comment
            if self.divider != -1 and end == self.divider + len(_DIVIDER) - 3:
                end = text.find("-->", end + 3)
            if end == -1:
                number = bisect.bisect_right(offsets, start)
                raise HomepageFormatError(
                    f"The homepage has a comment '<!--' on line {number} that never closes with "
                    "'-->'; close it and open the file again"
                )
            self.spans.append((start, end + 3))
            # The hidden text is still Markdown to its author: a heading there is a hidden
            # post unless it sits in a fenced code block.
            fence: str | None = None
            while True:
                line = lines[i]
                if offsets[i] + len(line) >= start:
                    if fence is not None:
                        if tt.fence_closes(fence, line):
                            fence = None
                    elif m := tt.FENCE_RE.match(tt.strip_openers(line)):
                        fence = m.group("fence")
                    elif (h := tt.HEADING_RE.match(line)) and (
                            start <= offsets[i] + len(h["pre"]) < end):
                        self.headings.append(i)
                if offsets[i] + len(line) >= end + 3:
                    break
                i += 1
            # The rest of the closing line is raw HTML too: another "<!--" there opens a
            # comment; a "-->" there is printed as text.
            stop = offsets[i] + len(line)
            pos = end + 3
            while True:
                nxt = text.find("<!--", pos, stop)
                close = text.find("-->", pos, stop if nxt == -1 else nxt)
                if close != -1:
                    self.strays.append(close)
                    pos = close + 3
                    continue
                break
            if nxt == -1:
                return i + 1
            start = nxt

    def _inline(self, a: int, b: int) -> None:
        """Code spans and inline comments in the text of one paragraph or heading."""
        text = self.text
        if text.find("<!--", a, b) == -1 and text.find("-->", a, b) == -1:
            return  # code spans matter only for the comment markers they hide
        no_closer_for: set[int] = set()  # backtick lengths with no closing run left
        no_comment_close = False
        pos = a
        while m := _INLINE.search(text, pos, b):
            token = m.group()
            if token[0] == "\\":
                pos = m.end()
            elif token[0] == "`":
                size = len(token)
                close = None
                if size not in no_closer_for:
                    close = _backticks(size).search(text, m.end(), b)
                    if close is None:
                        no_closer_for.add(size)
                pos = close.end() if close else m.end()
            elif token == "<!--" and self._at_divider(m.start()):
                pos = m.start() + len(_DIVIDER)
            elif token == "<!--":
                end = -1 if no_comment_close else text.find("-->", m.start() + 2, b)
                if end == -1:
                    no_comment_close = True  # a "<!--" that does not close here is text
                    pos = m.end()
                else:
                    self.spans.append((m.start(), end + 3))
                    pos = end + 3
            else:
                self.strays.append(m.start())
                pos = m.end()


@functools.lru_cache(maxsize=64)
def _backticks(size: int) -> re.Pattern[str]:
    """A run of exactly ``size`` backticks: what closes a code span opened by as many."""
    return re.compile(f"(?<!`)`{{{size}}}(?!`)")


def parse_segments(text: str) -> Parsed:
    """Split ``\\n``-text into head and segments (see the module docstring)."""
    fm = split_front_matter(text, what="The homepage")
    lines = text.split("\n")
    offsets = [0, *itertools.accumulate(len(line) + 1 for line in lines)]
    first_line = bisect.bisect_left(offsets, fm.end)
    scanner = _Scanner(text, lines, offsets, fm.end)
    scanner.run(first_line)
    spans = sorted(scanner.spans)
    span_starts = [s for s, _ in spans]
    headings = sorted(set(scanner.headings))

    def comment_at(pos: int) -> int | None:
        k = bisect.bisect_right(span_starts, pos) - 1
        return k if k >= 0 and spans[k][0] <= pos < spans[k][1] else None

    def line_of(pos: int) -> int:
        return bisect.bisect_right(offsets, pos)

    starts: list[int] = []  # start line of each teaser
    prev = first_line - 1
    for h in headings:
        s = h
        j = h - 1
        while j > prev and not lines[j].strip():
            j -= 1
        if j > prev and tt.THUMB_RE.match(lines[j]):
            s = j
        starts.append(s)
        prev = h

    core_starts: list[int] = []
    for s in starts:
        m = _LEAD_OPENERS.match(lines[s]) if "<!--" in lines[s] else None
        core_starts.append(offsets[s] + (m.end() if m else 0))

    core_ends: list[int] = []
    for k in range(len(starts)):
        stop_line = starts[k + 1] if k + 1 < len(starts) else len(lines)
        last = stop_line - 1
        while last > headings[k] and _SEPARATOR_ONLY.match(lines[last]):
            last -= 1
        end = offsets[last] + len(lines[last])
        # Closers at the end of the last own line ("...** -->", "... --> -->") belong to
        # the trail when the first closes a comment opened before this teaser's text.
        stripped = lines[last].rstrip()
        if stripped.endswith("-->") and (closers := _TRAILING_CLOSERS.search(stripped)):
            close = offsets[last] + stripped.index("-->", closers.start())
            c = comment_at(close)
            if c is not None and spans[c][0] < core_starts[k]:
                end = close
                while end > core_starts[k] and text[end - 1] in " \t":
                    end -= 1
        core_ends.append(max(end, core_starts[k]))

    n = len(headings)
    if n == 0:
        return Parsed(text, [], [], spans, scanner.strays, [], offsets, scanner.divider)
    head, lead0 = _split_gap(text[: core_starts[0]])
    if fm.end > len(head):  # the opener search never reaches into the front matter
        head, lead0 = text[: core_starts[0]], ""
    segments: list[Segment] = []
    leads = [lead0]
    trails: list[str] = []
    for k in range(n - 1):
        trail, lead = _split_gap(text[core_ends[k]: core_starts[k + 1]])
        trails.append(trail)
        leads.append(lead)
    trails.append(text[core_ends[-1]:])

    pos = len(head)
    line_info: list[tuple[int, int, int]] = []
    heading_at: list[int] = []
    for k in range(n):
        seg = Segment(leads[k], text[core_starts[k]: core_ends[k]], trails[k])
        seg_start, seg_end = pos, pos + len(seg.lead) + len(seg.core) + len(seg.trail)
        heading = tt.HEADING_RE.match(lines[headings[k]])
        assert heading is not None
        heading_at.append(offsets[headings[k]] + len(heading["pre"]))
        c = comment_at(heading_at[-1])
        seg.hidden = c is not None
        seg.group = c
        if c is not None:
            seg.contained = spans[c][0] >= seg_start and spans[c][1] <= seg_end
        segments.append(seg)
        pos = seg_end
        line_info.append((headings[k] + 1, line_of(core_starts[k]), line_of(core_ends[k])))
    # Two hidden teasers in one comment are not self-contained even if the spans say so.
    sizes = Counter(s.group for s in segments if s.group is not None)
    for seg in segments:
        if seg.group is not None and sizes[seg.group] > 1:
            seg.contained = False
    return Parsed(head, segments, line_info, spans, scanner.strays, heading_at, offsets,
                  scanner.divider)


def comment_troubles(text: str) -> list[Trouble]:
    """Stray closers Hugo prints, and comments that hide teasers by a missing ``-->``.

    A comment may hide two teasers on purpose (the author wrapped both); one that holds
    another ``<!--`` was meant to have closed before it, so everything after is swallowed.
    """
    parsed = parse_segments(text)
    if not parsed.segments:
        return []
    ends: list[int] = []  # where each segment ends in the text
    pos = len(parsed.head)
    for seg in parsed.segments:
        pos += len(seg.lead) + len(seg.core) + len(seg.trail)
        ends.append(pos)

    def line_of(offset: int) -> int:
        return bisect.bisect_right(parsed.line_starts, offset)

    def teaser_at(offset: int) -> int:
        return min(bisect.bisect_right(ends, offset), len(ends) - 1)

    found = [Trouble("stray-closer", teaser_at(p), line_of(p)) for p in parsed.strays]
    heads = parsed.headings
    for start, end in parsed.comments:
        hidden = range(bisect.bisect_left(heads, start), bisect.bisect_left(heads, end))
        inner = text.find("<!--", start + 4, end) if len(hidden) > 1 else -1
        if inner != -1 and inner == parsed.divider:
            inner = text.find("<!--", inner + len(_DIVIDER), end)
        if inner != -1:
            found.append(Trouble("comment-swallows", hidden[0], line_of(start),
                                 tuple(hidden), line_of(inner)))
    return sorted(found, key=lambda t: (t.index, t.line))


def _split_gap(gap: str) -> tuple[str, str]:
    """Split the text between two teasers into the first's trail and the second's lead.

    The lead is the run of comment openers right before the teaser: one for a hidden
    teaser, more for one an author hid again (``<!-- `` on a line above ``<!-- <img``).
    """
    cut = len(gap)
    while True:
        rest = gap[:cut].rstrip()
        if not rest.endswith("<!--"):
            break
        cut = len(rest) - 4
    return gap[:cut], gap[cut:]
