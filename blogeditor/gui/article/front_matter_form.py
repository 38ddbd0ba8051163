"""The article's front matter form: title, date and draft, kept in step with the raw text.

The form shows what the front matter says; an edit in it is reported (``field_edited``)
and becomes a single-line edit of the text in the article editor (gui/article/article_editor.py).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, QTime, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QGridLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from blogeditor.core.article.article import Article

TITLE_COMMIT_MS = 300
NO_DATE = QDateTime(QDate(1900, 1, 1), QTime(0, 0))


class DateTimeField(QDateTimeEdit):
    """One field for Tab, like every other field of the form: Tab and Shift+Tab leave it
    (Qt's own editor walks year, month, day, hour and minute first); Left/Right, or a
    click, still move between its parts."""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


class FrontMatterForm(QWidget):
    """Title, date (with a calendar) and draft, over the article text."""

    field_edited = Signal(str, object)  # key, new value (None removes the key)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_edit = QLineEdit(self)
        self.title_edit.setPlaceholderText("Article title")
        self.date_edit = DateTimeField(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.date_edit.setMinimumDateTime(NO_DATE)
        self.date_edit.setSpecialValueText("No date")
        self.date_edit.setToolTip("Publication date; Hugo hides posts dated in the future")
        self.draft_check = QCheckBox("Draft", self)
        self.draft_check.setToolTip("Drafts are not published by Hugo")
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e;")
        self.message.hide()
        # The title has a row of its own: in the editor column a long title must stay
        # readable. Date and draft keep their natural size on the row below.
        self.title_edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.date_edit.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(QLabel("Title:", self), 0, 0)
        grid.addWidget(self.title_edit, 0, 1, 1, 3)
        grid.addWidget(QLabel("Date:", self), 1, 0)
        grid.addWidget(self.date_edit, 1, 1)
        grid.addWidget(self.draft_check, 1, 2)
        grid.setColumnStretch(3, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 2)
        layout.addLayout(grid)
        layout.addWidget(self.message)
        self._updating = False
        self._tz: dt.tzinfo | None = None
        self._had_date = False
        self._title_timer = QTimer(self, singleShot=True, interval=TITLE_COMMIT_MS)
        self._title_timer.timeout.connect(self._emit_title)
        self.title_edit.textEdited.connect(lambda _t: self._title_timer.start())
        self.title_edit.editingFinished.connect(self.flush)
        self.date_edit.dateTimeChanged.connect(self._emit_date)
        self.draft_check.toggled.connect(self._emit_draft)

    def flush(self) -> None:
        if self._title_timer.isActive():
            self._emit_title()

    def show_article(self, article: Article | None, error: str | None = None) -> None:
        """Show the article's fields (None: disable); ``error`` explains a broken front matter."""
        self._updating = True
        try:
            usable = article is not None and error is None
            for widget in (self.title_edit, self.date_edit, self.draft_check):
                widget.setEnabled(usable)
            self.message.setVisible(bool(error))
            self.message.setText(error or "")
            if article is None or error:
                return
            if not self._title_timer.isActive() and self.title_edit.text() != (article.title or ""):
                self.title_edit.setText(article.title or "")
                if not self.title_edit.hasFocus():
                    self.title_edit.setCursorPosition(0)  # show a long title's beginning
            date = article.date
            self._had_date = date is not None
            self._tz = date.tzinfo if date is not None else None
            shown = NO_DATE if date is None else QDateTime(
                QDate(date.year, date.month, date.day), QTime(date.hour, date.minute, date.second)
            )
            if self.date_edit.dateTime() != shown:
                self.date_edit.setDateTime(shown)
            self.draft_check.setChecked(article.draft)
        finally:
            self._updating = False

    def date_value(self) -> dt.datetime | None:
        value = self.date_edit.dateTime()
        if value == NO_DATE:
            return None
        d, t = value.date(), value.time()
        when = dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), t.second())
        if self._tz is not None:
            return when.replace(tzinfo=self._tz)
        # A date written without an offset stays so; a new date gets the local offset.
        return when if self._had_date else when.astimezone()

    def _emit_title(self) -> None:
        self._title_timer.stop()
        if not self._updating:
            self.field_edited.emit("title", self.title_edit.text())

    def _emit_date(self, _value: QDateTime) -> None:
        if not self._updating:
            self.field_edited.emit("date", self.date_value())

    def _emit_draft(self, checked: bool) -> None:
        if not self._updating:
            self.field_edited.emit("draft", checked)
