"""SVG icons from resources/icons, tinted to the palette so they read in light and dark mode.

The SVGs draw with ``currentColor``; we substitute the palette's text colour and render
crisp pixmaps at several sizes so Qt picks the right one on HiDPI screens.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QImage, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

_SIZES = (16, 20, 24, 32, 40, 48, 64)
# Icons whose meaning is carried by their colour keep it in both schemes.
_FIXED_COLOURS = {"problem": "#d9822b"}


def resources_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)  # PyInstaller bundle
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def icons_dir() -> Path:
    return resources_dir() / "icons"


def text_colour() -> str:
    app = QGuiApplication.instance()
    if app is None:
        return "#333333"
    return QGuiApplication.palette().color(QPalette.ColorRole.WindowText).name()


def icon(name: str, colour: str | None = None) -> QIcon:
    """The named icon tinted for the current palette (empty QIcon when the file is missing)."""
    return _icon(name, colour or _FIXED_COLOURS.get(name) or text_colour())


def clear_cache() -> None:
    """Forget rendered icons (after the colour scheme changes)."""
    _icon.cache_clear()
    _svg.cache_clear()


def pixmap(name: str, size: int, colour: str | None = None, dpr: float = 1.0) -> QPixmap:
    image = render(name, int(size * dpr), colour or _FIXED_COLOURS.get(name) or text_colour())
    result = QPixmap.fromImage(image)
    result.setDevicePixelRatio(dpr)
    return result


@cache
def _svg(name: str) -> bytes | None:
    try:
        return (icons_dir() / f"{name}.svg").read_bytes()
    except OSError:
        return None


def render(name: str, size: int, colour: str) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    data = _svg(name)
    if data is None:
        return image
    renderer = QSvgRenderer(QByteArray(data.replace(b"currentColor", colour.encode())))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


@cache
def _icon(name: str, colour: str) -> QIcon:
    result = QIcon()
    if _svg(name) is None:
        return result
    disabled = _mix(QColor(colour), _window_colour(), 0.4)
    for size in _SIZES:
        result.addPixmap(QPixmap.fromImage(render(name, size, colour)))
        result.addPixmap(
            QPixmap.fromImage(render(name, size, disabled.name())),
            QIcon.Mode.Disabled,
        )
    return result


def _window_colour() -> QColor:
    if QGuiApplication.instance() is None:
        return QColor("#ffffff")
    return QGuiApplication.palette().color(QPalette.ColorRole.Window)


def _mix(a: QColor, b: QColor, weight: float) -> QColor:
    # SVG colours carry no alpha, so a "faded" icon is the text colour blended into the background.
    return QColor(
        round(a.red() * weight + b.red() * (1 - weight)),
        round(a.green() * weight + b.green() * (1 - weight)),
        round(a.blue() * weight + b.blue() * (1 - weight)),
    )
