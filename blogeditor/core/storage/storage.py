"""Reading and saving the author's files without ever leaving a half-written one behind.

A save writes a temporary file beside the target, flushes and fsyncs it, then renames it over
the target (atomic on every platform Python supports) and fsyncs the folder so the rename
itself survives a power cut. When anything fails the temporary file is removed and a
StorageError says why; the original file is untouched. A save killed before its rename
leaves only its temporary file, which ``remove_leftovers`` tidies on the next open of the site.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
from collections.abc import Callable
from pathlib import Path

from blogeditor.core.errors import StorageError
from blogeditor.core.storage.backups import BackupHistory
from blogeditor.core.storage.locking import is_leftover

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

# ``.NAME.PID-HEX.tmp``; earlier versions wrote ``.NAME.HEX.tmp`` (no pid).
_TEMP = re.compile(r"^\..+\.(?:(?P<pid>\d+)-)?[0-9a-f]{8}\.tmp$")


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
    previous: bytes | None = None,
) -> None:
    """Replace ``path`` with ``data`` all at once, keeping its owner, group and permission bits.

    With ``backup_dir`` (a BackupHistory root), the file's previous content is kept there first
    (``previous``, when the caller has just read it, saves reading it again). Refuses, with
    nothing changed, when the file is marked read-only (no write bit at all: the author's own
    "do not touch", honoured even for root), this user may not write it, its folder is gone,
    or the disk fails.

    The replace makes a new file. When that would lose something the old one had (other hard
    links to it, an owner or group this user cannot give away, a folder this user may not
    create files in), the file is instead rewritten in place, after the backup: the links stay
    in step and the owner is kept; a crash mid-write is then repaired from the backup.
    Callers that may race other writers hold ``locking.file_lock`` (session.py does).
    """
    path = Path(path)
    # Saving through a symlink must update the file it points to, not replace the link.
    target = path.resolve() if path.is_symlink() else path
    folder = target.parent
    if not folder.is_dir():
        raise StorageError(f"cannot save {path}: its folder {folder} no longer exists; "
                           "nothing was changed")
    st = _stat_for_save(path, target)
    if st is not None and backup_dir is not None:
        _keep_previous(target, Path(backup_dir), previous)
    if st is not None and (reason := in_place_reason(target, st)) is not None:
        _write_in_place(path, target, data, opener, reason)
        return

    tmp = folder / temp_name(target.name)
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


def temp_name(name: str) -> str:
    """A save's temporary name: hidden, unique, and naming its process (see ``leftovers``)."""
    return f".{name}.{os.getpid()}-{secrets.token_hex(4)}.tmp"


def _stat_for_save(path: Path, target: Path) -> os.stat_result | None:
    try:
        st = os.stat(target)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StorageError(f"cannot save {path}: {_reason(exc)}; nothing was changed") from None
    if stat.S_ISDIR(st.st_mode):
        raise StorageError(f"cannot save {path}: it is a folder; nothing was changed")
    if not st.st_mode & 0o222:
        raise StorageError(f"cannot save {path}: the file is read-only (make it writable "
                           "first); nothing was changed")
    check_writable(path)
    return st


def check_writable(path: Path) -> None:
    """Refuse early a file this user could not write in place (before any lock or backup).

    Replacing it would work whenever the folder is writable, silently taking the file over
    from its owner: a save must not do what the author could not do with the file itself.
    """
    target = Path(path).resolve()
    if target.exists() and not os.access(target, os.W_OK):
        raise StorageError(f"cannot save {path}: you do not have permission to change this file "
                           "(it belongs to another user or group); nothing was changed")


def in_place_reason(target: Path, st: os.stat_result) -> str | None:
    """Why a replace would lose something the file has, or None when it is safe."""
    if st.st_nlink > 1:
        return "it has other hard links"
    getuid = getattr(os, "geteuid", None)
    if getuid is not None and getuid() != 0:
        if st.st_uid != getuid():
            return "it belongs to another user"
        if st.st_gid != os.getegid() and st.st_gid not in os.getgroups():
            return "its group is not one of yours"
    if not os.access(target.parent, os.W_OK | os.X_OK):
        return "its folder is not writable"
    return None


def _write_in_place(path: Path, target: Path, data: bytes, opener: Opener | None,
                    why: str) -> None:
    try:
        # No O_TRUNC: the file is cut to length only after the new bytes are down, so a
        # failure to write (a full disk) most often leaves the old text whole.
        fd = os.open(target, os.O_WRONLY | getattr(os, "O_BINARY", 0))
        if opener is not None:
            os.close(fd)
            fd = opener(target)
        with os.fdopen(fd, "r+b" if opener is None else "wb") as out:
            out.write(data)
            out.truncate(len(data))
            out.flush()
            os.fsync(out.fileno())
    except OSError as exc:
        raise StorageError(
            f"cannot save {path} ({why}, so it is written in place): {_reason(exc)}; "
            "its previous version is in the backup history"
        ) from None


def leftovers(folder: Path) -> list[tuple[Path, int | None]]:
    """Temporary files of saves in ``folder`` that have not (yet) been renamed, with the pid
    of the process that wrote each, when its name tells (older versions did not say)."""
    found: list[tuple[Path, int | None]] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        match = _TEMP.match(entry.name)
        if match is not None:
            pid = match.group("pid")
            found.append((Path(entry.path), int(pid) if pid else None))
    return found


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove the temporary files of killed saves in ``folder`` (never one still being written:
    see ``locking.is_leftover``); the paths removed."""
    removed: list[Path] = []
    for tmp, pid in leftovers(folder):
        if is_leftover(tmp, pid):
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
                removed.append(tmp)
    return removed


def _keep_owner(tmp: Path, st: os.stat_result) -> None:
    # Only root may give a file away (editing another user's site); others keep their own.
    # Windows has no owners in this sense and no os.chown.
    chown = getattr(os, "chown", None)
    if chown is None or (st.st_uid, st.st_gid) == (os.getuid(), os.getgid()):
        return
    with contextlib.suppress(OSError):
        chown(tmp, st.st_uid, st.st_gid)


def _keep_previous(target: Path, backup_dir: Path, previous: bytes | None) -> None:
    try:
        if previous is None:
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
