"""One writer at a time per file, across processes, and telling a leftover from work in progress.

The lock of a file lives in the user's state folder (``state_dir()/locks/<hash>.lock``), keyed
by the file's resolved path, rather than beside the file. Beside it, every author would see a
stray ``.lock`` in ``git status`` of their site (or BlogEditor would have to edit their
.gitignore), and Hugo could publish it from a content folder. The state folder is private and
survives reboots (unlike /tmp, and unlike the cache, which cleaners wipe while a lock is held,
and a deleted lock file no longer excludes anyone). The price: processes of two different
users editing one site do not see each other's locks; for them the re-read before the replace
(see session.py) still catches a change, it only cannot queue them.

A kill -9 leaves nothing locked: the kernel drops a flock with its process.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from blogeditor.core.errors import StorageError
from blogeditor.core.site.site_key import site_key
from blogeditor.core.storage import paths

#: How long a save waits for the saves queued before it. Fifty CLI edits of one homepage each
#: hold the lock for a few milliseconds; a minute means something is stuck.
LOCK_TIMEOUT_S = 60.0

#: A temporary file whose process is gone is a leftover at once. One whose owner cannot be
#: told (an older name without a pid, or a pid alive that may be a reused number) counts as a
#: leftover only this long after its last write: a save writes and renames within
#: milliseconds, so a concurrent save's temp is never taken for one.
STALE_AFTER_S = 10.0


def lock_path(path: Path) -> Path:
    """The lock file for ``path`` (symlinks resolved, so every name of a file shares one)."""
    # The one per-site key (core/site/site_key.py). Lock files hold no data: a name that changed
    # with an upgrade loses nothing (a lock lives only as long as its process).
    return _lock_dir() / f"{site_key(path)}.lock"


def _lock_dir() -> Path:
    try:
        return paths.private_dir(paths.state_dir() / "locks")
    except OSError:
        # A state folder we cannot write (a read-only home, another user's XDG variables):
        # a per-user folder in the temporary directory still queues this user's own saves.
        uid = getattr(os, "getuid", lambda: 0)()
        return paths.private_dir(Path(tempfile.gettempdir()) / f"blogeditor-locks-{uid}")


@contextlib.contextmanager
def file_lock(path: Path, timeout: float = LOCK_TIMEOUT_S) -> Iterator[None]:
    """Hold the cross-process lock of ``path``; a StorageError when it cannot be had."""
    from filelock import FileLock, Timeout  # only commands that save pay for the import

    try:
        lock = FileLock(str(lock_path(path)), timeout=timeout)
        lock.acquire()
    except Timeout:
        raise StorageError(
            f"cannot save {path}: another program has been saving it for over {timeout:g} s; "
            "nothing was changed"
        ) from None
    except OSError as exc:
        raise StorageError(
            f"cannot save {path}: cannot take the save lock ({exc.strerror or exc}); "
            "nothing was changed"
        ) from None
    try:
        yield
    finally:
        lock.release()


def process_alive(pid: int) -> bool:
    """True when a process ``pid`` exists on this machine (it may be a reused number)."""
    if pid <= 0:
        return False
    if os.name == "nt":  # os.kill(pid, 0) would terminate it on Windows; assume alive
        return True
    try:
        os.kill(pid, 0)
    except OSError as exc:
        return exc.errno == errno.EPERM  # exists, owned by someone else
    return True


def is_leftover(path: Path, pid: int | None, now: float | None = None) -> bool:
    """Whether a temporary file written by process ``pid`` is a leftover of a killed save."""
    if pid is not None and pid != os.getpid() and not process_alive(pid):
        return True
    try:
        age = (time.time() if now is None else now) - path.stat().st_mtime
    except OSError:
        return False  # already gone: its save finished or a neighbour tidied it
    return age > STALE_AFTER_S
