"""Saving, reverting, undo, crash recovery and the window's questions (a MainWindow mixin).

Every question to the author goes through ``ask_*``/``show_error`` here, built on the static
QMessageBox functions, so tests answer them by patching QMessageBox.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from blogeditor.core.errors import BlogEditorError
from blogeditor.gui.editor import recovery
from blogeditor.gui.window.closing import UnsavedDocument, confirm_close

if TYPE_CHECKING:
    from blogeditor.gui.window.main_window import MainWindow

    _Base = MainWindow
else:
    _Base = object

RECOVERY_MAX_WAIT_S = 30.0


class SavingMixin(_Base):
    def maybe_save(self) -> bool:
        """Ask once about every unsaved document (homepage, article, ...); False on Cancel."""
        if self.document is None:
            return True
        return confirm_close(self, [self._unsaved_homepage, *self.unsaved_sources])

    def _unsaved_homepage(self) -> list[UnsavedDocument]:
        doc = self.document
        if doc is None:
            return []
        self.binding.flush()
        # Text the document refused (say, a deleted heading) is unsaved work too.
        if not doc.is_dirty() and not self.binding.pending:
            return []
        name = f"the homepage of {self.site.root.name}" if self.site else "the homepage"
        return [UnsavedDocument(name, self.save, lambda: recovery.discard(doc.path))]


    # ------------------------------------------------------------------ saving
    def save(self) -> bool:
        doc = self.document
        if doc is None:
            return False
        if not self.binding.commit():
            self.show_error("Not saved", f"The teaser text cannot be saved: {self.binding.last_error}")
            return False
        if not self._resolve_pending_conflict():
            return False
        # An unreadable disk version the author chose "Keep mine" over may be replaced; any
        # other change on disk since the last load is merged in or refused by the save itself.
        sync = getattr(self, "sync_controller", None)
        if doc.save(accept_hash=getattr(sync, "_ignored_hash", None)):
            recovery.discard(doc.path)
            self._recovery_written = None
            return True
        return False

    def _resolve_pending_conflict(self) -> bool:
        """A save while the disk version is unanswered would silently drop it: ask first."""
        sync = getattr(self, "sync_controller", None)
        if sync is None or not sync.pending_conflict():
            return True
        answer = self.ask_save_over_conflict()
        if answer == QMessageBox.StandardButton.Save:
            sync.keep_mine()  # the disk version is now known; ours replaces it knowingly
            return True
        if answer == QMessageBox.StandardButton.Open:
            sync.open_compare()
        return False

    def revert(self) -> None:
        if self.document is None:
            return
        self.binding.flush()
        if not self.document.is_dirty():
            return
        # Every editor asks before throwing work away, even when Undo could bring it back.
        answer = QMessageBox.question(
            self, "Revert to Saved",
            "Throw away the changes to the homepage since it was last saved? "
            "(Edit ▸ Undo brings them back.)",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Discard:
            return
        self.document.revert()
        self.status("Reverted to the saved homepage")

    def undo(self) -> None:
        if self.document is not None:
            self.binding.flush()
            self.document.undo_stack.undo()

    def redo(self) -> None:
        if self.document is not None:
            self.binding.flush()
            self.document.undo_stack.redo()

    def write_recovery(self) -> None:
        """Keep unsaved work where the next start finds it after a crash."""
        doc = self.document
        if doc is None:
            return
        binding = self.binding
        now = time.monotonic()
        # Committing mid-word costs a few ms of list and checker refresh: while the author
        # is typing, wait for the commit pause, but never hold typing back for long.
        if not binding.pending or now - binding.last_keystroke > 1.0 or (
            now - binding.pending_since > RECOVERY_MAX_WAIT_S
        ):
            binding.flush()
        if not doc.is_dirty():
            if self._recovery_written is not None:
                recovery.discard(doc.path)
                self._recovery_written = None
            return
        data = doc.to_bytes()
        if data != self._recovery_written and recovery.write(doc.path, data):
            self._recovery_written = data

    def _offer_recovery(self) -> None:
        doc = self.document
        if doc is None:
            return
        data = recovery.read(doc.path)
        if data is None:
            return
        if data == doc.saved_bytes:
            recovery.discard(doc.path)
            return
        if self.ask_restore() != QMessageBox.StandardButton.Yes:
            recovery.discard(doc.path)
            return
        try:
            doc.set_bytes(data, "Restore unsaved changes")
        except BlogEditorError as exc:
            self.show_error("Cannot restore the unsaved changes", str(exc))
            recovery.discard(doc.path)
            return
        self.status("Restored the unsaved changes from the last session")

    # ------------------------------------------------------------------ dialogs
    # Every question goes through these so tests can answer them (monkeypatch QMessageBox).
    def ask_save_over_conflict(self) -> QMessageBox.StandardButton:
        """Save (Save Mine), Open (Compare…) or Cancel."""
        button = QMessageBox.StandardButton
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Save over the changed homepage?",
            "The homepage changed on disk and you have not resolved it. Save yours over it?",
            button.Save | button.Open | button.Cancel,
            self,
        )
        box.button(button.Save).setText("Save Mine")
        box.button(button.Open).setText("Compare…")
        box.setDefaultButton(button.Cancel)
        try:
            return button(box.exec())
        finally:
            box.deleteLater()

    def ask_restore(self) -> QMessageBox.StandardButton:
        return QMessageBox.question(
            self,
            "Restore unsaved changes?",
            "BlogEditor did not close properly last time and kept changes to this homepage "
            "that were never saved. Restore them?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )

    def show_error(self, title: str, message: str) -> None:
        self.status(message, 10000)
        QMessageBox.warning(self, title, message)

    def _about(self) -> None:
        from blogeditor import __version__

        QMessageBox.about(
            self,
            "About BlogEditor",
            f"<b>BlogEditor {__version__}</b><p>An editor for the homepage and posts of a "
            "Hugo blog.</p>",
        )
