"""The questions the authoring cycle asks (Authoring's ``ask_*`` methods call these)."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

Button = QMessageBox.StandardButton


def ask_save_article(parent: QWidget, name: str, *, cancel: bool = False) -> Button:
    buttons = Button.Save | Button.Discard
    if cancel:
        buttons |= Button.Cancel
    return QMessageBox.question(parent, "Unsaved article",
                                f"The article {name} has changes that are not saved. "
                                "Save them?", buttons, Button.Save)


def ask_set_date(parent: QWidget, issue: str) -> bool | None:
    """True: set the date to now; False: keep it; None: cancel publishing."""
    text = ("The article has no date." if issue == "empty"
            else "The article is dated in the future, so Hugo will not show it yet.")
    box = QMessageBox(QMessageBox.Icon.Question, "Publish", text + " Set its date to now?",
                      Button.Yes | Button.No | Button.Cancel, parent)
    answer = box.exec()
    if answer == Button.Cancel:
        return None
    return answer == Button.Yes


def ask_retire(parent: QWidget, titles: list[str]) -> str | None:
    """"hide", "remove" or None (keep them) for the oldest posts beyond the usual number."""
    names = "\n".join(f"• {t}" for t in titles)
    box = QMessageBox(QMessageBox.Icon.Question, "Publish",
                      f"The homepage will show more posts than usual. The oldest:\n{names}",
                      parent=parent)
    hide = box.addButton("Hide Them", QMessageBox.ButtonRole.AcceptRole)
    remove = box.addButton("Remove Them", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("Keep Them", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    clicked = box.clickedButton()
    return "hide" if clicked is hide else "remove" if clicked is remove else None


def ask_visible_limit(parent: QWidget, current: int) -> int | None:
    value, ok = QInputDialog.getInt(parent, "Visible posts",
                                    "How many posts should the homepage show?", current, 1, 100)
    return value if ok else None
