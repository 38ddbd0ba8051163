"""Keeps the core's site index (``core/site/site_index.py``) in step with the disk, off the GUI thread.

The list's badges and the Problems dock both ask the one index of the open site (in the
helper process, ``core/background``) for the homepage's problems; it answers from its
cache until it is told what changed. This feed tells it: a full look when a site opens,
then the paths each batch of the site watcher names. Only once the index has read them
does the window refresh what shows them, so the list and the dock never show an answer
older than the files.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from blogeditor.core.background.site_tasks import refresh_index
from blogeditor.core.site.site import Site
from blogeditor.gui.context import AppContext
from blogeditor.gui.sync.sync import SyncController

if TYPE_CHECKING:
    from blogeditor.gui.window.main_window import MainWindow


class SiteIndexFeed(QObject):
    def __init__(self, ctx: AppContext, window: MainWindow, sync: SyncController) -> None:
        super().__init__(window)
        self.ctx, self.window = ctx, window
        self._lane = ctx.jobs.lane("site index", parent=self)
        ctx.site_opened.connect(self._on_site_opened)
        ctx.site_closing.connect(self._lane.cancel)
        sync.site_files_changed.connect(self._on_files_changed)

    def _on_site_opened(self, site: Site) -> None:
        # Files may have changed while the site was closed: one stat sweep reads only those.
        self.ctx.when_typing_pauses(lambda: self._lane.run_task(
            refresh_index, (site, None), lambda _changed: None, supersede=False))

    def _on_files_changed(self, paths: list[Path]) -> None:
        site = self.ctx.site
        if site is None:
            return
        # The index lives in the helper process, with the checks that read it; tasks run
        # there in order, so a check asked for after this one sees these files.
        self._lane.run_task(refresh_index, (site, list(paths)),
                            lambda _changed: self._refreshed(), supersede=False)

    def _refreshed(self) -> None:
        self.window.refresh_site_state()  # article states, thumbnails, problems, preview

    def wait_idle(self, timeout_ms: int = 5000) -> bool:
        return self._lane.wait_idle(timeout_ms)
