"""The Markdown editor widget and its binding to the open homepage document.

The editor shows one teaser's own text. Typing stays in the widget (with its own undo)
and is committed to the document after a short pause, on selection change, and before
anything else changes the document, so the document never misses a keystroke.
"""

from __future__ import annotations

import contextlib
import re
import time

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QFont, QFontDatabase, QTextCursor, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from blogeditor.core.homepage.homepage import Homepage
from blogeditor.gui.editor.document import HomepageDocument

COMMIT_DELAY_MS = 400
WORDS_PER_MINUTE = 230

_MARKUP = re.compile(
    r"<!--.*?-->|<[^>]+>|\{\{[<%].*?[%>]\}\}|!\[[^\]]*\]\([^)]*\)|\]\([^)]*\)|`{3}.*?`{3}",
    re.DOTALL,
)
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def word_count(markdown: str) -> int:
    """Words a reader reads: markup, link targets, HTML and shortcodes left out."""
    return len(_WORD.findall(_MARKUP.sub(" ", markdown)))


def reading_minutes(words: int) -> int:
    return max(1, round(words / WORDS_PER_MINUTE)) if words else 0


def clean_teaser_text(text: str) -> str:
    """The form the homepage keeps a teaser's text in (see Homepage._clean_core)."""
    return text.replace("\r\n", "\n").strip("\n").rstrip()


class MarkdownEditor(QPlainTextEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.setFont(font)
        self.setTabStopDistance(4 * self.fontMetrics().horizontalAdvance(" "))
        self.setPlaceholderText("Select a post in the list to edit its teaser.")
        self.document().setDocumentMargin(12)

    def cursor_position(self) -> tuple[int, int]:
        """1-based line and column of the cursor (as the status bar shows them)."""
        cursor = self.textCursor()
        return cursor.blockNumber() + 1, cursor.positionInBlock() + 1

    def replace_text_keeping_cursor(self, text: str) -> None:
        """Swap in new text, touching only the part that differs (so the cursor, the
        scroll position and the editor's undo history stay sensible)."""
        old = self.toPlainText()
        if old == text:
            return
        prefix = 0
        limit = min(len(old), len(text))
        while prefix < limit and old[prefix] == text[prefix]:
            prefix += 1
        suffix = 0
        while (suffix < limit - prefix
               and old[len(old) - 1 - suffix] == text[len(text) - 1 - suffix]):
            suffix += 1
        cursor = QTextCursor(self.document())
        cursor.setPosition(_utf16(old, prefix))
        cursor.setPosition(_utf16(old, len(old) - suffix), QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(text[prefix : len(text) - suffix])


def _utf16(text: str, index: int) -> int:
    head = text[:index]
    return len(head) + sum(1 for c in head if ord(c) > 0xFFFF)


class EditorBinding(QObject):
    """Keeps ``editor`` showing teaser ``index`` of ``document`` and commits typing to it.

    Signals: ``text_committed()`` after typing reached the document, ``commit_failed(str)``
    when the text is not a teaser (for example its heading was deleted) — the text stays in
    the editor and is committed once it is valid again.
    """

    commit_failed = Signal(str)
    text_committed = Signal()

    def __init__(self, editor: MarkdownEditor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.document: HomepageDocument | None = None
        self.index: int | None = None
        self.link: str | None = None
        self._session = 0
        self._pending = False
        self._loading = False
        self._committing = False
        self.last_error: str | None = None
        self.last_keystroke = 0.0  # time.monotonic() of the last edit
        self.pending_since = 0.0  # since when typing has been waiting for a commit
        self._timer = QTimer(self, singleShot=True, interval=COMMIT_DELAY_MS)
        self._timer.timeout.connect(self.commit)
        editor.textChanged.connect(self._on_text_changed)

    @property
    def pending(self) -> bool:
        return self._pending

    @property
    def committing(self) -> bool:
        """True while our own commit is changing the document (selection must stay put)."""
        return self._committing

    def set_document(self, document: HomepageDocument | None) -> None:
        self._pending = False
        self._timer.stop()
        if self.document is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                self.document.about_to_change.disconnect(self.flush)
        self.document = document
        if document is not None:
            document.about_to_change.connect(self.flush)
        self.load(None)

    def load(self, index: int | None) -> None:
        """Show teaser ``index`` (None: nothing), committing what was typed before."""
        self.flush()
        self._pending = False  # refused text (if any) cannot follow to another teaser
        self._timer.stop()
        doc = self.document
        if doc is None or index is None or not 0 <= index < len(doc.homepage):
            self.index = None
            self.link = None
            self._set_text("", read_only=True)
            return
        teaser = doc.homepage.teaser(index)
        self.index = index
        self.link = teaser.link
        self._session += 1
        self._set_text(teaser.markdown, read_only=False)

    def _set_text(self, text: str, read_only: bool) -> None:
        self._loading = True
        try:
            self.editor.setReadOnly(read_only)
            self.editor.setPlainText(text)
            self.editor.document().clearUndoRedoStacks()
            self.editor.moveCursor(QTextCursor.MoveOperation.Start)
        finally:
            self._loading = False
        self.last_error = None

    def _on_text_changed(self) -> None:
        if self._loading or self.index is None:
            return
        if not self._pending:
            self.pending_since = time.monotonic()
        self._pending = True
        self.last_keystroke = time.monotonic()
        self._timer.start()

    def flush(self) -> None:
        if self._pending and not self._committing:
            self.commit()

    def commit(self) -> bool:
        """Put the editor's text into the document now; False if it is not a valid teaser."""
        self._timer.stop()
        doc, index = self.document, self.index
        if doc is None or index is None or not self._pending:
            self._pending = False
            return True
        text = self.editor.toPlainText()
        title = doc.homepage.teaser(index).title or "teaser"
        errors: list[str] = []
        self._committing = True
        doc.error.connect(errors.append)
        try:
            ok = doc.apply(
                f"Edit “{title}”",
                lambda hp: apply_teaser_text(hp, index, text),
                merge_key=(self._session, index),
            )
        finally:
            doc.error.disconnect(errors.append)
            self._committing = False
        if not ok:
            self.last_error = errors[0] if errors else "The text is not a teaser"
            self.commit_failed.emit(self.last_error)
            return False
        self._pending = False
        self.last_error = None
        teaser = doc.homepage.teaser(index)
        self.link = teaser.link
        if teaser.markdown != clean_teaser_text(text):
            # The link was carried over to the other places that name it: show that.
            self._loading = True
            try:
                self.editor.replace_text_keeping_cursor(teaser.markdown)
            finally:
                self._loading = False
        self.text_committed.emit()
        return True

    def follow(self) -> int | None:
        """After a document change: where the edited teaser is now (by link), with the
        editor refreshed if its text changed underneath (undo, reload, picker...)."""
        doc = self.document
        if doc is None or self.index is None:
            return None
        if self._committing:
            return self.index
        teasers = doc.homepage.teasers
        index = self.index
        if not (index < len(teasers) and teasers[index].link == self.link):
            found = [i for i, t in enumerate(teasers) if t.link == self.link]
            if not found:
                self._pending = False  # the teaser is gone; its unsaved typing goes with it
                self.index = None
                return None
            index = min(found, key=lambda i: abs(i - self.index))  # type: ignore[operator]
        self.index = index
        teaser = teasers[index]
        if not self._pending and teaser.markdown != clean_teaser_text(self.editor.toPlainText()):
            self._loading = True
            try:
                self.editor.replace_text_keeping_cursor(teaser.markdown)
            finally:
                self._loading = False
        return index


def apply_teaser_text(hp: Homepage, index: int, text: str) -> None:
    """Set a teaser's text; when exactly one of the places naming its link was edited
    (heading, "Full article" line, thumbnail href), carry the new link to the others
    (and the thumbnail src when it lives in the article's folder, as Homepage.set_link does)."""
    before = hp.teaser(index)
    hp.set_markdown(index, text)
    after = hp.teaser(index)
    old_links = {before.link, before.full_article_link, before.thumbnail_href} - {None}
    if len(old_links) != 1:
        return  # they disagreed already (a copy-paste slip): leave them as the author has them
    old = before.link
    new_links = {link for link in (after.link, after.full_article_link, after.thumbnail_href)
                 if link is not None and link != old}
    if len(new_links) != 1:
        return
    link = new_links.pop()
    if after.link != old:
        # set_link carries a link from the heading to the places that agreed with it, so
        # put the old one back in the heading first and let set_link move them all.
        hp.set_link(index, old)
    hp.set_link(index, link)
