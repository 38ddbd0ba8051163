"""Three-way merge of homepages: on the real seed, and as properties over generated ones."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blogeditor.core.homepage.homepage import Homepage
from blogeditor.core.homepage.merge import FILE_KEY, HEAD_KEY, ORDER_KEY, merge_homepages

Op = Callable[[Homepage], None]


def edited(base: bytes, *ops: Op) -> bytes:
    hp = Homepage.parse(base)
    for op in ops:
        op(hp)
    return hp.to_bytes()


def body(i: int, text: str) -> Op:
    return lambda hp: hp.set_body(i, text)


def toggle(i: int) -> Op:
    return lambda hp: hp.set_hidden(i, not hp.teasers[i].hidden)


def insert_top(title: str, link: str, text: str) -> Op:
    return lambda hp: hp.insert(0, title=title, link=link, body=text)


def remove(i: int) -> Op:
    def op(hp: Homepage) -> None:
        hp.remove(i if i >= 0 else len(hp) + i)

    return op


def move(src: int, dst: int) -> Op:
    return lambda hp: hp.move(src, dst)


def relink(i: int, link: str) -> Op:
    return lambda hp: hp.set_link(i, link)


@pytest.fixture
def base(seed_text: str) -> bytes:
    return seed_text.encode("utf-8")


def assert_merges(base: bytes, mine: bytes, theirs: bytes, expected: bytes) -> None:
    forward = merge_homepages(base, mine, theirs)
    backward = merge_homepages(base, theirs, mine)
    assert forward.conflicts == [] and backward.conflicts == []
    assert forward.merged == expected
    assert backward.merged == expected


def test_edits_of_different_teasers_merge_byte_for_byte(base: bytes) -> None:
    mine = edited(base, body(3, "Mine: a new first paragraph."))
    theirs = edited(base, toggle(4), body(5, "Theirs: rewritten."))
    expected = edited(base, body(3, "Mine: a new first paragraph."), toggle(4),
                      body(5, "Theirs: rewritten."))
    assert_merges(base, mine, theirs, expected)
    result = merge_homepages(base, mine, theirs)
    assert any("hid" in t for t in result.taken) and any("edited" in t for t in result.taken)


def test_new_teaser_on_top_and_oldest_dropped_at_the_bottom(base: bytes) -> None:
    add = insert_top("Brand New", "/ai/brand-new", "Hello.")
    drop = remove(-1)
    assert_merges(base, edited(base, add), edited(base, drop), edited(base, add, drop))


def test_reorder_on_disk_and_edit_here(base: bytes) -> None:
    assert_merges(base, edited(base, body(2, "Edited here.")), edited(base, move(5, 2)),
                  edited(base, body(2, "Edited here."), move(5, 2)))


def test_edit_and_hide_of_the_same_teaser_combine(base: bytes) -> None:
    assert_merges(base, edited(base, body(2, "Edited here.")), edited(base, toggle(2)),
                  edited(base, body(2, "Edited here."), toggle(2)))


def test_same_teaser_changed_differently_keeps_both_texts(base: bytes) -> None:
    mine = edited(base, body(2, "Mine wins?"))
    theirs = edited(base, body(2, "Theirs wins?"), toggle(0))
    result = merge_homepages(base, mine, theirs)
    assert result.merged is None
    [conflict] = result.conflicts
    assert "Mine wins?" in (conflict.mine_md or "")
    assert "Theirs wins?" in (conflict.theirs_md or "")
    assert conflict.base_md == Homepage.parse(base).teasers[2].markdown
    assert conflict.link == Homepage.parse(base).teasers[2].link
    # The author picks theirs for that teaser: the rest (the un-hiding) still merges.
    chosen = merge_homepages(base, mine, theirs, resolutions={conflict.key: conflict.theirs_md})
    assert chosen.merged == theirs
    kept = merge_homepages(base, mine, theirs, resolutions={conflict.key: conflict.mine_md})
    assert kept.merged == edited(base, body(2, "Mine wins?"), toggle(0))


def test_removed_here_but_edited_on_disk_is_a_conflict(base: bytes) -> None:
    mine = edited(base, remove(3))
    theirs = edited(base, body(3, "Still wanted."))
    result = merge_homepages(base, mine, theirs)
    [conflict] = result.conflicts
    assert conflict.mine_md is None and "Still wanted." in (conflict.theirs_md or "")
    back = merge_homepages(base, mine, theirs, resolutions={conflict.key: conflict.theirs_md})
    assert back.merged == theirs
    gone = merge_homepages(base, mine, theirs, resolutions={conflict.key: None})
    assert gone.merged == mine


def test_both_reordered_differently_is_an_order_conflict(base: bytes) -> None:
    mine = edited(base, move(7, 2))
    theirs = edited(base, move(6, 3))
    result = merge_homepages(base, mine, theirs)
    [conflict] = result.conflicts
    assert conflict.key == ORDER_KEY and conflict.mine_md != conflict.theirs_md
    resolved = merge_homepages(base, mine, theirs, resolutions={ORDER_KEY: conflict.theirs_md})
    assert resolved.merged == theirs


def test_a_renamed_link_still_pairs_the_teaser_by_title(base: bytes) -> None:
    new_link = relink(3, "/crossplane/renamed")
    assert_merges(base, edited(base, new_link), edited(base, toggle(3)),
                  edited(base, new_link, toggle(3)))


def test_front_matter_changed_on_disk(base: bytes) -> None:
    theirs = base.replace(b'title = ""', b'title = "Home"', 1)
    mine = edited(base, body(2, "Edited here."))
    result = merge_homepages(base, mine, theirs)
    assert result.merged == edited(theirs, body(2, "Edited here."))
    both = merge_homepages(base, base.replace(b'title = ""', b'title = "Mine"', 1), theirs)
    assert [c.key for c in both.conflicts] == [HEAD_KEY]


def test_both_added_the_same_post(base: bytes) -> None:
    add = insert_top("Same", "/ai/same", "Same words.")
    result = merge_homepages(base, edited(base, add, body(4, "x")), edited(base, add))
    assert result.merged == edited(base, add, body(4, "x"))
    other = insert_top("Same", "/ai/same", "Other words.")
    clash = merge_homepages(base, edited(base, add, body(4, "x")), edited(base, other))
    assert [c.base_md for c in clash.conflicts] == [None]


def test_a_broken_file_on_disk_becomes_a_whole_file_conflict(base: bytes) -> None:
    mine = edited(base, body(2, "Edited here."))
    broken = base + b"\n<!-- never closed\n"
    result = merge_homepages(base, mine, broken)
    assert result.merged is None and result.error
    [conflict] = result.conflicts
    assert conflict.key == FILE_KEY and "never closed" in (conflict.theirs_md or "")
    resolved = merge_homepages(base, mine, broken, resolutions={FILE_KEY: conflict.mine_md})
    assert resolved.merged == mine


def test_a_note_typed_between_posts_on_disk_is_kept(base: bytes) -> None:
    text = base.decode("utf-8")
    anchor = text.index("<img src=\"/crossplane/")
    theirs = (text[:anchor] + "Psst: a hand-written note.\n\n" + text[anchor:]).encode("utf-8")
    mine = edited(base, body(5, "Edited here."))
    result = merge_homepages(base, mine, theirs)
    assert result.merged is not None and b"Psst: a hand-written note." in result.merged
    assert _teasers(result.merged) == _teasers(edited(theirs, body(5, "Edited here.")))
    # Both sides typing different notes there: the post they follow conflicts, both kept.
    mine_note = (text[:anchor] + "My own note.\n\n" + text[anchor:]).encode("utf-8")
    clash = merge_homepages(base, mine_note, theirs)
    [conflict] = clash.conflicts
    assert "My own note." in (conflict.mine_md or "")
    assert "Psst: a hand-written note." in (conflict.theirs_md or "")


# ----- properties over generated homepages ---------------------------------------------

HEAD = '+++\narchetype = "home"\ntitle = ""\n+++\n\n# Latest Posts\n\n'
words = st.text(alphabet="abcdefgh xyz.,'*", min_size=1, max_size=30).map(str.strip).filter(bool)
paragraphs = st.lists(words, min_size=1, max_size=3).map("\n\n".join)


@st.composite
def homepages(draw: st.DrawFn) -> bytes:
    n = draw(st.integers(min_value=1, max_value=6))
    parts = []
    for i in range(n):
        link = f"/s/post-{i}"
        thumb = f'<img src="{link}/thumbnail.jpg" style="width:50%; float:right; padding: 10px">\n\n'
        text = (f"{thumb if draw(st.booleans()) else ''}## [{draw(words)} {i}]({link})\n\n"
                f"{draw(paragraphs)}\n\n**[Full article >>]({link})**")
        if draw(st.booleans()):
            parts.append(f"<!-- {text}\n\n--- -->")
        else:
            parts.append(f"{text}\n\n---" if i < n - 1 else text)
    return (HEAD + "\n\n".join(parts) + "\n").encode("utf-8")


@st.composite
def any_edits(draw: st.DrawFn, base: bytes) -> bytes:
    hp = Homepage.parse(base)
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        kind = draw(st.sampled_from(["body", "toggle", "remove", "insert", "move"]))
        n = len(hp)
        if kind == "insert":
            hp.insert(0, title=draw(words), link=f"/s/new-{draw(st.integers(0, 99))}",
                      body=draw(paragraphs))
        elif n == 0:
            continue
        elif kind == "body":
            hp.set_body(draw(st.integers(0, n - 1)), draw(paragraphs))
        elif kind == "toggle":
            toggle(draw(st.integers(0, n - 1)))(hp)
        elif kind == "remove" and n > 1:
            hp.remove(draw(st.integers(0, n - 1)))
        elif kind == "move":
            hp.move(draw(st.integers(0, n - 1)), draw(st.integers(0, n - 1)))
    return hp.to_bytes()


PROPS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPS
@given(data=st.data())
def test_one_sided_changes_come_back_unchanged(data: st.DataObject) -> None:
    base = data.draw(homepages())
    x = data.draw(any_edits(base))
    assert merge_homepages(base, x, base).merged == x
    assert merge_homepages(base, base, x).merged == x
    assert merge_homepages(base, x, x).merged == x


@PROPS
@given(data=st.data())
def test_disjoint_edits_commute_and_equal_doing_both(data: st.DataObject) -> None:
    base = data.draw(homepages())
    n = len(Homepage.parse(base))
    mine_ops: list[Op] = []
    theirs_ops: list[Op] = []
    for i in range(n):
        who = data.draw(st.sampled_from(["none", "mine", "theirs"]))
        if who == "none":
            continue
        op = body(i, data.draw(paragraphs)) if data.draw(st.booleans()) else toggle(i)
        (mine_ops if who == "mine" else theirs_ops).append(op)
    mine, theirs = edited(base, *mine_ops), edited(base, *theirs_ops)
    expected = edited(base, *mine_ops, *theirs_ops)
    assert_merges(base, mine, theirs, expected)


@PROPS
@given(data=st.data())
def test_merging_never_loses_a_change_silently(data: st.DataObject) -> None:
    """Any edits on both sides: either a clean merge that parses, or conflicts naming both texts."""
    base = data.draw(homepages())
    mine, theirs = data.draw(any_edits(base)), data.draw(any_edits(base))
    result = merge_homepages(base, mine, theirs)
    if result.merged is not None:
        merged = Homepage.parse(result.merged)
        texts = {t.markdown for t in merged.teasers}
        base_texts = {t.markdown for t in Homepage.parse(base).teasers}
        for side in (mine, theirs):
            for t in Homepage.parse(side).teasers:
                # A teaser text one side wrote (not just kept from base) is in the result,
                # unless the other side removed that teaser and it was only re-hidden/moved.
                if t.markdown not in base_texts:
                    assert t.markdown in texts
    else:
        assert result.conflicts
        for c in result.conflicts:
            assert c.mine_md != c.theirs_md


# ----- the format variants real files contain ---------------------------------------------

VARIANTS = sorted((Path(__file__).resolve().parent.parent / "fixtures" / "homepages").glob("*.md"))


def _edit(kind: str, i: int, tag: str) -> Op:
    return body(i, f"Edited by {tag}.") if kind == "body" else toggle(i)


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda p: p.stem)
def test_disjoint_edits_on_every_format_variant(variant: Path) -> None:
    """Mine as written, then their change applied by the model: byte for byte, both ways.

    (A teaser that changes hidden state is written in the style the model learns from the
    file it is applied to, so "mine then theirs" and "theirs then mine" may spell a comment
    opener differently; both hold the same teasers.)"""
    base = variant.read_bytes()
    n = len(Homepage.parse(base))
    for i in range(n):
        for j in range(n):
            if i == j:
                continue
            for mine_kind in ("body", "toggle"):
                for theirs_kind in ("body", "toggle"):
                    mine_op, theirs_op = _edit(mine_kind, i, "me"), _edit(theirs_kind, j, "them")
                    mine, theirs = edited(base, mine_op), edited(base, theirs_op)
                    forward = merge_homepages(base, mine, theirs)
                    backward = merge_homepages(base, theirs, mine)
                    assert forward.merged == edited(mine, theirs_op)
                    assert backward.merged == edited(theirs, mine_op)
                    assert _teasers(forward.merged) == _teasers(backward.merged)


def _teasers(data: bytes | None) -> list[tuple[str, bool]]:
    assert data is not None
    return [(t.markdown, t.hidden) for t in Homepage.parse(data).teasers]
