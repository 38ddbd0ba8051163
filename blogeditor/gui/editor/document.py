"""The open homepage as a Qt object: current state, what is on disk, undo history, saving.

Every change goes through ``apply`` (or ``set_bytes``) and becomes a snapshot command on
``undo_stack``, so list operations and committed text edits undo in one consistent order.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from blogeditor.core.errors import BlogEditorError
from blogeditor.core.homepage.homepage import Homepage
from blogeditor.core.site.site import Site
from blogeditor.core.storage.backups import site_backup_dir
from blogeditor.core.storage.session import DocumentSession, merge_homepage
from blogeditor.core.storage.storage import read_bytes
from blogeditor.gui.editor.undo_commands import SnapshotCommand


class HomepageDocument(QObject):
    """The Qt face of the homepage's core session (``core/session.DocumentSession``): the
    parsed model, the undo stack and the signals views follow. What was read, what it is
    now, dirty, and the one locked save are the session's.

    Signals: changed, dirty_changed(bool), saved, reloaded, error(str)."""

    about_to_change = Signal()  # before any change: lets the editor commit pending typing
    changed = Signal()
    dirty_changed = Signal(bool)
    saved = Signal()
    reloaded = Signal()
    error = Signal(str)

    def __init__(self, site: Site, data: bytes | None = None, parent: QObject | None = None) -> None:
        """Load the site's homepage (or ``data``); raises BlogEditorError when it cannot be read."""
        super().__init__(parent)
        self.site = site
        self.path = Path(site.homepage_path)
        if data is None:
            data = read_bytes(self.path)
        self.homepage = Homepage.parse(data)
        self.session = DocumentSession(self.path, data, backup_dir=site_backup_dir(site.root),
                                       rebase=merge_homepage)
        self.session.set_current(self.homepage.to_bytes())
        self._dirty = self.session.dirty
        self.undo_stack = QUndoStack(self)
        self._prepared: tuple[bytes, Homepage] | None = None  # (bytes, model) of a step being pushed
        self._saved_model: tuple[str | None, Homepage] | None = (
            (self.saved_hash, self.homepage) if not self._dirty else None)

    @property
    def _bytes(self) -> bytes:
        return self.session.current

    @property
    def saved_bytes(self) -> bytes:
        """What the file held when last read or saved here (the base of a merge)."""
        return self.session.saved or b""

    @property
    def saved_hash(self) -> str | None:
        return self.session.saved_hash

    # -- state ---------------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        """The current content (cached; cheaper than homepage.to_bytes())."""
        return self._bytes

    def is_dirty(self) -> bool:
        return self._dirty

    def saved_homepage(self) -> Homepage:
        """The model of what is on disk. An operation never changes a model in place (it
        works on a copy), so the one read at opening or last saved is kept, not parsed again."""
        saved = self._saved_model
        if saved is None or saved[0] != self.saved_hash:
            saved = (self.saved_hash, Homepage.parse(self.saved_bytes))
            self._saved_model = saved
        return saved[1]

    def _restore(self, data: bytes) -> None:
        # Called by undo commands; the bytes were produced by the model, so they parse.
        if data == self._bytes:
            return
        prepared, self._prepared = self._prepared, None
        # The step being pushed brings its model along: parsing a 10,000-post homepage again
        # after every typing pause costs half a second.
        self.homepage = prepared[1] if prepared is not None and prepared[0] is data \
            else Homepage.parse(data)
        self.session.set_current(data)
        self._after_change()

    def _after_change(self) -> None:
        # Dirty first: views rebuilt on `changed` ask is_dirty() (the list's change marks).
        dirty = self.session.dirty
        flipped = dirty != self._dirty
        self._dirty = dirty
        self.changed.emit()
        if flipped:
            self.dirty_changed.emit(dirty)

    # -- changes -------------------------------------------------------------------------
    def apply(
        self,
        description: str,
        operation: Callable[[Homepage], object],
        merge_key: object | None = None,
    ) -> bool:
        """Run ``operation`` on a copy and push it as one undo step. The model in place is
        never changed (the list and the Problems dock read it on their workers).

        A BlogEditorError from the operation changes nothing: it is emitted as ``error``
        and False is returned. Returns True when the document is as the operation left it.
        """
        self.about_to_change.emit()
        candidate = self.homepage.copy()
        try:
            operation(candidate)
            after = candidate.to_bytes()
        except BlogEditorError as exc:
            self.error.emit(str(exc))
            return False
        if after == self._bytes:
            return True
        self._prepared = (after, candidate)
        try:
            self.undo_stack.push(
                SnapshotCommand(description, self._bytes, after, self._restore, merge_key)
            )
        finally:
            self._prepared = None
        return True

    def set_bytes(self, data: bytes, description: str, undoable: bool = True) -> None:
        """Replace the whole content; raises HomepageFormatError when ``data`` is not a homepage."""
        homepage = Homepage.parse(data)
        self.about_to_change.emit()
        if data == self._bytes:
            return
        if undoable:
            self.undo_stack.push(SnapshotCommand(description, self._bytes, data, self._restore))
            return
        self.homepage = homepage
        self.session.set_current(data)
        self._after_change()

    def reload_from_disk(self, data: bytes) -> None:
        """Take the disk version as the new clean state; raises HomepageFormatError if malformed."""
        homepage = Homepage.parse(data)
        self.session.adopt(data, current=data)
        self.homepage = homepage
        self.undo_stack.setClean()
        self._after_change()
        self.reloaded.emit()

    def adopt_disk_version(self, data: bytes) -> None:
        """Take ``data`` as what is on disk without changing the content (after a merge or
        "keep mine"): dirty then means "differs from the disk". Used by gui/sync/sync.py."""
        self.session.adopt(data)
        self._after_change()  # views compare rows with the saved version: let them look again

    def save(self, accept_hash: str | None = None) -> bool:
        """Write through the core's one save path (core/storage/session.py): locked, with a backup of
        the previous file, and never over a change another program made meanwhile: that is
        merged in teaser by teaser (the result is an undoable step), or the save is refused
        with ``error``. ``accept_hash``: a disk version the author chose to save over.
        False and ``error`` on failure."""
        self.about_to_change.emit()
        data = self._bytes
        try:
            result = self.session.save(accept_hash=accept_hash)
        except BlogEditorError as exc:
            self.error.emit(str(exc))
            return False
        except OSError as exc:  # the core should wrap these; never let one reach the author raw
            self.error.emit(f"Could not save {self.path.name}: {exc.strerror or exc}")
            return False
        if result.data != data:  # another program's change, merged in under the lock
            self.session.set_current(data)  # the undo step below moves to the merged bytes
            self.undo_stack.push(SnapshotCommand("Merge changes made on disk", data,
                                                 result.data, self._restore))
        else:
            self._saved_model = (self.saved_hash, self.homepage)
        self.undo_stack.setClean()
        self._after_change()
        self.saved.emit()
        return True

    def revert(self) -> None:
        """Go back to what is on disk as far as we know (undoable)."""
        self.about_to_change.emit()
        if self._bytes != self.saved_bytes:
            self.set_bytes(self.saved_bytes, "Revert")
