"""What joins the site watcher's threads to the sync controller on the GUI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from blogeditor.core.storage.session import sha256
from blogeditor.core.storage.watch import SiteWatcher


def file_hash(path: Path | None) -> str | None:
    """The SHA-256 of what ``path`` holds now; None when there is none (safe on any thread)."""
    if path is None:
        return None
    try:
        return sha256(Path(path).read_bytes())
    except OSError:
        return None


class WatcherLink(QObject):
    """Lives on the GUI thread; emitting from the observer thread queues the slot call."""

    changes = Signal(int, object)  # watcher generation, list[Change]
    armed = Signal(int, object)  # watcher generation, (OSError | None, (homepage, config) hashes)


class WatcherSlot:
    """Plain Python, so it still works while Qt destroys the window (and this controller
    with it) without a close: the observer thread must not outlive the window."""

    def __init__(self) -> None:
        self.watcher: SiteWatcher | None = None

    def stop(self, *_args: object) -> None:
        watcher, self.watcher = self.watcher, None
        if watcher is not None:
            watcher.stop()
