"""The AppContext: what every feature of the window is handed, instead of reaching into it.

One per window. It holds the services (settings, background jobs, dialogs), the open site
and its homepage session (stored here and nowhere else: the window's ``site`` and
``document`` read them from here), the site's lifecycle signals, and the two places where
features take part in what the window does for all of them: closing (every source of unsaved
work is asked, once) and saving the homepage (the disk watcher's answer first).

Features are built in one place (``gui/window/features.py``) with typed references to the
context, the widgets they work on and the other features they use; none stores itself on
the window or looks another one up by name.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from blogeditor.core.background.helper_process import shared_helper
from blogeditor.gui.dialogs import Dialogs
from blogeditor.gui.jobs import Jobs
from blogeditor.gui.settings import Settings

if TYPE_CHECKING:
    from blogeditor.core.site.site import Site
    from blogeditor.gui.editor.document import HomepageDocument
    from blogeditor.gui.window.closing import UnsavedSource


TYPING_PAUSE_MS = 400
SWITCH_INTERVAL_S = 0.001  # the window's process; the helper keeps Python's 5 ms


class SaveGuard(Protocol):
    """What the homepage's save asks first of whoever watches the disk (gui/sync)."""

    def pending_conflict(self) -> bool:
        """The disk version changed and the author has not answered yet."""
        ...

    def keep_mine(self) -> None:
        """The author chose their version over the disk's: the save may replace it."""
        ...

    def open_compare(self) -> None: ...

    def accepted_hash(self) -> str | None:
        """The hash of an unreadable disk version the author chose to replace, if any."""
        ...


class AppContext(QObject):
    site_opened = Signal(object)  # the Site, after its homepage is loaded
    site_closing = Signal()  # the site is about to close (every document already agreed)
    site_files_changed = Signal()  # articles or images changed on disk (the site watcher)
    current_post_changed = Signal(int)  # the edited teaser's position, -1 when none
    closed = Signal()  # the window closed for good
    status_message = Signal(str, int)  # text, milliseconds (0: until the next message)

    def __init__(self, settings: Settings | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings if settings is not None else Settings()
        self.jobs = Jobs(self)
        shared_helper().warm_up()  # the site-wide work's process, started before it is needed
        # The GUI thread gives up the GIL on every call into Qt, then waits for a thread
        # running Python (the watcher arming, thumbnails) to hand it back: at most this long.
        # At the default 5 ms a key press right after opening a large site took 16-28 ms.
        sys.setswitchinterval(SWITCH_INTERVAL_S)
        self.dialogs = Dialogs(self.status)
        self.site: Site | None = None
        self.homepage: HomepageDocument | None = None
        self.dark = False
        # Features with documents of their own (the Article tab) add theirs: one close question.
        self.unsaved_sources: list[UnsavedSource] = []
        self.save_guard: SaveGuard | None = None
        # Site-wide work that can wait (learning the vocabulary, the first full checks)
        # starts once the author pauses: key presses then never share the interpreter with it.
        self._pause = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._pause.timeout.connect(self._after_pause)
        self._waiting: list[Callable[[], None]] = []

    def when_typing_pauses(self, work: Callable[[], None]) -> None:
        """Run ``work`` (on the GUI thread; it starts background jobs) once no key has been
        pressed for a moment."""
        self._waiting.append(work)
        if not self._pause.isActive():
            self._pause.start()

    @property
    def waiting_for_pause(self) -> bool:
        """Work is waiting for the author to pause (tests and benchmarks wait it out)."""
        return bool(self._waiting)

    def typed(self) -> None:
        """A key press in an editor: what waits for a pause waits a little longer."""
        if self._waiting:
            self._pause.start()

    def _after_pause(self) -> None:
        waiting, self._waiting = self._waiting, []
        for work in waiting:
            work()

    def status(self, message: str, timeout_ms: int = 5000) -> None:
        self.status_message.emit(message, timeout_ms)
