"""The live preview: a QTextBrowser that shows core.render's HTML, and the controller that
keeps it up to date while the author types.

Only local ``file:`` images are loaded (decoded at the size they are shown, and cached);
remote loads are refused. Links never navigate the browser: external ones open in the
system browser, internal ones ("/section/slug") are reported by ``internal_link_clicked``.

Speed: a teaser is re-rendered whole (it is small). An article is rendered block by block
(``core.render.IncrementalRenderer``) and the browser's document is patched in place, so a
keystroke costs one block's HTML, not a re-parse and re-layout of the whole article. Large
articles render off the GUI thread; a new document built there is handed over ready-made.
"""

from __future__ import annotations

import os
import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import (
    SIGNAL,
    QEvent,
    QObject,
    QSize,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QImage,
    QImageReader,
    QPainter,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QTextBrowser, QWidget

from blogeditor.core.render.render import (
    RenderedBlock,
    padding_hint,
    stylesheet,
    width_hint,
)
from blogeditor.core.storage.confine import OUTSIDE, confined

_IMAGE = int(QTextDocument.ResourceType.ImageResource.value)
# Qt drops the query of a file: URL before asking for the resource, which would lose
# core.render's width share (``file:///x.png?w=50``); a scheme of our own keeps it.
_SCHEME = "blogeditor-image"
_HINTED_FILE = re.compile(r'src="file://([^"?#]*)\?(w=\d+[^"]*)"')


def qt_image_urls(html: str) -> str:
    """``html`` with width-hinted file: image URLs in the form this widget loads."""
    if "?w=" not in html:
        return html
    return _HINTED_FILE.sub(rf'src="{_SCHEME}://\1?\2"', html)
_MAX_PIXELS = 80_000_000
MAX_PATCH_BLOCKS = 12  # beyond this many changed blocks a fresh document is cheaper


class ImageStore:
    """Decoded images at their displayed size, shared by the browser's documents.

    Thread-safe: a document may be laid out (and ask for images) on the GUI thread while a
    worker builds the next one.
    """

    def __init__(self, capacity: int = 96) -> None:
        self._lock = threading.Lock()
        self._cache: OrderedDict[tuple[object, ...], QImage] = OrderedDict()
        self._sizes: dict[tuple[str, int, int], QSize] = {}
        self._capacity = capacity
        self.refused: list[str] = []  # remote URLs asked for and not loaded (for tests/diagnostics)
        self.outside: list[str] = []  # paths outside the site, shown as a placeholder instead
        # The folders images may come from (core/storage/confine.py); None: BlogEditor's own only.
        self.roots: tuple[Path, ...] | None = None

    def load(self, url: QUrl, available_width: int, dpr: float = 1.0) -> QImage | None:
        """The image ``url`` names, decoded; a placeholder for a file outside ``roots``.

        Never None for a name that is a path: Qt then loads the name itself, straight from
        the disk (or a network share), past every check (QTextImageHandler's "direct load").
        """
        scheme = url.scheme()
        if scheme == _SCHEME:
            path, name = url.path(QUrl.ComponentFormattingOption.FullyDecoded), url.toString()
            hint, padding = width_hint(name), padding_hint(name)
        elif url.isLocalFile():
            path, hint, padding = url.toLocalFile(), None, 0
        elif len(scheme) <= 1:  # no scheme ("/x.png", "//host/x"), or a drive ("C:/x.png")
            path, hint, padding = url.toString(), None, 0
        else:
            with self._lock:
                if len(self.refused) < 200:  # Qt asks again on every layout
                    self.refused.append(url.toString())
            return None
        real = confined(path, self.roots)
        if real is None:
            with self._lock:
                if len(self.outside) < 200:
                    self.outside.append(path)
            return outside_placeholder(dpr)
        return self._load(str(real), hint, available_width, dpr, padding)

    def _load(
        self, path: str, hint: int | None, available_width: int, dpr: float, padding: int = 0
    ) -> QImage | None:
        try:
            stat = os.stat(path)
        except OSError:
            return None
        reader = QImageReader(path)
        reader.setAutoTransform(True)
        # The header is read once per file version, not on every render of the preview.
        size_key = (path, stat.st_mtime_ns, stat.st_size)
        with self._lock:
            natural = self._sizes.get(size_key)
        if natural is None:
            natural = reader.size()
            with self._lock:
                if len(self._sizes) > 20_000:
                    self._sizes.clear()
                self._sizes[size_key] = natural
        if natural.isValid() and natural.width() * natural.height() > _MAX_PIXELS:
            return None  # decoding would take seconds and gigabytes; Qt shows its broken-image icon
        available = max(16, available_width)
        if hint:
            target = max(1, available * hint // 100)
        elif natural.isValid():
            target = min(natural.width(), available)
        else:
            target = available
        key = (path, stat.st_mtime_ns, stat.st_size, target, dpr, padding)
        with self._lock:
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
                return cached
        pixels = max(1, round(target * dpr))
        if natural.isValid() and natural.width() > pixels:
            # Decoding straight at the shown size is far cheaper than decode-then-scale.
            reader.setScaledSize(QSize(pixels, max(1, round(natural.height() * pixels / natural.width()))))
        image = reader.read()
        if image.isNull():
            return None
        if hint and image.width() != pixels:  # the homepage stretches small thumbnails too
            image = image.scaledToWidth(pixels, Qt.TransformationMode.SmoothTransformation)
        if padding:
            image = _padded(image, round(padding * dpr))
        image.setDevicePixelRatio(dpr)
        with self._lock:
            self._cache[key] = image
            while len(self._cache) > self._capacity:
                self._cache.popitem(last=False)
        return image


def outside_placeholder(dpr: float = 1.0) -> QImage:
    """A grey box saying the image was not read because it lies outside the site."""
    image = QImage(round(180 * dpr), round(36 * dpr), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(224, 224, 224))
    painter = QPainter(image)
    painter.setPen(QColor(80, 80, 80))
    painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, f"image {OUTSIDE}")
    painter.end()
    image.setDevicePixelRatio(dpr)
    image.setText("placeholder", OUTSIDE)
    return image


def _padded(image: QImage, pad: int) -> QImage:
    # QTextDocument has no margin for floated images; transparent pixels stand in for it.
    out = QImage(image.width() + 2 * pad, image.height() + 2 * pad, QImage.Format.Format_ARGB32_Premultiplied)
    out.fill(Qt.GlobalColor.transparent)
    painter = QPainter(out)
    painter.drawImage(pad, pad, image)
    painter.end()
    return out


class PreviewDocument(QTextDocument):
    """A QTextDocument that loads images through an ImageStore and remembers its blocks.

    ``keys``/``spans`` map each rendered block to its character range, so the browser can
    replace one block's content in place.
    """

    def __init__(self, store: ImageStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.available_width = 600
        self.dpr = 1.0
        self.keys: list[str] = []
        self.spans: list[list[int]] = []
        self.block_mode = False
        self.loaded_urls: set[str] = set()  # local image URLs this document asked for

    def loadResource(self, type_: int, url: QUrl | str) -> object:
        url = QUrl(url) if isinstance(url, str) else url
        if int(type_) != _IMAGE:
            return None  # no style sheets or other files from anywhere
        if url.isLocalFile() or url.scheme() == _SCHEME:
            self.loaded_urls.add(url.toString())
        return self.store.load(url, self.available_width, self.dpr)


def build_document(
    blocks: Sequence[RenderedBlock], *, dark: bool, store: ImageStore, parent: QObject | None = None
) -> PreviewDocument:
    """A document holding ``blocks``, one after another. Safe off the GUI thread."""
    doc = PreviewDocument(store, parent)
    doc.setDefaultStyleSheet(stylesheet(dark))
    doc.block_mode = True
    cursor = QTextCursor(doc)
    for i, block in enumerate(blocks):
        if i:
            cursor.insertBlock()
        start = cursor.position()
        _insert_block_html(cursor, block.html)
        doc.keys.append(block.key)
        doc.spans.append([start, cursor.position()])
    return doc


# insertHtml merges the fragment's first block into the cursor's block, which then keeps
# its own (plain) format: a heading or paragraph would lose its margins, a list would get an
# empty paragraph before it. So each block's HTML starts with an empty spacer paragraph that
# takes the merge, and is then squeezed to zero height.
_SPACER = '<p style="margin:0px">&#8203;</p>'


def _insert_block_html(cursor: QTextCursor, html: str) -> None:
    """Insert one rendered block at ``cursor`` (at the start of an empty text block) so that
    it looks the same wherever it is inserted (first build or patch)."""
    start = cursor.position()
    cursor.setBlockFormat(QTextBlockFormat())
    cursor.setBlockCharFormat(QTextCharFormat())
    cursor.setCharFormat(QTextCharFormat())
    cursor.insertHtml(_SPACER + qt_image_urls(html))
    spacer = QTextCursor(cursor.document())
    spacer.setPosition(start)
    fmt = spacer.blockFormat()
    fmt.setLineHeight(0, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
    spacer.setBlockFormat(fmt)


def block_diff(old: Sequence[str], new: Sequence[str]) -> tuple[int, int, int]:
    """(blocks in common at the start, blocks removed, blocks added) between two key lists."""
    limit = min(len(old), len(new))
    prefix = 0
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    return prefix, len(old) - prefix - suffix, len(new) - prefix - suffix


def can_patch(old: Sequence[str] | None, new: Sequence[str]) -> bool:
    """Whether PreviewBrowser.patch_blocks can turn the shown ``old`` blocks into ``new``."""
    if not old or not new:
        return False
    _, removed, added = block_diff(old, new)
    if removed == 0 and added == 0:
        return True
    # Pure insertions/deletions of whole blocks shift block boundaries; rebuild instead.
    return 0 < removed <= MAX_PATCH_BLOCKS and 0 < added <= MAX_PATCH_BLOCKS


class PreviewBrowser(QTextBrowser):
    """The preview widget. ``show_html`` for whole documents, ``show_blocks`` for articles."""

    internal_link_clicked = Signal(str)
    palette_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.images = ImageStore()
        self._doc = PreviewDocument(self.images, self)
        self.setDocument(self._doc)
        self._html: str | None = None
        self._dark = False
        self._last_width = 0
        self._refit_timer = QTimer(self, singleShot=True, interval=150)
        self._refit_timer.timeout.connect(self._refit)
        self.anchorClicked.connect(self._on_anchor)

    # -- showing content ---------------------------------------------------------------

    def show_html(self, html: str) -> None:
        """Show a whole HTML document, keeping the scroll position."""
        if html == self._html and not self._doc.block_mode:
            return
        value = self.verticalScrollBar().value()
        self._html = html
        if self._doc.block_mode:
            self._install(PreviewDocument(self.images, self))
        self._prepare(self._doc)
        self._doc.setHtml(qt_image_urls(html))
        self._restore_scroll(value)

    def setHtml(self, html: str) -> None:  # keeps callers of the plain QTextEdit API working
        self._html = None
        if self._doc.block_mode:
            self._install(PreviewDocument(self.images, self))
        self._prepare(self._doc)
        super().setHtml(qt_image_urls(html))

    def show_blocks(self, blocks: Sequence[RenderedBlock], *, dark: bool = False) -> None:
        """Show rendered article blocks: patched in place when only a few changed."""
        if not self.patch_blocks(blocks, dark=dark):
            self.show_document(build_document(blocks, dark=dark, store=self.images, parent=self), dark)

    def block_keys(self, *, dark: bool = False) -> tuple[str, ...] | None:
        """The blocks shown now in that colour scheme (None: a whole HTML document, or other)."""
        if not self._doc.block_mode or dark != self._dark:
            return None
        return tuple(self._doc.keys)

    def patch_blocks(self, blocks: Sequence[RenderedBlock], *, dark: bool = False) -> bool:
        """Replace only the changed blocks of the shown document; False if that is not possible."""
        doc = self._doc
        if not doc.block_mode or dark != self._dark:
            return False
        old = doc.keys
        new = [b.key for b in blocks]
        if not can_patch(old, new):
            return False
        prefix, removed, count = block_diff(old, new)
        if removed == 0 and count == 0:
            return True
        added = blocks[prefix : prefix + count]
        spans = doc.spans
        start, end = spans[prefix][0], spans[prefix + removed - 1][1]
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        new_spans: list[list[int]] = []
        for i, block in enumerate(added):
            if i:
                cursor.insertBlock()
            begin = cursor.position()
            _insert_block_html(cursor, block.html)
            new_spans.append([begin, cursor.position()])
        cursor.endEditBlock()
        delta = cursor.position() - end
        for span in spans[prefix + removed :]:
            span[0] += delta
            span[1] += delta
        spans[prefix : prefix + removed] = new_spans
        old[prefix : prefix + removed] = [b.key for b in added]
        return True

    def show_document(self, doc: PreviewDocument, dark: bool) -> None:
        """Show a document built elsewhere (e.g. by a worker), keeping the scroll position."""
        value = self.verticalScrollBar().value()
        self._dark = dark
        self._html = None
        self._install(doc)
        self._restore_scroll(value)

    def scroll_to_block(self, index: int, fraction: float = 0.0) -> None:
        """Scroll so that shown block ``index`` (plus ``fraction`` of its height) is at the top."""
        doc = self._doc
        if not doc.block_mode or not 0 <= index < len(doc.spans):
            return
        layout = doc.documentLayout()
        first = layout.blockBoundingRect(doc.findBlock(doc.spans[index][0]))
        last = layout.blockBoundingRect(doc.findBlock(max(doc.spans[index][0], doc.spans[index][1] - 1)))
        top = first.top() + fraction * max(0.0, last.bottom() - first.top())
        self.verticalScrollBar().setValue(round(top))

    def follow_ratio(self, ratio: float) -> None:
        """Scroll to the same relative place as the editor (0.0 top, 1.0 bottom)."""
        bar = self.verticalScrollBar()
        ratio = min(1.0, max(0.0, ratio))
        bar.setValue(round(bar.minimum() + ratio * (bar.maximum() - bar.minimum())))

    def scroll_ratio(self) -> float:
        bar = self.verticalScrollBar()
        span = bar.maximum() - bar.minimum()
        return (bar.value() - bar.minimum()) / span if span else 0.0

    # -- internals -------------------------------------------------------------------

    def _prepare(self, doc: PreviewDocument) -> None:
        doc.available_width = self._available_width()
        doc.dpr = self.devicePixelRatioF()

    def _install(self, doc: PreviewDocument) -> None:
        old = self._doc
        if doc.thread() is not self.thread():
            raise RuntimeError("a preview document must be moved to the GUI thread before showing")
        self._prepare(doc)
        doc.setParent(self)
        self._doc = doc
        self.setDocument(doc)
        if old is not doc:
            old.setParent(None)
            old.deleteLater()  # a large document takes a while to free: not in this event

    def _restore_scroll(self, value: int) -> None:
        bar = self.verticalScrollBar()
        bar.setValue(value)
        if bar.value() != value:  # layout not yet far enough: try again once it has run
            QTimer.singleShot(0, self, lambda: bar.setValue(value))

    def _available_width(self) -> int:
        margin = int(self.document().documentMargin()) if self.document() else 4
        return max(64, self.viewport().width() - 2 * margin - 4)

    def _refit(self) -> None:
        # Images were decoded for the old width. A QTextDocument keeps what it loaded, but
        # resources added explicitly take precedence, so hand it the re-sized images.
        doc = self._doc
        width = self._available_width()
        if abs(width - doc.available_width) < 8:
            return
        self._prepare(doc)
        for name in list(doc.loaded_urls):
            url = QUrl(name)
            image = self.images.load(url, doc.available_width, doc.dpr)
            if image is not None:
                doc.addResource(_IMAGE, url, image)
        if doc.loaded_urls:
            doc.markContentsDirty(0, doc.characterCount())

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        if self.viewport().width() != self._last_width:
            self._last_width = self.viewport().width()
            self._refit_timer.start()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.palette_changed.emit()

    def loadResource(self, type_: int, url: QUrl | str) -> object:
        url = QUrl(url) if isinstance(url, str) else url
        # Only reached for documents that are not PreviewDocuments; same rules.
        if int(type_) != _IMAGE:
            return None
        return self.images.load(url, self._available_width(), self.devicePixelRatioF())

    def _on_anchor(self, url: QUrl) -> None:
        scheme = url.scheme().lower()
        if scheme in ("http", "https", "mailto"):
            # A window that connected its own anchorClicked handler opens links itself;
            # opening here too would show every page twice.
            if self.receivers(SIGNAL("anchorClicked(QUrl)")) <= 1:
                QDesktopServices.openUrl(url)
            return
        if scheme in ("", "file"):
            link = url.toString() if not scheme else url.path()
            if link and not link.startswith("#"):
                self.internal_link_clicked.emit(link)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


__all__ = [
    "ImageStore",
    "PreviewBrowser",
    "PreviewDocument",
    "block_diff",
    "build_document",
    "can_patch",
    "is_dark",
]
