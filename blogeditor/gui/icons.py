"""SVG icons from resources/icons, tinted to the palette so they read in light and dark mode.

The SVGs draw with ``currentColor``; we substitute the palette's text colour and render
each pixmap on demand at the device size Qt asks for, so icons stay crisp on HiDPI screens.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QImage,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtSvg import QSvgRenderer

from blogeditor.core.storage.resources import resource

# Icons whose meaning is carried by their colour keep it in both schemes.
_FIXED_COLOURS = {"problem": "#d9822b"}


def icons_dir() -> Path:
    return resource("icons")


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
    _pixmap.cache_clear()
    _svg.cache_clear()


def pixmap(name: str, size: int, colour: str | None = None, dpr: float = 1.0) -> QPixmap:
    """The icon as a pixmap for painting by hand (cached: delegates paint every row)."""
    return _pixmap(name, size, colour or _FIXED_COLOURS.get(name) or text_colour(), dpr)


@cache
def _pixmap(name: str, size: int, colour: str, dpr: float) -> QPixmap:
    result = QPixmap.fromImage(render(name, round(size * dpr), colour))
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


class _TintedSvgEngine(QIconEngine):
    """Renders the SVG when Qt asks, at the exact device size: crisp at any scale, and
    no start-up cost for sizes never shown."""

    def __init__(self, name: str, colour: str) -> None:
        super().__init__()
        self._name = name
        self._colour = colour
        self._pixmaps: dict[tuple[int, int, int], QPixmap] = {}

    def _colour_for(self, mode: QIcon.Mode) -> str:
        if mode == QIcon.Mode.Disabled:
            return _mix(QColor(self._colour), _window_colour(), 0.4).name()
        return self._colour

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State,
                     scale: float) -> QPixmap:
        side = max(1, round(min(size.width(), size.height()) * scale))
        key = (side, int(mode.value), int(state.value))
        cached = self._pixmaps.get(key)
        if cached is None:
            cached = QPixmap.fromImage(render(self._name, side, self._colour_for(mode)))
            cached.setDevicePixelRatio(scale)
            self._pixmaps[key] = cached
        return cached

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        scale = painter.device().devicePixelRatioF() if painter.device() else 1.0
        painter.drawPixmap(rect, self.scaledPixmap(rect.size(), mode, state, scale))

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        side = min(size.width(), size.height())
        return QSize(side, side)

    def clone(self) -> QIconEngine:
        return _TintedSvgEngine(self._name, self._colour)

    def isNull(self) -> bool:
        return _svg(self._name) is None


@cache
def _icon(name: str, colour: str) -> QIcon:
    if _svg(name) is None:
        return QIcon()
    return QIcon(_TintedSvgEngine(name, colour))


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
