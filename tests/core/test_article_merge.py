"""An article changed elsewhere while edited here: both edits kept, or nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from blogeditor.core.article.article_merge import merge_article
from blogeditor.core.storage.session import SaveConflictError, save_checked

BASE = b"""+++
title = "A post"
date = 2024-05-01
draft = true
+++

First paragraph.

Second paragraph.

Third paragraph.
"""


def test_front_matter_here_and_text_there_are_both_kept() -> None:
    mine = BASE.replace(b"draft = true", b"draft = false")
    theirs = BASE.replace(b"Third paragraph.", b"Third paragraph, fixed.")
    merged = merge_article(BASE, mine, theirs)
    assert merged == BASE.replace(b"draft = true", b"draft = false").replace(
        b"Third paragraph.", b"Third paragraph, fixed.")


def test_different_paragraphs_merge_and_a_change_made_on_both_sides_is_kept_once() -> None:
    mine = BASE.replace(b"First paragraph.", b"First, mine.").replace(b"title = \"A post\"",
                                                                       b"title = \"Same\"")
    theirs = BASE.replace(b"Second paragraph.", b"Second, theirs.").replace(
        b"title = \"A post\"", b"title = \"Same\"")
    merged = merge_article(BASE, mine, theirs).decode()
    assert "First, mine." in merged and "Second, theirs." in merged
    assert merged.count('title = "Same"') == 1 and merged.count("paragraph.") == 1


@pytest.mark.parametrize("part,old", [("front matter", b"A post"),
                                      ("text", b"Second paragraph.")])
def test_the_same_line_changed_differently_is_refused_naming_the_part(part, old) -> None:
    mine, theirs = BASE.replace(old, b"mine"), BASE.replace(old, b"theirs")
    with pytest.raises(SaveConflictError, match=part):
        merge_article(BASE, mine, theirs)


def test_through_the_save_path_the_other_programs_change_is_not_overwritten(
        tmp_path: Path) -> None:
    path = tmp_path / "_index.md"
    theirs = BASE.replace(b"Third paragraph.", b"Third, on disk.")
    path.write_bytes(theirs)
    mine = BASE.replace(b"draft = true", b"draft = false")
    result = save_checked(path, mine, base=BASE, backup_dir=None, rebase=merge_article)
    assert result.rebased and b"Third, on disk." in path.read_bytes()
    assert b"draft = false" in path.read_bytes()
    clash = BASE.replace(b"Third paragraph.", b"Third, mine.")
    before = path.read_bytes()
    with pytest.raises(SaveConflictError):
        save_checked(path, clash, base=BASE, backup_dir=None, rebase=merge_article)
    assert path.read_bytes() == before
