"""Reading and saving the author's files without ever leaving a half-written one behind.

A save writes a temporary file beside the target, flushes and fsyncs it, then renames it over
the target (atomic on every platform Python supports) and fsyncs the folder so the rename
itself survives a power cut. When anything fails the temporary file is removed and a
StorageError says why; the original file is untouched.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path

from blogeditor.core.backups import BackupHistory
from blogeditor.core.errors import StorageError

#: Opens the temporary file for writing and returns its descriptor. Tests pass one that returns
#: a descriptor of /dev/full, so the real kernel's "no space left" travels the real error path.
Opener = Callable[[Path], int]

_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EROFS: "the disk is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOENT: "its folder no longer exists",
    errno.ENOTDIR: "its folder no longer exists",
    errno.EISDIR: "it is a folder",
}
if hasattr(errno, "EDQUOT"):  # not on Windows
    _REASONS[errno.EDQUOT] = "the disk quota is used up"


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or a StorageError an author can act on."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise StorageError(f"cannot read {path}: the file does not exist") from None
    except IsADirectoryError:
        raise StorageError(f"cannot read {path}: it is a folder, not a file") from None
    except PermissionError:
        raise StorageError(f"cannot read {path}: permission denied") from None
    except OSError as exc:
        raise StorageError(f"cannot read {path}: {_reason(exc)}") from None


def atomic_write(
    path: Path,
    data: bytes,
    *,
    backup_dir: Path | None = None,
    opener: Opener | None = None,
) -> None:
    """Replace ``path`` with ``data`` all at once, keeping its permission bits.

    With ``backup_dir`` (a BackupHistory root), the file's previous content is kept there first.
    Refuses, with nothing changed, when the file is marked read-only (no write bit at all: the
    author's own "do not touch", honoured even for root), its folder is gone, or the disk fails.
    """
    path = Path(path)
    # Saving through a symlink must update the file it points to, not replace the link.
    target = path.resolve() if path.is_symlink() else path
    folder = target.parent
    if not folder.is_dir():
        raise StorageError(f"cannot save {path}: its folder {folder} no longer exists; "
                           "nothing was changed")
    try:
        st: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise StorageError(f"cannot save {path}: {_reason(exc)}; nothing was changed") from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise StorageError(f"cannot save {path}: it is a folder; nothing was changed")
        if not st.st_mode & 0o222:
            raise StorageError(f"cannot save {path}: the file is read-only (make it writable "
                               "first); nothing was changed")
        if backup_dir is not None:
            _keep_previous(target, Path(backup_dir))

    tmp = folder / f".{target.name}.{secrets.token_hex(4)}.tmp"
    mode = stat.S_IMODE(st.st_mode) if st is not None else 0o666
    try:
        # O_EXCL: never write into someone else's file; the umask applies to new files as usual.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
        if opener is not None:
            os.close(fd)
            fd = opener(tmp)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if st is not None:
            os.chmod(tmp, stat.S_IMODE(st.st_mode))
            _keep_owner(tmp, st)
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        gone = not folder.is_dir()
        reason = f"its folder {folder} no longer exists" if gone else _reason(exc)
        raise StorageError(f"cannot save {path}: {reason}; nothing was changed") from None
    _sync_folder(folder)


def _keep_owner(tmp: Path, st: os.stat_result) -> None:
    # Only root may give a file away (editing another user's site); others keep their own.
    # Windows has no owners in this sense and no os.chown.
    chown = getattr(os, "chown", None)
    if chown is None or (st.st_uid, st.st_gid) == (os.getuid(), os.getgid()):
        return
    with contextlib.suppress(OSError):
        chown(tmp, st.st_uid, st.st_gid)


def _keep_previous(target: Path, backup_dir: Path) -> None:
    try:
        previous = target.read_bytes()
        BackupHistory(backup_dir).save_version(target, previous)
    except OSError as exc:
        raise StorageError(
            f"cannot save {target}: the backup copy failed ({_reason(exc)}); nothing was changed"
        ) from None


def _sync_folder(folder: Path) -> None:
    # Makes the rename durable; Windows cannot open folders, where NTFS journals renames anyway.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _reason(exc: OSError) -> str:
    if exc.errno in _REASONS:
        return _REASONS[exc.errno]
    return (exc.strerror or str(exc)).lower()
