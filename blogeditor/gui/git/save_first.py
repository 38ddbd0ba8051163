"""Before a commit or a pull: git works on the files, so unsaved edits are saved first,
or the command waits. One question names them all (the homepage, the open article...);
nothing is ever discarded here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from blogeditor.gui.context import AppContext
from blogeditor.gui.window.closing import UnsavedDocument

if TYPE_CHECKING:
    from blogeditor.gui.window.main_window import MainWindow

Button = QMessageBox.StandardButton


def unsaved_documents(ctx: AppContext, window: MainWindow) -> list[UnsavedDocument]:
    found: list[UnsavedDocument] = []
    doc = ctx.homepage
    if doc is not None:
        window.binding.flush()  # typing not yet committed is unsaved work too
        if doc.is_dirty() or window.binding.pending:
            name = f"the homepage of {ctx.site.root.name}" if ctx.site else "the homepage"
            found.append(UnsavedDocument(name, window.save, lambda: None))
    for source in ctx.unsaved_sources:
        found.extend(source())
    return found


def saved_first(ctx: AppContext, window: MainWindow, command: str) -> bool:
    """True when nothing is unsaved (any more); False when the author chose to wait."""
    documents = unsaved_documents(ctx, window)
    if not documents:
        return True
    names = [d.name for d in documents]
    listed = "\n".join(f"• {n[0].upper()}{n[1:]}" for n in names)
    box = QMessageBox(QMessageBox.Icon.Question, "Save First?",
                      f"{command} works on the saved files, and these have unsaved changes:"
                      f"\n{listed}\n\nSave them first?",
                      Button.Save | Button.Cancel, window)
    if len(names) > 1:
        box.button(Button.Save).setText("Save All")
    box.setDefaultButton(Button.Save)
    try:
        answer = Button(box.exec())
    finally:
        box.deleteLater()
    if answer != Button.Save:
        ctx.status(f"{command} waits until the changes are saved.", 5000)
        return False
    return all(d.save() for d in documents)
