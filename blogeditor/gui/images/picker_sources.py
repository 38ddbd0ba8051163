"""Where the picker's images come from: the site's files (listed off the GUI thread), dropped
URLs and the clipboard; and how a picked file is named in the teaser (``src_for``)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, QObject, QRunnable, Qt, QUrl, Signal
from PySide6.QtGui import QGuiApplication, QImage, QPainter

from blogeditor.core.errors import BlogEditorError
from blogeditor.core.site import images
from blogeditor.core.site.site import Site


def src_for(site: Site, path: Path) -> str:
    """The site-absolute src for an image file under content/ (or static/)."""
    try:
        return images.site_src(site.content_dir, path)
    except BlogEditorError:
        return images.site_src(site.static_dir, path)


def image_paths_from_urls(urls: Iterable[QUrl]) -> list[Path]:
    """Local image files among dropped or pasted URLs (QUrl objects)."""
    found: list[Path] = []
    for url in urls:
        local = url.toLocalFile()
        if local and Path(local).suffix.lower() in images.IMAGE_EXTENSIONS:
            found.append(Path(local))
    return found


def human_size(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f} MB"
    if n >= 1000:
        return f"{n / 1000:.0f} KB"
    return f"{n} bytes"


def encode_pasted_image(image: QImage) -> tuple[bytes, str]:
    """(encoded bytes, extension): PNG when it stays under 1 MB (sharp screenshots), else JPEG."""
    data = _encode(image, "PNG")
    if len(data) <= images.MAX_BYTES:
        return data, ".png"
    if image.hasAlphaChannel():
        flat = QImage(image.size(), QImage.Format.Format_RGB32)
        flat.fill(Qt.GlobalColor.white)
        painter = QPainter(flat)
        painter.drawImage(0, 0, image)
        painter.end()
        image = flat
    return _encode(image, "JPEG", 90), ".jpg"


def _encode(image: QImage, fmt: str, quality: int = -1) -> bytes:
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, fmt, quality)  # type: ignore[call-overload]  # the stubs miss (device, str, int)
    buffer.close()
    return bytes(array.data())


def clipboard_images(mime: QMimeData | None = None) -> tuple[list[Path], QImage | None]:
    """Image files (copied in a file manager) or an image (copied from an app) on the clipboard."""
    if mime is None:
        mime = QGuiApplication.clipboard().mimeData()
    if mime is None:
        return [], None
    files = image_paths_from_urls(mime.urls()) if mime.hasUrls() else []
    if files:
        return files, None
    if mime.hasImage():
        image = QImage(mime.imageData())
        return [], (image if not image.isNull() else None)
    return [], None


class ListerBridge(QObject):
    batch = Signal(int, list)  # generation, paths
    done = Signal(int)


class SiteLister(QRunnable):
    """Walks content/ off the GUI thread and hands paths over in batches."""

    def __init__(self, content_dir: Path, bridge: ListerBridge, generation: int,
                 cancelled: list[bool]) -> None:
        super().__init__()
        self._content = content_dir
        self._bridge = bridge
        self._generation = generation
        self._cancelled = cancelled

    def run(self) -> None:
        batch: list[Path] = []
        first = True
        for path in images.site_images(self._content):
            if self._cancelled[0]:
                return
            batch.append(path)
            # A small first batch fills the first screen soon; big ones later mean few relayouts.
            if len(batch) >= (200 if first else 4000):
                first = False
                self._bridge.batch.emit(self._generation, batch)
                batch = []
        if batch:
            self._bridge.batch.emit(self._generation, batch)
        self._bridge.done.emit(self._generation)


def matching_paths(paths: Iterable[Path], query: str, root: Path) -> list[Path]:
    """The paths whose name and folders (relative to ``root``) hold every word of ``query``."""
    words = query.lower().split()
    if not words:
        return list(paths)
    out = []
    for path in paths:
        try:
            name = path.relative_to(root).as_posix().lower()
        except ValueError:
            name = path.as_posix().lower()
        if all(word in name for word in words):
            out.append(path)
    return out


def warning_lines(site: Site, path: Path, *, link: str, usual: float | None,
                  load_error: str | None) -> list[str]:
    """What is wrong with ``path`` as the thumbnail of the post at ``link``; a decoding
    error the loader met replaces the header's guess that the file is unreadable."""
    try:
        src: str | None = src_for(site, path)
    except BlogEditorError:
        src = None
    found = images.image_warnings(path, src=src, link=link, usual=usual)
    lines = [w.message for w in found]
    if load_error and not any(w.kind == "unreadable" for w in found):
        lines.insert(0, load_error)
    elif load_error:
        lines = [load_error if w.kind == "unreadable" else w.message for w in found]
    return lines
