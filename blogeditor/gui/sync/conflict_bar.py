"""The non-blocking bar over the editor that says the homepage changed (or vanished) on disk.

It only shows a message and offers choices; :mod:`blogeditor.gui.sync.sync` decides what each
choice does. Two shapes: a conflict ([Take theirs] [Keep mine] [Compare…]) and a missing
or unreadable file ([Save it back]); both can be dismissed, which keeps the author's text.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from blogeditor.core.homepage.merge import TeaserConflict


class ConflictBar(QFrame):
    """Signals: take_theirs, keep_mine, compare, save_back, dismissed."""

    take_theirs = Signal()
    keep_mine = Signal()
    compare = Signal()
    save_back = Signal()
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ConflictBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        # Amber, like other editors' "file changed on disk" bars; readable in light and dark.
        self.setStyleSheet(
            "#ConflictBar { background: #fff3cd; border: 1px solid #e0b84c; border-radius: 3px; }"
            "#ConflictBar QLabel { color: #3d2f00; }"
        )
        self.mode: str | None = None  # "conflict" | "missing"
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.take_theirs_button = QPushButton("Take theirs", self)
        self.take_theirs_button.setToolTip("Replace your unsaved changes with the version on disk")
        self.keep_mine_button = QPushButton("Keep mine", self)
        self.keep_mine_button.setToolTip("Keep your version; saving will overwrite the one on disk")
        self.compare_button = QPushButton("Compare…", self)
        self.compare_button.setToolTip("See both versions of each changed post side by side")
        self.save_back_button = QPushButton("Save it back", self)
        self.save_back_button.setToolTip("Write your version to the homepage file")
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip("Hide this message (your text stays as it is)")

        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.label, 1)
        for button in (self.take_theirs_button, self.keep_mine_button, self.compare_button,
                       self.save_back_button, self.close_button):
            layout.addWidget(button)

        self.take_theirs_button.clicked.connect(self.take_theirs)
        self.keep_mine_button.clicked.connect(self.keep_mine)
        self.compare_button.clicked.connect(self.compare)
        self.save_back_button.clicked.connect(self.save_back)
        self.close_button.clicked.connect(self._dismiss)
        self.hide()

    def show_conflict(self, message: str, *, can_compare: bool = True) -> None:
        self._show("conflict", message)
        self.compare_button.setVisible(can_compare)

    def show_missing(self, message: str) -> None:
        self._show("missing", message)

    def _show(self, mode: str, message: str) -> None:
        self.mode = mode
        self.label.setText(message)
        conflict = mode == "conflict"
        self.take_theirs_button.setVisible(conflict)
        self.keep_mine_button.setVisible(conflict)
        self.compare_button.setVisible(conflict)
        self.save_back_button.setVisible(not conflict)
        self.show()
        self.raise_()

    def clear(self) -> None:
        self.mode = None
        self.hide()

    def _dismiss(self) -> None:
        self.clear()
        self.dismissed.emit()


def conflict_titles(conflicts: list[TeaserConflict]) -> str:
    """The conflicting teasers as the bar and the status bar name them."""
    names = [f"“{c.title}”" if c.kind == "teaser" else c.title.lower() for c in conflicts]
    return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
