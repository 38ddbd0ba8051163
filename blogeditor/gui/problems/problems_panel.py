"""The Problems dock: what ``blogeditor check`` reports, plus misspellings, as a list.

It checks the homepage being edited (not the file on disk), a moment after each change,
and again when the site's files change (an article's draft flag, a thumbnail appearing).
Activating a line emits ``problem_activated`` with the Entry; the window selects the post
and puts the cursor on the spot. Spell-checking runs off the GUI thread.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QWidget,
)

from blogeditor.core.background.helper_process import shared_helper
from blogeditor.core.background.site_tasks import (
    Findings,
    Found,
    homepage_findings,
    homepage_spelling,
    layers_of,
    refresh_index,
    site_spelling,
)
from blogeditor.core.errors import BlogEditorError
from blogeditor.core.site.checks import check
from blogeditor.core.site.site_settings import dismiss_problem, settings_path
from blogeditor.gui import icons
from blogeditor.gui.context import AppContext
from blogeditor.gui.jobs import JobLane

if TYPE_CHECKING:
    from blogeditor.core.spelling.checker import SpellChecker
    from blogeditor.gui.spelling.spell_ui import SpellController

log = logging.getLogger(__name__)

SPELLING_COLOUR = "#d9534f"  # the red of the editor's spelling underline, readable on both themes
REFRESH_DELAY_MS = 400
FILE_POLL_MS = 2000
ARTICLE_KINDS = frozenset({"draft-visible", "future-visible", "ready-hidden", "bad-article"})
# Warnings that can be right to ignore for one post (kept hidden on purpose).
DISMISSABLE_KINDS = frozenset({"ready-hidden"})


@dataclass(frozen=True)
class Entry:
    """One line of the panel. ``position`` is the 1-based teaser (None: outside any teaser);
    ``line``/``column`` are 1-based in the homepage file."""

    kind: str
    message: str
    position: int | None
    link: str
    line: int
    column: int = 1
    word: str = ""

    @property
    def in_article(self) -> bool:
        return self.kind in ARTICLE_KINDS

    def label(self) -> str:
        where = f"Post {self.position}" if self.position is not None else f"Line {self.line}"
        return f"{where} · {self.message}"


def line_in_teaser(entry: Entry, teaser: Any) -> tuple[int, int]:
    """1-based line and column inside the teaser's own text where ``entry`` points."""
    lines = teaser.markdown.split("\n")

    def first(needle: str) -> int | None:
        return next((i + 1 for i, text in enumerate(lines) if needle in text), None)

    if entry.kind == "spelling":
        return max(entry.line - teaser.start_line + 1, 1), entry.column
    if entry.kind == "link-mismatch":
        return first("Full article") or 1, 1
    if entry.kind in ("thumbnail-mismatch", "missing-thumbnail"):
        return first("<img") or 1, 1
    return max(teaser.line - teaser.start_line + 1, 1), 1


def entries_of(findings: Findings) -> list[Entry]:
    """The panel's lines for what the helper found: the homepage checks and title drift."""
    if findings.error is not None:
        return [Entry("error", findings.error, None, "", 1)]
    entries = [Entry(p.kind, p.message, p.position, p.link, p.line) for p in findings.problems]
    return entries + [
        Entry("title-drift", f"the article is titled “{d.article_title}”", d.position, d.link,
              d.line) for d in findings.drifts]


class ProblemsPanel(QDockWidget):
    problem_activated = Signal(object)  # Entry
    refreshed = Signal()

    def __init__(self, parent: QWidget | None = None, *, spelling: bool = True,
                 defer: Callable[[Callable[[], None]], None] | None = None) -> None:
        super().__init__("Problems", parent)
        # How the first full check waits for its moment (the window: a pause in typing).
        self._defer = defer if defer is not None else (
            lambda work: QTimer.singleShot(0, self, work))
        self.setObjectName("problemsDock")
        self.list = QListWidget(self)
        self.list.setAlternatingRowColors(True)
        self.list.setIconSize(QSize(16, 16))
        self.setWidget(self.list)
        self.site: Any = None
        self.document: Any = None
        self.spelling = spelling
        self.entries: list[Entry] = []
        self._spelling: list[Entry] = []
        # Checks read every article, spelling reads the whole homepage: both off the GUI thread.
        self._lane = JobLane("problems", self)
        self.checker: SpellChecker | None = None  # the window's (set_checker); else one of our own
        self._checked_generation: int | None = None
        self._checked = False
        self._timer = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._timer.timeout.connect(self._refresh_in_background)
        self._poll = QTimer(self, interval=FILE_POLL_MS)
        self._poll.timeout.connect(self._check_files)
        self.list.itemActivated.connect(self._on_item)
        self.list.itemClicked.connect(self._on_item)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._context_menu)

    # -- source --------------------------------------------------------------------------
    def set_source(self, site: Any, document: Any) -> None:
        if self.document is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                self.document.changed.disconnect(self.schedule)
        self.site, self.document = site, document
        self._lane.cancel()  # what an older site's check finds is not this site's
        self._checked = False
        if document is not None:
            document.changed.connect(self.schedule)
            self._poll.start()
            self.entries, self._spelling = [], []
            self._populate()
            self._defer(self._first_refresh)
        else:
            self._poll.stop()
            self.refresh()

    def _first_refresh(self) -> None:
        # On the worker like every other check: on a site of 5,000 articles and a 10,000-post
        # homepage the first one reads for many seconds, and the author is typing meanwhile.
        if self.document is not None and not self._checked:
            self.refresh(background=True)

    def set_checker(self, checker: SpellChecker) -> None:
        """Spell with the window's checker, so Add to Dictionary / Ignore All apply here too."""
        if checker is self.checker:
            return
        self.checker = checker
        if self.document is not None and self._checked:
            self.schedule()

    def checker_may_have_changed(self) -> None:
        """Words were added or ignored (the checker's generation moved): spell again."""
        generation = self.checker.generation if self.checker is not None else None
        if (self.document is not None and self._checked and generation is not None
                and generation != self._checked_generation):
            self.schedule()

    def schedule(self) -> None:
        self._timer.start()

    # -- checking ------------------------------------------------------------------------
    def refresh(self, *, background: bool = False) -> None:
        """Check now, on this thread (the first look, tests), or on the panel's worker (after
        an edit: the checks read every article)."""
        self._timer.stop()
        self._lane.cancel()  # an older check still running must not overwrite this one
        self._checked = True
        doc = self.document
        if doc is None:
            self.entries, self._spelling = [], []
            self._populate()
        elif self.site is None:  # a homepage alone: its own checks only, no files to read
            problems = check(None, doc.homepage, now=dt.datetime.now(dt.UTC))
            self._on_checked(entries_of(Findings(tuple(problems))))
        elif background:
            # In the helper process (core/background): the checks read every article, and
            # Python work on a thread here takes the GIL from the typing.
            self._lane.run_task(homepage_findings, (self.site, doc.to_bytes()),
                                lambda found: self._on_checked(entries_of(found)),
                                self._on_failed)
        else:
            found = shared_helper().call(homepage_findings, self.site, doc.to_bytes())
            self._on_checked(entries_of(found))

    def _refresh_in_background(self) -> None:
        self.refresh(background=True)

    def _on_checked(self, entries: list[Entry]) -> None:
        doc = self.document
        if doc is None:
            return
        self.entries = entries
        self._populate()
        if self.spelling:
            data = doc.to_bytes()
            self._checked_generation = (
                self.checker.generation if self.checker is not None else None)
            checker = self.checker
            if checker is not None:  # the window's words, so Add to Dictionary applies here too
                self._lane.run_task(homepage_spelling,
                                    (data, checker.language, layers_of(checker)),
                                    self._on_spelling, self._on_failed)
            elif self.site is not None:
                self._lane.run_task(site_spelling, (self.site, data), self._on_spelling,
                                    self._on_failed)
            else:
                self.refreshed.emit()
        else:
            self.refreshed.emit()

    def _on_failed(self, message: str) -> None:
        log.warning("the Problems dock's check failed: %s", message)
        self.refreshed.emit()

    def _on_spelling(self, found: Found) -> None:
        if self.document is None:
            return
        teasers = self.document.homepage.teasers
        entries = []
        for line, column, word, suggestions, message in found:
            owner = next((t for t in teasers if t.start_line <= line <= t.end_line), None)
            index = teasers.index(owner) + 1 if owner is not None else None
            hint = f" (suggestions: {', '.join(suggestions)})" if suggestions else ""
            text = message or f"“{word}” may be misspelled{hint}"
            entries.append(Entry("spelling", text, index, owner.link if owner else "",
                                 line, column, word))
        self._spelling = entries
        self._populate()
        self.refreshed.emit()

    def wait(self) -> None:
        self._lane.wait_idle(10000)

    def shutdown(self) -> None:
        self._timer.stop()
        self._poll.stop()
        self._lane.cancel()
        self._lane.wait_idle(10000)

    # -- files changed by other programs ------------------------------------------------
    def _check_files(self) -> None:
        # Articles and images changed by other programs arrive through the site watcher
        # (files_changed, connected by the window's features); this timer only notices a
        # replaced spell checker. Stat-ing every article here every two seconds cost the GUI
        # thread 100 ms on a site of 1,000 articles.
        self.checker_may_have_changed()

    def files_changed(self) -> None:
        """The site watcher saw articles or images change: check again shortly."""
        if self.document is not None:
            self.schedule()

    # -- display -------------------------------------------------------------------------
    def all_entries(self) -> list[Entry]:
        return sorted(self.entries + self._spelling,
                      key=lambda e: (e.position if e.position is not None else 0, e.line))

    def _populate(self) -> None:
        self.list.clear()
        entries = self.all_entries()
        for entry in entries:
            item = QListWidgetItem(entry.label())
            # Every line has an icon, so the texts line up.
            if entry.kind == "spelling":
                item.setIcon(icons.icon("spelling", SPELLING_COLOUR))
            else:
                item.setIcon(icons.icon("problem"))
            item.setData(Qt.ItemDataRole.UserRole, entry)
            item.setToolTip(entry.message)
            self.list.addItem(item)
        if not entries:
            if self.document is None:
                text = "Open a site to see its problems."
            elif not self._checked:
                text = "Checking…"
            else:
                text = "No problems found."
            item = QListWidgetItem(text)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(item)
        self.setWindowTitle(f"Problems ({len(entries)})" if entries else "Problems")

    def _on_item(self, item: QListWidgetItem) -> None:
        entry = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(entry, Entry):
            self.problem_activated.emit(entry)

    def _context_menu(self, pos: QPoint) -> None:
        item = self.list.itemAt(pos)
        entry = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if not isinstance(entry, Entry) or entry.kind not in DISMISSABLE_KINDS:
            return
        menu = QMenu(self.list)
        menu.addAction("Keep Hidden: Dismiss This Warning", lambda: self.dismiss(entry))
        menu.exec(self.list.viewport().mapToGlobal(pos))

    def dismiss(self, entry: Entry) -> None:
        """Stop warning about ``entry`` for its post (kept in the site's settings)."""
        if self.site is None or entry.kind not in DISMISSABLE_KINDS:
            return
        try:
            dismiss_problem(self.site.root, entry.kind, entry.link)
        except BlogEditorError as exc:
            QMessageBox.warning(self, "Cannot dismiss the warning", str(exc))
            return
        # The index answers from its cache until told what changed: the dismissals did.
        shared_helper().call(refresh_index, self.site, [settings_path(self.site.root)])
        self.refresh()

    def activate(self, row: int) -> None:
        """Act as if the author clicked line ``row`` (tests and keyboard use)."""
        item = self.list.item(row)
        if item is not None:
            self.list.setCurrentItem(item)
            self._on_item(item)


class DockPlacement(QObject):
    """Keeps the dock at the bottom of ``window`` while a site is open and out of the way on
    the welcome screen; the author's choice to show or hide it is remembered. Spelling uses
    the window's checker and follows its replacements and word lists."""

    def __init__(self, ctx: AppContext, window: QMainWindow, panel: ProblemsPanel,
                 spell: SpellController) -> None:
        super().__init__(panel)
        self.ctx, self.window, self.panel = ctx, window, panel
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, panel)
        # A few lines tall: problems are few, and the editor needs the height more.
        window.resizeDocks([panel], [96], Qt.Orientation.Vertical)
        self.toggle = panel.toggleViewAction()
        ctx.site_opened.connect(self._on_site_opened)
        ctx.site_closing.connect(self._on_site_closing)
        window.installEventFilter(self)
        panel.set_checker(spell.checker)
        spell.checker_changed.connect(panel.set_checker)
        spell.source.checked.connect(panel.checker_may_have_changed)
        self._apply()

    def _has_site(self) -> bool:
        return self.ctx.homepage is not None

    def _apply(self) -> None:
        has_site = self._has_site()
        self.toggle.setEnabled(has_site)
        if not has_site:
            self.panel.hide()
        elif self.ctx.settings.problems_visible():
            self.panel.show()

    def _on_site_opened(self, _site: object) -> None:
        self._apply()

    def _on_site_closing(self) -> None:
        if self.window.isVisible():
            self.ctx.settings.set_problems_visible(self.panel.isVisible())
        self.panel.hide()
        self.toggle.setEnabled(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # restoreState() may show the dock from an earlier session with a site open.
        if watched is self.window and event.type() == QEvent.Type.Show:
            self._apply()
        elif watched is self.window and event.type() == QEvent.Type.Close and self._has_site():
            self.ctx.settings.set_problems_visible(self.panel.isVisible())
        return False
