"""Side-by-side comparison of the author's version and the disk version, per conflict.

One tab per :class:`~blogeditor.core.merge.TeaserConflict`: "Yours" on the left, "On disk"
on the right, each editable, with a choice of which one to keep. :meth:`resolutions` gives
the chosen (possibly edited) text per conflict key, ready for ``merge_homepages``.
The dialog is opened with ``open()`` (window-modal, never ``exec()``), so nothing blocks.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from blogeditor.core.merge import TeaserConflict

_REMOVED = "(removed in this version)"


class _Side(QWidget):
    def __init__(self, heading: str, text: str | None, editable: bool, parent: QWidget) -> None:
        super().__init__(parent)
        self.removed = text is None
        self.choice = QRadioButton(heading, self)
        self.edit = QPlainTextEdit(self)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.edit.setFont(font)
        self.edit.setPlainText(_REMOVED if text is None else text)
        self.edit.setReadOnly(self.removed or not editable)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.choice)
        layout.addWidget(self.edit, 1)
        # Editing a side means wanting it: select it, so the edit is what gets applied.
        self.edit.textChanged.connect(lambda: self.choice.setChecked(True))

    def text(self) -> str | None:
        return None if self.removed else self.edit.toPlainText()


class _ConflictPage(QWidget):
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
        self.mine = _Side("Keep yours", conflict.mine_md, editable, self)
        self.theirs = _Side("Keep the version on disk", conflict.theirs_md, editable, self)
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
        for conflict in conflicts:
            page = _ConflictPage(conflict, self.tabs)
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

    def choose(self, key: str, side: str) -> None:
        """Pick "mine" or "theirs" for one conflict (what the radio buttons do)."""
        page = next(p for p in self.pages if p.conflict.key == key)
        (page.theirs if side == "theirs" else page.mine).choice.setChecked(True)

    def resolutions(self) -> dict[str, str | None]:
        return {page.conflict.key: page.chosen() for page in self.pages}
