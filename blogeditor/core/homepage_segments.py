"""Reading a homepage's text into a head and one segment per teaser (see homepage.py).

A segment is ``lead + own text + trail``; joining head and segments gives the text back
exactly. Each segment also records whether a comment hides it, and whether that comment
is its own (opened in its lead, closed in its trail) or shared with other text.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from blogeditor.core import teaser_text as tt
from blogeditor.core.errors import HomepageFormatError
from blogeditor.core.front_matter import split_front_matter

_SEPARATOR_ONLY = re.compile(
    r"^[ \t]*(?:(?:-{3,}|\*{3,}|_{3,})[ \t]*)?(?:-->[ \t]*)?(?:<!--[ \t]*)?$"
)


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

    def copy(self) -> Segment:
        return Segment(self.lead, self.core, self.trail, self.hidden, self.contained,
                        self.group, dict(self.stash))


@dataclass
class Parsed:
    head: str
    segments: list[Segment]
    lines: list[tuple[int, int, int]]  # per teaser: heading, start and end line (1-based)


def comment_spans(text: str, offset: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = offset
    while (start := text.find("<!--", pos)) != -1:
        end = text.find("-->", start + 4)
        if end == -1:
            line = text.count("\n", 0, start) + 1
            raise HomepageFormatError(
                f"The homepage has a comment '<!--' on line {line} that never closes with '-->'; "
                "close it and open the file again"
            )
        spans.append((start, end + 3))
        pos = end + 3
    return spans


def parse_segments(text: str) -> Parsed:
    """Split ``\\n``-text into head and segments (see the module docstring)."""
    fm = split_front_matter(text, what="The homepage")
    spans = comment_spans(text, fm.end)
    span_starts = [s for s, _ in spans]

    def comment_at(pos: int) -> int | None:
        k = bisect.bisect_right(span_starts, pos) - 1
        return k if k >= 0 and spans[k][0] <= pos < spans[k][1] else None

    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    first_line = text.count("\n", 0, fm.end)
    headings = [i for i in range(first_line, len(lines)) if tt.HEADING_RE.match(lines[i])
                and (fm.end == 0 or offsets[i] >= fm.end)]

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
        m = re.match(r"[ \t]*<!--[ \t]*", lines[s])
        core_starts.append(offsets[s] + (m.end() if m else 0))

    core_ends: list[int] = []
    for k in range(len(starts)):
        stop_line = starts[k + 1] if k + 1 < len(starts) else len(lines)
        last = stop_line - 1
        while last > headings[k] and _SEPARATOR_ONLY.match(lines[last]):
            last -= 1
        end = offsets[last] + len(lines[last])
        # A closer at the end of the last own line ("...** -->") belongs to the trail
        # when it closes a comment opened before this teaser's text.
        stripped = lines[last].rstrip()
        if stripped.endswith("-->"):
            close = offsets[last] + len(stripped) - 3
            c = comment_at(close)
            if c is not None and spans[c][0] < core_starts[k]:
                end = close
                while end > core_starts[k] and text[end - 1] in " \t":
                    end -= 1
        core_ends.append(max(end, core_starts[k]))

    def split_gap(gap: str) -> tuple[str, str]:
        """Split the text between two teasers into the first's trail and the second's lead."""
        p = gap.rfind("<!--")
        if p != -1 and "-->" not in gap[p:] and not gap[p + 4:].strip():
            return gap[:p], gap[p:]
        return gap, ""

    n = len(headings)
    if n == 0:
        return Parsed(text, [], [])
    head, lead0 = split_gap(text[: core_starts[0]])
    if fm.end > len(head):  # the opener search never reaches into the front matter
        head, lead0 = text[: core_starts[0]], ""
    segments: list[Segment] = []
    leads = [lead0]
    trails: list[str] = []
    for k in range(n - 1):
        trail, lead = split_gap(text[core_ends[k]: core_starts[k + 1]])
        trails.append(trail)
        leads.append(lead)
    trails.append(text[core_ends[-1]:])

    pos = len(head)
    line_info: list[tuple[int, int, int]] = []
    for k in range(n):
        seg = Segment(leads[k], text[core_starts[k]: core_ends[k]], trails[k])
        seg_start, seg_end = pos, pos + len(seg.lead) + len(seg.core) + len(seg.trail)
        c = comment_at(offsets[headings[k]] + len(tt.HEADING_RE.match(lines[headings[k]])["pre"]))
        seg.hidden = c is not None
        seg.group = c
        if c is not None:
            seg.contained = spans[c][0] >= seg_start and spans[c][1] <= seg_end
        segments.append(seg)
        pos = seg_end
        end_line = text.count("\n", 0, core_ends[k]) + 1
        line_info.append((headings[k] + 1, text.count("\n", 0, core_starts[k]) + 1, end_line))
    # Two hidden teasers in one comment are not self-contained even if the spans say so.
    sizes = Counter(s.group for s in segments if s.group is not None)
    for seg in segments:
        if seg.group is not None and sizes[seg.group] > 1:
            seg.contained = False
    return Parsed(head, segments, line_info)
