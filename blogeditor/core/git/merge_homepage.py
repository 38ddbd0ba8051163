"""The homepage's git merge driver: three versions in, one file out, conflicts per teaser.

Built on ``core/homepage/merge.py`` (the merge the window does when a disk change meets unsaved
edits): moves on one side and edits on the other, hides/shows against edits, additions and
removals all merge. What that merge leaves as a conflict is settled the way git would:

- a teaser both sides changed differently (or one removed while the other edited) keeps the
  merged position and hidden state, its two texts between git's conflict markers;
- both sides reordered: ours' order, then each teaser only theirs moved is moved the same
  way; a teaser both moved to different places is marked in both places;
- the front matter and preamble: ``git merge-file`` on that part alone.

Anything the teaser merge cannot read (not a homepage) goes to ``git merge-file`` whole,
with a note. A last check compares lines: a result missing a line either side added is
replaced by git's line merge, so neither side's text is ever dropped.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from blogeditor.core.errors import HomepageFormatError
from blogeditor.core.git.merge_file import merge_file, merge_text
from blogeditor.core.git.post_state import moved_links
from blogeditor.core.homepage.homepage import Homepage, Teaser
from blogeditor.core.homepage.merge import (
    HEAD_KEY,
    ORDER_KEY,
    TeaserConflict,
    merge_homepages,
    teaser_keys,
)
from blogeditor.core.storage.textfile import decode, encode

OURS, SEP, THEIRS = "<<<<<<< ours", "=======", ">>>>>>> theirs"


@dataclass(frozen=True)
class DriverResult:
    data: bytes
    conflicts: list[str] = field(default_factory=list)  # what is marked, for the author
    notes: list[str] = field(default_factory=list)  # how it was merged, for stderr

    @property
    def clean(self) -> bool:
        return not self.conflicts


def _key(link: str) -> str:
    return link.strip().strip("/")


def line_merge(base: bytes, ours: bytes, theirs: bytes, why: str) -> DriverResult:
    merged = merge_file(base, ours, theirs)
    notes = [f"{why}: merged line by line with git merge-file"]
    if merged.error:
        notes.append(merged.error)
    conflicts = [f"{merged.conflicts} place(s) in the file"] if merged.conflicts else []
    return DriverResult(merged.data, conflicts, notes)


def trivial(base: bytes, ours: bytes, theirs: bytes) -> DriverResult | None:
    """The result when at most one side changed anything."""
    if ours == theirs or theirs == base:
        return DriverResult(ours)
    return DriverResult(theirs) if ours == base else None


def merge_homepage_versions(base: bytes, ours: bytes, theirs: bytes) -> DriverResult:
    """The driver's whole job on bytes; see the module docstring."""
    if (done := trivial(base, ours, theirs)) is not None:
        return done
    try:
        versions = [Homepage.parse(data) for data in (base, ours, theirs)]
    except HomepageFormatError as exc:
        return line_merge(base, ours, theirs, f"not a homepage ({exc})")
    if not any(len(hp) for hp in versions):
        return line_merge(base, ours, theirs, "not a homepage (no teasers in any version)")
    try:
        hb, ho, ht = versions
        result = _merge(hb, ho, ht, base, ours, theirs)
    except HomepageFormatError as exc:
        return line_merge(base, ours, theirs, f"the teasers could not be merged ({exc})")
    if _lost_lines(base, ours, theirs, result.data):
        return line_merge(base, ours, theirs, "the teaser merge would have lost text")
    return result


def _merge(hb: Homepage, ho: Homepage, ht: Homepage,
           base: bytes, ours: bytes, theirs: bytes) -> DriverResult:
    resolutions: dict[str, str | None] = {}
    marked: dict[str, TeaserConflict] = {}
    conflicts: list[str] = []
    first = merge_homepages(base, ours, theirs)
    reordered = False
    marked_head: tuple[str, str] | None = None
    for c in first.conflicts:
        if c.kind == "file":
            raise HomepageFormatError(first.error or "the file as a whole")
        if c.kind == "order":
            resolutions[ORDER_KEY] = c.mine_md  # ours' order; theirs' moves follow below
            reordered = True
        elif c.kind == "head":
            head, n = merge_text(c.base_md or "", c.mine_md or "", c.theirs_md or "")
            # Markers would not parse as front matter: merge with ours' head, put them in last.
            resolutions[HEAD_KEY] = head if not n else c.mine_md
            if n:
                conflicts.append("the front matter")
                marked_head = (c.mine_md or "", head)
        else:
            resolutions[c.key] = c.mine_md if c.mine_md is not None else c.theirs_md
            marked[c.key] = c
    merged = first if first.clean else merge_homepages(base, ours, theirs,
                                                       resolutions=resolutions)
    if merged.merged is None:
        raise HomepageFormatError(merged.error or "conflicts remained after resolving them")
    result = Homepage.parse(merged.merged)
    doubles: dict[str, int | None] = {}
    if reordered:
        doubles = _follow_their_moves(result, hb, ho, ht)
    text, style = decode(result.to_bytes())
    lines = text.split("\n")
    edits = _teaser_edits(result, marked, doubles, lines)
    for start, stop, new in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        lines[start:stop] = new
    conflicts += [f"“{c.title}”" for c in marked.values()]
    conflicts += [f"“{result.teaser(i).title}” (moved on both sides)" for i in
                  (_index(result, k) for k in doubles) if i is not None]
    notes = [f"conflict in {c}" for c in conflicts]
    text = "\n".join(lines)
    if marked_head is not None and text.startswith(marked_head[0]):
        text = marked_head[1] + text[len(marked_head[0]):]
    return DriverResult(encode(text, style), conflicts, notes)


def _index(hp: Homepage, key: str) -> int | None:
    keys = teaser_keys(hp.teasers)
    wanted = key[1:] if key.startswith("+") else key
    return keys.index(wanted) if wanted in keys else None


def _follow_their_moves(result: Homepage, hb: Homepage, ho: Homepage,
                        ht: Homepage) -> dict[str, int | None]:
    """Move in ``result`` (in ours' order) each teaser that only theirs moved, after the
    teaser it follows in theirs. Returns the teasers both moved apart: key -> where theirs
    wants it (the index it should follow, None for the top)."""
    base, mine, their = hb.teasers, ho.teasers, ht.teasers
    by_them, by_us = moved_links(base, their), moved_links(base, mine)
    doubles: dict[str, int | None] = {}
    their_keys = [_key(t.link) for t in their]
    for pos, key in enumerate(their_keys):
        if key.lower() not in by_them:
            continue
        src = _index(result, key)
        if src is None:
            continue
        pred = next((k for k in reversed(their_keys[:pos]) if _index(result, k) is not None),
                    None)
        after = _index(result, pred) if pred is not None else None
        if key.lower() in by_us:
            ours_pred = next((_key(t.link) for t in reversed(mine[:_index_in(mine, key)])
                              if _index(result, _key(t.link)) is not None), None)
            if ours_pred != pred:
                doubles[key] = after
            continue
        dst = 0 if after is None else (after if src < after else after + 1)
        if dst != src:
            result.move(src, dst)
    return doubles


def _conflict_index(hp: Homepage, key: str, c: TeaserConflict, used: set[int]) -> int | None:
    """Where the resolved text of a conflict landed. By its text first: core/homepage/merge.py may
    pair a teaser whose link changed with the base one, so the link can be another's."""
    text = c.mine_md if c.mine_md is not None else c.theirs_md
    found = [i for i, t in enumerate(hp.teasers) if t.markdown == text and i not in used]
    if found:
        return found[0]
    return _index(hp, key)


def _index_in(teasers: list[Teaser], key: str) -> int:
    return next(i for i, t in enumerate(teasers) if _key(t.link) == key)


def _block(teaser: Teaser, lines: list[str]) -> tuple[int, int, str]:
    """The teaser's line span (0-based, end excluded) and the comment opener before its text
    on the first line (``<!-- `` when hidden)."""
    start, stop = teaser.start_line - 1, teaser.end_line
    first = teaser.markdown.split("\n", 1)[0]
    line = lines[start]
    prefix = line[: len(line) - len(first)] if first and line.endswith(first) else ""
    return start, stop, prefix


def _side(prefix: str, md: str | None) -> list[str]:
    if md is None:
        return []
    body = md.rstrip("\n").split("\n")
    return [prefix + body[0], *body[1:]]


def _teaser_edits(result: Homepage, marked: dict[str, TeaserConflict],
                  doubles: dict[str, int | None], lines: list[str]
                  ) -> list[tuple[int, int, list[str]]]:
    edits: list[tuple[int, int, list[str]]] = []
    used: set[int] = set()
    for key, c in marked.items():
        i = _conflict_index(result, key, c, used)
        if i is None:
            raise HomepageFormatError(f"the conflicted post “{c.title}” went missing")
        used.add(i)
        start, stop, prefix = _block(result.teaser(i), lines)
        edits.append((start, stop, [OURS, *_side(prefix, c.mine_md), SEP,
                                    *_side(prefix, c.theirs_md), THEIRS]))
    for key, after in doubles.items():
        i = _index(result, key)
        assert i is not None
        teaser = result.teaser(i)
        start, stop, prefix = _block(teaser, lines)
        edits.append((start, stop, [OURS, *lines[start:stop], SEP, THEIRS]))
        # Where theirs put it: after the teaser it follows there (before the next one).
        if after is None:
            at = result.teaser(0).start_line - 1
        elif after + 1 < len(result):
            at = result.teaser(after + 1).start_line - 1
        else:
            at = len(lines)
        copy = _side(prefix, teaser.markdown) + ["", "--- -->" if teaser.hidden else "---", ""]
        edits.append((at, at, [OURS, SEP, *copy, THEIRS]))
    return edits


def _norm_line(line: str) -> str:
    line = line.strip()
    if line.startswith("<!--"):
        line = line[4:].strip()
    if line.endswith("-->"):
        line = line[:-3].strip()
    return line


def _lost_lines(base: bytes, ours: bytes, theirs: bytes, merged: bytes) -> bool:
    """Whether a line either side added (or changed) is missing from the result."""
    def count(data: bytes) -> Counter[str]:
        text = data.decode("utf-8", errors="replace")
        return Counter(n for line in text.splitlines() if (n := _norm_line(line)))

    b, o, t, m = count(base), count(ours), count(theirs), count(merged)
    return bool((o - b) - m) or bool((t - b) - m)
