"""A Markdown file being edited: what was read, what it is now, and the one way it is saved.

Every save of the homepage or an article, from the command line, publish-due or the window,
goes through :func:`save_checked`: it takes the file's cross-process lock, re-reads the file
and only then replaces it. When the file is still what the editor read, the edit is written.
When another writer changed it in between, the edit is carried over to their text instead of
overwriting it: the recorded operations are applied again (they name posts by link, never by
position), or, for free edits, a three-way merge teaser by teaser. Where neither can be done
the save is refused with a :class:`SaveConflictError` and nothing is written. Parallel saves
queue behind the lock, so each sees the one before it and no edit is lost.

Also here, without Qt: what a change seen on disk means for an open document
(:func:`decide_disk_change`) and a read that never catches a file half-written
(:func:`read_stable`).
"""

from __future__ import annotations

import enum
import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from blogeditor.core.errors import BlogEditorError, StorageError
from blogeditor.core.homepage.homepage import Homepage
from blogeditor.core.storage.backups import BackupHistory
from blogeditor.core.storage.locking import file_lock
from blogeditor.core.storage.storage import atomic_write, check_writable, read_bytes, remove_leftovers

#: New text from old. Must name what it changes by content (a post's link), so it can be
#: applied again to text another writer changed; raises BlogEditorError where it cannot.
Operation = Callable[[bytes], bytes]
#: (base, mine, theirs) -> merged bytes, or a SaveConflictError.
Rebase = Callable[[bytes, bytes, bytes], bytes]

# read_stable: at most this many looks, this far apart (about half a second in all).
STABLE_TRIES = 25
STABLE_PAUSE_S = 0.02


class SaveConflictError(StorageError):
    """The file changed on disk since it was read and the edit cannot be carried over."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class SaveResult:
    data: bytes  # what the file holds now
    written: bool  # False when the file already held exactly this
    rebased: bool = False  # another writer's change came first; ours was carried over to it
    taken: list[str] = field(default_factory=list)  # what of theirs the merge kept


def save_checked(
    path: Path,
    mine: bytes,
    *,
    base: bytes | None,
    backup_dir: Path | None,
    operations: list[Operation] | None = None,
    rebase: Rebase | None = None,
    accept_hash: str | None = None,
) -> SaveResult:
    """Write ``mine`` to ``path`` unless someone changed it since it held ``base``.

    ``base`` None means "no expectation" (a new file, or a caller that only holds the new text).
    ``accept_hash`` names a disk version the author chose to save over. When the disk differs
    from ``base``, ``operations`` (if given) are replayed on the disk text, else ``rebase``
    merges; without either, or when they fail, SaveConflictError and nothing changes.
    """
    path = Path(path)
    check_writable(path)  # before the lock and the backup: a refusal should be instant
    with file_lock(path):
        disk = _read_current(path)
        data, rebased = mine, False
        taken: list[str] = []
        unchanged = disk is None or base is None or disk in (base, mine)
        if not unchanged and not (accept_hash is not None and sha256(disk or b"") == accept_hash):
            assert disk is not None and base is not None
            data, taken = _carry_over(path, base, mine, disk, operations, rebase)
            rebased = True
        if disk is not None and data == disk:
            return SaveResult(data, False, rebased, taken)
        atomic_write(path, data, backup_dir=backup_dir, previous=disk)
    return SaveResult(data, True, rebased, taken)


def _read_current(path: Path) -> bytes | None:
    try:
        return read_bytes(path)
    except StorageError:
        if Path(path).exists():
            raise
        return None  # deleted meanwhile: writing ours back loses nothing


def _carry_over(path: Path, base: bytes, mine: bytes, disk: bytes,
                operations: list[Operation] | None, rebase: Rebase | None
                ) -> tuple[bytes, list[str]]:
    changed = f"cannot save {path}: another program changed it since it was opened"
    try:
        if operations is not None:
            data = disk
            for op in operations:
                data = op(data)
            return data, ["the other program's change"]
        if rebase is not None:
            return rebase(base, mine, disk), ["the other program's change"]
    except SaveConflictError:
        raise
    except BlogEditorError as exc:
        raise SaveConflictError(f"{changed}, and the edit no longer applies ({exc}); "
                                "nothing was changed") from None
    raise SaveConflictError(f"{changed}; nothing was changed (open it again and redo the edit)")


class DocumentSession:
    """A file being edited: the bytes read (``saved``), the bytes now (``current``), and
    how to carry the edit over to a newer disk version (recorded operations, or ``rebase``)."""

    def __init__(self, path: Path, saved: bytes | None, *, backup_dir: Path | None,
                 rebase: Rebase | None = None) -> None:
        self.path = Path(path)
        self.backup_dir = backup_dir
        self.rebase = rebase
        self._saved_hash: str | None = None
        self.saved = saved
        self.current = saved if saved is not None else b""
        self._ops: list[Operation] | None = []  # None once an edit is not an operation

    @classmethod
    def open(cls, path: Path, *, backup_dir: Path | None, rebase: Rebase | None = None,
             tidy: bool = True) -> DocumentSession:
        """Read ``path`` (waiting out a writer in progress); with ``tidy``, first remove what
        killed saves left beside it and in its backup history."""
        if tidy:
            tidy_leftovers(path, backup_dir)
        return cls(path, read_stable(path), backup_dir=backup_dir, rebase=rebase)

    @property
    def dirty(self) -> bool:
        return self.current != self.saved

    @property
    def saved(self) -> bytes | None:
        """The bytes the file held when last read or saved (None: it did not exist)."""
        return self._saved

    @saved.setter
    def saved(self, data: bytes | None) -> None:
        self._saved = data
        self._saved_hash = None

    @property
    def saved_hash(self) -> str | None:
        # Kept: the window asks on every edit, and hashing a 9 MB homepage takes 15 ms.
        if self._saved_hash is None and self._saved is not None:
            self._saved_hash = sha256(self._saved)
        return self._saved_hash

    def apply(self, operation: Operation, result: bytes | None = None) -> bytes:
        """Apply ``operation`` to the current text (``result``: the caller already did) and
        remember it, so a save over a changed file can apply it again."""
        self.current = operation(self.current) if result is None else result
        if self._ops is not None:
            self._ops.append(operation)
        return self.current

    def set_current(self, data: bytes) -> None:
        """A free edit (typing, a restore): carried over by ``rebase`` only."""
        if data != self.current:
            self.current = data
            self._ops = None

    def adopt(self, saved: bytes, *, current: bytes | None = None) -> None:
        """``saved`` is what the file holds now (a reload, a merge, "keep mine"); with
        ``current``, the text becomes that too. Recorded operations no longer apply to it."""
        self.saved = saved
        if current is not None:
            self.current = current
        self._ops = [] if self.current == saved else None

    def save(self, *, accept_hash: str | None = None) -> SaveResult:
        result = save_checked(
            self.path, self.current, base=self.saved, backup_dir=self.backup_dir,
            operations=self._ops if self._ops else None, rebase=self.rebase,
            accept_hash=accept_hash)
        self.saved = self.current = result.data
        self._ops = []
        return result


# -- the homepage ----------------------------------------------------------------------------


def homepage_operation(change: Callable[[Homepage], object]) -> Operation:
    """An Operation from a change to the parsed homepage (which must find posts by link)."""

    def operation(data: bytes) -> bytes:
        homepage = Homepage.parse(data)
        change(homepage)
        return homepage.to_bytes()

    return operation


def merge_homepage(base: bytes, mine: bytes, theirs: bytes) -> bytes:
    """Three-way merge teaser by teaser (paired by link); SaveConflictError where both sides
    changed one teaser differently."""
    from blogeditor.core.homepage.merge import merge_homepages  # only needed when a save races

    result = merge_homepages(base, mine, theirs)
    if result.merged is None:
        what = ", ".join(c.title or c.link for c in result.conflicts[:3]) or "the file"
        raise SaveConflictError(
            f"the homepage changed on disk since it was opened and {what} changed both there "
            "and here; nothing was changed (open it again and redo the edit)")
    return result.merged


def homepage_session(path: Path, backup_dir: Path | None, *, tidy: bool = True
                     ) -> DocumentSession:
    return DocumentSession.open(path, backup_dir=backup_dir, rebase=merge_homepage, tidy=tidy)


# -- leftovers of killed saves -----------------------------------------------------------------


def tidy_leftovers(path: Path, backup_dir: Path | None) -> list[Path]:
    """Remove the temporary files killed saves of ``path`` left (beside it, in its backups)."""
    target = Path(path).resolve()
    removed = remove_leftovers(target.parent)
    if backup_dir is not None:
        removed += BackupHistory(backup_dir).remove_leftovers(target)
    return removed


# -- what a change on disk means -------------------------------------------------------------


class DiskChange(enum.Enum):
    IGNORE = "ignore"  # our own save echoing back, a touch, or a version already decided
    RELOAD = "reload"  # nothing unsaved here: take theirs
    MERGE = "merge"  # unsaved work here: merge theirs in (a conflict if both changed a post)
    MISSING = "missing"  # the file is gone: keep the text, offer to save it back


def decide_disk_change(disk: bytes | None, *, saved_hash: str | None, dirty: bool,
                       asking_about: bytes | None = None, ignored_hash: str | None = None
                       ) -> DiskChange:
    """What an editor should do with the file's current bytes (``disk``, None when gone).

    Compares by hash with what the editor last loaded or saved, never by timing, so its own
    save is recognised however late the watcher reports it. ``asking_about`` is a disk version
    the author is already being asked about; ``ignored_hash`` one they chose to save over.
    """
    if disk is None:
        return DiskChange.MISSING
    digest = sha256(disk)
    if digest in (saved_hash, ignored_hash) or disk == asking_about:
        return DiskChange.IGNORE
    return DiskChange.MERGE if dirty else DiskChange.RELOAD


# -- reading ---------------------------------------------------------------------------------


def read_stable(path: Path, *, tries: int = STABLE_TRIES, pause: float = STABLE_PAUSE_S) -> bytes:
    """The file's bytes once it has stopped changing: never a version half-written in place.

    A read is taken when the file's size and time are the same before and after it and it was
    last written more than a pause ago (at once for any file at rest); otherwise it is read
    again until two reads agree in bytes and stat. A file that keeps changing past the tries
    is a StorageError (the caller tries later).
    """
    previous: tuple[tuple[int, int, int], bytes] | None = None
    for _ in range(max(tries, 1)):
        before = _stamp(path)
        data = read_bytes(path)
        after = _stamp(path)
        if before == after:
            if time.time_ns() - after[1] > pause * 1e9:
                return data  # at rest: nothing wrote to it for a while
            if previous is not None and previous == (after, data):
                return data
            previous = (after, data)
        time.sleep(pause)
    raise StorageError(f"cannot read {path}: another program is still writing it; try again")


def _stamp(path: Path) -> tuple[int, int, int]:
    try:
        st = os.stat(path)
    except OSError:
        return (-1, -1, -1)  # read_bytes says why
    return (st.st_size, st.st_mtime_ns, st.st_ino)
