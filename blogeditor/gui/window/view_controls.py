"""View ▸ Theme (System / Light / Dark, remembered) and the keys that move focus between panes.

The theme is the author's choice first and the desktop's only when they leave it on System:
a dark desktop with a light-preview preference (or the reverse) is common among writers.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QWidget

from blogeditor.gui.context import AppContext
from blogeditor.gui.theme import THEMES, apply_color_scheme, system_prefers_dark, wants_dark


class ViewControls:
    """Adds the Theme submenu and Ctrl+1/2/3 to the window's View menu."""

    def __init__(self, ctx: AppContext, window: QMainWindow, view: QMenu,
                 targets: list[tuple[str, str, Callable[[], QWidget | None]]],
                 apply_theme: Callable[[bool], None]) -> None:
        self.ctx, self.window, self._apply_theme = ctx, window, apply_theme
        view.addSeparator()
        self.theme_menu = view.addMenu("&Theme")
        self.group = QActionGroup(window)
        self.group.setExclusive(True)
        self.theme_actions: dict[str, QAction] = {}
        current = ctx.settings.theme()
        for key, label in THEMES.items():
            action = QAction(label, window, checkable=True)
            action.setChecked(key == current)
            action.triggered.connect(lambda _checked=False, k=key: self.set_theme(k))
            self.group.addAction(action)
            self.theme_menu.addAction(action)
            self.theme_actions[key] = action
        view.addSeparator()
        self.focus_actions = [self._focus_action(text, keys, target)
                              for text, keys, target in targets]
        for action in self.focus_actions:
            view.addAction(action)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_changed)

    def _focus_action(self, text: str, keys: str, target: Callable[[], QWidget | None]) -> QAction:
        action = QAction(text, self.window)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)

        def focus() -> None:
            widget = target()
            if widget is not None and widget.isVisible():
                widget.setFocus(Qt.FocusReason.ShortcutFocusReason)

        action.triggered.connect(focus)
        return action

    def set_theme(self, theme: str) -> None:
        self.ctx.settings.set_theme(theme)
        self.theme_actions[theme].setChecked(True)
        self._apply(wants_dark(theme))
        names = {"system": "the desktop's", "light": "light", "dark": "dark"}
        self.ctx.status(f"Theme: {names[theme]}")

    def _system_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self.ctx.settings.theme() == "system":
            self._apply(system_prefers_dark())

    def _apply(self, dark: bool) -> None:
        app = QApplication.instance()
        if dark == self.ctx.dark or not isinstance(app, QApplication):
            return
        apply_color_scheme(app, dark)
        self._apply_theme(dark)
