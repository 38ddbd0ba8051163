"""Whole-document spell-check passes off the GUI thread.

A pass gets a snapshot (the lines and the state each starts in) and returns, per line, the
misspelled (UTF-16 start, length) ranges. Results come back through a queued signal, so the
receiver handles them in the GUI thread; a newer pass cancels the older one, and the receiver
drops results whose token is not the latest (the text moved on meanwhile).
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from blogeditor.core.spelling.checker import SpellChecker
from blogeditor.core.spelling.scan import lines_ranges


class _Emitter(QObject):
    done = Signal(int, object, object)  # token, lines, ranges per line


class _Pass(QRunnable):
    def __init__(self, token: int, lines: list[str], states: list[int], checker: SpellChecker,
                 emitter: _Emitter, cancel: threading.Event) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.token, self.lines, self.states = token, lines, states
        self.checker, self.emitter, self.cancel = checker, emitter, cancel

    def run(self) -> None:
        try:
            ranges = lines_ranges(self.lines, self.states, self.checker, self.cancel.is_set)
        except Exception:  # a checker failure must not take the app down from a thread
            ranges = None
        if ranges is not None and not self.cancel.is_set():
            self.emitter.done.emit(self.token, self.lines, ranges)


class SpellWorker(QObject):
    """Runs one pass at a time; `finished(token, lines, ranges)` arrives in the GUI thread."""

    finished = Signal(int, object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._emitter = _Emitter(self)
        self._emitter.done.connect(self._on_done)
        self._cancel = threading.Event()
        self.token = 0

    @property
    def busy(self) -> bool:
        return self._pool.activeThreadCount() > 0

    def start(self, lines: list[str], states: list[int], checker: SpellChecker) -> int:
        """Start a pass over the snapshot (cancelling any running one); returns its token."""
        self._cancel.set()
        self._cancel = threading.Event()
        self.token += 1
        self._pool.start(_Pass(self.token, lines, states, checker, self._emitter, self._cancel))
        return self.token

    def _on_done(self, token: int, lines: object, ranges: object) -> None:
        if token == self.token:
            self.finished.emit(token, lines, ranges)

    def stop(self, wait_ms: int = 5000) -> None:
        """Cancel and wait for the thread (before the editor goes away, and in tests)."""
        self._cancel.set()
        self._pool.waitForDone(wait_ms)

    def wait(self, wait_ms: int = 5000) -> bool:
        return self._pool.waitForDone(wait_ms)
