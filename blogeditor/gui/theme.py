"""Light and dark: the palette, and which one the author's choice and the desktop ask for."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from blogeditor.gui import icons

THEMES = {"system": "&System", "light": "&Light", "dark": "&Dark"}


def system_prefers_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def wants_dark(theme: str) -> bool:
    if theme == "dark":
        return True
    if theme == "light":
        return False
    return system_prefers_dark()


def dark_palette() -> QPalette:
    p = QPalette()
    window, base, text = QColor("#26282b"), QColor("#1d1f21"), QColor("#e6e6e6")
    disabled = QColor("#7c8087")
    role = QPalette.ColorRole
    for r, c in (
        (role.Window, window), (role.WindowText, text), (role.Base, base),
        (role.AlternateBase, QColor("#2b2d30")), (role.ToolTipBase, QColor("#34373b")),
        (role.ToolTipText, text), (role.PlaceholderText, QColor("#8d9198")), (role.Text, text),
        (role.Button, QColor("#303236")), (role.ButtonText, text), (role.BrightText, QColor("#ff6b61")),
        (role.Light, QColor("#3c3f44")), (role.Midlight, QColor("#34373b")),
        (role.Mid, QColor("#55585e")), (role.Dark, QColor("#17181a")), (role.Shadow, QColor("#000000")),
        (role.Highlight, QColor("#2f6fb8")), (role.HighlightedText, QColor("#ffffff")),
        (role.Link, QColor("#6cb0ff")), (role.LinkVisited, QColor("#b99aff")),
    ):
        p.setColor(r, c)
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, r, disabled)
    return p


def apply_color_scheme(app: QApplication, dark: bool) -> None:
    """Fusion with a dark palette for dark mode; the platform's own look otherwise."""
    if dark:
        app.setStyle(QStyleFactory.create("Fusion"))
        app.setPalette(dark_palette())
    else:
        app.setPalette(app.style().standardPalette())
    icons.clear_cache()
