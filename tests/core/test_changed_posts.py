"""The list's "changed since the last save" marks: new, edited, hidden/shown, or moved."""

from __future__ import annotations

from dataclasses import dataclass, replace

from hypothesis import given
from hypothesis import strategies as st

from blogeditor.core.homepage.changed_posts import changed_since_saved


@dataclass(frozen=True)
class Post:
    link: str
    markdown: str = "text"
    hidden: bool = False


SAVED = [Post(f"/s/p{i}") for i in range(6)]


def test_nothing_changed_marks_nothing() -> None:
    assert changed_since_saved(SAVED, list(SAVED)) == [False] * 6


def test_a_new_post_on_top_marks_only_itself() -> None:
    current = [Post("/s/new"), *SAVED]
    assert changed_since_saved(SAVED, current) == [True] + [False] * 6


def test_a_post_moved_to_the_top_is_the_one_marked() -> None:
    current = [SAVED[4], *SAVED[:4], SAVED[5]]
    assert changed_since_saved(SAVED, current) == [True, False, False, False, False, False]


def test_edits_and_visibility_mark_their_post() -> None:
    current = list(SAVED)
    current[2] = replace(current[2], markdown="rewritten")
    current[3] = replace(current[3], hidden=True)
    assert changed_since_saved(SAVED, current) == [False, False, True, True, False, False]


def test_removing_a_post_marks_nobody_left() -> None:
    assert changed_since_saved(SAVED, SAVED[:2] + SAVED[3:]) == [False] * 5


@given(st.permutations(list(range(8))), st.sets(st.integers(0, 7)))
def test_unmoved_unedited_posts_in_saved_order_are_never_marked(order: list[int], edited: set[int]) -> None:
    saved = [Post(f"/s/{i}") for i in range(8)]
    current = [replace(saved[i], markdown="new") if i in edited else saved[i] for i in order]
    flags = changed_since_saved(saved, current)
    assert all(flags[n] for n, i in enumerate(order) if i in edited)
    # The unmarked posts keep their saved relative order: the marks explain every change.
    kept = [i for n, i in enumerate(order) if not flags[n]]
    assert kept == sorted(kept)
    # And as few as possible are marked as moved: the unmarked set is a longest kept order.
    moved = sum(1 for n, i in enumerate(order) if flags[n] and i not in edited)
    assert moved <= len(order) - _longest_increasing(order)


def _longest_increasing(values: list[int]) -> int:
    best = [1] * len(values)
    for i in range(len(values)):
        for j in range(i):
            if values[j] < values[i]:
                best[i] = max(best[i], best[j] + 1)
    return max(best, default=0)


@given(st.lists(st.tuples(st.sampled_from(["/s/a", "/s/b", "/s/c", "/s/a/"]), st.booleans(),
                          st.booleans(), st.booleans()), max_size=12))
def test_typing_in_place_marks_exactly_the_posts_whose_text_or_state_differs(
        spec: list[tuple[str, bool, bool, bool]]) -> None:
    saved = [Post(link, "text", hidden) for link, hidden, _e, _s in spec]
    # The same object when untouched (as the model hands it out), a new one otherwise.
    current = [replace(p, markdown="edited") if edited else (p if same else replace(p))
               for p, (_l, _h, edited, same) in zip(saved, spec, strict=True)]
    assert changed_since_saved(saved, current) == [e for _l, _h, e, _s in spec]
