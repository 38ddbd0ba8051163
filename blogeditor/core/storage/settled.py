"""When a file another program is writing may be read: never a version torn mid-write.

A program writing the homepage in place, chunk by chunk, leaves a prefix of it on disk for a
while, and a prefix of a homepage is still a homepage (with fewer posts): parsing cannot
tell a torn read from a real one. So a watcher reacting to a change first lets the file
settle (nothing written to it for :data:`SETTLE_MS`), then reads it with
:func:`~blogeditor.core.storage.session.read_stable`, and a version that does not parse is looked at
again a few times before it is called unreadable: a writer mid-way is not a broken file.

Qt-free: the window's sync controller only turns ``Look.later_ms`` into a timer.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from blogeditor.core.errors import BlogEditorError, StorageError
from blogeditor.core.storage.session import read_stable

SETTLE_MS = 300
MAX_WAITS = 40  # a file rewritten for ever is read anyway after about 12 s
UNPARSED_RETRIES = 3  # looks at a version that does not parse before calling it unreadable


@dataclass(frozen=True)
class Look:
    """The outcome of one look: ``data`` to act on, ``gone``, ``later_ms`` to look again,
    or ``error`` to tell the author (and act on nothing)."""

    data: bytes | None = None
    gone: bool = False
    later_ms: int | None = None
    error: str | None = None


def look(path: Path, waits: int, parse: Callable[[bytes], object],
         *, now_ns: Callable[[], int] = time.time_ns) -> Look:
    """Look at ``path`` for the ``waits``-th time in a row (0 for a fresh change).

    ``parse`` raises BlogEditorError for a version that is not (yet) readable; that version is
    still returned once it has been retried, so the caller can report it as unreadable.
    """
    try:
        age_ms = (now_ns() - os.stat(path).st_mtime_ns) / 1e6
    except FileNotFoundError:
        return Look(gone=True)
    except OSError:
        age_ms = SETTLE_MS  # the read below says why
    if 0 <= age_ms < SETTLE_MS and waits < MAX_WAITS:
        return Look(later_ms=int(SETTLE_MS - age_ms) + 10)
    try:
        data = read_stable(path)
    except StorageError as exc:
        if not Path(path).exists():
            return Look(gone=True)
        if waits < UNPARSED_RETRIES:
            return Look(later_ms=SETTLE_MS)
        return Look(error=str(exc))
    try:
        parse(data)
    except BlogEditorError:
        if waits < UNPARSED_RETRIES:
            return Look(later_ms=SETTLE_MS)
    return Look(data=data)
