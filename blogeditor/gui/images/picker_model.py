"""The picker's grid: one row per image (plus "No thumbnail"), thumbnails filled in as they load.

`data()` never decodes or waits: it answers from a small pixmap cache, the loader's memory
cache, or a placeholder, and queues a request for what is missing. Requests are sent in one
batch per event-loop turn, and rows scrolled out of view can be dropped with `retain()`.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QListView

from blogeditor.gui.images.image_loader import ImageLoader, image_key

PathRole = Qt.ItemDataRole.UserRole + 1
StateRole = Qt.ItemDataRole.UserRole + 2  # "none" | "loading" | "loaded" | "failed"
ErrorRole = Qt.ItemDataRole.UserRole + 3
CurrentRole = Qt.ItemDataRole.UserRole + 4

_PIXMAP_CACHE = 800
Index = QModelIndex | QPersistentModelIndex


def placeholder(size: QSize, *, broken: bool = False, none: bool = False) -> QPixmap:
    """Grey box while loading; a crossed box for a file that cannot be shown; a dashed box for none."""
    pix = QPixmap(size)
    pix.fill(QColor("#e6e6e6") if not broken else QColor("#f6dede"))
    painter = QPainter(pix)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if broken:
            painter.setPen(QPen(QColor("#b03030"), 3))
            m = min(size.width(), size.height()) // 4
            cx, cy = size.width() // 2, size.height() // 2
            painter.drawLine(cx - m, cy - m, cx + m, cy + m)
            painter.drawLine(cx - m, cy + m, cx + m, cy - m)
        elif none:
            painter.setPen(QPen(QColor("#888888"), 2, Qt.PenStyle.DashLine))
            painter.drawRect(pix.rect().adjusted(4, 4, -5, -5))
    finally:
        painter.end()
    return pix


class ImageGridModel(QAbstractListModel):
    """Rows are image paths; row 0 is "No thumbnail" when `with_none` is set."""

    def __init__(
        self,
        loader: ImageLoader,
        icon_size: QSize,
        *,
        with_none: bool = True,
        base_dir: Path | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._loader = loader
        self._size = QSize(icon_size)
        self._with_none = with_none
        self._base_dir = base_dir
        self._paths: list[Path] = []
        self._row_of_key: dict[str, int] = {}
        self._errors: dict[int, str] = {}
        self._pixmaps: OrderedDict[int, QPixmap] = OrderedDict()
        self._requested: set[int] = set()
        self._wanted: set[int] = set()
        self._current: Path | None = None
        self._held = False
        self._loading_pix = placeholder(self._size)
        self._broken_pix = placeholder(self._size, broken=True)
        self._none_pix = placeholder(self._size, none=True)
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.setInterval(0)
        self._flush.timeout.connect(self._send_requests)
        loader.loaded.connect(self._on_loaded)
        loader.failed.connect(self._on_failed)

    # -- content --------------------------------------------------------------------------

    def set_paths(self, paths: list[Path], base_dir: Path | None = None) -> None:
        self.beginResetModel()
        for row in self._requested:
            self._loader.cancel(self._key(row))
        self._paths = list(paths)
        self._base_dir = base_dir if base_dir is not None else self._base_dir
        self._row_of_key = {}
        self._errors.clear()
        self._pixmaps.clear()
        self._requested.clear()
        self._wanted.clear()
        self.endResetModel()

    def append_paths(self, paths: list[Path]) -> None:
        if not paths:
            return
        first = self._offset + len(self._paths)
        self.beginInsertRows(QModelIndex(), first, first + len(paths) - 1)
        self._paths.extend(paths)
        self.endInsertRows()

    def set_current(self, path: Path | None) -> None:
        old = self.row_of(self._current)
        self._current = path
        for row in {old, self.row_of(path)}:
            if row is not None:
                idx = self.index(row)
                self.dataChanged.emit(idx, idx)

    @property
    def _offset(self) -> int:
        return 1 if self._with_none else 0

    def path(self, row: int) -> Path | None:
        i = row - self._offset
        return self._paths[i] if 0 <= i < len(self._paths) else None

    def paths(self) -> list[Path]:
        return list(self._paths)

    def row_of(self, path: Path | None) -> int | None:
        if path is None:
            return 0 if self._with_none else None
        try:
            return self._paths.index(path) + self._offset
        except ValueError:
            return None

    def error(self, row: int) -> str | None:
        return self._errors.get(row)

    def icon_size(self) -> QSize:
        return QSize(self._size)

    # -- Qt model -------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._paths) + self._offset

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = index.row()
        if not index.isValid() or row >= self.rowCount():
            return None
        path = self.path(row)
        if role == Qt.ItemDataRole.DisplayRole:
            name = "No thumbnail" if path is None else self._label(path)
            return ("✓ " + name) if self._is_current(path) else name
        if role == Qt.ItemDataRole.DecorationRole:
            return self._decoration(row, path)
        if role == Qt.ItemDataRole.ToolTipRole:
            if path is None:
                return "Show no thumbnail for this post"
            err = self._errors.get(row)
            return f"{path}\n{err}" if err else str(path)
        if role == Qt.ItemDataRole.FontRole and self._is_current(path):
            font = QFont()
            font.setBold(True)
            return font
        if role == PathRole:
            return path
        if role == StateRole:
            if path is None:
                return "none"
            if row in self._errors:
                return "failed"
            return "loaded" if row in self._pixmaps else "loading"
        if role == ErrorRole:
            return self._errors.get(row)
        if role == CurrentRole:
            return self._is_current(path)
        return None

    def _label(self, path: Path) -> str:
        if self._base_dir is not None:
            try:
                return path.relative_to(self._base_dir).as_posix()
            except ValueError:
                pass
        return path.name

    def _is_current(self, path: Path | None) -> bool:
        return path == self._current

    def _decoration(self, row: int, path: Path | None) -> QPixmap:
        if path is None:
            return self._none_pix
        pix = self._pixmaps.get(row)
        if pix is not None:
            self._pixmaps.move_to_end(row)
            return pix
        if row in self._errors:
            return self._broken_pix
        image = self._loader.cached(path, self._size)
        if image is not None:
            return self._store(row, image)
        if row not in self._requested:
            self._wanted.add(row)
            self._flush.start()
        return self._loading_pix

    def _store(self, row: int, image: QImage) -> QPixmap:
        pix = QPixmap.fromImage(image)
        self._pixmaps[row] = pix
        while len(self._pixmaps) > _PIXMAP_CACHE:
            self._pixmaps.popitem(last=False)
        return pix

    # -- loading --------------------------------------------------------------------------

    def _key(self, row: int) -> str:
        path = self.path(row)
        return image_key(path, self._size) if path is not None else ""

    def set_held(self, held: bool) -> None:
        """While held (the view is scrolling), rows asked for are noted but not requested."""
        self._held = held
        if not held and self._wanted:
            self._flush.start()

    def _send_requests(self) -> None:
        if self._held:
            return
        wanted, self._wanted = self._wanted, set()
        for row in sorted(wanted):
            path = self.path(row)
            if path is None or row in self._requested:
                continue
            key = self._loader.request(path, self._size)
            self._row_of_key[key] = row
            self._requested.add(row)

    def retain(self, first: int, last: int) -> None:
        """Cancel queued loads for rows outside [first, last] (scrolled out of view)."""
        self._wanted = {r for r in self._wanted if first <= r <= last}
        for row in [r for r in self._requested if r < first or r > last]:
            self._requested.discard(row)
            key = self._key(row)
            if self._loader.is_pending(key):
                self._loader.cancel(key)
                self._row_of_key.pop(key, None)

    def _on_loaded(self, key: str, image: QImage) -> None:
        row = self._row_of_key.pop(key, None)
        if row is None or self._key(row) != key:
            return
        self._requested.discard(row)
        self._store(row, image)
        idx = self.index(row)
        self.dataChanged.emit(idx, idx, [Qt.ItemDataRole.DecorationRole])

    def _on_failed(self, key: str, message: str) -> None:
        row = self._row_of_key.pop(key, None)
        if row is None or self._key(row) != key:
            return
        self._requested.discard(row)
        self._errors[row] = message
        idx = self.index(row)
        self.dataChanged.emit(idx, idx)


def visible_range(view: QListView) -> tuple[int, int]:
    """First and last rows currently on screen (cells may be smaller than the grid)."""
    model = view.model()
    count = model.rowCount()
    if count == 0:
        return 0, -1
    area = view.viewport().rect()
    grid = view.gridSize()
    step_x = max(4, grid.width() // 4)
    step_y = max(4, grid.height() // 4)
    first = -1
    for y in range(0, grid.height() + 1, step_y):
        for x in range(0, grid.width() + 1, step_x):
            index = view.indexAt(QPoint(x, y))
            if index.isValid():
                first = index.row()
                break
        if first >= 0:
            break
    first = max(first, 0)
    last = first
    while last + 1 < count and view.visualRect(model.index(last + 1, 0)).intersects(area):
        last += 1
    return first, last
