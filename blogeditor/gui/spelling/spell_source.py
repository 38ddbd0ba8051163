"""Misspelled ranges per editor block, answered from a cache so highlighting never waits.

The Markdown highlighter asks ``misspellings(text, block_number)`` for every block it paints.
The answer depends on the line's text and on the state it starts in (inside fenced code, front
matter, a multi-line shortcode...), which this class tracks itself from the document: it
listens to ``contentsChange`` ahead of the highlighter, propagates line states forward from the
edited block only as far as they change, and caches results by (text, state). A keystroke thus
costs one line's check. A large document's first check runs in a worker thread (the highlighter
gets empty answers meanwhile); when the results arrive, only blocks whose underlines differ
from what was drawn are re-highlighted. Results for text that changed meanwhile never match a
block's (text, state) key, so stale answers cannot land on the wrong line.

The word being typed is not underlined while the cursor touches it; leaving it re-highlights
the block.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QSyntaxHighlighter, QTextBlock, QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit

from blogeditor.core.spelling.checker import SpellChecker
from blogeditor.core.spelling.markup import NORMAL, next_state
from blogeditor.core.spelling.scan import line_misspellings, line_states, lines_ranges, to_utf16
from blogeditor.gui.spelling.spell_worker import SpellWorker

Ranges = list[tuple[int, int]]

#: Documents up to this many characters are checked at once in the GUI thread (a few ms).
SYNC_LIMIT = 20_000
#: An edit that shifts more line states than this rechecks in the background instead.
MANY_BLOCKS = 200


class SpellSource(QObject):
    """The highlighter's ``spell_source``: misspelled UTF-16 ranges per block."""

    #: Emitted after a whole-document check was applied (tests and F7 wait on it).
    checked = Signal()

    def __init__(self, editor: QPlainTextEdit, highlighter: QSyntaxHighlighter,
                 checker: SpellChecker, parent: QObject | None = None) -> None:
        super().__init__(parent or editor)
        self.editor = editor
        self.highlighter = highlighter
        self.checker = checker
        self.enabled = True
        self.doc: QTextDocument = highlighter.document() or editor.document()
        self._states: list[int] = []
        self._shown: list[Ranges | None] = []  # what was last drawn per block; None: not yet
        self._cache: dict[tuple[str, int], Ranges] = {}
        self._generation = checker.generation
        self._pending = False
        self._changes = 0  # edits seen, to tell whether a pass's snapshot is still the text
        self._snapshot_changes = -1
        self._snapshot_states: list[int] = []  # the line states a running pass was given
        self._edited_block: int | None = None
        self._suppressed: tuple[int, int, int] | None = None  # block, UTF-16 start, length
        self.worker = SpellWorker(self)
        self.worker.finished.connect(self._apply)
        # Our slot must see each change before the highlighter repaints the changed blocks, so
        # it is connected first: detach the highlighter, connect, attach again.
        highlighter.setDocument(None)
        self.doc.contentsChange.connect(self._on_change)
        highlighter.setDocument(self.doc)
        editor.cursorPositionChanged.connect(self._on_cursor)
        self.recheck_all()

    # -- the highlighter's question ---------------------------------------------------------

    def misspellings(self, text: str, block_number: int) -> Ranges:
        if not self.enabled or not self.checker.available:
            return []
        if self.checker.generation != self._generation:
            self._generation = self.checker.generation
            self._cache.clear()
            QTimer.singleShot(0, self.recheck_all)
        n = block_number
        state = self._states[n] if 0 <= n < len(self._states) else NORMAL
        ranges = self._cache.get((text, state))
        # While a background pass runs, only the edited block is checked here; the pass
        # answers the others and they are repainted then.
        if ranges is None and not (self._pending and n != self._edited_block):
            ranges = self._compute(text, state)
        shown = self._visible(ranges or [], n)
        if 0 <= n < len(self._shown):
            self._shown[n] = shown
        return shown

    def _compute(self, text: str, state: int) -> Ranges:
        found, _ = line_misspellings(text, state, self.checker)
        ranges = to_utf16(text, found) if found else []
        self._cache[(text, state)] = ranges
        return ranges

    def _visible(self, ranges: Ranges, n: int) -> Ranges:
        """Drop the word being typed: the edited block's range that touches the cursor."""
        if n != self._edited_block or not ranges:
            return ranges
        cursor = self.editor.textCursor()
        if cursor.blockNumber() != n:
            return ranges
        pos = cursor.positionInBlock()
        kept = []
        for start, length in ranges:
            if start <= pos <= start + length:
                self._suppressed = (n, start, length)
            else:
                kept.append((start, length))
        return kept

    # -- queries for the context menu and F7 ------------------------------------------------

    def block_ranges(self, block: QTextBlock) -> Ranges:
        """All misspelled ranges of a block (computed now if not cached; none suppressed)."""
        if not self.checker.available or not self.enabled:
            return []
        n = block.blockNumber()
        state = self._states[n] if 0 <= n < len(self._states) else NORMAL
        text = block.text()
        cached = self._cache.get((text, state))
        return cached if cached is not None else self._compute(text, state)

    def misspelled_at(self, position: int) -> tuple[QTextCursor, str] | None:
        """A cursor selecting the misspelled word at a document position, and the word."""
        block = self.doc.findBlock(position)
        if not block.isValid():
            return None
        offset = position - block.position()
        for start, length in self.block_ranges(block):
            if start <= offset <= start + length:
                return self._select(block, start, length)
        return None

    def _select(self, block: QTextBlock, start: int, length: int) -> tuple[QTextCursor, str]:
        cursor = QTextCursor(block)
        cursor.setPosition(block.position() + start)
        cursor.setPosition(block.position() + start + length, QTextCursor.MoveMode.KeepAnchor)
        return cursor, cursor.selectedText()

    def next_misspelling(self, position: int) -> tuple[QTextCursor, str] | None:
        """The first misspelled word starting at or after `position`, wrapping at the end."""
        start_block = self.doc.findBlock(position)
        if not start_block.isValid():
            start_block = self.doc.firstBlock()
        block = start_block
        offset = position - block.position()
        wrapped = False
        while True:
            for start, length in self.block_ranges(block):
                if start >= offset:
                    return self._select(block, start, length)
            block = block.next()
            offset = 0
            if not block.isValid():
                if wrapped:
                    return None
                wrapped = True
                block = self.doc.firstBlock()
            if wrapped and block.blockNumber() > start_block.blockNumber():
                return None

    # -- keeping up with the document --------------------------------------------------------

    def recheck_all(self) -> None:
        """Recompute line states and every block's answer (at once when small, else in the
        background), then repaint blocks whose underlines changed."""
        lines = self.doc.toPlainText().split("\n")
        self._states = line_states(lines)
        if len(self._shown) != len(lines):
            self._shown = [None] * len(lines)
        self._generation = self.checker.generation
        if not self.checker.available or not self.enabled:
            self._pending = False
            self._repaint_changed(lines)
            self.checked.emit()
            return
        if self.doc.characterCount() <= SYNC_LIMIT:
            ranges = lines_ranges(lines, self._states, self.checker)
            self._apply(self.worker.token, lines, ranges, states=self._states)
            return
        self._pending = True
        self._snapshot_states = list(self._states)
        self._snapshot_changes = self._changes
        self.worker.start(lines, self._snapshot_states, self.checker)

    def _apply(self, token: int, lines: object, ranges: object,
               states: list[int] | None = None) -> None:
        assert isinstance(lines, list) and isinstance(ranges, list)
        if self.checker.generation != self._generation:
            QTimer.singleShot(0, self.recheck_all)  # the accepted words changed meanwhile
            return
        states = states if states is not None else self._snapshot_states
        for line, state, found in zip(lines, states, ranges, strict=False):
            self._cache[(line, state)] = found
        self._pending = False
        unchanged = states is self._states or self._snapshot_changes == self._changes
        current = lines if unchanged else self.doc.toPlainText().split("\n")
        self._repaint_changed(current)
        if len(self._cache) > 4 * len(current) + 2000:  # typing leaves old variants behind
            keep = set(zip(current, self._states, strict=False))
            self._cache = {k: v for k, v in self._cache.items() if k in keep}
        self.checked.emit()

    def _repaint_changed(self, lines: list[str]) -> None:
        repaint = []
        for n, (line, state) in enumerate(zip(lines, self._states, strict=False)):
            shown = self._shown[n] if n < len(self._shown) else None
            if shown is None:
                if self._cache.get((line, state)):
                    repaint.append(n)  # drawn before any answer existed
                continue
            found = self._cache.get((line, state), []) if self.enabled else []
            if shown != found and self._visible(found, n) != shown:
                repaint.append(n)
        for n in repaint:
            block = self.doc.findBlockByNumber(n)
            if block.isValid():
                self.highlighter.rehighlightBlock(block)

    def _on_change(self, position: int, removed: int, added: int) -> None:
        self._changes += 1
        doc = self.doc
        count = doc.blockCount()
        first_block = doc.findBlock(position)
        first = first_block.blockNumber()
        last = doc.findBlock(position + added).blockNumber()
        if last < 0:
            last = count - 1
        self._edited_block = doc.findBlock(position + added).blockNumber()
        delta = count - len(self._states)
        if first < 0 or not self._states or last - first > MANY_BLOCKS or abs(delta) > MANY_BLOCKS:
            QTimer.singleShot(0, self.recheck_all)  # a new text (setPlainText) or a big paste
            self._states = [NORMAL] * count
            self._shown = [None] * count
            self._pending = doc.characterCount() > SYNC_LIMIT
            return
        old_last = last - delta
        self._states[first + 1 : old_last + 1] = [NORMAL] * (last - first)
        self._shown[first + 1 : old_last + 1] = [None] * (last - first)
        # Propagate states forward from the edit until they agree with what was there.
        later: list[int] = []
        state = self._states[first]
        block = first_block
        n = first
        while block.isValid() and n + 1 < count:
            following = next_state(block.text(), state)
            n += 1
            if n > last and self._states[n] == following:
                break
            if n > last:
                later.append(n)
            self._states[n] = following
            state = following
            block = block.next()
        if len(later) > MANY_BLOCKS and doc.characterCount() > SYNC_LIMIT:
            QTimer.singleShot(0, self.recheck_all)
            self._pending = True
        elif later:
            QTimer.singleShot(0, lambda blocks=later: self._rehighlight(blocks))

    def _rehighlight(self, numbers: list[int]) -> None:
        for n in numbers:
            block = self.doc.findBlockByNumber(n)
            if block.isValid():
                self.highlighter.rehighlightBlock(block)

    def _on_cursor(self) -> None:
        if self._edited_block is None:
            return
        cursor = self.editor.textCursor()
        suppressed = self._suppressed
        if suppressed is not None:
            n, start, length = suppressed
            if cursor.blockNumber() == n and start <= cursor.positionInBlock() <= start + length:
                return  # still on the word being typed
        self._edited_block = None
        self._suppressed = None
        if suppressed is not None:
            self._rehighlight([suppressed[0]])

    # -- switching on and off ----------------------------------------------------------------

    def set_checker(self, checker: SpellChecker) -> None:
        """Use another language's checker (from the Language menu)."""
        self.checker = checker
        self._cache.clear()
        self.recheck_all()

    def set_enabled(self, enabled: bool) -> None:
        self.enabled = enabled
        self.recheck_all()

    def shutdown(self) -> None:
        self.worker.stop()
