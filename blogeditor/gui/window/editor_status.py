"""The status bar's fields for the editor in front: words and reading time, cursor position,
saved state. They speak for the homepage teaser, or for another editor (the Article tab)
while it is in front."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QStatusBar

from blogeditor.core.render.render import strip_front_matter
from blogeditor.gui.editor.editor import MarkdownEditor, reading_minutes, word_count

COUNT_DELAY_MS = 250  # counting words of a long article on every key press would show


@dataclass(frozen=True)
class EditorStatus:
    label: str  # "Article": the status bar says "Article saved" / "Article: unsaved changes"
    editor: MarkdownEditor  # words, reading time and cursor position come from it
    dirty: Callable[[], bool]


class EditorStatusFields(QObject):
    def __init__(self, bar: QStatusBar, teaser_editor: MarkdownEditor,
                 teaser_shown: Callable[[], bool]) -> None:
        super().__init__(bar)
        self.teaser_editor, self._teaser_shown = teaser_editor, teaser_shown
        self.source: EditorStatus | None = None
        self.words, self.position, self.save_state = QLabel(bar), QLabel(bar), QLabel(bar)
        for label in (self.words, self.position, self.save_state):
            label.setContentsMargins(8, 0, 8, 0)
            bar.addPermanentWidget(label)
        self._counts_timer = QTimer(self, singleShot=True, interval=COUNT_DELAY_MS)
        self._counts_timer.timeout.connect(self.update_counts)

    def count_soon(self) -> None:
        self._counts_timer.start()

    def show_saved_state(self, homepage_dirty: bool | None) -> None:
        """None: no site open."""
        source = self.source
        if homepage_dirty is None:
            self.save_state.setText("")
        elif source is not None:
            self.save_state.setText(f"{source.label}: unsaved changes" if source.dirty()
                                    else f"{source.label} saved")
        else:
            self.save_state.setText("Unsaved changes" if homepage_dirty else "Saved")

    def update_counts(self) -> None:
        source = self.source
        if source is not None:
            text = strip_front_matter(source.editor.toPlainText())
        elif not self._teaser_shown():
            self.words.setText("")
            return
        else:
            text = self.teaser_editor.toPlainText()
        words = word_count(text)
        self.words.setText(f"{words} words · {reading_minutes(words)} min read")

    def update_position(self) -> None:
        source = self.source
        if source is None and not self._teaser_shown():
            self.position.setText("")
            return
        editor = source.editor if source is not None else self.teaser_editor
        line, column = editor.cursor_position()
        self.position.setText(f"Ln {line}, Col {column}")
