"""Post list commands: move, hide/show, remove, new post. Each is one undoable step."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from blogeditor.core.errors import BlogEditorError
from blogeditor.core.homepage import Homepage
from blogeditor.gui import icons

if TYPE_CHECKING:
    from blogeditor.gui.window.actions import Actions
    from blogeditor.gui.window.main_window import MainWindow


class PostOperations:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def connect_actions(self, a: Actions) -> None:
        a.move_up.triggered.connect(lambda: self.move_by(-1))
        a.move_down.triggered.connect(lambda: self.move_by(1))
        a.move_top.triggered.connect(self.move_to_top)
        a.toggle_hidden.triggered.connect(self.toggle_hidden)
        a.remove.triggered.connect(self.remove)
        a.new_post.triggered.connect(self.new_post)
        view = self.window.list_view
        view.menu_actions = [a.toggle_hidden, None, a.move_top, a.move_up, a.move_down, None,
                             a.remove]
        # Delete removes a post only from the list: in the editor it deletes text.
        a.remove.setShortcuts(QKeySequence.StandardKey.Delete)
        a.remove.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        view.addAction(a.remove)

    # -- helpers -----------------------------------------------------------------------
    def _current(self) -> int | None:
        return self.window.current_index()

    def _title(self, index: int) -> str:
        doc = self.window.document
        assert doc is not None
        return doc.homepage.teaser(index).title or "untitled post"

    def _apply(self, description: str, operation: Callable[[Homepage], object]) -> bool:
        doc = self.window.document
        return doc is not None and doc.apply(description, operation)

    def _neighbour(self, index: int, step: int) -> int | None:
        """The teaser index of the list row ``step`` rows away (hidden rows may be filtered out)."""
        view = self.window.list_view
        row = view.view_index(index).row() + step
        if not 0 <= row < view.model().rowCount():
            return None
        return view.teaser_index(view.model().index(row, 0))

    # -- commands ------------------------------------------------------------------------
    def move(self, src: int, dst: int) -> bool:
        if src == dst:
            return False
        ok = self._apply(f"Move “{self._title(src)}”", lambda hp: hp.move(src, dst))
        if ok:
            self.window.select_index(dst)
        return ok

    def move_by(self, step: int) -> None:
        index = self._current()
        if index is None:
            return
        target = self._neighbour(index, step)
        if target is not None:
            self.move(index, target)

    def move_to_top(self) -> None:
        index = self._current()
        if index:
            self.move(index, 0)

    def toggle_hidden(self) -> None:
        index = self._current()
        doc = self.window.document
        if index is None or doc is None:
            return
        hidden = not doc.homepage.teaser(index).hidden
        verb = "Hide" if hidden else "Show"
        if self._apply(f"{verb} “{self._title(index)}”", lambda hp: hp.set_hidden(index, hidden)):
            self.window.status(
                f"“{self._title(index)}” is now {'hidden on' if hidden else 'visible on'} the homepage"
            )

    def remove(self) -> None:
        index = self._current()
        if index is None:
            return
        title = self._title(index)
        if self._apply(f"Remove “{title}”", lambda hp: hp.remove(index)):
            self.window.status(f"Removed “{title}” from the homepage (Undo brings it back)")

    def new_post(self) -> None:
        window = self.window
        site = window.site
        if site is None or window.document is None:
            return
        try:
            module = importlib.import_module("blogeditor.gui.posts.new_post_dialog")
        except ModuleNotFoundError:
            module = None
        if module is not None and hasattr(module, "NewPostDialog"):
            dialog = module.NewPostDialog(window)
            dialog.exec()
            return
        answer = ask_new_post(window, site.sections())
        if answer is None:
            return
        section, title = answer
        self.create_post(section, title)

    def create_post(self, section: str, title: str) -> bool:
        """Create the article and its hidden teaser at the top, and select it."""
        window = self.window
        site = window.site
        if site is None:
            return False
        try:
            _path, link = site.new_post(section, title)
        except BlogEditorError as exc:
            window.show_error("Cannot create the post", str(exc))
            return False
        title = " ".join(title.split())
        ok = self._apply(
            f"New post “{title}”", lambda hp: hp.insert(0, title=title, link=link, hidden=True)
        )
        if ok:
            window.select_index(0)
            window.editor.setFocus()
            window.status(f"Created {link} (hidden on the homepage until you show it)")
        return ok

    def update_actions(self, a: Actions) -> None:
        doc = self.window.document
        index = self._current()
        has = doc is not None and index is not None
        for action in (a.toggle_hidden, a.remove, a.move_up, a.move_down, a.move_top):
            action.setEnabled(has)
        if not has or doc is None or index is None:
            return
        hidden = doc.homepage.teaser(index).hidden
        a.toggle_hidden.setText("&Show on Homepage" if hidden else "&Hide from Homepage")
        a.toggle_hidden.setIconText("Show" if hidden else "Hide")
        a.toggle_hidden.setIcon(icons.icon("visible" if hidden else "hidden"))
        a.move_up.setEnabled(self._neighbour(index, -1) is not None)
        a.move_down.setEnabled(self._neighbour(index, 1) is not None)
        a.move_top.setEnabled(index > 0)


def ask_new_post(parent: QWidget, sections: list[str]) -> tuple[str, str] | None:
    """Ask for section and title (tests replace this function)."""
    dialog = QDialog(parent)
    dialog.setWindowTitle("New Post")
    form = QFormLayout(dialog)
    section = QComboBox(dialog)
    section.setEditable(True)
    section.addItems(sections)
    title = QLineEdit(dialog)
    title.setPlaceholderText("The title of the new post")
    form.addRow("Section:", section)
    form.addRow("Title:", title)
    form.addRow(QLabel("The article is created as a draft and its teaser hidden at the top."))
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted or not title.text().strip():
        return None
    return section.currentText().strip(), title.text().strip()
