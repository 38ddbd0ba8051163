"""Saving, reverting, undo and crash recovery of the homepage being edited in the window.

A component of the main window with typed references to what it works with: the context
(the homepage session, the dialogs, the disk watcher's save guard, the other sources of
unsaved work) and the teaser editor's binding (text typed but not yet committed).
"""

from __future__ import annotations

import time

from PySide6.QtWidgets import QMessageBox, QWidget

from blogeditor.core.errors import BlogEditorError
from blogeditor.gui.context import AppContext
from blogeditor.gui.editor import recovery
from blogeditor.gui.editor.editor import EditorBinding
from blogeditor.gui.window.closing import UnsavedDocument, confirm_close

RECOVERY_MAX_WAIT_S = 30.0


class HomepageSaving:
    def __init__(self, ctx: AppContext, binding: EditorBinding, parent: QWidget) -> None:
        self.ctx = ctx
        self.binding = binding
        self.parent = parent
        self.recovery_written: bytes | None = None

    def maybe_save(self) -> bool:
        """Ask once about every unsaved document (homepage, article, ...); False on Cancel."""
        if self.ctx.homepage is None:
            return True
        return confirm_close(self.parent, [self._unsaved_homepage, *self.ctx.unsaved_sources])

    def _unsaved_homepage(self) -> list[UnsavedDocument]:
        doc = self.ctx.homepage
        if doc is None:
            return []
        self.binding.flush()
        # Text the document refused (say, a deleted heading) is unsaved work too.
        if not doc.is_dirty() and not self.binding.pending:
            return []
        site = self.ctx.site
        name = f"the homepage of {site.root.name}" if site else "the homepage"
        return [UnsavedDocument(name, self.save, lambda: recovery.discard(doc.path))]

    def save(self) -> bool:
        doc = self.ctx.homepage
        if doc is None:
            return False
        if not self.binding.commit():
            self.ctx.dialogs.show_error(
                "Not saved", f"The teaser text cannot be saved: {self.binding.last_error}")
            return False
        if not self._resolve_pending_conflict():
            return False
        # An unreadable disk version the author chose "Keep mine" over may be replaced; any
        # other change on disk since the last load is merged in or refused by the save itself.
        guard = self.ctx.save_guard
        if doc.save(accept_hash=guard.accepted_hash() if guard is not None else None):
            recovery.discard(doc.path)
            self.recovery_written = None
            return True
        return False

    def _resolve_pending_conflict(self) -> bool:
        """A save while the disk version is unanswered would silently drop it: ask first."""
        guard = self.ctx.save_guard
        if guard is None or not guard.pending_conflict():
            return True
        answer = self.ctx.dialogs.ask_save_over_conflict()
        if answer == QMessageBox.StandardButton.Save:
            guard.keep_mine()  # the disk version is now known; ours replaces it knowingly
            return True
        if answer == QMessageBox.StandardButton.Open:
            guard.open_compare()
        return False

    def revert(self) -> None:
        doc = self.ctx.homepage
        if doc is None:
            return
        self.binding.flush()
        if not doc.is_dirty() or not self.ctx.dialogs.ask_revert():
            return
        doc.revert()
        self.ctx.status("Reverted to the saved homepage")

    def undo(self) -> None:
        if self.ctx.homepage is not None:
            self.binding.flush()
            self.ctx.homepage.undo_stack.undo()

    def redo(self) -> None:
        if self.ctx.homepage is not None:
            self.binding.flush()
            self.ctx.homepage.undo_stack.redo()

    def write_recovery(self) -> None:
        """Keep unsaved work where the next start finds it after a crash."""
        doc = self.ctx.homepage
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
            if self.recovery_written is not None:
                recovery.discard(doc.path)
                self.recovery_written = None
            return
        data = doc.to_bytes()
        if data != self.recovery_written and recovery.write(doc.path, data):
            self.recovery_written = data

    def offer_recovery(self) -> None:
        doc = self.ctx.homepage
        if doc is None:
            return
        self.recovery_written = None
        data = recovery.read(doc.path)
        if data is None:
            return
        if data == doc.saved_bytes:
            recovery.discard(doc.path)
            return
        if self.ctx.dialogs.ask_restore() != QMessageBox.StandardButton.Yes:
            recovery.discard(doc.path)
            return
        try:
            doc.set_bytes(data, "Restore unsaved changes")
        except BlogEditorError as exc:
            self.ctx.dialogs.show_error("Cannot restore the unsaved changes", str(exc))
            recovery.discard(doc.path)
            return
        self.ctx.status("Restored the unsaved changes from the last session")
