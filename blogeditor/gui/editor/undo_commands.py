"""Undo commands for the homepage document: whole-file snapshots, never inverse operations.

A snapshot (bytes before, bytes after) cannot drift out of step with the model the way a
hand-written inverse can, and the homepage is small (a few KB), so memory is no concern.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

# Text edits of the same teaser in one editing session merge into one undo step.
TEXT_EDIT_ID = 1001


class SnapshotCommand(QUndoCommand):
    def __init__(
        self,
        description: str,
        before: bytes,
        after: bytes,
        restore: Callable[[bytes], None],
        merge_key: object | None = None,
    ) -> None:
        super().__init__(description)
        self.before = before
        self.after = after
        self._restore = restore
        self.merge_key = merge_key

    def redo(self) -> None:
        self._restore(self.after)

    def undo(self) -> None:
        self._restore(self.before)

    def id(self) -> int:
        return TEXT_EDIT_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SnapshotCommand) or other.merge_key != self.merge_key:
            return False
        self.after = other.after
        if self.after == self.before:
            self.setObsolete(True)
        return True
