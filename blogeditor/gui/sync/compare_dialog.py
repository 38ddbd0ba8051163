"""Side-by-side comparison of the author's version and the disk version, per conflict.

One tab per :class:`~blogeditor.core.homepage.merge.TeaserConflict`: "Yours" on the left, "On disk"
on the right, each editable, with a choice of which one to keep. :meth:`resolutions` gives
the chosen (possibly edited) text per conflict key, ready for ``merge_homepages``.
The dialog is opened with ``open()`` (window-modal, never ``exec()``), so nothing blocks.
What differs is highlighted on both sides (changed lines, and the changed words in them), and
"Take Yours" / "Take This One" settle a conflict in one click.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from blogeditor.core.homepage.merge import TeaserConflict
from blogeditor.core.homepage.text_diff import Span, changed_spans

_REMOVED = "(removed in this version)"


def _utf16_offsets(text: str) -> list[int]:
    """Qt counts UTF-16 units: position i of ``text`` is offsets[i] in the editor."""
    offsets, at = [0], 0
    for ch in text:
        at += 2 if ord(ch) > 0xFFFF else 1
        offsets.append(at)
    return offsets


def _highlights(edit: QPlainTextEdit, spans: list[Span], dark: bool) -> list[QTextEdit.ExtraSelection]:
    text = edit.toPlainText()
    units = _utf16_offsets(text)
    line_bg = QColor("#4a3f1c" if dark else "#fff4c2")
    word_bg = QColor("#8a6d1a" if dark else "#ffd75e")
    out = []
    for span in spans:
        selection = QTextEdit.ExtraSelection()
        fmt = QTextCharFormat()
        fmt.setBackground(word_bg if span.kind == "word" else line_bg)
        selection.format = fmt
        cursor = QTextCursor(edit.document())
        cursor.setPosition(units[span.start])
        cursor.setPosition(units[span.start + span.length], QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        out.append(selection)
    # Lines first, words over them.
    return sorted(out, key=lambda s: s.format.background().color() == word_bg)


class _Side(QWidget):
    taken = Signal()

    def __init__(self, heading: str, take: str, text: str | None, editable: bool,
                 parent: QWidget) -> None:
        super().__init__(parent)
        self.removed = text is None
        self.choice = QRadioButton(heading, self)
        self.take_button = QPushButton(take, self)
        self.take_button.setToolTip("Keep this version and move on")
        self.take_button.clicked.connect(self._take)
        self.edit = QPlainTextEdit(self)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.edit.setFont(font)
        self.edit.setPlainText(_REMOVED if text is None else text)
        self.edit.setReadOnly(self.removed or not editable)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.choice, 1)
        top.addWidget(self.take_button)
        layout.addLayout(top)
        layout.addWidget(self.edit, 1)
        # Editing a side means wanting it: select it, so the edit is what gets applied.
        self.edit.textChanged.connect(lambda: self.choice.setChecked(True))

    def _take(self) -> None:
        self.choice.setChecked(True)
        self.taken.emit()

    def text(self) -> str | None:
        return None if self.removed else self.edit.toPlainText()


class _ConflictPage(QWidget):
    taken = Signal()

    def __init__(self, conflict: TeaserConflict, parent: QWidget) -> None:
        super().__init__(parent)
        self.conflict = conflict
        editable = conflict.kind != "order"
        explain = {
            "teaser": "Both versions changed this post. Keep one (you can edit it first).",
            "order": "Both versions changed the order of the posts. Keep one order.",
            "head": "Both versions changed the front matter. Keep one (you can edit it first).",
            "file": "The file on disk could not be merged post by post. Keep one version "
                    "(you can edit it first).",
        }.get(conflict.kind, "")
        label = QLabel(explain, self)
        label.setWordWrap(True)
        self.mine = _Side("Keep yours", "Take Yours", conflict.mine_md, editable, self)
        self.theirs = _Side("Keep the version on disk", "Take This One", conflict.theirs_md,
                            editable, self)
        self.mine.taken.connect(self.taken)
        self.theirs.taken.connect(self.taken)
        self._diff_timer = QTimer(self, singleShot=True, interval=200)
        self._diff_timer.timeout.connect(self.highlight)
        for side in (self.mine, self.theirs):
            side.edit.textChanged.connect(self._diff_timer.start)
        group = QButtonGroup(self)
        group.addButton(self.mine.choice)
        group.addButton(self.theirs.choice)
        self.mine.choice.setChecked(True)
        splitter = QSplitter(self)
        splitter.addWidget(self.mine)
        splitter.addWidget(self.theirs)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(splitter, 1)
        self.highlight()

    def highlight(self) -> None:
        """Mark what differs between the two sides (again after an edit)."""
        if self.mine.removed or self.theirs.removed:
            return
        dark = self.palette().color(QPalette.ColorRole.Base).lightness() < 128
        mine, theirs = changed_spans(self.mine.edit.toPlainText(), self.theirs.edit.toPlainText())
        self.mine.edit.setExtraSelections(_highlights(self.mine.edit, mine, dark))
        self.theirs.edit.setExtraSelections(_highlights(self.theirs.edit, theirs, dark))

    def chosen(self) -> str | None:
        side = self.theirs if self.theirs.choice.isChecked() else self.mine
        if self.conflict.kind == "order":  # titles are shown, the key is the exact text
            return self.conflict.theirs_md if side is self.theirs else self.conflict.mine_md
        return side.text()


class CompareDialog(QDialog):
    def __init__(self, conflicts: list[TeaserConflict], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Compare your version with the one on disk")
        self.resize(1000, 600)
        self.tabs = QTabWidget(self)
        self.pages: list[_ConflictPage] = []
        self._settled: set[int] = set()
        for conflict in conflicts:
            page = _ConflictPage(conflict, self.tabs)
            page.taken.connect(lambda p=page: self._taken(p))
            self.pages.append(page)
            title = conflict.title or conflict.link or conflict.key
            self.tabs.addTab(page, title if len(title) <= 40 else title[:39] + "…")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Apply")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)

    def _taken(self, page: _ConflictPage) -> None:
        """One click settled this conflict: go to the next open one, or apply when none is left."""
        self._settled.add(id(page))
        at = self.pages.index(page)
        self.tabs.setTabText(at, "✓ " + self.tabs.tabText(at).removeprefix("✓ "))
        rest = [p for p in self.pages if id(p) not in self._settled]
        if rest:
            self.tabs.setCurrentWidget(rest[0])
        else:
            self.accept()

    def choose(self, key: str, side: str) -> None:
        """Pick "mine" or "theirs" for one conflict (what the radio buttons do)."""
        page = next(p for p in self.pages if p.conflict.key == key)
        (page.theirs if side == "theirs" else page.mine).choice.setChecked(True)

    def resolutions(self) -> dict[str, str | None]:
        return {page.conflict.key: page.chosen() for page in self.pages}
