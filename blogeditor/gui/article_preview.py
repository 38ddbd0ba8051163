"""Live preview of a whole article that stays smooth for very large articles (266 KB).

A full ``setHtml`` of a big article costs half a second on the GUI thread, so:
- the Markdown is rendered block by block off the GUI thread (core.render's
  IncrementalRenderer re-renders only the blocks whose text changed);
- the preview document holds one QTextFrame per block, and an update replaces only the
  frames whose HTML changed (a keystroke touches one);
- a fresh document (a new article) is built detached, a few frames per event-loop turn,
  and swapped in once complete.
Signals: ``rendered()`` whenever the display caught up with the latest text.
"""

from __future__ import annotations

import contextlib
import logging
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, QUrl, Signal
from PySide6.QtGui import QTextCursor, QTextDocument, QTextFrame, QTextFrameFormat
from PySide6.QtWidgets import QTextBrowser, QWidget

from blogeditor.core.render import IncrementalRenderer, RenderedBlock, stylesheet

log = logging.getLogger(__name__)

DEBOUNCE_MS = 25
BUILD_SLICE_S = 0.006  # GUI time per event-loop turn while building a fresh document
REBUILD_RATIO = 0.5  # replace in place unless more than this share of blocks changed


def _browser(parent: QWidget | None) -> QTextBrowser:
    try:
        from blogeditor.gui.preview import PreviewBrowser  # image loading with width hints
    except ImportError:
        browser = QTextBrowser(parent)
    else:
        browser = PreviewBrowser(parent)
    browser.setOpenLinks(False)
    browser.setOpenExternalLinks(False)
    browser.setFrameShape(QTextBrowser.Shape.NoFrame)
    browser.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return browser


class _Bridge(QObject):
    done = Signal(int, object)  # generation, list[RenderedBlock] (or an error message)


class _RenderJob(QRunnable):
    def __init__(self, renderer: IncrementalRenderer, text: str, generation: int,
                 bridge: _Bridge) -> None:
        super().__init__()
        self.renderer, self.text, self.generation, self.bridge = renderer, text, generation, bridge

    def run(self) -> None:
        try:
            result: Any = self.renderer.render_blocks(self.text)
        except Exception as exc:  # a renderer bug shows as a note, never as a crash
            log.exception("article preview render failed")
            result = f"The preview cannot show this text ({exc})."
        with contextlib.suppress(RuntimeError):  # the preview was closed while rendering
            self.bridge.done.emit(self.generation, result)


class ArticlePreview(QObject):
    rendered = Signal()
    link_clicked = Signal(QUrl)

    def __init__(self, parent: QWidget | None = None, *, dark: bool = False) -> None:
        super().__init__(parent)
        self.widget = _browser(parent)
        self.widget.setMinimumWidth(240)
        self.widget.anchorClicked.connect(self.link_clicked)
        self.dark = dark
        self._renderer = IncrementalRenderer()
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._bridge = _Bridge(self)
        self._bridge.done.connect(self._on_rendered)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self._start_job)
        self._build_timer = QTimer(self, interval=0)
        self._build_timer.timeout.connect(self._build_step)
        self._text: str | None = None
        self._generation = 0
        self._busy = False
        self._keys: list[str] = []
        self._frames: list[QTextFrame] = []
        self._building: tuple[QTextDocument, list[RenderedBlock], list[QTextFrame]] | None = None
        self._pending_blocks: list[RenderedBlock] | None = None
        self._doc: QTextDocument | None = None
        self._job_text: str | None = None
        self.last_update_s = 0.0  # GUI time of the last in-place update (for the benchmark)

    # -- API ----------------------------------------------------------------------------
    def set_source(self, site: Any, base_dir: Path | None) -> None:
        """Where images resolve from; forgets cached HTML and the displayed document."""
        self._renderer = IncrementalRenderer(site=site, base_dir=base_dir)
        self._reset_display()

    def set_text(self, text: str) -> None:
        self._text = text
        self._timer.start()

    def render_now(self, text: str) -> None:
        self._text = text
        self._start_job()

    def clear(self, message: str = "") -> None:
        self._text = None
        self._generation += 1
        self._reset_display()
        doc = self._new_document()
        QTextCursor(doc).insertHtml(f'<p class="empty">{message}</p>' if message else "")
        self._swap(doc)

    def set_dark(self, dark: bool) -> None:
        self.dark = dark
        self._reset_display()
        if self._text is not None:
            self.render_now(self._text)

    def plain_text(self) -> str:
        return self.widget.toPlainText()

    def wait(self, msecs: int = 5000) -> None:
        self._pool.waitForDone(msecs)

    def shutdown(self) -> None:
        self._timer.stop()
        self._build_timer.stop()
        self._generation += 1
        self._pool.clear()
        self._pool.waitForDone(5000)

    # -- rendering off the GUI thread ---------------------------------------------------
    def _start_job(self) -> None:
        self._timer.stop()
        if self._busy or self._text is None:
            return  # the running job's completion starts the next one
        self._busy = True
        self._generation += 1
        self._job_text = self._text
        self._pool.start(_RenderJob(self._renderer, self._text, self._generation, self._bridge))

    def _on_rendered(self, generation: int, result: object) -> None:
        self._busy = False
        if generation != self._generation:
            return
        if self._text is not None and self._text != self._job_text:
            self._start_job()  # typing went on meanwhile: catch up first
        if isinstance(result, str):
            blocks = [RenderedBlock(result, f"<p>{result}</p>")]
        else:
            assert isinstance(result, list)
            blocks = result
        if self._building is not None:
            self._pending_blocks = blocks
            return
        self._show(blocks)

    # -- the displayed document ---------------------------------------------------------
    def _new_document(self) -> QTextDocument:
        doc = QTextDocument(self.widget)  # parented to the browser so it loads images
        doc.setUndoRedoEnabled(False)
        doc.setDefaultStyleSheet(stylesheet(self.dark))
        doc.setDocumentMargin(12)
        return doc

    def _swap(self, doc: QTextDocument) -> None:
        old = self._doc
        self.widget.setDocument(doc)
        self._doc = doc
        if old is not None:
            old.deleteLater()

    def _reset_display(self) -> None:
        self._build_timer.stop()
        self._building = None
        self._pending_blocks = None
        self._keys = []
        self._frames = []

    def _show(self, blocks: list[RenderedBlock]) -> None:
        keys = [b.key for b in blocks]
        old = self._keys
        head = 0
        while head < min(len(old), len(keys)) and old[head] == keys[head]:
            head += 1
        tail = 0
        while (tail < min(len(old), len(keys)) - head
               and old[len(old) - 1 - tail] == keys[len(keys) - 1 - tail]):
            tail += 1
        changed = max(len(old), len(keys)) - head - tail
        if not self._frames or changed > max(8, REBUILD_RATIO * len(keys)):
            self._start_build(blocks)
            return
        started = time.perf_counter()
        self._replace(head, len(old) - tail, blocks[head : len(keys) - tail])
        self._keys = keys
        self.last_update_s = time.perf_counter() - started
        self.rendered.emit()

    def _replace(self, start: int, stop: int, blocks: list[RenderedBlock]) -> None:
        doc = self.widget.document()
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        try:
            if start < stop:
                first, last = self._frames[start], self._frames[stop - 1]
                cursor.setPosition(first.firstPosition() - 1)
                cursor.setPosition(last.lastPosition() + 1, QTextCursor.MoveMode.KeepAnchor)
                cursor.removeSelectedText()
            elif start < len(self._frames):
                cursor.setPosition(self._frames[start].firstPosition() - 1)
            else:
                cursor.movePosition(QTextCursor.MoveOperation.End)
            new_frames = []
            for block in blocks:
                frame = cursor.insertFrame(QTextFrameFormat())
                cursor.insertHtml(block.html)
                new_frames.append(frame)
                cursor.setPosition(frame.lastPosition() + 1)
        finally:
            cursor.endEditBlock()
        self._frames[start:stop] = new_frames

    def _start_build(self, blocks: list[RenderedBlock]) -> None:
        self._build_timer.stop()
        self._building = (self._new_document(), blocks, [])
        self._build_step()
        if self._building is not None:
            self._build_timer.start()

    def _build_step(self) -> None:
        if self._building is None:
            self._build_timer.stop()
            return
        doc, blocks, frames = self._building
        cursor = QTextCursor(doc)
        started = time.perf_counter()
        while len(frames) < len(blocks) and time.perf_counter() - started < BUILD_SLICE_S:
            cursor.movePosition(QTextCursor.MoveOperation.End)
            frames.append(cursor.insertFrame(QTextFrameFormat()))
            cursor.insertHtml(blocks[len(frames) - 1].html)
        if len(frames) < len(blocks):
            return
        self._build_timer.stop()
        self._building = None
        bar = self.widget.verticalScrollBar()
        value = bar.value()
        self._swap(doc)
        bar.setValue(value)
        self._frames = frames
        self._keys = [b.key for b in blocks]
        pending, self._pending_blocks = self._pending_blocks, None
        if pending is not None:
            self._show(pending)
        else:
            self.rendered.emit()
