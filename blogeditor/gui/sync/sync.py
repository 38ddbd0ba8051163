"""Keep the window in step with the site folder while other programs change it.

A :class:`~blogeditor.core.storage.watch.SiteWatcher` reports changes on its own thread; a small
bridge object re-emits them as a Qt signal, so they arrive queued on the GUI thread. There
they are coalesced by one restartable single-shot timer: a ``git checkout`` rewriting a
thousand files gives one refresh (past a few hundred events the list of paths is dropped
and the whole site is treated as changed, rather than replayed one by one).

A refresh never trusts the events alone: it reads the homepage once its writer is done
(core/storage/settled.py: never a torn, half-written version) and lets the core decide
(session.decide_disk_change, by hash: our own save is ignored whatever the timing). A clean
document reloads (keeping selection, cursor and scroll positions); a dirty one is merged
teaser by teaser, and where both sides changed one teaser the conflict bar offers Take
theirs / Keep mine / Compare…. Nothing is lost without the author choosing it.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal

from blogeditor.core.errors import BlogEditorError
from blogeditor.core.homepage.homepage import Homepage
from blogeditor.core.homepage.merge import MergeResult, TeaserConflict, merge_homepages
from blogeditor.core.storage import settled
from blogeditor.core.storage.session import DiskChange, decide_disk_change, sha256
from blogeditor.core.storage.watch import Change, SiteWatcher
from blogeditor.gui.context import AppContext
from blogeditor.gui.sync.compare_dialog import CompareDialog
from blogeditor.gui.sync.conflict_bar import ConflictBar, conflict_titles
from blogeditor.gui.sync.view_state import ViewState
from blogeditor.gui.sync.watcher_link import WatcherLink, WatcherSlot, file_hash

if TYPE_CHECKING:
    from blogeditor.core.site.site import Site
    from blogeditor.gui.editor.document import HomepageDocument
    from blogeditor.gui.window.main_window import MainWindow

log = logging.getLogger(__name__)

REFRESH_DELAY_MS = 150
RESCAN_THRESHOLD = 300
LARGE_SITE_POSTS = 1_000  # a homepage this long: its site's folders take a while to walk
HEALTH_CHECK_MS = 3000  # a replaced content folder reports no event; look now and then


class SyncController(QObject):
    """Owns the watcher of the open site and decides what each outside change means."""

    refreshed = Signal()  # after every coalesced refresh
    homepage_reloaded = Signal()
    merged = Signal(object)  # MergeResult, merged cleanly into the unsaved document
    conflict_detected = Signal(object)  # MergeResult with conflicts; the bar is showing
    homepage_missing = Signal()
    site_files_changed = Signal(list)  # changed paths; [content_dir] after a rescan
    site_config_changed = Signal()
    watch_started = Signal()  # the watcher of the open site is armed (see ``watching``)

    def __init__(self, ctx: AppContext, window: MainWindow, *, polling: bool | None = None,
                 poll_interval: float = 1.0, delay_ms: int = REFRESH_DELAY_MS) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.polling = polling
        self.poll_interval = poll_interval
        self.watcher: SiteWatcher | None = None
        self.refresh_count = 0
        self.last_rescan = False
        self.compare_dialog: CompareDialog | None = None
        self.conflicts: list[TeaserConflict] = []
        self._generation = 0
        self._pending: list[Change] = []
        self._event_count = 0
        self._theirs: bytes | None = None  # the disk version the conflict bar is about
        self._missing = False
        self._ignored_hash: str | None = None  # an unreadable disk version the author kept over
        self._config_hash: str | None = None
        self._armed = False
        self._settle_waits = 0  # looks put off in a row because the homepage was mid-write
        self._catch_up = False  # armed late (a large site): report every file once armed

        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._timer.timeout.connect(self.refresh)
        self._settle_timer = QTimer(self, singleShot=True)
        self._settle_timer.timeout.connect(self._check_homepage_later)
        self._health = QTimer(self, interval=HEALTH_CHECK_MS)
        self._health.timeout.connect(self.check_health)
        self._bridge = WatcherLink(self)
        self._bridge.changes.connect(self._on_changes, Qt.ConnectionType.QueuedConnection)
        self._bridge.armed.connect(self._on_armed, Qt.ConnectionType.QueuedConnection)

        self.bar = ConflictBar(window.editor)
        self.bar.take_theirs.connect(self.take_theirs)
        self.bar.keep_mine.connect(self.keep_mine)
        self.bar.compare.connect(self.open_compare)
        self.bar.save_back.connect(self.save_back)
        self.bar.dismissed.connect(self._place_bar)
        window.editor.installEventFilter(self)

        self._slot = WatcherSlot()
        window.destroyed.connect(self._slot.stop)
        ctx.site_opened.connect(self._on_site_opened)
        ctx.site_closing.connect(self.stop)
        ctx.save_guard = self  # the homepage's save asks us about the disk first
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)
        if window.document is not None:
            self.start()

    # ------------------------------------------------------------------ watching
    @property
    def watching(self) -> bool:
        """True once the watcher of the open site is armed (``watch_started`` said so)."""
        return self._armed and self.watcher is not None

    def _on_site_opened(self, site: Site) -> None:
        doc = self.window.document
        if doc is None or len(doc.homepage) < LARGE_SITE_POSTS:
            self.start()
            return
        # Arming walks every folder in Python, which takes the GIL from key presses: on a
        # large site it waits for a pause in typing, then looks at everything once.
        self.stop()
        self.ctx.when_typing_pauses(lambda: self._start_late(site))

    def _start_late(self, site: Site) -> None:
        doc = self.window.document
        if doc is not None and doc.site is site and self.watcher is None:
            self.start()
            self._catch_up = True  # what changed before arming was not reported

    def start(self, _site: Site | None = None) -> None:
        """Watch the open site (called on site_opened); replaces any previous watcher.

        Arming walks every folder of the site (about a second for 5,000 articles), so it
        runs on a thread of its own and the window stays usable; ``watch_started`` follows.
        """
        self.stop()
        doc = self.window.document
        if doc is None:
            return
        site = doc.site
        content = Path(site.content_dir)
        paths = [content]
        if site.config_path is not None:
            paths.append(Path(site.config_path))
        if not doc.path.resolve().is_relative_to(content.resolve()):
            paths.append(doc.path)
        self._generation += 1
        generation, bridge = self._generation, self._bridge

        def deliver(changes: list[Change]) -> None:  # observer thread: signal only
            bridge.changes.emit(generation, changes)

        home, config = doc.path, site.config_path

        def armed(error: OSError | None) -> None:  # starter thread: reads, then signal only
            # What the files hold now, read here: hashing a 9 MB homepage is 15 ms.
            seen = (self._read_hash(home), self._read_hash(config))
            bridge.armed.emit(generation, (error, seen))

        watcher = SiteWatcher(paths, deliver, polling=self.polling,
                              poll_interval=self.poll_interval)
        # Set before arming: stop() (site switch, close, destroyed window) then waits for a
        # start in progress and stops what it started, or keeps it from starting at all.
        self.watcher = self._slot.watcher = watcher
        self._config_hash = self._read_hash(site.config_path)
        watcher.start_in_background(armed)

    def _on_armed(self, generation: int,
                  armed: tuple[OSError | None, tuple[str | None, str | None]]) -> None:
        (error, (home_hash, config_hash)), watcher, doc = armed, self.watcher, self.window.document
        if generation != self._generation or watcher is None or doc is None:
            return  # a watcher stopped meanwhile
        name = doc.site.root.name
        if error is not None:
            self.watcher = None
            self._slot.stop()
            self.window.status(
                f"Not watching {name} for outside changes: {error.strerror or error}", 10000)
            return
        self._armed = True
        self._health.start()
        if watcher.mode == "polling":
            self.window.status(
                f"Watching {name} for outside changes by polling every "
                f"{self.poll_interval:g} s ({watcher.fallback_reason}).", 10000)
        self.watch_started.emit()
        # Changes made while arming were not reported: look once.
        if home_hash != doc.saved_hash or config_hash != self._config_hash:
            self.refresh()
        if self._catch_up:
            self._catch_up = False
            self._report_site_files(doc, [], rescan=True)

    def stop(self) -> None:
        """Stop and join the watcher (site closing, window closing, app quitting)."""
        self._generation += 1  # changes already queued from the old watcher are dropped
        self._catch_up = False
        self._timer.stop()
        self._settle_timer.stop()
        self._settle_waits = 0
        self._health.stop()
        self._pending, self._event_count = [], 0
        self.watcher = None
        self._armed = False
        self._slot.stop()
        self._missing = False
        self._ignored_hash = None
        self._clear_bar()  # also closes a compare dialog about the old site

    def check_health(self) -> bool:
        """Start watching afresh when the old watch silently ended (the content folder was
        deleted or replaced); then refresh, since changes in between were not reported."""
        watcher = self.watcher
        if not self._armed or watcher is None or watcher.healthy() or self.window.document is None:
            return True
        if not Path(self.window.document.site.content_dir).is_dir():
            return False  # nothing to watch yet; the next check tries again
        log.info("re-arming the site watcher")
        self._restart_and_refresh()
        return False

    def _restart_and_refresh(self) -> None:
        self.stop()  # a question on the bar is asked again by the refresh if still open
        self.start()
        self._event_count = RESCAN_THRESHOLD + 1  # everything may have changed meanwhile
        self.refresh()

    def _on_changes(self, generation: int, changes: list[Change]) -> None:
        if generation != self._generation:
            return
        self._event_count += len(changes)
        if self._event_count <= RESCAN_THRESHOLD:
            self._pending.extend(changes)
        else:
            self._pending.clear()  # a storm: rescan everything instead of replaying it
        self._timer.start()  # restart: the refresh waits for the burst to end

    # ------------------------------------------------------------------ refreshing
    def refresh(self) -> None:
        """Bring the window up to date with the disk (runs once per burst of changes)."""
        self._timer.stop()
        changes, rescan = self._pending, self._event_count > RESCAN_THRESHOLD
        self._pending, self._event_count = [], 0
        doc = self.window.document
        if doc is None or self.watcher is None:
            return
        self.refresh_count += 1
        self.last_rescan = rescan
        try:
            self._check_homepage(doc)
            self._check_config(doc.site)
            self._report_site_files(doc, changes, rescan)
        except Exception:  # a refresh bug must never take the editor down
            log.exception("refresh after outside changes failed")
        self.refreshed.emit()
        if self.watching and self.watcher is not None and not self.watcher.healthy():
            QTimer.singleShot(0, self.check_health)

    def _check_homepage(self, doc: HomepageDocument) -> None:
        seen = settled.look(doc.path, self._settle_waits, Homepage.parse)
        if seen.later_ms is not None:  # still being written: look again, report nothing
            self._settle_waits += 1
            self._settle_timer.start(seen.later_ms)
            return
        self._settle_waits = 0
        if seen.error is not None:
            self.window.status(seen.error, 8000)
            return
        data = seen.data
        change = decide_disk_change(data, saved_hash=doc.saved_hash, dirty=False,
                                    asking_about=self._theirs, ignored_hash=self._ignored_hash)
        if change is DiskChange.MISSING or data is None:
            self._on_missing()
            return
        if self._missing:
            self._missing = False
            if self.bar.mode == "missing":
                self._clear_bar()
        if change is DiskChange.IGNORE:
            if self._theirs is not None and sha256(data) == doc.saved_hash:
                self._clear_bar()  # the disk went back to what we had: nothing to decide
            return
        self.window.binding.flush()  # typing not yet committed still counts as unsaved work
        # Asked again now that pending typing is committed: the decision is the core's.
        if decide_disk_change(data, saved_hash=doc.saved_hash,
                              dirty=doc.is_dirty()) is DiskChange.MERGE:
            self._merge_in(doc, data)
        else:
            self._reload(doc, data)

    def _check_homepage_later(self) -> None:
        doc = self.window.document
        if doc is None or self.watcher is None:
            return
        try:
            self._check_homepage(doc)
        except Exception:  # as in refresh: a bug here must never take the editor down
            log.exception("refresh after outside changes failed")
        self.refreshed.emit()

    def _reload(self, doc: HomepageDocument, data: bytes) -> None:
        state = ViewState.capture(self.window)
        try:
            doc.reload_from_disk(data)
        except BlogEditorError as exc:
            self._unreadable(doc, data, str(exc))
            return
        self._clear_bar()
        state.restore(self.window)
        self.window.status("The homepage changed on disk and was reloaded", 4000)
        self.homepage_reloaded.emit()

    def _merge_in(self, doc: HomepageDocument, theirs: bytes) -> None:
        result = merge_homepages(doc.saved_bytes, doc.to_bytes(), theirs)
        if result.merged is not None:
            self._apply_merge(doc, theirs, result)
            return
        self._theirs = theirs
        self.conflicts = result.conflicts
        if result.error:
            message = ("The homepage changed on disk and cannot be merged with your changes "
                       f"({result.error}). Nothing is overwritten until you choose.")
        else:
            message = (f"The homepage changed on disk; {conflict_titles(result.conflicts)} changed both "
                       "here and there. Nothing is overwritten until you choose.")
        self.bar.show_conflict(message)
        try:
            Homepage.parse(theirs)
        except BlogEditorError:
            self.bar.take_theirs_button.hide()  # it cannot be shown as teasers; compare can
        self._place_bar()
        self.conflict_detected.emit(result)

    def _adopt(self, doc: HomepageDocument, theirs: bytes) -> None:
        """Make ``theirs`` the version the document is compared with (dirty = differs).

        A disk version that is not a readable homepage is never adopted (the list compares
        rows with the saved version); it is remembered only so it does not ask again.
        """
        try:
            Homepage.parse(theirs)
        except BlogEditorError:
            self._ignored_hash = sha256(theirs)
            return
        doc.adopt_disk_version(theirs)

    def _apply_merge(self, doc: HomepageDocument, theirs: bytes, result: MergeResult) -> None:
        assert result.merged is not None
        self._adopt(doc, theirs)
        if result.merged != doc.to_bytes():
            doc.set_bytes(result.merged, "Merge changes made on disk")
        self._clear_bar()
        taken = ", ".join(result.taken) or "its changes"
        self.window.status(
            f"The homepage changed on disk; merged ({taken}) with your unsaved changes. "
            "Save to write the result.", 15000)
        self.merged.emit(result)

    def _unreadable(self, doc: HomepageDocument, data: bytes, reason: str) -> None:
        self._theirs = data
        self.conflicts = []
        self.bar.show_conflict(
            f"The homepage changed on disk but cannot be read ({reason}). Your version is kept; "
            "“Keep mine” lets a save replace it.", can_compare=False)
        self.bar.take_theirs_button.hide()
        self._place_bar()

    def _on_missing(self) -> None:
        if self._missing:
            return
        self._missing = True
        self._theirs = None
        self.bar.show_missing(
            "The homepage file was deleted on disk. Your text is still here: save it back "
            "to keep it.")
        self._place_bar()
        self.homepage_missing.emit()

    def _check_config(self, site: Site) -> None:
        digest = self._read_hash(site.config_path)
        if digest == self._config_hash:
            return
        self._config_hash = digest
        site.reload_config()
        self.window.status("The site settings changed on disk and were reloaded", 5000)
        self.site_config_changed.emit()

    def _report_site_files(self, doc: HomepageDocument, changes: list[Change],
                           rescan: bool) -> None:
        own = {doc.path.resolve()}
        if doc.site.config_path is not None:
            own.add(Path(doc.site.config_path).resolve())
        if rescan:
            paths = [Path(doc.site.content_dir)]
        else:
            paths = sorted({p for c in changes for p in c.paths() if p not in own})
        if not paths:
            return
        # The site index reads them first (gui/sync/index_feed.py), then the window refreshes.
        self.site_files_changed.emit(paths)

    _read_hash = staticmethod(file_hash)

    # ------------------------------------------------------------------ the author's choices
    def pending_conflict(self) -> bool:
        """True while the bar asks about a disk version (a save now would overwrite it)."""
        return self._theirs is not None

    def take_theirs(self) -> None:
        doc, theirs = self.window.document, self._theirs
        if doc is None or theirs is None:
            return
        try:
            Homepage.parse(theirs)
            self._adopt(doc, theirs)
            doc.set_bytes(theirs, "Take the version on disk")
        except BlogEditorError as exc:
            self.window.status(str(exc), 8000)
            return
        self._clear_bar()
        self.window.status("Took the version on disk; Edit ▸ Undo brings yours back", 8000)

    def keep_mine(self) -> None:
        doc, theirs = self.window.document, self._theirs
        if doc is None or theirs is None:
            return
        self._adopt(doc, theirs)
        self._clear_bar()
        self.window.status("Kept your version; saving will replace the one on disk", 8000)

    def accepted_hash(self) -> str | None:
        return self._ignored_hash

    def open_compare(self) -> None:
        if not self.conflicts or self.window.document is None:
            return
        dialog = CompareDialog(self.conflicts, self.window)
        dialog.accepted.connect(lambda: self.apply_resolutions(dialog.resolutions()))
        dialog.finished.connect(dialog.deleteLater)
        self.compare_dialog = dialog
        dialog.open()  # window-modal, never exec(): the event loop (and the watcher) go on

    def apply_resolutions(self, resolutions: dict[str, str | None]) -> bool:
        """Merge again with the author's choices; True when the document took the result."""
        doc, theirs = self.window.document, self._theirs
        if doc is None or theirs is None:
            return False
        self.window.binding.flush()
        result = merge_homepages(doc.saved_bytes, doc.to_bytes(), theirs, resolutions=resolutions)
        if result.merged is None:  # the author typed on meanwhile: ask about what is left
            self._merge_in(doc, theirs)
            return False
        try:
            self._apply_merge(doc, theirs, result)
        except BlogEditorError as exc:
            self.window.status(f"Cannot use that version: {exc}", 10000)
            return False
        return True

    def save_back(self) -> None:
        if self.window.save():
            self._missing = False
            self._clear_bar()
            self.window.status("Saved the homepage back to disk", 5000)

    # ------------------------------------------------------------------ the bar
    def _clear_bar(self) -> None:
        self._theirs = None
        self.conflicts = []
        if self.compare_dialog is not None:
            with contextlib.suppress(RuntimeError):
                self.compare_dialog.reject()
            self.compare_dialog = None
        self.bar.clear()
        self._place_bar()

    def _place_bar(self) -> None:
        """Lay the bar over the top of the editor and keep the text clear of it."""
        editor = self.window.editor
        if self.bar.mode is None:
            editor.setViewportMargins(0, 0, 0, 0)
            return
        frame = editor.frameWidth()
        width = max(editor.width() - 2 * frame, 100)
        height = self.bar.heightForWidth(width) if self.bar.hasHeightForWidth() else -1
        height = max(height, self.bar.sizeHint().height())
        self.bar.setGeometry(frame, frame, width, height)
        editor.setViewportMargins(0, height, 0, 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window.editor and event.type() == QEvent.Type.Resize:
            self._place_bar()
        return False
