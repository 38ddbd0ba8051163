"""Commit…: the site's changed files with checkboxes and a message suggested from what
changed ("Publish: Title", "Homepage: move Title up"), which the author may rewrite.

The suggestion follows the checked files until the author types in the message; from
then on the message is theirs. Asking git for a new suggestion is the feature's business
(off the GUI thread): the dialog only says ``selection_changed``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from blogeditor.core.git.status import ChangedFile

PathRole = Qt.ItemDataRole.UserRole + 1


class CommitDialog(QDialog):
    selection_changed = Signal(list)  # the checked paths

    def __init__(self, files: list[ChangedFile], message: str, branch: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Commit")
        self.resize(620, 460)
        where = f" on {branch}" if branch else ""
        heading = QLabel(f"Changed files{where}: commit the checked ones.", self)
        self.files = QListWidget(self)
        for f in files:
            item = QListWidgetItem(f"{f.path}  —  {f.description}", self.files)
            item.setData(PathRole, f.path)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked if f.conflicted else Qt.CheckState.Checked)
            item.setToolTip(f.path)
        self.files.itemChanged.connect(self._on_item_changed)
        self.message = QPlainTextEdit(self)
        self.message.setPlaceholderText("What changed, in a line (details below it)")
        self.message.setTabChangesFocus(True)
        self.message.setPlainText(message)
        self.message.setMaximumHeight(110)
        self.message.textChanged.connect(self._on_message_changed)
        self.edited = False  # the author typed: suggestions no longer replace the message
        self._suggesting = False
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.commit_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.commit_button.setText("Commit")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.files, 1)
        layout.addWidget(QLabel("Message:", self))
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._update_button()
        self.message.setFocus()
        commit = QShortcut(QKeySequence("Ctrl+Return"), self)  # Return is a new line here
        commit.activated.connect(self._commit_if_ready)
        self.commit_button.setToolTip("Commit the checked files (Ctrl+Return)")

    def _commit_if_ready(self) -> None:
        if self.commit_button.isEnabled():
            self.accept()

    def checked_paths(self) -> list[str]:
        items = (self.files.item(i) for i in range(self.files.count()))
        return [str(item.data(PathRole)) for item in items
                if item.checkState() == Qt.CheckState.Checked]

    def set_checked(self, path: str, checked: bool) -> None:
        for i in range(self.files.count()):
            item = self.files.item(i)
            if item.data(PathRole) == path:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def text(self) -> str:
        return self.message.toPlainText().strip()

    def suggest(self, message: str) -> None:
        """A suggestion for the checked files (ignored once the author wrote their own)."""
        if self.edited:
            return
        self._suggesting = True
        try:
            self.message.setPlainText(message)
        finally:
            self._suggesting = False
        self._update_button()

    def _on_item_changed(self, _item: QListWidgetItem) -> None:
        self._update_button()
        self.selection_changed.emit(self.checked_paths())

    def _on_message_changed(self) -> None:
        if not self._suggesting:
            self.edited = True
        self._update_button()

    def _update_button(self) -> None:
        self.commit_button.setEnabled(bool(self.checked_paths()) and bool(self.text()))
