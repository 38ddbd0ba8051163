"""The window's questions to the author, in one place (handed round in the AppContext).

Built on QMessageBox's static functions and ``exec``, so tests answer every one of them by
patching QMessageBox (tests/gui/conftest.py) and no test ever blocks on a dialog.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

Button = QMessageBox.StandardButton


class Dialogs:
    def __init__(self, status: Callable[[str, int], None] | None = None) -> None:
        self.parent: QWidget | None = None  # the main window, once it exists
        self._status = status

    def show_error(self, title: str, message: str) -> None:
        """Say what went wrong in the status bar and in a box the author must dismiss."""
        if self._status is not None:
            self._status(message, 10000)
        QMessageBox.warning(self.parent, title, message)

    def ask_save_over_conflict(self) -> Button:
        """Save (Save Mine), Open (Compare…) or Cancel."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Save over the changed homepage?",
            "The homepage changed on disk and you have not resolved it. Save yours over it?",
            Button.Save | Button.Open | Button.Cancel,
            self.parent,
        )
        box.button(Button.Save).setText("Save Mine")
        box.button(Button.Open).setText("Compare…")
        box.setDefaultButton(Button.Cancel)
        try:
            return Button(box.exec())
        finally:
            box.deleteLater()

    def ask_restore(self) -> Button:
        return QMessageBox.question(
            self.parent,
            "Restore unsaved changes?",
            "BlogEditor did not close properly last time and kept changes to this homepage "
            "that were never saved. Restore them?",
            Button.Yes | Button.No,
            Button.Yes,
        )

    def ask_revert(self) -> bool:
        # Every editor asks before throwing work away, even when Undo could bring it back.
        answer = QMessageBox.question(
            self.parent, "Revert to Saved",
            "Throw away the changes to the homepage since it was last saved? "
            "(Edit ▸ Undo brings them back.)",
            Button.Discard | Button.Cancel,
            Button.Cancel,
        )
        return answer == Button.Discard

    def about(self) -> None:
        from blogeditor import __version__

        QMessageBox.about(
            self.parent,
            "About BlogEditor",
            f"<b>BlogEditor {__version__}</b><p>An editor for the homepage and posts of a "
            "Hugo blog.</p>",
        )
