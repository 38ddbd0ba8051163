"""Three-way merge of two versions of the homepage, teaser by teaser (no Qt here).

``base`` is what both sides started from (what the editor last loaded or saved), ``mine``
is the author's unsaved buffer, ``theirs`` is what another program put on disk. Teasers are
paired across versions by link (then by title, then by position); each teaser's text and
its hidden flag merge on their own, so one side editing a teaser while the other hides it is
no conflict. The result is built from the author's own bytes with the model's operations
(only the teasers that took a change from disk are touched), so untouched text stays byte
for byte what it was.

Where both sides changed the same thing differently, the result has no merged bytes and
lists :class:`TeaserConflict` values instead; calling :func:`merge_homepages` again with
``resolutions`` (conflict key -> chosen text) gives the merged file.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from blogeditor.core.errors import HomepageFormatError
from blogeditor.core.homepage.homepage import Homepage, Teaser
from blogeditor.core.storage.textfile import TextStyle, decode, encode

ORDER_KEY = "(order)"
HEAD_KEY = "(front matter)"
FILE_KEY = "(file)"


@dataclass(frozen=True)
class TeaserConflict:
    """Both sides changed one thing differently. ``None`` text means "removed on that side".

    ``kind`` is "teaser" (texts are teaser markdown), "order" (texts are one title per line),
    "head" (front matter and preamble) or "file" (the whole file: it could not be merged
    teaser by teaser). ``key`` names the conflict in ``resolutions``.
    """

    link: str
    base_md: str | None
    mine_md: str | None
    theirs_md: str | None
    title: str = ""
    key: str = ""
    kind: str = "teaser"


@dataclass
class MergeResult:
    merged: bytes | None  # None while conflicts remain
    conflicts: list[TeaserConflict] = field(default_factory=list)
    taken: list[str] = field(default_factory=list)  # what came from theirs, for the author
    error: str | None = None  # why it fell back to a whole-file conflict

    @property
    def clean(self) -> bool:
        return self.merged is not None


@dataclass(frozen=True)
class _Item:
    md: str
    hidden: bool
    title: str


Id = tuple[str, int]  # ("b", base index) | ("m", mine index) | ("t", theirs index)


def _norm(link: str) -> str:
    return link.strip().strip("/")


def _keys(teasers: list[Teaser]) -> list[str]:
    seen: Counter[str] = Counter()
    keys = []
    for t in teasers:
        link = _norm(t.link)
        seen[link] += 1
        keys.append(link if seen[link] == 1 else f"{link}#{seen[link]}")
    return keys


def teaser_keys(teasers: list[Teaser]) -> list[str]:
    """The names conflicts use for teasers: the link, "link#2" for a link seen again."""
    return _keys(teasers)


def _match(base: list[Teaser], side: list[Teaser]) -> list[int | None]:
    """For each teaser of ``side``, the index of the same teaser in ``base`` (or None)."""
    pairs: list[int | None] = [None] * len(side)
    by_link: dict[str, list[int]] = defaultdict(list)
    for i, t in enumerate(base):
        by_link[_norm(t.link)].append(i)
    seen: Counter[str] = Counter()
    for j, t in enumerate(side):
        link = _norm(t.link)
        if seen[link] < len(by_link[link]):
            pairs[j] = by_link[link][seen[link]]
        seen[link] += 1
    # A link edited on one side: pair the leftovers by a title unique among them.
    used = {i for i in pairs if i is not None}
    left = [i for i in range(len(base)) if i not in used]
    base_titles = Counter(base[i].title for i in left)
    side_titles = Counter(side[j].title for j in range(len(side)) if pairs[j] is None)
    by_title = {base[i].title: i for i in left if base_titles[base[i].title] == 1}
    for j, t in enumerate(side):
        if pairs[j] is None and side_titles[t.title] == 1 and t.title in by_title:
            found = by_title[t.title]
            pairs[j] = found
            used.add(found)
    # Title and link both edited: same place and mostly the same text.
    for j, t in enumerate(side):
        if pairs[j] is None and j < len(base) and j not in used:
            ratio = difflib.SequenceMatcher(None, base[j].markdown, t.markdown).quick_ratio()
            if ratio > 0.6:
                pairs[j] = j
                used.add(j)
    return pairs


def _plain_text(hp: Homepage) -> str:
    text = hp.to_text()
    return text.replace(hp.style.newline, "\n") if hp.style.newline != "\n" else text


def _head(hp: Homepage, text: str) -> str:
    """Front matter and preamble: the text before the first teaser and its comment opener."""
    teasers = hp.teasers
    if not teasers:
        return text
    lines = text.split("\n")
    start = sum(len(line) + 1 for line in lines[: teasers[0].start_line - 1])
    opener = re.match(r"[ \t]*<!--[ \t]*", lines[teasers[0].start_line - 1])
    prefix = text[: start + (opener.end() if opener else 0)]
    p = prefix.rfind("<!--")
    if p != -1 and not prefix[p + 4:].strip():
        prefix = prefix[:p]
    return prefix


def _describe(title: str) -> str:
    return f"“{title}”"


def merge_homepages(
    base: bytes,
    mine: bytes,
    theirs: bytes,
    *,
    resolutions: Mapping[str, str | None] | None = None,
) -> MergeResult:
    """Merge ``theirs`` into ``mine`` relative to ``base``; see the module docstring."""
    if mine == theirs or theirs == base:
        return MergeResult(mine)
    if mine == base:
        return MergeResult(theirs, taken=["the whole file"])
    resolutions = dict(resolutions or {})
    try:
        hb, hm, ht = Homepage.parse(base), Homepage.parse(mine), Homepage.parse(theirs)
        return _merge(hb, hm, ht, resolutions)
    except _LostText as exc:
        # Theirs has hand-written text outside the teasers that the author's file lacks:
        # build on their file instead, carrying the author's changes over (order choices
        # name sides, so they cannot be swapped).
        if ORDER_KEY not in resolutions:
            try:
                swapped = _merge(hb, ht, hm, resolutions)
            except HomepageFormatError:
                pass
            else:
                if swapped.merged is not None:
                    swapped.taken = ["changes made on disk, including text between the posts"]
                    return swapped
        return _whole_file(base, mine, theirs, resolutions, str(exc))
    except HomepageFormatError as exc:
        return _whole_file(base, mine, theirs, resolutions, str(exc))


class _LostText(HomepageFormatError):
    """The merge would drop text typed between the posts."""


def _text_of(data: bytes) -> tuple[str, TextStyle]:
    try:
        return decode(data)
    except HomepageFormatError:
        return data.decode("utf-8", errors="replace"), TextStyle()


def _whole_file(base: bytes, mine: bytes, theirs: bytes, resolutions: dict[str, str | None],
                error: str) -> MergeResult:
    mine_text, style = _text_of(mine)
    if resolutions.get(FILE_KEY) is not None:
        return MergeResult(encode(resolutions[FILE_KEY] or "", style), error=error)
    conflict = TeaserConflict("", _text_of(base)[0], mine_text, _text_of(theirs)[0],
                              title="The whole homepage", key=FILE_KEY, kind="file")
    return MergeResult(None, [conflict], error=error)


def _merge(hb: Homepage, hm: Homepage, ht: Homepage,
           resolutions: dict[str, str | None]) -> MergeResult:
    B, M, T = hb.teasers, hm.teasers, ht.teasers
    m_of, t_of = _match(B, M), _match(B, T)
    m_pos = {b: j for j, b in enumerate(m_of) if b is not None}
    t_pos = {b: k for k, b in enumerate(t_of) if b is not None}
    keys = _keys(B)
    conflicts: list[TeaserConflict] = []
    taken: list[str] = []
    items: dict[Id, _Item | None] = {}

    def choose(conflict: TeaserConflict, fallback: _Item | None, hidden: bool) -> _Item | None:
        if conflict.key in resolutions:
            text = resolutions[conflict.key]
            return None if text is None else _Item(text, hidden, conflict.title)
        conflicts.append(conflict)
        return fallback

    for i, b in enumerate(B):
        bid: Id = ("b", i)
        mi = M[m_pos[i]] if i in m_pos else None
        ti = T[t_pos[i]] if i in t_pos else None
        if mi is None and ti is None:
            items[bid] = None
            continue
        if mi is None or ti is None:
            side = mi or ti
            assert side is not None
            if (side.markdown, side.hidden) == (b.markdown, b.hidden):
                items[bid] = None  # removed on one side, untouched on the other
                if ti is None:
                    taken.append(f"removed {_describe(b.title)}")
                continue
            conflict = TeaserConflict(
                b.link, b.markdown, mi.markdown if mi else None, ti.markdown if ti else None,
                title=side.title, key=keys[i])
            fallback = _Item(mi.markdown, mi.hidden, mi.title) if mi else None
            items[bid] = choose(conflict, fallback, side.hidden)
            continue
        hidden = mi.hidden if mi.hidden != b.hidden else ti.hidden
        if hidden != mi.hidden:
            taken.append(f"{'hid' if hidden else 'showed'} {_describe(ti.title)}")
        if mi.markdown == b.markdown or ti.markdown == mi.markdown:
            md = ti.markdown
            if md != mi.markdown:
                taken.append(f"edited {_describe(ti.title)}")
            items[bid] = _Item(md, hidden, ti.title)
        elif ti.markdown == b.markdown:
            items[bid] = _Item(mi.markdown, hidden, mi.title)
        else:
            conflict = TeaserConflict(b.link, b.markdown, mi.markdown, ti.markdown,
                                      title=mi.title, key=keys[i])
            items[bid] = choose(conflict, _Item(mi.markdown, hidden, mi.title), hidden)

    mine_order: list[Id] = [("b", bi) if bi is not None else ("m", j) for j, bi in enumerate(m_of)]
    for j, bi in enumerate(m_of):
        if bi is None:
            items[("m", j)] = _Item(M[j].markdown, M[j].hidden, M[j].title)
    added_by_me = {_norm(M[j].link): j for j, bi in enumerate(m_of) if bi is None}
    theirs_order: list[Id] = []
    for k, bi in enumerate(t_of):
        if bi is not None:
            theirs_order.append(("b", bi))
            continue
        t = T[k]
        both: int | None = added_by_me.pop(_norm(t.link), None)
        if both is None:
            theirs_order.append(("t", k))
            items[("t", k)] = _Item(t.markdown, t.hidden, t.title)
            taken.append(f"added {_describe(t.title)}")
            continue
        j = both
        theirs_order.append(("m", j))  # both sides added this post
        if M[j].markdown != t.markdown:
            conflict = TeaserConflict(t.link, None, M[j].markdown, t.markdown, title=M[j].title,
                                      key="+" + _norm(t.link))
            items[("m", j)] = choose(conflict, items[("m", j)], M[j].hidden)

    present = {i for i, item in items.items() if item is not None}
    order_from_theirs = _merge_order(B, mine_order, theirs_order, present, items,
                                     resolutions, conflicts)
    if order_from_theirs:
        taken.append("the new order of the posts")
    primary, secondary = ((theirs_order, mine_order) if order_from_theirs
                          else (mine_order, theirs_order))
    target = [i for i in primary if i in present]
    for pos, ident in enumerate(secondary):
        if ident not in present or ident in target:
            continue
        before = next((p for p in reversed(secondary[:pos]) if p in target), None)
        target.insert(0 if before is None else target.index(before) + 1, ident)

    text_base, text_mine, text_theirs = _plain_text(hb), _plain_text(hm), _plain_text(ht)
    heads = _head(hb, text_base), _head(hm, text_mine), _head(ht, text_theirs)
    head = _merge_head(*heads, resolutions, conflicts)
    if head != heads[1]:
        taken.append("the front matter")
    if conflicts:
        return MergeResult(None, conflicts, taken)

    result = hm.copy()
    ids = list(mine_order)
    for ident in [i for i in ids if i not in present]:
        result.remove(ids.index(ident))
        ids.remove(ident)
    for idx, ident in enumerate(ids):
        item = items[ident]
        assert item is not None
        if result.teaser(idx).markdown != item.md:
            result.set_markdown(idx, item.md)
        if result.teaser(idx).hidden != item.hidden:
            result.set_hidden(idx, item.hidden)
    for pos, ident in enumerate(target):
        if pos < len(ids) and ids[pos] == ident:
            continue
        if ident in ids:
            result.move(ids.index(ident), pos)
            ids.remove(ident)
        else:
            item = items[ident]
            assert item is not None
            result.insert_markdown(pos, item.md, hidden=item.hidden)
        ids.insert(pos, ident)
    merged = result.to_bytes()
    if head != heads[1]:
        text = _plain_text(result)
        text = head + text[len(_head(result, text)):]
        merged = encode(text, result.style)
    _verify(merged, [item for i in target if (item := items[i]) is not None], (hb, hm, ht))
    return MergeResult(merged, [], taken)


_STRUCTURE = re.compile(r"^[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*$", re.MULTILINE)


def _residues(hp: Homepage) -> Counter[str]:
    """Text between and after the teasers that is not blank lines, separators or comment
    markers: a note an author typed there by hand. Operations only carry it along."""
    text = _plain_text(hp)
    lines = text.split("\n")
    teasers = hp.teasers
    found: Counter[str] = Counter()
    for k, teaser in enumerate(teasers):
        stop = teasers[k + 1].start_line - 1 if k + 1 < len(teasers) else len(lines)
        gap = "\n".join(lines[teaser.end_line:stop])
        if k + 1 < len(teasers):  # the next teaser's opener shares its first line
            gap += "\n" + lines[stop][: len(lines[stop]) - len(lines[stop].lstrip())]
        gap = _STRUCTURE.sub("", gap.replace("<!--", "").replace("-->", ""))
        if gap.strip():
            found[" ".join(gap.split())] += 1
    return found


def _verify(merged: bytes, expected: list[_Item],
            versions: tuple[Homepage, Homepage, Homepage]) -> None:
    """Refuse (as a whole-file conflict) a result that lost anything either side wrote."""
    result = Homepage.parse(merged)
    got = [(t.markdown, t.hidden) for t in result.teasers]
    if got != [(item.md, item.hidden) for item in expected]:
        raise HomepageFormatError("the merged file did not come out as planned")
    base, mine, theirs = (_residues(hp) for hp in versions)
    kept = _residues(result)
    if (mine - base) - kept or (theirs - base) - kept:
        raise _LostText("text between the posts was changed by hand on both sides")


def _merge_order(B: list[Teaser], mine_order: list[Id], theirs_order: list[Id], present: set[Id],
                 items: Mapping[Id, _Item | None], resolutions: dict[str, str | None],
                 conflicts: list[TeaserConflict]) -> bool:
    """Whether the result takes theirs' order of the posts both sides kept."""
    common = set(mine_order) & set(theirs_order) & present
    base_rel = [("b", i) for i in range(len(B)) if ("b", i) in common]
    mine_rel = [i for i in mine_order if i in common]
    theirs_rel = [i for i in theirs_order if i in common]
    if theirs_rel in (base_rel, mine_rel):
        return False
    if mine_rel == base_rel:
        return True

    def titles(order: list[Id]) -> str:
        return "\n".join(item.title for i in order if (item := items[i]) is not None)

    conflict = TeaserConflict("", titles(base_rel), titles(mine_rel), titles(theirs_rel),
                              title="The order of the posts", key=ORDER_KEY, kind="order")
    if ORDER_KEY in resolutions:
        return resolutions[ORDER_KEY] == conflict.theirs_md
    conflicts.append(conflict)
    return False


def _merge_head(base: str, mine: str, theirs: str, resolutions: dict[str, str | None],
                conflicts: list[TeaserConflict]) -> str:
    if mine == base:
        return theirs
    if theirs in (base, mine):
        return mine
    if HEAD_KEY in resolutions:
        return resolutions[HEAD_KEY] or ""
    conflicts.append(TeaserConflict("", base, mine, theirs, title="The front matter",
                                    key=HEAD_KEY, kind="head"))
    return mine
