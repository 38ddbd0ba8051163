"""Publish and Unpublish write the article and the homepage together, as one undo step.

Whatever the author does next (quit without saving, undo, a disk that refuses the homepage),
the article on disk and the teaser on the homepage on disk agree: never a published article
behind a hidden teaser, nor a visible teaser linking to a draft.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import blogeditor.core.storage.session as session_module
from blogeditor.core.article.article import Article
from blogeditor.core.errors import StorageError
from blogeditor.core.homepage.homepage import Homepage
from tests.gui.test_authoring import FIRST, authoring, select

WAIT = 10_000


def on_disk(site: Path) -> tuple[bool, bool]:
    """(the teaser is hidden on the saved homepage, the article is a draft on disk)."""
    return (Homepage.load(site / "content" / "_index.md").teaser(0).hidden,
            bool(Article.load(site / FIRST).draft))


@pytest.fixture
def window(main_window, monkeypatch):  # type: ignore[no-untyped-def]
    a = authoring(main_window)
    monkeypatch.setattr(a, "ask_set_date", lambda issue: False)
    monkeypatch.setattr(a, "ask_retire", lambda titles: None)
    return main_window


def test_publish_saves_both_so_quitting_leaves_them_in_agreement(
        qtbot, window, demo_site, make_window) -> None:
    select(qtbot, window, 0)
    assert on_disk(demo_site) == (True, True)
    assert authoring(window).publish()
    assert on_disk(demo_site) == (False, False)
    assert not window.document.is_dirty() and not window.isWindowModified()
    window.close()  # quit without saving: nothing was left unsaved
    again = make_window(demo_site)
    assert not again.document.homepage.teaser(0).hidden


def test_undo_and_redo_of_publish_is_one_step_for_both_files(qtbot, window, demo_site) -> None:
    select(qtbot, window, 0)
    stack = window.document.undo_stack
    steps = stack.count()
    assert authoring(window).publish()
    assert stack.count() == steps + 1 and stack.undoText().startswith("Publish")
    stack.undo()
    assert window.document.homepage.teaser(0).hidden  # at once in the window
    qtbot.waitUntil(lambda: on_disk(demo_site) == (True, True), timeout=WAIT)
    qtbot.waitUntil(lambda: not window.document.is_dirty(), timeout=WAIT)
    stack.redo()
    qtbot.waitUntil(lambda: on_disk(demo_site) == (False, False), timeout=WAIT)
    assert not window.document.homepage.teaser(0).hidden


def test_unpublish_then_undo_keeps_both_files_in_agreement(qtbot, window, demo_site) -> None:
    select(qtbot, window, 0)
    assert authoring(window).publish()
    assert authoring(window).unpublish()
    assert on_disk(demo_site) == (True, True)
    window.document.undo_stack.undo()
    qtbot.waitUntil(lambda: on_disk(demo_site) == (False, False), timeout=WAIT)


def test_a_homepage_that_cannot_be_saved_puts_the_article_back_and_says_what_to_do(
        qtbot, window, demo_site, dialogs, monkeypatch) -> None:
    select(qtbot, window, 0)
    article_before = (demo_site / FIRST).read_bytes()
    homepage_before = window.document.to_bytes()
    steps = window.document.undo_stack.count()
    real = session_module.save_checked

    def full_disk(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(path).name == "_index.md" and Path(path).parent.name == "content":
            raise StorageError(f"cannot save {path}: no space left on the device")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(session_module, "save_checked", full_disk)
    assert not authoring(window).publish()
    assert (demo_site / FIRST).read_bytes() == article_before  # put back, byte for byte
    assert on_disk(demo_site) == (True, True)
    assert window.document.to_bytes() == homepage_before  # nothing half-done in the window
    assert window.document.undo_stack.count() == steps
    [text] = dialogs.texts("warning")
    assert "no space left" in text and "as they were" in text and "try again" in text
