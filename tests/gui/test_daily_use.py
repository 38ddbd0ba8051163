"""What an author does every day, as they do it (issue: the window as an author uses it)."""

from __future__ import annotations

import sys
import traceback

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from blogeditor.core.homepage import Homepage


@pytest.fixture
def unexpected_errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Errors that would reach the window's 'ran into a problem' dialog."""
    seen: list[str] = []
    monkeypatch.setattr(sys, "excepthook",
                        lambda *exc: seen.append("".join(traceback.format_exception(*exc))))
    return seen


def test_removing_the_last_post_raises_no_error(main_window, demo_site, qtbot, unexpected_errors) -> None:
    window = main_window
    count = len(window.document.homepage)
    last_title = window.document.homepage.teaser(count - 1).title
    window.select_index(count - 1)
    window.list_view.setFocus()
    qtbot.keyClick(window.list_view, Qt.Key.Key_End)
    qtbot.keyClick(window.list_view, Qt.Key.Key_Delete)
    qtbot.wait(100)
    assert unexpected_errors == []
    assert len(window.document.homepage) == count - 1
    assert last_title not in [t.title for t in window.document.homepage.teasers]
    # The selection moved to the new last post, and the editor shows it.
    assert window.current_index() == count - 2
    assert window.editor.toPlainText().strip() == window.document.homepage.teaser(count - 2).markdown.strip()
    window.commands.save.trigger()
    assert len(Homepage.load(demo_site / "content" / "_index.md")) == count - 1


def test_a_burst_of_errors_is_one_dialog(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from blogeditor.gui import app

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *a, **k: shown.append(text))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    app.install_excepthook()
    for n in range(7):
        try:
            raise ValueError(f"no teaser at position {n}")
        except ValueError:
            sys.excepthook(*sys.exc_info())
    qtbot.waitUntil(lambda: bool(shown))
    QApplication.processEvents()
    assert len(shown) == 1
    assert "no teaser at position 0" in shown[0] and "6 more problems" in shown[0]
