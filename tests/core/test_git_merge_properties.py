"""The homepage driver on random homepages and random operations by two authors.

Whatever both did, the result either merges (every teaser both kept is there, with each
side's edits and hidden state) or marks conflicts only on teasers both changed; and no
line of a teaser either side wrote is ever missing from the output.
"""

from __future__ import annotations

import re

from hypothesis import assume, given
from hypothesis import strategies as st

from blogeditor.core.errors import HomepageFormatError
from blogeditor.core.git.merge_homepage import merge_homepage_versions
from blogeditor.core.git.post_state import changed_links, norm
from blogeditor.core.homepage.homepage import Homepage
from tests.core.test_homepage_properties import SETTINGS, homepages

KINDS = ["move", "hide", "show", "remove", "add", "edit"]
_HUNK = re.compile(r"^<<<<<<< .*?^>>>>>>> [^\n]*$", re.S | re.M)


@st.composite
def operations(draw: st.DrawFn, side: str) -> list[tuple[str, int, int]]:
    return draw(st.lists(st.tuples(st.sampled_from(KINDS), st.integers(0, 9), st.integers(0, 9)),
                         min_size=1, max_size=3))


def apply(hp: Homepage, ops: list[tuple[str, int, int]], side: str) -> None:
    for k, (kind, x, y) in enumerate(ops):
        n = len(hp)
        try:
            if kind == "add":
                hp.insert(min(x, n), title=f"New {side} {k}", link=f"/ai/new-{side}-{k}",
                          body=f"Fresh words {side}{k}.", hidden=bool(y % 2))
            elif n == 0:
                continue
            elif kind == "move":
                hp.move(x % n, y % n)
            elif kind in ("hide", "show"):
                hp.set_hidden(x % n, kind == "hide")
            elif kind == "remove":
                hp.remove(x % n)
            else:
                hp.set_body(x % n, f"Edited by {side} {k}.\n\nAnother {side}{k} line.")
        except HomepageFormatError:
            assume(False)  # an operation the model refuses on this odd file


def _lines(text: str) -> set[str]:
    out = set()
    for line in text.splitlines():
        line = line.strip()
        line = line[4:].strip() if line.startswith("<!--") else line
        line = line[:-3].strip() if line.endswith("-->") else line
        if line:
            out.add(line)
    return out


def _edited(base: Homepage, side: Homepage) -> dict[str, str]:
    """Teasers whose text this side wrote (new or changed): link -> markdown."""
    old = {norm(t.link): t.markdown for t in base.teasers}
    return {norm(t.link): t.markdown for t in side.teasers if old.get(norm(t.link)) != t.markdown}


@SETTINGS
@given(homepages(), operations("ours"), operations("theirs"))
def test_merges_or_conflicts_only_where_both_changed_and_never_loses_text(page, ours_ops,
                                                                          theirs_ops) -> None:  # type: ignore[no-untyped-def]
    base = Homepage.parse(page.data)
    assume(len({norm(t.link) for t in base.teasers}) == len(base))
    ours, theirs = base.copy(), base.copy()
    apply(ours, ours_ops, "ours")
    apply(theirs, theirs_ops, "theirs")
    result = merge_homepage_versions(page.data, ours.to_bytes(), theirs.to_bytes())
    text = result.data.decode("utf-8-sig", errors="replace").replace("\r\n", "\n")
    got = _lines(text)
    for side in (ours, theirs):
        for md in _edited(base, side).values():
            assert _lines(md) <= got, f"lost text of\n{md}\nin\n{text}"
    fell_back = any("git merge-file" in n for n in result.notes)
    both = changed_links(base, ours) & changed_links(base, theirs)
    if result.clean:
        assert "<<<<<<<" not in text or "<<<<<<<" in page.text
        if fell_back:
            return
        merged = Homepage.parse(result.data)
        now = {norm(t.link): t for t in merged.teasers}
        o = {norm(t.link): t for t in ours.teasers}
        t_ = {norm(t.link): t for t in theirs.teasers}
        b = {norm(t.link): t for t in base.teasers}
        for link in set(o) & set(t_):
            assert link in now, f"{link} kept by both, missing"
            for mine, other in ((o[link], t_[link]), (t_[link], o[link])):
                if link in b and other.markdown == b[link].markdown:
                    assert now[link].markdown == mine.markdown
                if link in b and other.hidden == b[link].hidden:
                    assert now[link].hidden == mine.hidden
        for link in (set(o) - set(b)) | (set(t_) - set(b)):
            assert link in now, f"added {link} missing"
    elif not fell_back:
        # Each marked place holds a teaser both changed (a teaser replaced in the same place
        # may pair with the one it replaced: then the hunk holds both links).
        for hunk in _HUNK.findall(text):
            marked = {norm(m) for m in re.findall(r"^## \[[^\]]*\]\(([^)\s]*)", hunk, re.M)}
            assert marked & both or not marked, (marked, both)
