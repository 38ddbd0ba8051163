"""Highlights for Compare…: changed lines, and the changed words inside them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from blogeditor.core.homepage.text_diff import changed_spans


def marked(text: str, spans, kind: str) -> list[str]:
    return [text[s.start:s.start + s.length] for s in spans if s.kind == kind]


def test_one_changed_word_marks_its_line_and_the_word() -> None:
    a = "## [Title](/a/b)\n\nThe quick brown fox.\n\nFull article\n"
    b = "## [Title](/a/b)\n\nThe quick red fox.\n\nFull article\n"
    spans_a, spans_b = changed_spans(a, b)
    assert marked(a, spans_a, "line") == ["The quick brown fox."]
    assert marked(b, spans_b, "line") == ["The quick red fox."]
    assert marked(a, spans_a, "word") == ["brown"]
    assert marked(b, spans_b, "word") == ["red"]


def test_an_added_paragraph_is_marked_on_its_side_only() -> None:
    a = "one\n\ntwo\n"
    b = "one\n\nnew paragraph\n\ntwo\n"
    spans_a, spans_b = changed_spans(a, b)
    assert spans_a == []
    assert "new paragraph" in marked(b, spans_b, "line")


@given(st.text(max_size=200), st.text(max_size=200))
def test_spans_stay_inside_the_text_and_equal_texts_have_none(a: str, b: str) -> None:
    spans_a, spans_b = changed_spans(a, b)
    for text, spans in ((a, spans_a), (b, spans_b)):
        assert all(s.start >= 0 and s.start + s.length <= len(text) for s in spans)
    assert changed_spans(a, a) == ([], [])
