"""Spell-check: GUI-thread cost of checking a 266 KB article and of a keystroke

The article is generated (bench/spelling_article.py): prose with a few typos, fenced code,
shortcodes, links, images, tables and raw HTML, at the size of the largest real article. The
editor is a QPlainTextEdit with the real Markdown highlighter and the real en_US dictionary.
GUI-thread time is the CPU time (time.thread_time) of every call into the spell source on
the GUI thread, including the re-highlighting of blocks whose underlines arrived from the
background pass; wall times of the same calls are listed too (they also count waiting for a
CPU shared with other processes). Then `blogeditor check SITE --spelling` on a generated
5,000-article site, cold and warm (bench/spelling_site.py).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import spelling_site
from spelling_article import make_article

FIRST_CHECK_BUDGET_MS = 150.0
KEYSTROKE_BUDGET_MS = 2.0


def _timed_source_class():  # type: ignore[no-untyped-def]
    from blogeditor.gui.spelling.spell_source import SpellSource

    class TimedSource(SpellSource):
        """Adds up wall time spent in the source's GUI-thread entry points (outermost only)."""

        spent = 0.0  # CPU time of the GUI thread
        wall = 0.0  # the same calls' wall time (includes waiting for a busy, shared CPU)
        _depth = 0

        def _timed(self, fn, *args):  # type: ignore[no-untyped-def]
            if self._depth:
                return fn(*args)
            self._depth += 1
            start, start_wall = time.thread_time(), time.perf_counter()
            try:
                return fn(*args)
            finally:
                self.spent += time.thread_time() - start
                self.wall += time.perf_counter() - start_wall
                self._depth -= 1

        def misspellings(self, text, block_number):  # type: ignore[no-untyped-def]
            return self._timed(super().misspellings, text, block_number)

        def _on_change(self, position, removed, added):  # type: ignore[no-untyped-def]
            return self._timed(super()._on_change, position, removed, added)

        def _on_cursor(self):  # type: ignore[no-untyped-def]
            return self._timed(super()._on_cursor)

        def _apply(self, token, lines, ranges, states=None):  # type: ignore[no-untyped-def]
            return self._timed(super()._apply, token, lines, ranges, states)

        def recheck_all(self):  # type: ignore[no-untyped-def]
            return self._timed(super().recheck_all)

        def _rehighlight(self, numbers):  # type: ignore[no-untyped-def]
            return self._timed(super()._rehighlight, numbers)

    return TimedSource


def run() -> list[dict]:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    from blogeditor.core.spelling.checker import SpellChecker
    from blogeditor.core.spelling.scan import line_states, lines_ranges
    from blogeditor.gui.editor.markdown_highlighter import MarkdownHighlighter

    app = QApplication.instance() or QApplication([])
    article = make_article()
    checker = SpellChecker("en_US")
    if not checker.available:
        raise RuntimeError(checker.problem)

    # Background pass alone (worker thread; no budget, for context).
    lines = article.split("\n")
    start = time.perf_counter()
    lines_ranges(lines, line_states(lines), SpellChecker("en_US"))
    worker_ms = (time.perf_counter() - start) * 1000

    editor = QPlainTextEdit()
    highlighter = MarkdownHighlighter(editor.document())
    source = _timed_source_class()(editor, highlighter, checker)
    highlighter.spell_source = source
    editor.resize(900, 700)
    editor.show()
    app.processEvents()
    source.spent = source.wall = 0.0

    loop = QEventLoop()
    source.checked.connect(loop.quit)
    QTimer.singleShot(30000, loop.quit)
    editor.setPlainText(article)
    loop.exec()
    source.worker.wait()
    app.processEvents()
    first_ms = source.spent * 1000
    first_wall_ms = source.wall * 1000
    underlined_blocks = sum(1 for r in source._shown if r)

    # Keystrokes: type a word (and a space) into paragraphs spread over the article.
    doc = editor.document()
    targets = [n for n in range(doc.blockCount()) if len(doc.findBlockByNumber(n).text()) > 200]
    per_key: list[float] = []
    per_key_wall: list[float] = []
    for n in targets[:: max(1, len(targets) // 25)][:25]:
        block = doc.findBlockByNumber(n)
        cursor = QTextCursor(block)
        cursor.setPosition(block.position() + len(block.text()) // 2)
        editor.setTextCursor(cursor)
        for ch in "wrold ":
            source.spent = source.wall = 0.0
            QTest.keyClicks(editor, ch)
            per_key.append(source.spent * 1000)
            per_key_wall.append(source.wall * 1000)
        app.processEvents()
    source.shutdown()
    editor.close()
    key_ms = statistics.mean(per_key)
    key_max = max(per_key)
    key_p95 = sorted(per_key)[int(len(per_key) * 0.95) - 1]
    return [
        {"name": f"first full check of a {len(article) // 1000} KB article, GUI-thread time "
                 f"({underlined_blocks} blocks repainted)", "value": first_ms, "unit": "ms",
         "budget": f"< {FIRST_CHECK_BUDGET_MS:.0f} ms", "ok": first_ms < FIRST_CHECK_BUDGET_MS},
        {"name": "keystroke in that article, checking cost (mean)", "value": key_ms, "unit": "ms",
         "budget": f"< {KEYSTROKE_BUDGET_MS:.0f} ms", "ok": key_ms < KEYSTROKE_BUDGET_MS},
        {"name": f"keystroke checking cost, 95th percentile of {len(per_key)}", "value": key_p95,
         "unit": "ms", "budget": f"< {KEYSTROKE_BUDGET_MS:.0f} ms",
         "ok": key_p95 < KEYSTROKE_BUDGET_MS},
        {"name": "keystroke checking cost, worst", "value": key_max, "unit": "ms", "budget": "",
         "ok": None},
        {"name": "first full check, wall time of the same GUI-thread calls", "value": first_wall_ms,
         "unit": "ms", "budget": "", "ok": None},
        {"name": "keystroke checking cost, wall time (mean)", "value": statistics.mean(per_key_wall),
         "unit": "ms", "budget": "", "ok": None},
        {"name": "whole-article check in the worker thread (off the GUI thread)",
         "value": worker_ms, "unit": "ms", "budget": "", "ok": None},
        *spelling_site.rows(),
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
