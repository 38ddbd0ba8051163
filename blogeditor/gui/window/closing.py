"""One close sequence for the window: every open document can veto, one question for all.

Closing the window or switching sites first asks every source of unsaved work (the homepage,
the open article, ...) what it has; the author then answers once, in one dialog that names
them all: Save All, Discard All or Cancel. Nothing is closed before that answer, so Cancel
leaves every document exactly as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QMessageBox, QWidget

Button = QMessageBox.StandardButton


@dataclass(frozen=True)
class UnsavedDocument:
    name: str  # as the author knows it: "the homepage of myblog", "the article hello-world"
    save: Callable[[], bool]  # False when it could not be saved (it said why)
    discard: Callable[[], None]


UnsavedSource = Callable[[], list[UnsavedDocument]]


def ask_save_all(parent: QWidget, names: list[str]) -> Button:
    """Save (all), Discard (all) or Cancel."""
    several = len(names) > 1
    if several:
        listed = "\n".join(f"• {name[0].upper()}{name[1:]}" for name in names)
        text = f"These have changes that are not saved:\n{listed}\n\nSave them?"
    else:
        text = f"{names[0][0].upper()}{names[0][1:]} has changes that are not saved. Save them?"
    box = QMessageBox(QMessageBox.Icon.Question, "Unsaved changes", text,
                      Button.Save | Button.Discard | Button.Cancel, parent)
    if several:
        box.button(Button.Save).setText("Save All")
        box.button(Button.Discard).setText("Discard All")
    box.setDefaultButton(Button.Save)
    try:
        return Button(box.exec())
    finally:
        box.deleteLater()


def confirm_close(parent: QWidget, sources: list[UnsavedSource]) -> bool:
    """True when everything unsaved was saved or discarded; False to keep the window as it is."""
    documents = [doc for source in sources for doc in source()]
    if not documents:
        return True
    answer = ask_save_all(parent, [doc.name for doc in documents])
    if answer == Button.Save:
        # Stop at the first that cannot be saved: its message is up, the rest stay open.
        return all(doc.save() for doc in documents)
    if answer == Button.Discard:
        for doc in documents:
            doc.discard()
        return True
    return False
