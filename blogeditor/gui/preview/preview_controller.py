"""PreviewController: keeps a PreviewBrowser showing the editor's text without stalling typing.

One short single-shot timer coalesces keystrokes. When it fires, small texts render right
there (a few ms: the article renderer re-renders only changed blocks and the browser patches
only those); large ones render in a worker (QThreadPool, one job at a time), which also
builds a whole new QTextDocument when patching will not do. Results come back by signal;
a result older than what is shown is dropped. Widgets are only touched on the GUI thread.

Very large articles (266 KB is a real one) are shown as a window of blocks around the part
of the article the editor shows: a QTextDocument's relayout after any change costs time in
proportion to the text after the change, so the shown document is kept to a window's size.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QPoint, QRunnable, QThread, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QPlainTextEdit

from blogeditor.core.render.render import (
    IncrementalRenderer,
    RenderedBlock,
    block_at,
    render_teaser_html,
    select_window,
)
from blogeditor.core.site.site import Site
from blogeditor.core.storage.confine import allowed_roots
from blogeditor.gui.preview.preview import (
    ImageStore,
    PreviewBrowser,
    PreviewDocument,
    build_document,
    can_patch,
    is_dark,
)

SYNC_LIMIT = 20_000  # characters below which even a first render takes only a few ms
WARM_CHANGE = 4_000  # an edit smaller than this re-renders a block or two: do it right here
WINDOW_LIMIT = 60_000  # characters above which the preview shows a window of the article
WINDOW_RADIUS = 12_000  # characters of markdown each side of the focus in a window


@dataclass(frozen=True)
class _View:
    """What the browser is asked to show: all blocks, or a window of them plus two notes."""

    blocks: list[RenderedBlock]  # to show
    window: tuple[int, int] | None  # indices into all_blocks
    all_blocks: list[RenderedBlock]

    @property
    def total(self) -> int:
        return len(self.all_blocks)


def _note(kind: str, count: int) -> RenderedBlock:
    where = "earlier" if kind == "above" else "later"
    html = (
        f'<p class="more" align="center">⋯ {count} {where} blocks are not shown here: '
        "the preview of a long article follows the editor ⋯</p>"
    )
    return RenderedBlock(f"\x00{kind}:{count}", html)


def make_view(
    blocks: list[RenderedBlock], focus_offset: int, previous: _View | None, *, windowed: bool
) -> _View:
    """The blocks to show. A window is kept while the focus stays in its middle half."""
    if not windowed or not blocks:
        return _View(blocks, None, blocks)
    focus = block_at(blocks, focus_offset)
    window: tuple[int, int] | None = None
    if previous is not None and previous.window is not None:
        first, last = previous.window
        last += len(blocks) - previous.total  # blocks split or joined while typing
        quarter = max(1, (last - first) // 4)
        valid = 0 <= first < last <= len(blocks)
        above_ok = first == 0 or focus >= first + quarter
        below_ok = last == len(blocks) or focus < last - quarter
        if valid and above_ok and below_ok:
            window = (first, last)
    if window is None:
        window = select_window(blocks, focus, WINDOW_RADIUS)
    first, last = window
    shown = list(blocks[first:last])
    if first:
        shown.insert(0, _note("above", first))
    if last < len(blocks):
        shown.append(_note("below", len(blocks) - last))
    return _View(shown, window, blocks)


class _JobSignals(QObject):
    done = Signal(int, object, object)  # revision, _View, PreviewDocument | None


class _RenderJob(QRunnable):
    """Renders off the GUI thread; builds a whole document there when patching will not do."""

    def __init__(self, controller: PreviewController, text: str, revision: int) -> None:
        super().__init__()
        self.setAutoDelete(True)
        # Everything the job needs is copied now: the worker must not read GUI objects.
        self.renderer = controller._renderer
        self.text, self.revision = text, revision
        self.dark = controller._dark
        self.focus = controller._focus
        self.previous = controller._view
        self.windowed = len(text) > WINDOW_LIMIT
        self.shown_keys = controller.browser.block_keys(dark=controller._dark)
        self.store: ImageStore = controller.browser.images
        self.signals = controller._signals
        app = QCoreApplication.instance()
        assert app is not None  # a controller exists only inside a running application
        self.gui_thread: QThread = app.thread()

    def run(self) -> None:
        blocks = self.renderer.render_blocks(self.text)
        view = make_view(blocks, self.focus, self.previous, windowed=self.windowed)
        doc: PreviewDocument | None = None
        if not can_patch(self.shown_keys, [b.key for b in view.blocks]):
            doc = build_document(view.blocks, dark=self.dark, store=self.store)
            doc.moveToThread(self.gui_thread)  # only the owning thread may hand it over
        # The controller may have gone away while this ran (window closed): nothing to tell.
        with contextlib.suppress(RuntimeError):
            self.signals.done.emit(self.revision, view, doc)


class PreviewController(QObject):
    """Drives a PreviewBrowser from text: ``set_text`` on every change, or ``attach_editor``."""

    shown = Signal(int)  # the revision now visible in the browser

    def __init__(
        self,
        browser: PreviewBrowser,
        *,
        mode: str = "teaser",
        site: Site | None = None,
        base_dir: Path | None = None,
        delay_ms: int = 12,
    ) -> None:
        super().__init__(browser)
        self.browser = browser
        self.mode = mode
        self.site = site
        self.base_dir = base_dir
        self.revision = 0
        self.shown_revision = 0
        self._text = ""
        self._focus = 0
        self._shown_length = 0
        self._busy = False
        self._view: _View | None = None
        self._editor: QPlainTextEdit | None = None
        self._renderer = IncrementalRenderer(site=site, base_dir=base_dir)
        browser.images.roots = allowed_roots(site.root if site is not None else None, base_dir)
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._timer.timeout.connect(self._render)
        self._signals = _JobSignals(self)
        self._signals.done.connect(self._on_done)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._dark = is_dark(browser.palette())
        browser.palette_changed.connect(self._on_palette)

    # -- public ----------------------------------------------------------------------

    def attach_editor(self, editor: QPlainTextEdit) -> None:
        """Follow ``editor``: its text (on every change) and its scroll position."""
        self._editor = editor
        editor.textChanged.connect(lambda: self.set_text(editor.toPlainText()))
        editor.verticalScrollBar().valueChanged.connect(self._on_editor_scrolled)
        self.set_text(editor.toPlainText())

    def set_text(self, text: str) -> None:
        self._text = text
        self.revision += 1
        self._timer.start()

    def set_source(
        self, *, mode: str, site: Site | None = None, base_dir: Path | None = None
    ) -> None:
        """Switch between "teaser" and "article" previews, or to another site/article folder."""
        self.mode, self.site, self.base_dir = mode, site, base_dir
        # The preview reads images from this site (and article folder) only: core/storage/confine.py.
        self.browser.images.roots = allowed_roots(site.root if site is not None else None, base_dir)
        self._renderer = IncrementalRenderer(site=site, base_dir=base_dir)
        self._view = None
        self.revision += 1
        self._timer.start()

    def set_dark(self, dark: bool) -> None:
        if dark != self._dark:
            self._dark = dark
            self.revision += 1
            self._timer.start()

    def set_focus(self, offset: int, ratio: float | None = None) -> None:
        """The editor shows text from character ``offset`` on (``ratio``: its scroll ratio)."""
        self._focus = offset
        view = self._view
        if view is None or view.window is None:
            if ratio is not None:
                self.browser.follow_ratio(ratio)
            return
        all_blocks = view.all_blocks
        if not all_blocks:
            return
        focus = block_at(all_blocks, offset)
        first, last = view.window
        if first <= focus < last:
            block = all_blocks[focus]
            inside = (offset - block.start) / max(1, block.end - block.start)
            self.browser.scroll_to_block(focus - first + (1 if first else 0), min(1.0, max(0.0, inside)))
        moved = make_view(all_blocks, offset, view, windowed=True).window != view.window
        if moved and not self._timer.isActive():
            self.revision += 1  # same text, another window
            self._timer.start()

    def render_now(self) -> None:
        """Render the latest text synchronously (first show, tests)."""
        self._timer.stop()
        self._render(force_sync=True)

    def is_idle(self) -> bool:
        return not self._busy and not self._timer.isActive() and self.shown_revision == self.revision

    def wait_for_done(self, msecs: int = 5000) -> bool:
        return self._pool.waitForDone(msecs)

    # -- internals ---------------------------------------------------------------------

    def _on_palette(self) -> None:
        self.set_dark(is_dark(self.browser.palette()))

    def _on_editor_scrolled(self) -> None:
        editor = self._editor
        if editor is None:
            return
        bar = editor.verticalScrollBar()
        span = bar.maximum() - bar.minimum()
        ratio = (bar.value() - bar.minimum()) / span if span else 0.0
        self.set_focus(editor.cursorForPosition(QPoint(0, 0)).position(), ratio)

    def _render(self, force_sync: bool = False) -> None:
        if self._busy and not force_sync:
            return  # _on_done renders the newest text when the running job reports
        text, revision, dark = self._text, self.revision, self._dark
        if self.mode == "teaser":
            self.browser.show_html(render_teaser_html(text, site=self.site, dark=dark))
            self._view = None
            self._mark_shown(revision)
            return
        # A worker pays for itself only when there is a lot to do: a first render, a big paste,
        # a new document to build. A keystroke re-renders a block or two and patches them in
        # (a few ms even in a 266 KB article); handing that to a thread would cost more, as
        # both threads need the GIL.
        small = len(text) < SYNC_LIMIT
        warm = self._view is not None and abs(len(text) - self._shown_length) < WARM_CHANGE
        if force_sync or small or warm:
            blocks = self._renderer.render_blocks(text)
            view = make_view(blocks, self._focus, self._view, windowed=len(text) > WINDOW_LIMIT)
            if self._show(view, None, build=force_sync or small):
                self._shown_length = len(text)
                self._mark_shown(revision)
                return
        self._busy = True
        self._shown_length = len(text)
        self._pool.start(_RenderJob(self, text, revision))

    def _show(self, view: _View, doc: PreviewDocument | None, *, build: bool = False) -> bool:
        """Put ``view`` on screen: ``doc`` if given, else by patching, else (``build``) by
        building a document here. False when none of these applies."""
        new_window = self._view is None or view.window != self._view.window
        if doc is not None:
            self.browser.show_document(doc, self._dark)
        elif not self.browser.patch_blocks(view.blocks, dark=self._dark):
            if not build:
                return False  # too big to build here: a worker builds it
            self.browser.show_blocks(view.blocks, dark=self._dark)
        self._view = view
        if new_window and view.window is not None:
            focus = block_at(view.all_blocks, self._focus)
            first = view.window[0]
            self.browser.scroll_to_block(focus - first + (1 if first else 0))
        return True

    def _on_done(self, revision: int, view: _View, doc: PreviewDocument | None) -> None:
        self._busy = False
        if revision > self.shown_revision:
            if self._show(view, doc):
                self._mark_shown(revision)
            else:
                self._view = None
        elif doc is not None:
            doc.deleteLater()
        if self.revision != self.shown_revision and not self._timer.isActive():
            self._timer.start(0)

    def _mark_shown(self, revision: int) -> None:
        self.shown_revision = max(self.shown_revision, revision)
        self.shown.emit(revision)
