"""The homepage (``content/_index.md``) as an ordered list of teasers, losslessly.

The file is held as a head (front matter and preamble) followed by one segment per
teaser. A segment is ``lead + own text + trail``: the lead is a comment opener that
hides the teaser (``<!-- ``), the own text runs from the thumbnail line to the
"Full article" line, and the trail is everything up to the next teaser (blank lines,
the ``---`` separator, a comment closer). Joining the parts gives back the file exactly.

Operations touch only the segments they concern and the separators next to them, and
write what an author writes by hand: hidden is ``<!-- `` + teaser + ``--- -->``. After
every operation the result is parsed again and compared with what was meant, so a file
shaped in a way the model did not foresee is refused rather than damaged.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, TypeVar, cast

from blogeditor.core.article.front_matter import split_front_matter
from blogeditor.core.errors import HomepageFormatError
from blogeditor.core.homepage import teaser_text as tt
from blogeditor.core.homepage.homepage_bytes import EncodedHomepage
from blogeditor.core.homepage.homepage_segments import Segment, Trouble, comment_troubles, parse_segments
from blogeditor.core.homepage.teaser_text import Teaser as Teaser  # where it always was
from blogeditor.core.storage.textfile import TextStyle, decode

_ANY_SEP = re.compile(r"^[ \t]*(?:-{3,}|\*{3,}|_{3,})", re.MULTILINE)
_SEP_LINE = re.compile(r"^([ \t]*(?:-{3,}|\*{3,}|_{3,}))[ \t]*$", re.MULTILINE)
_VISIBLE_SEP = re.compile(r"\n+[ \t]*-{3,}[ \t]*\n+")
_HIDDEN_SEP = re.compile(r"\n+[ \t]*-{3,}[ \t]*-->[ \t]*\n+")
_HIDDEN_LEAD = re.compile(r"<!--[ \t]*\n?")
_CLOSER = re.compile(r"[ \t]*-->")


# What in a teaser's text could change how the text after it reads: comment markers, code
# fences, thematic breaks and setext underlines, the HTML blocks that a blank line does not
# end (script, pre, style, textarea, processing instructions, declarations, CDATA), link
# reference definitions.
_REACHES_OUT = re.compile(
    r"<!--|-->|^ {0,3}(?:`{3,}|~{3,})|^ {0,3}(?:[-*_=] *){2,}$"
    r"|^ {0,3}<(?:script|pre|style|textarea|\?|![A-Za-z]|!\[CDATA\[)|^ {0,3}\[[^\]]*\]:",
    re.MULTILINE | re.IGNORECASE)

P = ParamSpec("P")
R = TypeVar("R")


def _atomic(method: Callable[P, R]) -> Callable[P, R]:
    """Leave the homepage exactly as it was when an operation is refused."""

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        self = args[0]
        assert isinstance(self, Homepage)
        # Fresh segments (a copy's may be another model's); refused, the old ones come back.
        saved = (self._segs, self._head, list(self._lines), self._shared)
        self._segs, self._shared = [s.copy() for s in self._segs], False
        try:
            return method(*args, **kwargs)
        except BaseException:
            self._segs, self._head, self._lines, self._shared = saved
            raise
        finally:
            self._teaser_list = self._encoded = None  # also what an operation read half-way

    return wrapper


def _most_common(values: list[str], pattern: re.Pattern[str], default: str) -> str:
    """The form this file uses most; on a tie the plain form an author would type."""
    counts = Counter(v for v in values if pattern.fullmatch(v))
    if not counts:
        return default
    return max(counts, key=lambda v: (counts[v], v == default))


class Homepage:
    """A homepage file, its teasers and the operations authors perform on them."""

    def __init__(self, head: str, segments: list[Segment], style: TextStyle,
                 lines: list[tuple[int, int, int]]) -> None:
        self._head = head
        self._segs = segments
        self._shared = False  # True while the segments may also be another model's (copy)
        self._teaser_list: list[Teaser] | None = None  # ``teasers`` until the next change
        self._encoded: EncodedHomepage | None = None  # ``to_bytes`` until the next change
        self._style = style
        self._lines = lines
        self._learn_habits()

    # ----- loading and saving ------------------------------------------------------
    @classmethod
    def parse(cls, data: bytes | str) -> Homepage:
        if isinstance(data, bytes):
            text, style = decode(data, what="The homepage")
        else:
            text, style = data, TextStyle()
            crlf = text.count("\r\n")
            if crlf and crlf == text.count("\n"):
                text, style = text.replace("\r\n", "\n"), TextStyle(False, "\r\n")
        if "\r" in text and "\n" not in text:
            # Old Mac line endings: CommonMark and the author's editor count a lone CR as a
            # line break. (Hugo 0.168 does not: its TOML reader refuses such front matter.)
            text, style = text.replace("\r", "\n"), TextStyle(style.bom, "\r")
        parsed = parse_segments(text)
        return cls(parsed.head, parsed.segments, style, parsed.lines)

    @classmethod
    def load(cls, path: str | Path) -> Homepage:
        try:
            data = Path(path).read_bytes()
        except FileNotFoundError:
            raise HomepageFormatError(f"There is no homepage file at {path}") from None
        except OSError as exc:
            raise HomepageFormatError(f"Cannot read {path}: {exc.strerror}") from None
        return cls.parse(data)

    def _text(self) -> str:
        return self._head + "".join(s.lead + s.core + s.trail for s in self._segs)

    def to_text(self) -> str:
        """The file's text with its own line endings (no byte-order mark)."""
        text = self._text()
        return text.replace("\n", self._style.newline) if self._style.newline != "\n" else text

    def to_bytes(self) -> bytes:
        if self._encoded is None:
            self._encoded = EncodedHomepage.of(
                self._head, [s.lead + s.core + s.trail for s in self._segs], self._style)
        return self._encoded.data

    def copy(self) -> Homepage:
        other = Homepage.__new__(Homepage)
        other.__dict__.update(self.__dict__)
        # Copy on write: the segments are shared until one side changes them (an operation
        # gets fresh ones, typing copies its teaser): copying 10,000 per pause took 15-25 ms.
        other._segs = list(self._segs)
        other._lines = list(self._lines)
        self._shared = other._shared = True
        return other

    # ----- reading -------------------------------------------------------------------
    @property
    def style(self) -> TextStyle:
        return self._style

    @property
    def front_matter(self) -> str:
        return split_front_matter(self._head, validate=False).raw

    @property
    def preamble(self) -> str:
        """The text between the front matter and the first teaser."""
        return self._head[split_front_matter(self._head, validate=False).end:]

    def __len__(self) -> int:
        return len(self._segs)

    @property
    def teasers(self) -> list[Teaser]:  # kept until a change: asked for often after an edit
        if self._teaser_list is None:
            self._teaser_list = [self.teaser(i) for i in range(len(self._segs))]
        return list(self._teaser_list)

    def teaser(self, index: int) -> Teaser:
        seg = self._segs[self._check(index)]
        lines = self._lines[index]
        # Teasers are frozen: the one made last time is handed out again while its text,
        # state and lines are the same (the list asks for 10,000 after every edit).
        key = (seg.core, seg.hidden, lines)
        made = seg.teaser_made
        if made is not None and made[0] == key:
            return cast(Teaser, made[1])
        parts = seg.parts()
        heading, start, end = lines
        teaser = Teaser(parts.title, parts.link, parts.thumbnail, parts.thumbnail_href,
                        parts.body, seg.hidden, parts.full_article_link, seg.core, heading,
                        start, end)
        seg.teaser_made = (key, teaser)
        return teaser

    def comment_troubles(self) -> list[Trouble]:
        """Comment markers that show on the page or hide more than meant (for the checks)."""
        return comment_troubles(self._text())

    def index_of_link(self, link: str) -> int | None:
        wanted = link.strip("/")
        for i, seg in enumerate(self._segs):
            if seg.parts().link.strip("/") == wanted:
                return i
        return None

    # ----- operations ------------------------------------------------------------------
    def hide(self, index: int) -> None:
        self.set_hidden(index, True)

    def show(self, index: int) -> None:
        self.set_hidden(index, False)

    @_atomic
    def set_hidden(self, index: int, hidden: bool) -> None:
        seg = self._segs[self._check(index)]
        if seg.hidden == hidden:
            return
        order = list(self._segs)
        self._contain_groups(order, {id(seg)})
        is_last = seg is order[-1]
        self._stash(seg, is_last)
        if not self._unstash(seg, is_last, hidden):
            if hidden:
                self._wrap(seg, is_last)
            else:
                self._unwrap(seg, is_last)
        seg.hidden = hidden
        self._commit(order)

    @_atomic
    def move(self, src: int, dst: int) -> None:
        """Move teaser ``src`` so that it ends up at index ``dst``."""
        self._check(src)
        self._check(dst)
        if src == dst:
            return
        order = list(self._segs)
        seg = order[src]
        self._contain_groups(order, {id(seg)})
        order.pop(src)
        order.insert(dst, seg)
        self._contain_neighbours(order, dst)
        self._commit(order)

    @_atomic
    def remove(self, index: int) -> Teaser:
        teaser = self.teaser(self._check(index))
        order = list(self._segs)
        self._contain_groups(order, {id(order[index])})
        order.pop(index)
        self._commit(order)
        return teaser

    def insert(self, index: int, *, title: str, link: str, thumbnail: str | None = None,
               body: str = "", hidden: bool = True) -> None:
        text = tt.build_teaser(title, link, thumbnail, body, template=self._thumb_template)
        self.insert_markdown(index, text, hidden=hidden)

    @_atomic
    def insert_markdown(self, index: int, markdown: str, hidden: bool = True) -> None:
        if not 0 <= index <= len(self._segs):
            raise HomepageFormatError(f"There is no position {index + 1} to insert a teaser at")
        core = self._clean_core(markdown)
        if not self._segs and self._head.strip() and not self._head.endswith("\n\n"):
            self._head = self._head.rstrip("\n") + "\n\n"
        seg = Segment("", core, "", hidden=hidden)
        order = list(self._segs)
        order.insert(index, seg)
        is_last = index == len(order) - 1
        seg.lead = self._hidden_lead if hidden else ""
        seg.trail = self._last_trail(hidden) if is_last else self._sep(hidden)
        self._contain_neighbours(order, index)
        self._commit(order, new=seg)

    def set_title(self, index: int, title: str) -> None:
        self._edit_core(index, tt.with_title(self._segs[self._check(index)].core, title))

    def set_link(self, index: int, link: str) -> None:
        self._edit_core(index, tt.with_link(self._segs[self._check(index)].core, link))

    def set_thumbnail(self, index: int, src: str | None) -> None:
        core = self._segs[self._check(index)].core
        self._edit_core(index, tt.with_thumbnail(core, src, template=self._thumb_template))

    def set_body(self, index: int, body: str) -> None:
        self._edit_core(index, tt.with_body(self._segs[self._check(index)].core, body))

    def set_markdown(self, index: int, markdown: str) -> None:
        """Replace teaser ``index``'s own text, as typed in the editor."""
        self._check(index)
        self._edit_core(index, self._clean_core(markdown))

    # ----- machinery ---------------------------------------------------------------------
    def _check(self, index: int) -> int:
        if not 0 <= index < len(self._segs):
            raise HomepageFormatError(
                f"There is no teaser at position {index + 1}; the homepage has {len(self._segs)}"
            )
        return index

    @staticmethod
    def _clean_core(markdown: str) -> str:
        core = markdown.replace("\r\n", "\n").strip("\n").rstrip()
        count = len(tt.heading_lines(core))
        if count != 1:
            raise HomepageFormatError(
                "A teaser needs exactly one '## [Title](link)' heading"
                + ("" if count == 0 else f" (this text has {count})")
            )
        return core

    def _edit_core(self, index: int, core: str) -> None:
        if core == self._segs[index].core:
            return
        if not self._quick_edit(index, core):
            self._edit_core_checked(index, core)

    @_atomic
    def _edit_core_checked(self, index: int, core: str) -> None:
        order = list(self._segs)
        order[index].core = core
        self._commit(order)

    def _quick_edit(self, index: int, core: str) -> bool:
        """Typing in one teaser's prose, which cannot change how the rest reads: only this
        teaser is read back (and its bytes spliced in), not a 10,000-post file. Only when
        neither text holds what could reach past the teaser (``_REACHES_OUT``) and it reads
        back as meant; otherwise False, nothing changed, and the caller checks the file."""
        seg = self._segs[index]
        if _REACHES_OUT.search(core) or _REACHES_OUT.search(seg.core):
            return False
        if index < len(self._segs) - 1 and not seg.trail.endswith("\n\n"):
            return False  # without a blank line after it, an HTML block could run on
        try:
            parsed = parse_segments(seg.lead + core + seg.trail)
        except HomepageFormatError:
            return False
        if len(parsed.segments) != 1 or parsed.head:
            return False
        fresh = parsed.segments[0]
        if (fresh.lead, fresh.core, fresh.trail, fresh.hidden) != (seg.lead, core, seg.trail,
                                                                  seg.hidden):
            return False
        _heading, start, end = self._lines[index]
        new_end = start + core.count("\n")
        heading = start + tt.heading_lines(core)[0]
        delta = new_end - end
        if self._shared:  # the segment may be another model's too: change a copy of it
            seg = self._segs[index] = seg.copy()
        seg.core = core
        lines = self._lines
        lines[index] = (heading, start, new_end)
        if delta:
            for k in range(index + 1, len(lines)):
                h, s0, e0 = lines[k]
                lines[k] = (h + delta, s0 + delta, e0 + delta)
        made, self._teaser_list = self._teaser_list, None
        if made is not None and not delta:  # the other teasers' lines stay: only this one is new
            self._teaser_list = [*made[:index], self.teaser(index), *made[index + 1:]]
        if self._encoded is not None:
            self._encoded = self._encoded.replaced(index, seg.lead + core + seg.trail, self._style)
        return True

    def _learn_habits(self) -> None:
        """Learn how this file writes separators and hidden teasers, for new ones."""
        segs = self._segs
        inner = segs[:-1]
        # A file uses separators if any teaser is followed by one, hidden ("--- -->") or not.
        self._uses_separators = len(inner) == 0 or any(_ANY_SEP.search(s.trail) for s in segs)
        visible = [s.trail for s in inner if not s.hidden and s.contained]
        hidden = [s.trail for s in inner if s.hidden and s.contained]
        if self._uses_separators:
            self._sep_visible = _most_common(visible, _VISIBLE_SEP, "\n\n---\n\n")
            self._sep_hidden = _most_common(hidden, _HIDDEN_SEP, "\n\n--- -->\n\n")
        else:
            self._sep_visible = _most_common(visible, re.compile(r"\n{2,}"), "\n\n")
            self._sep_hidden = _most_common(hidden, re.compile(r" -->\n{2,}"), " -->\n\n")
        leads = [s.lead for s in segs if s.hidden and s.contained]
        self._hidden_lead = _most_common(leads, re.compile(r"<!--[ \t]*\n?"), "<!-- ")
        # Own text never ends in a line break, so the file's final ones are in the last trail.
        ending = segs[-1].trail if segs else self._head
        self._final_newline = ending[len(ending.rstrip("\n")):]
        last = segs[-1] if segs else None
        self._last_has_sep = bool(last and not last.hidden and _SEP_LINE.search(last.trail))

    @functools.cached_property
    def _thumb_template(self) -> str:
        """How this file writes a thumbnail line; learnt only when a new one is written,
        as it means reading every teaser (a quarter of a second on 10,000 of them)."""
        templates = Counter(
            t for s in self._segs
            if (p := s.parts()).thumbnail_line is not None
            and (t := tt.thumbnail_template(p.lines[p.thumbnail_line].strip()))
        )
        return templates.most_common(1)[0][0] if templates else tt.DEFAULT_THUMBNAIL_LINE

    def _sep(self, hidden: bool) -> str:
        return self._sep_hidden if hidden else self._sep_visible

    def _last_trail(self, hidden: bool) -> str:
        if hidden:
            close = "\n\n--- -->" if self._uses_separators else " -->"
            return close + self._final_newline
        return ("\n\n---" if self._last_has_sep else "") + self._final_newline

    @staticmethod
    def _stash(seg: Segment, is_last: bool) -> None:
        if not seg.contained:
            return
        seg.stash[("trail", is_last, seg.hidden)] = seg.trail
        seg.stash[("lead", is_last, seg.hidden)] = seg.lead

    @staticmethod
    def _unstash(seg: Segment, is_last: bool, hidden: bool) -> bool:
        trail = seg.stash.get(("trail", is_last, hidden))
        lead = seg.stash.get(("lead", is_last, hidden))
        if trail is None or lead is None:
            return False
        seg.trail, seg.lead = trail, lead
        return True

    def _wrap(self, seg: Segment, is_last: bool) -> None:
        """Hide a teaser in a comment of its own: ``<!-- `` + teaser + ``--- -->``."""
        if "<!--" not in seg.lead:
            seg.lead = self._hidden_lead
        if "-->" in seg.trail:
            return
        match = _SEP_LINE.search(seg.trail)
        if match:
            seg.trail = seg.trail[: match.end(1)] + " -->" + seg.trail[match.end():]
        elif is_last and self._uses_separators:
            seg.trail = "\n\n--- -->" + seg.trail
        else:
            seg.trail = " -->" + seg.trail

    def _unwrap(self, seg: Segment, is_last: bool) -> None:
        # Every layer goes: a teaser hidden twice has two openers in its lead and its
        # closer followed by a second "-->" that Hugo prints as text.
        seg.lead = _HIDDEN_LEAD.sub("", seg.lead)
        pos, first = 0, True
        # Only closers right after the first are further layers; a later "-->" closes some
        # other comment (a note between teasers).
        while (m := _CLOSER.search(seg.trail, pos)) and (first or not seg.trail[pos:m.start()].strip()):
            first = False
            line_start = seg.trail.rfind("\n", 0, m.start()) + 1
            line_end = seg.trail.find("\n", m.end())
            line_end = len(seg.trail) if line_end == -1 else line_end
            rest = seg.trail[line_start:m.start()] + seg.trail[m.end():line_end]
            if line_start > 0 and not rest.strip():
                # The closer stood on a line of its own: drop the line.
                seg.trail = seg.trail[:line_start - 1] + seg.trail[line_end:]
                pos = line_start - 1
            else:
                seg.trail = seg.trail[: m.start()] + seg.trail[m.end():]
                pos = m.start()
        if is_last and not self._last_has_sep:
            seg.trail = re.sub(r"\A\n*[ \t]*-{3,}[ \t]*(?=\n|\Z)", "", seg.trail)

    def _contain_groups(self, order: list[Segment], ids: set[int]) -> None:
        """Give every hidden teaser sharing a comment with these teasers a comment of its own."""
        groups = {s.group for s in order if id(s) in ids and not s.contained}
        self._wrap_groups(order, groups)

    def _contain_neighbours(self, order: list[Segment], pos: int) -> None:
        """A teaser put down inside a shared comment splits that comment."""
        if 0 < pos < len(order) - 1:
            before, after = order[pos - 1], order[pos + 1]
            if not before.contained and before.group is not None and before.group == after.group:
                self._wrap_groups(order, {before.group})

    def _wrap_groups(self, order: list[Segment], groups: set[int | None]) -> None:
        for k, seg in enumerate(order):
            if not seg.contained and seg.group in groups:
                self._wrap(seg, k == len(order) - 1)
                seg.contained = True

    def _commit(self, order: list[Segment], new: Segment | None = None) -> None:
        """Fix the last teaser's trail, then check the result reads back as meant."""
        old_last = self._segs[-1] if self._segs else None
        new_last = order[-1] if order else None
        if old_last is not new_last:
            if old_last is not None and any(s is old_last for s in order) and old_last is not new:
                self._stash(old_last, True)
                if not self._unstash(old_last, False, old_last.hidden):
                    old_last.trail = self._sep(old_last.hidden)
            if new_last is not None and new_last is not new:
                self._stash(new_last, False)
                if not self._unstash(new_last, True, new_last.hidden):
                    new_last.trail = self._last_trail(new_last.hidden)
        wanted = [(s.core, s.hidden) for s in order]
        text = self._head + "".join(s.lead + s.core + s.trail for s in order)
        try:
            parsed = parse_segments(text)
        except HomepageFormatError as exc:
            raise HomepageFormatError(f"That change would break the homepage: {exc}") from None
        got = [(s.core, s.hidden) for s in parsed.segments]
        if got != wanted:
            raise HomepageFormatError(
                "That change cannot be made safely: the text around it is shaped in a way "
                "BlogEditor does not understand (check the comment markers and separators)"
            )
        for mine, fresh in zip(order, parsed.segments, strict=True):
            mine.lead, mine.trail = fresh.lead, fresh.trail
            mine.hidden, mine.contained, mine.group = fresh.hidden, fresh.contained, fresh.group
        self._segs = order
        self._lines = parsed.lines
