"""GUI test fixtures: a real MainWindow on a private copy of the demo site.

No test may block on a dialog: every QMessageBox and folder dialog is answered by the
``dialogs`` fixture, which also records what was asked so tests can assert on it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtWidgets import QFileDialog, QMessageBox

Button = QMessageBox.StandardButton


@dataclass
class Dialogs:
    """Answers for the window's questions; ``asked`` keeps (kind, title, text) of each."""

    save_answer: Button = Button.Discard
    restore_answer: Button = Button.No
    folder: str = ""
    asked: list[tuple[str, str, str]] = field(default_factory=list)

    def kinds(self) -> list[str]:
        return [kind for kind, _title, _text in self.asked]

    def texts(self, kind: str) -> list[str]:
        return [text for k, _title, text in self.asked if k == kind]


@pytest.fixture(autouse=True)
def isolated_qsettings(isolated_user_dirs: Path) -> Path:
    """Anything that still asks Qt for its default settings lands in this test's folder too
    (the window's own file follows BLOGEDITOR_CONFIG_DIR, set by isolated_user_dirs)."""
    folder = isolated_user_dirs / "qsettings"
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    answers = Dialogs()

    def question(parent: object, title: str, text: str, *args: object, **kwargs: object) -> Button:
        answers.asked.append(("question", title, text))
        if "Restore" in title:
            return answers.restore_answer
        return answers.save_answer

    def recorder(kind: str):  # type: ignore[no-untyped-def]
        def show(parent: object, title: str, text: str, *args: object, **kwargs: object) -> Button:
            answers.asked.append((kind, title, text))
            return Button.Ok

        return show

    monkeypatch.setattr(QMessageBox, "question", question)
    # Boxes built by hand (custom button labels) are answered like question().
    monkeypatch.setattr(
        QMessageBox, "exec",
        lambda box: question(box.parent(), box.windowTitle(), box.text()).value,
    )
    for kind in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, kind, recorder(kind))
    monkeypatch.setattr(
        QMessageBox, "about", lambda parent, title, text: answers.asked.append(("about", title, text))
    )
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", lambda *args, **kwargs: answers.folder
    )
    return answers


@pytest.fixture
def make_window(qtbot, dialogs: Dialogs) -> Iterator:  # type: ignore[no-untyped-def]
    """Build MainWindows (several for restart scenarios); all are closed cleanly afterwards."""
    from blogeditor.gui.window.main_window import MainWindow

    windows: list[MainWindow] = []

    def make(site: Path | None = None) -> MainWindow:
        window = MainWindow()
        qtbot.addWidget(window)
        window.show()
        if site is not None:
            assert window.open_site(site), dialogs.asked
        windows.append(window)
        return window

    yield make
    dialogs.save_answer = Button.Discard
    for window in windows:
        window.close()
        window.image_loader.wait_idle(5000)
        window.preview_pane.controller.wait_for_done(5000)
        window.ctx.jobs.wait_idle(5000)
    QThreadPool.globalInstance().waitForDone(5000)


@pytest.fixture
def main_window(make_window, demo_site: Path):  # type: ignore[no-untyped-def]
    """The main window with a private copy of the demo site open, first post selected."""
    return make_window(demo_site)
