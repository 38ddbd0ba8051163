"""View ▸ Theme (System / Light / Dark, remembered) and the keys that move focus between panes.

The theme is the author's choice first and the desktop's only when they leave it on System:
a dark desktop with a light-preview preference (or the reverse) is common among writers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QWidget

from blogeditor.gui import settings

if TYPE_CHECKING:
    from blogeditor.gui.window.main_window import MainWindow

THEMES = {"system": "&System", "light": "&Light", "dark": "&Dark"}


def system_prefers_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def wants_dark(theme: str) -> bool:
    if theme == "dark":
        return True
    if theme == "light":
        return False
    return system_prefers_dark()


class ViewControls:
    """Adds the Theme submenu and Ctrl+1/2/3 to the window's View menu."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        view = window.menus["view"]
        view.addSeparator()
        self.theme_menu = view.addMenu("&Theme")
        self.group = QActionGroup(window)
        self.group.setExclusive(True)
        self.theme_actions: dict[str, QAction] = {}
        current = settings.theme()
        for key, label in THEMES.items():
            action = QAction(label, window, checkable=True)
            action.setChecked(key == current)
            action.triggered.connect(lambda _checked=False, k=key: self.set_theme(k))
            self.group.addAction(action)
            self.theme_menu.addAction(action)
            self.theme_actions[key] = action
        view.addSeparator()
        self.focus_actions = [
            self._focus_action("Go to Post &List", "Ctrl+1", lambda: window.list_view),
            self._focus_action("Go to &Editor", "Ctrl+2", self._editor),
            self._focus_action("Go to &Preview", "Ctrl+3", lambda: window.preview),
        ]
        for action in self.focus_actions:
            view.addAction(action)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_changed)

    def _focus_action(self, text: str, keys: str, target: object) -> QAction:
        action = QAction(text, self.window)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)

        def focus() -> None:
            widget = target() if callable(target) else target
            if isinstance(widget, QWidget) and widget.isVisible():
                widget.setFocus(Qt.FocusReason.ShortcutFocusReason)

        action.triggered.connect(focus)
        return action

    def _editor(self) -> QWidget | None:
        # The homepage editor, or the article's when the Article tab has taken its place.
        if self.window.editor.isVisible():
            return self.window.editor
        for editor in self.window.centralWidget().findChildren(QPlainTextEdit):
            if editor.isVisible() and not editor.isReadOnly():
                return editor
        return None

    def set_theme(self, theme: str) -> None:
        settings.set_theme(theme)
        self.theme_actions[theme].setChecked(True)
        self._apply(wants_dark(theme))
        names = {"system": "the desktop's", "light": "light", "dark": "dark"}
        self.window.status(f"Theme: {names[theme]}")

    def _system_changed(self, _scheme: Qt.ColorScheme) -> None:
        if settings.theme() == "system":
            self._apply(system_prefers_dark())

    def _apply(self, dark: bool) -> None:
        from blogeditor.gui.app import apply_color_scheme

        app = QApplication.instance()
        if dark == self.window.dark or not isinstance(app, QApplication):
            return
        apply_color_scheme(app, dark)
        self.window.apply_theme(dark)
