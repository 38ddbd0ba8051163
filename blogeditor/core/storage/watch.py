"""Notice files that other programs change under an open site (no Qt here).

A :class:`SiteWatcher` wraps one watchdog observer. Folders are watched recursively; a file
is watched through its folder, non-recursively, keeping only events about that file (the
config file sits at the site root, next to content/, which has its own recursive watch).
Only created / modified / moved / deleted reach the callback, as :class:`Change` values,
on the observer's own thread: the caller decides how to bring them to its GUI thread.

When the operating system refuses more watches (Linux's inotify limits) or the site lives
on a network file system, where inotify never hears about writes made by other machines,
the watcher polls instead and says why in :attr:`SiteWatcher.fallback_reason`.
"""

from __future__ import annotations

import errno
import logging
import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)

if TYPE_CHECKING:
    from watchdog.observers.api import BaseObserver

log = logging.getLogger(__name__)

KINDS = frozenset({"created", "modified", "moved", "deleted"})

# Asked of the kernel, so it never queues the rest. By default inotify also reports every open
# and close of a file for reading: the site index, the checks and the thumbnails read thousands
# of files, each read woke the observer thread twice, and the queue overflowed into a re-walk of
# the whole site. On a 5,000-article site that Python work took the GIL from the GUI thread:
# 100-490 ms key presses while typing.
WATCHED_EVENTS: list[type[FileSystemEvent]] = [
    FileCreatedEvent, DirCreatedEvent, FileDeletedEvent, DirDeletedEvent,
    FileModifiedEvent, FileMovedEvent, DirMovedEvent,
]

# errno values with which the kernel says "no more watches for you"; anything else (a
# vanished folder, a permission error) is a real problem that polling would not solve.
_REFUSALS = {
    errno.ENOSPC: "the system's limit of watched folders (inotify) is reached",
    errno.EMFILE: "the system's limit of file watchers (inotify) is reached",
    errno.ENFILE: "the system ran out of file handles for watching",
}

# File systems where changes made by another machine never reach inotify.
_NETWORK_FS = frozenset(
    {
        "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "afs", "ncpfs", "9p",
        "davfs", "fuse.sshfs", "sshfs", "fuse.rclone", "fuse.s3fs", "fuse.gvfsd-fuse",
        "fuse.davfs", "fuse.smbnetfs", "fuse.curlftpfs", "glusterfs", "fuse.glusterfs",
        "ceph", "fuse.ceph", "lustre", "virtiofs", "vboxsf", "vmhgfs", "fuse.vmhgfs-fuse",
    }
)


@dataclass(frozen=True, slots=True)
class Change:
    """One file-system event, reduced to what the application needs."""

    kind: str  # "created" | "modified" | "moved" | "deleted"
    path: Path
    dest_path: Path | None = None  # set for "moved"
    is_directory: bool = False

    def paths(self) -> tuple[Path, ...]:
        return (self.path,) if self.dest_path is None else (self.path, self.dest_path)


def _unescape_mount(field: str) -> str:
    # /proc/mounts writes space, tab, newline and backslash as octal escapes.
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def filesystem_type(path: Path, mounts_text: str | None = None) -> str | None:
    """The file system type of the mount holding ``path`` (from /proc/mounts), or None."""
    if mounts_text is None:
        try:
            mounts_text = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    target = os.path.abspath(path)
    best: tuple[int, str] | None = None
    for line in mounts_text.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        mount_point = _unescape_mount(fields[1])
        inside = target == mount_point or target.startswith(mount_point.rstrip("/") + "/")
        if inside and (best is None or len(mount_point) >= best[0]):
            best = (len(mount_point), fields[2])
    return best[1] if best else None


def is_network_path(path: Path, mounts_text: str | None = None) -> bool:
    """True when ``path`` is on a network or remote file system (inotify can't see it)."""
    fs = filesystem_type(path, mounts_text)
    return fs is not None and fs.lower() in _NETWORK_FS


class _Handler(FileSystemEventHandler):
    """Turns watchdog events into Changes; drops noise before it crosses any thread."""

    def __init__(self, deliver: Callable[[list[Change]], None], only: Path | None) -> None:
        super().__init__()
        self._deliver = deliver
        self._only = only
        self.seen = 0  # every event the observer handed over, kept or dropped

    def on_any_event(self, event: FileSystemEvent) -> None:
        self.seen += 1
        if event.event_type not in KINDS:
            return  # opened / closed / closed_no_write: the "modified" already said it
        if event.is_directory and event.event_type == "modified":
            return  # every file created in a folder also "modifies" the folder
        path = Path(os.fsdecode(event.src_path))
        dest = Path(os.fsdecode(event.dest_path)) if event.dest_path else None
        if self._only is not None and self._only not in (path, dest):
            return
        change = Change(event.event_type, path, dest, bool(event.is_directory))
        try:
            self._deliver([change])
        except Exception:  # a failing consumer must not kill the observer thread
            log.exception("file change callback failed")


class SiteWatcher:
    """Watch folders (recursively) and single files for changes made by other programs.

    ``on_events`` runs on the observer thread. ``polling=None`` polls only for network file
    systems; ``True`` always polls; ``False`` never chooses polling up front (it still falls
    back when the OS refuses watches).
    """

    def __init__(
        self,
        paths: Iterable[Path],
        on_events: Callable[[list[Change]], None],
        *,
        polling: bool | None = None,
        poll_interval: float = 1.0,
    ) -> None:
        self.paths = [Path(p).resolve() for p in paths]
        self._on_events = on_events
        self._polling = polling
        self._poll_interval = poll_interval
        self._observer: BaseObserver | None = None
        self._inodes: dict[Path, int] = {}
        self._handlers: list[_Handler] = []
        self._lock = threading.Lock()
        self._epoch = 0  # bumped by stop(): a background start asked for earlier then gives up
        self.mode: str | None = None  # "native" | "polling" once started
        self.fallback_reason: str | None = None

    @property
    def events_seen(self) -> int:
        """How many events the observer handed over so far, the dropped ones included."""
        return sum(handler.seen for handler in self._handlers)

    @property
    def running(self) -> bool:
        return self._observer is not None

    def start(self) -> None:
        """Start watching; raises OSError only when even polling cannot start."""
        self._start_unless_stopped(None)

    def start_in_background(
        self, done: Callable[[OSError | None], None] | None = None
    ) -> threading.Thread:
        """Start watching on a thread of its own and return that thread.

        Watching a large site walks every folder (about a second for 5,000 articles), which
        must not hold up a window. ``done(error)`` runs on that thread once watching started
        (``error`` None) or could not start; it is not called when :meth:`stop` came first.
        :meth:`stop` may be called at any time: it waits for a start in progress and stops
        what it started, so no observer outlives it.
        """
        with self._lock:
            epoch = self._epoch

        def run() -> None:
            error: OSError | None = None
            try:
                started = self._start_unless_stopped(epoch)
            except OSError as exc:
                started, error = True, exc
            except Exception as exc:  # reported like any other failure to watch
                log.exception("starting the site watcher failed")
                started, error = True, OSError(str(exc))
            if started and done is not None:
                try:
                    done(error)
                except Exception:  # the owner may be gone (a window closed meanwhile)
                    log.debug("watcher start callback failed", exc_info=True)

        thread = threading.Thread(target=run, name="site-watcher-start", daemon=True)
        thread.start()
        return thread

    def _start_unless_stopped(self, epoch: int | None) -> bool:
        """Start (False when ``stop()`` ran since ``epoch`` was taken; then nothing starts)."""
        with self._lock:
            if epoch is not None and epoch != self._epoch:
                return False
            if self._observer is not None:
                return True
            reason: str | None = None
            if self._polling:
                reason = "polling was asked for"
            elif self._polling is None:
                remote = next((p for p in self.paths if is_network_path(p)), None)
                if remote is not None:
                    reason = f"{remote} is on a network drive ({filesystem_type(remote)})"
            # Imported here, on the thread that starts watching: the observers (inotify
            # through ctypes) take a noticeable while to import, not needed by a window to show.
            from watchdog.observers import Observer
            from watchdog.observers.polling import PollingObserver

            if reason is None:
                try:
                    self._observer = self._start(Observer())
                    self.mode = "native"
                    self.fallback_reason = None
                    return True
                except OSError as exc:
                    if exc.errno not in _REFUSALS:
                        raise
                    reason = _REFUSALS[exc.errno]
                    log.info("native file watching refused (%s); polling instead", exc)
            self._observer = self._start(PollingObserver(timeout=self._poll_interval))
            self.mode = "polling"
            self.fallback_reason = reason
            return True

    def _start(self, observer: BaseObserver) -> BaseObserver:
        try:
            self._inodes = {}
            self._handlers = []
            for path in self.paths:
                folder = path if path.is_dir() else path.parent
                self._inodes[folder] = os.stat(folder).st_ino
                handler = _Handler(self._on_events, None if path.is_dir() else path)
                self._handlers.append(handler)
                observer.schedule(handler, str(path if path.is_dir() else path.parent),
                                  recursive=path.is_dir(), event_filter=WATCHED_EVENTS)
            observer.start()
        except BaseException:
            # Emitters already started hold inotify watches; give them back before re-raising.
            observer.unschedule_all()
            raise
        return observer

    def healthy(self) -> bool:
        """False when watching silently ended: a watched folder was deleted or replaced
        (``git checkout`` of another branch, a restored backup), or an observer thread died.
        The owner then starts a new watcher."""
        observer = self._observer
        if observer is None or not observer.is_alive():
            return False
        if any(not emitter.is_alive() for emitter in observer.emitters):
            return False
        for folder, inode in self._inodes.items():
            try:
                if os.stat(folder).st_ino != inode:
                    return False
            except OSError:
                return False
        return True

    def stop(self) -> None:
        """Stop and join the observer thread; safe to call twice or before start().

        A start in progress (see :meth:`start_in_background`) is waited for; one not yet
        begun will not start."""
        with self._lock:
            self._epoch += 1
            observer, self._observer = self._observer, None
        if observer is None:
            return
        observer.stop()
        if observer.is_alive():
            observer.join(timeout=5)

    def __enter__(self) -> SiteWatcher:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
