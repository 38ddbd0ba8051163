"""Editing an article: its raw text, a small front matter form kept in step, a live preview.

The raw text is the truth. The form (title, date, draft) shows what the front matter says
a moment after each keystroke, and a form edit becomes a single-line edit of the text
(core.article's ``with_field``), applied to the editor as a minimal replacement so the
cursor, scroll position and undo history stay put. Saving is atomic, keeps a backup,
merges a change another program made meanwhile (or refuses and asks), and writes the
file's own line endings and byte-order mark back.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from blogeditor.core.article.article import Article
from blogeditor.core.article.article_merge import merge_article
from blogeditor.core.errors import BlogEditorError
from blogeditor.core.storage.backups import site_backup_dir
from blogeditor.core.storage.session import DocumentSession, SaveConflictError, sha256
from blogeditor.core.storage.storage import read_bytes
from blogeditor.gui.article.front_matter_form import FrontMatterForm
from blogeditor.gui.editor.editor import MarkdownEditor
from blogeditor.gui.editor.markdown_highlighter import MarkdownHighlighter
from blogeditor.gui.preview.preview import PreviewBrowser
from blogeditor.gui.preview.preview_controller import PreviewController

FORM_SYNC_MS = 150
HEAD_LINES = 400  # front matter longer than this is read from the whole text

def _utf16(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


def common_prefix(a: str, b: str) -> int:
    """Length of the common prefix, comparing in C-speed slices (texts can be 266 KB)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:  # invariant: a[:lo] == b[:lo]
        mid = (lo + hi + 1) // 2
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def common_suffix(a: str, b: str, limit: int) -> int:
    lo, hi = 0, min(len(a), len(b), limit)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[len(a) - mid : len(a) - lo] == b[len(b) - mid : len(b) - lo]:
            lo = mid
        else:
            hi = mid - 1
    return lo


class ArticleEditor(QWidget):
    """The article tab: notice line, front matter form, Markdown editor; plus its preview.

    ``preview_widget`` is not placed here: the window shows it in its preview column.
    ``preview`` (a PreviewController in article mode) renders off the GUI thread and patches
    only the changed blocks, which keeps typing smooth in a 266 KB article.
    """

    dirty_changed = Signal(bool)
    saved = Signal(object)  # Path
    loaded = Signal(object)  # Path or None
    status_message = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, dark: bool = False) -> None:
        super().__init__(parent)
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.setContentsMargins(8, 6, 8, 0)
        self.form = FrontMatterForm(self)
        self.editor = MarkdownEditor(self)
        self.editor.setPlaceholderText("Select a post to edit its article.")
        self.highlighter = MarkdownHighlighter(self.editor.document(), dark=dark)
        self.preview_widget = PreviewBrowser(parent)
        self.preview_widget.setMinimumWidth(240)
        self.preview = PreviewController(self.preview_widget, mode="article")
        # Following the editor (not just its text) lets the preview of a long article show
        # the part the author is looking at.
        self.preview.attach_editor(self.editor)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.notice)
        layout.addWidget(self.form)
        layout.addWidget(self.editor, 1)
        self.site: Any = None
        self.path: Path | None = None
        # What was read from disk and how a save carries this text over a newer version:
        # the core's session for this file (None while no article is open).
        self.session: DocumentSession | None = None
        self._bom = ""
        self._newline = "\n"
        self._loading = False
        self._form_timer = QTimer(self, singleShot=True, interval=FORM_SYNC_MS)
        self._form_timer.timeout.connect(self.sync_form)
        # Another program (or git) may change the open article: the site watcher says so
        # (files_changed); follow it while unedited.
        self._disk_timer = QTimer(self, singleShot=True, interval=200)
        self._disk_timer.timeout.connect(self.check_disk)
        self.editor.textChanged.connect(self._on_text_changed)
        self.editor.document().modificationChanged.connect(self.dirty_changed)
        self.form.field_edited.connect(self._on_field_edited)
        self.show_notice("")
        self.form.show_article(None)
        self.editor.setReadOnly(True)

    # -- loading -------------------------------------------------------------------------
    def open(self, site: Any, path: Path) -> bool:
        """Show the article at ``path``; False (with the reason shown) when it cannot be read."""
        path = Path(path)
        try:
            data = read_bytes(path)
        except BlogEditorError as exc:
            self._show_unusable(str(exc))
            return False
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            self._show_unusable(f"{path.name} is not UTF-8 text; BlogEditor leaves it alone.")
            return False
        # Malformed front matter still opens: the form explains it and the author fixes it.
        self.site, self.path = site, path
        self.session = DocumentSession(path, data, backup_dir=site_backup_dir(site.root),
                                       rebase=merge_article)
        self._bom = "\ufeff" if text.startswith("\ufeff") else ""
        body = text[len(self._bom):]
        self._newline = "\r\n" if "\r\n" in body and body.count("\r\n") == body.count("\n") else "\n"
        self._loading = True
        try:
            self.editor.setReadOnly(False)
            self.editor.setPlainText(body.replace("\r\n", "\n"))
            self.editor.document().clearUndoRedoStacks()
            self.editor.document().setModified(False)
            self.editor.moveCursor(QTextCursor.MoveOperation.Start)
        finally:
            self._loading = False
        self.show_notice("")
        self.preview.set_source(mode="article", site=site, base_dir=path.parent)
        self.sync_form()
        self.loaded.emit(path)
        return True

    def close_article(self, message: str = "") -> None:
        self.site, self.path, self.session = None, None, None
        self._loading = True
        try:
            self.editor.clear()
            self.editor.setReadOnly(True)
            self.editor.document().setModified(False)
        finally:
            self._loading = False
        self.form.show_article(None)
        self.show_notice(message)
        self.loaded.emit(None)

    def _show_unusable(self, message: str) -> None:
        self.close_article(message)
        self.status_message.emit(message)

    def show_notice(self, message: str) -> None:
        self.notice.setText(message)
        self.notice.setVisible(bool(message))

    # -- state ---------------------------------------------------------------------------
    def text(self) -> str:
        return self.editor.toPlainText()

    def file_text(self) -> str:
        """The text as it will be written: the file's own line endings and BOM."""
        text = self.text()
        if self._newline != "\n":
            text = text.replace("\n", self._newline)
        return self._bom + text

    def is_dirty(self) -> bool:
        return self.path is not None and self.editor.document().isModified()

    def current_article(self) -> Article | None:
        try:
            return Article.parse(self.text(), self.path)
        except BlogEditorError:
            return None

    # -- front matter form <-> text -------------------------------------------------------
    def _on_text_changed(self) -> None:
        if self._loading or self.path is None:
            return
        self._form_timer.start()

    def _head(self) -> str:
        """The first lines of the text, enough to hold the front matter (cheap on big texts)."""
        doc = self.editor.document()
        block = doc.firstBlock()
        lines: list[str] = []
        delimiter = ""
        # Hugo skips blank lines before the front matter; so must the form, or it shows
        # an empty title and its first edit adds a second block above the real one.
        while block.isValid() and len(lines) < HEAD_LINES:
            line = block.text()
            lines.append(line)
            if not delimiter:
                opener = line.strip(" \t\ufeff")
                if opener.startswith("{"):
                    return self.text()
                if opener:
                    delimiter = opener[:3]
                    if delimiter not in ("+++", "---"):
                        return "\n".join(lines)
            elif line.startswith(delimiter):
                return "\n".join(lines) + "\n"
            block = block.next()
        return self.text() if delimiter else "\n".join(lines)

    def sync_form(self) -> None:
        self._form_timer.stop()
        if self.path is None:
            self.form.show_article(None)
            return
        try:
            article = Article.parse(self._head(), self.path)
        except BlogEditorError as exc:
            self.form.show_article(Article(text=""), str(exc))
            return
        self.form.show_article(article)

    def _on_field_edited(self, key: str, value: object) -> None:
        self.set_fields(**{key: value})

    def set_fields(self, **fields: object) -> bool:
        """Change front matter values as line edits of the text (one undo step)."""
        if self.path is None:
            return False
        old = self.text()
        try:
            new = Article.parse(old, self.path).with_fields(**fields)
        except BlogEditorError as exc:
            self.status_message.emit(str(exc))
            self.sync_form()
            return False
        self.replace_text(new)
        self.sync_form()
        return True

    def replace_text(self, new: str) -> None:
        """Make the editor show ``new`` by replacing only the part that differs."""
        old = self.text()
        if old == new:
            return
        prefix = common_prefix(old, new)
        suffix = common_suffix(old, new, min(len(old), len(new)) - prefix)
        cursor = QTextCursor(self.editor.document())
        cursor.beginEditBlock()
        cursor.setPosition(_utf16(old, prefix))
        cursor.setPosition(_utf16(old, len(old) - suffix), QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(new[prefix : len(new) - suffix])
        cursor.endEditBlock()

    # -- saving --------------------------------------------------------------------------
    def save(self) -> bool:
        """Write through the locked save path with what was read here as the base: a change
        another program made meanwhile is merged in (front matter and text apart; the editor
        then shows the result), or refused, and the author is asked whether to replace it.
        False with a message when not saved."""
        self.form.flush()
        session = self.session
        if self.path is None or self.site is None or session is None:
            return False
        if not self.is_dirty():
            return True
        data = self.file_text().encode("utf-8")
        session.set_current(data)
        try:
            try:
                result = session.save()
            except SaveConflictError as exc:
                self.show_notice(f"Not saved: {exc}.")
                if not self.ask_overwrite():
                    self.status_message.emit("Not saved: the article changed on disk.")
                    return False
                on_disk = read_bytes(self.path)  # the version the author chose to replace
                result = session.save(accept_hash=sha256(on_disk))
        except BlogEditorError as exc:
            self.status_message.emit(str(exc))
            return False
        if result.data != data:  # merged: show what was written, as one undoable edit
            self.replace_text(result.data.decode("utf-8")[len(self._bom):]
                              .replace("\r\n", "\n"))
            self.sync_form()
        self.editor.document().setModified(False)
        self.show_notice("")
        self.saved.emit(self.path)
        merged = " (merged with a change made on disk)" if result.rebased else ""
        self.status_message.emit(f"Saved {self.path.parent.name}/{self.path.name}{merged}")
        return True

    def files_changed(self, paths: list[Path]) -> None:
        """The site watcher saw ``paths`` change (a folder: anything inside it, after a
        rescan): look at the open article again shortly if it is among them."""
        path = self.path
        if path is None:
            return
        resolved = path.resolve()
        if any(p == resolved or p in resolved.parents for p in (Path(q).resolve() for q in paths)):
            self._disk_timer.start()

    def check_disk(self) -> None:
        """The file changed on disk: reload an unedited article, warn about an edited one."""
        path, session = self.path, self.session
        if path is None or session is None:
            return
        try:
            data = read_bytes(path)
        except BlogEditorError:
            self.show_notice(f"{path.name} was deleted or moved on disk; saving writes it again.")
            return
        if data == session.saved:
            return  # our own save, or a touch
        if self.is_dirty():
            self.show_notice(f"{path.name} was changed by another program; saving merges "
                             "its change in, or asks before overwriting it.")
            return
        cursor = self.editor.textCursor().position()
        scroll = self.editor.verticalScrollBar().value()
        if self.open(self.site, path):
            restored = self.editor.textCursor()
            restored.setPosition(min(cursor, self.editor.document().characterCount() - 1))
            self.editor.setTextCursor(restored)
            self.editor.verticalScrollBar().setValue(scroll)
            self.status_message.emit(f"Reloaded {path.parent.name}/{path.name}: it changed on disk.")

    def disk_hash(self) -> str | None:
        return self.session.saved_hash if self.session is not None else None

    def reload(self) -> bool:
        """Read the file again (after another program or Publish changed it)."""
        if self.path is None:
            return False
        return self.open(self.site, self.path)

    def ask_overwrite(self) -> bool:
        answer = QMessageBox.question(
            self,
            "Article changed on disk",
            f"{self.path.name if self.path else 'The article'} was changed by another program "
            "since it was opened here. Overwrite it with the text in BlogEditor?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    # -- navigation ----------------------------------------------------------------------
    def go_to_line(self, line: int, column: int = 1) -> None:
        """Put the cursor on 1-based ``line``/``column`` and show it."""
        block = self.editor.document().findBlockByNumber(max(line - 1, 0))
        if not block.isValid():
            return
        cursor = QTextCursor(block)
        cursor.movePosition(
            QTextCursor.MoveOperation.Right, n=min(max(column - 1, 0), block.length() - 1)
        )
        self.editor.setTextCursor(cursor)
        self.editor.ensureCursorVisible()
        self.editor.setFocus()

    def shutdown(self) -> None:
        self.preview.wait_for_done()
