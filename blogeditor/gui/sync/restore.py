"""File > Restore Earlier Version…: bring back a homepage version from the backup history.

Every save keeps the previous file in the site's backup history (core.backups). The dialog
lists those versions with a read-only view of each; restoring puts the chosen text into the
document as one undoable change, so nothing is written until the author saves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from blogeditor.core.errors import BlogEditorError
from blogeditor.core.storage.backups import BackupHistory, Version, site_backup_dir
from blogeditor.gui.context import AppContext

if TYPE_CHECKING:
    from blogeditor.gui.window.main_window import MainWindow


class RestoreDialog(QDialog):
    """The kept versions, newest first, each shown in full before it is chosen."""

    def __init__(
        self, versions: list[Version], history: BackupHistory, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore Earlier Version")
        self.resize(900, 560)
        self._history = history
        self._versions = versions
        self.chosen: bytes | None = None
        self.list = QListWidget()
        for version in versions:
            when = version.timestamp.astimezone().strftime("%a %d %b %Y, %H:%M:%S")
            item = QListWidgetItem(f"{when}\n{version.size:,} bytes")
            item.setData(Qt.ItemDataRole.UserRole, version)
            self.list.addItem(item)
        self.view = QPlainTextEdit(readOnly=True)
        self.view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        split = QSplitter()
        split.addWidget(self.list)
        split.addWidget(self.view)
        split.setSizes([260, 640])
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = self.buttons.addButton("Restore", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        note = QLabel("Versions kept before each save, newest first. Restoring replaces the text "
                      "in the window; it is written only when you save, and Undo takes it back.")
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(split, 1)
        layout.addWidget(self.buttons)
        self.list.currentRowChanged.connect(self._show)
        self.list.itemDoubleClicked.connect(lambda _item: self._accept())
        self.list.setCurrentRow(0)

    def _show(self, row: int) -> None:
        self.restore_button.setEnabled(row >= 0)
        if row < 0:
            self.view.clear()
            return
        try:
            data = self._history.restore(self._versions[row])
        except (OSError, BlogEditorError) as exc:
            self.view.setPlainText(f"This version cannot be read: {exc}")
            self.restore_button.setEnabled(False)
            return
        self.view.setPlainText(data.decode("utf-8", errors="replace"))

    def _accept(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        self.chosen = self._history.restore(self._versions[row])
        self.accept()


class RestoreActions:
    def __init__(self, ctx: AppContext, window: MainWindow) -> None:
        self.ctx = ctx
        self.window = window
        self.action = QAction("Restore &Earlier Version…", window)
        self.action.setStatusTip("Bring back the homepage as it was before one of its saves")
        self.action.triggered.connect(self.open_dialog)
        # Above the separator before Quit: Quit stays the last item of the File menu.
        file_menu = window.menus["file"]
        items = file_menu.actions()
        at = items.index(window.commands.quit)
        if at > 0 and items[at - 1].isSeparator():
            at -= 1
        file_menu.insertAction(items[at], self.action)

    def history(self) -> tuple[BackupHistory, list[Version]] | None:
        document = self.window.document
        if document is None:
            return None
        history = BackupHistory(site_backup_dir(document.site.root))
        return history, history.versions(document.path)

    def open_dialog(self) -> None:
        found = self.history()
        if found is None:
            self.window.status("Open a site first")
            return
        history, versions = found
        if not versions:
            self.window.status("No earlier versions yet: one is kept each time the homepage is saved")
            return
        dialog = RestoreDialog(versions, history, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen is None:
            return
        self.restore(dialog.chosen)

    def restore(self, data: bytes) -> bool:
        document = self.window.document
        if document is None:
            return False
        try:
            document.set_bytes(data, "Restore earlier version")
        except BlogEditorError as exc:
            self.window.status(f"That version cannot be restored: {exc}")
            return False
        self.window.status("Restored an earlier version; save to keep it, or undo")
        return True
