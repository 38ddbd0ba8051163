"""Off-GUI-thread image decoding at the size shown, with memory and disk caches.

Shared by the thumbnail picker and the main window's post list. Workers only ever build
QImages (never QPixmaps or widgets); results come back to the GUI thread through a queued
signal, so `loaded` and `failed` are always emitted on the thread that owns the loader.

Usage::

    loader = ImageLoader(parent)
    loader.loaded.connect(on_loaded)          # (key, QImage)
    loader.failed.connect(on_failed)          # (key, message for the author)
    image = loader.cached(path, QSize(160, 90)) or placeholder
    key = loader.request(path, QSize(160, 90))
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QRunnable,
    QSize,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QImage, QImageIOHandler, QImageReader

from blogeditor.core.site.imageinfo import looks_truncated, sniff_format
from blogeditor.core.storage import paths
from blogeditor.gui.images.decode_helper import HelperRefused, decode_in_helper, is_heavy

# A 20,000 x 20,000 px image needs 1.6 GB as RGBA; nothing shown here needs that.
MAX_PIXELS = 100_000_000
_DEFAULT_MEMORY_BYTES = 96 * 1024 * 1024
DISK_CACHE_BYTES = 300 * 1024 * 1024  # ~60,000 grid thumbnails
PRUNE_DELAY_MS = 30_000

Stamp = tuple[int, int]  # (st_mtime_ns, st_size): changes whenever the file is rewritten


def image_key(path: Path, size: QSize) -> str:
    """The key `request` returns for this path at this size (stable across calls)."""
    return f"{size.width()}x{size.height()}:{os.path.abspath(path)}"


def fit_size(width: int, height: int, box: QSize) -> QSize:
    """(width, height) scaled down to fit the box keeping its aspect ratio; never enlarged."""
    if width <= 0 or height <= 0:
        return QSize()
    scale = min(box.width() / width, box.height() / height, 1.0)
    return QSize(max(1, round(width * scale)), max(1, round(height * scale)))


def _stamp(path: Path) -> Stamp:
    st = os.stat(path)
    return (st.st_mtime_ns, st.st_size)


def prune_disk_cache(folder: Path, max_bytes: int) -> int:
    """Delete the least recently used cached thumbnails until `folder` fits; returns bytes freed.

    Uses each file's modification time, which is refreshed whenever the cache serves it.
    """
    entries: list[tuple[float, int, str]] = []
    total = 0
    for root, _dirs, files in os.walk(folder):
        for name in files:
            full = os.path.join(root, name)
            try:
                st = os.stat(full)
            except OSError:
                continue
            entries.append((st.st_mtime, st.st_size, full))
            total += st.st_size
    freed = 0
    for _mtime, size, full in sorted(entries):
        if total - freed <= max_bytes:
            break
        try:
            os.unlink(full)
            freed += size
        except OSError:
            pass
    return freed


class _Pruner(QRunnable):
    def __init__(self, folder: Path, max_bytes: int) -> None:
        super().__init__()
        self._folder = folder
        self._max = max_bytes

    def run(self) -> None:
        with contextlib.suppress(Exception):  # housekeeping must never disturb the author
            prune_disk_cache(self._folder, self._max)


class DecodeError(Exception):
    """The file cannot be shown; the message says why in words an author understands."""


def decode_scaled(path: Path, box: QSize, *, offload: bool = True) -> QImage:
    """Decode `path` scaled to fit `box`, refusing empty, corrupt, truncated and absurd files.

    Safe to call from any thread (QImage only). Raises DecodeError. Heavy files are decoded
    in a helper process when `offload` is set (see decode_helper.py: Qt's decoders keep
    Python's GIL, so the GUI thread would stop for the whole decode).
    """
    name = path.name
    try:
        size = os.path.getsize(path)
    except FileNotFoundError:
        raise DecodeError(f"{name} is missing.") from None
    except OSError as exc:
        raise DecodeError(f"{name} cannot be read: {exc.strerror or exc}.") from None
    if size == 0:
        raise DecodeError(f"{name} is an empty file (0 bytes).")
    reader = QImageReader(str(path))
    # The extension lies sometimes (a .jpg that is really HTML or a PNG); trust the bytes.
    # Named by the bytes we know, Qt asks only that format's plugin: asking every plugin
    # (content probing) makes the SVG one build a QTextStream, whose signal connection
    # takes a Qt lock while this thread holds the GIL; the GUI thread destroying a widget
    # holds such a lock and waits for the GIL, and both stopped for good (seen in a test run).
    try:
        with open(path, "rb") as fh:
            known = sniff_format(fh.read(16))
    except OSError:
        known = None
    if known is not None:
        reader.setFormat(known.encode())
        reader.setDecideFormatFromContent(False)
    else:
        reader.setDecideFormatFromContent(True)
    reader.setAutoTransform(True)
    if not reader.canRead():
        if not os.access(path, os.R_OK):
            raise DecodeError(f"{name} cannot be read (permission denied).")
        raise DecodeError(f"{name} is not an image BlogEditor can read (unknown or damaged).")
    full = reader.size()
    if not full.isValid() or full.isEmpty():
        raise DecodeError(f"{name} has a damaged header (no pixel size).")
    pixels = full.width() * full.height()
    if pixels > MAX_PIXELS:
        raise DecodeError(
            f"{name} is {full.width():,} × {full.height():,} px "
            f"({pixels / 1e6:.0f} megapixels): too large to preview; scale it down first."
        )
    if looks_truncated(path):
        raise DecodeError(f"{name} is truncated: the file ends before the image does.")
    target = box
    if reader.transformation() & QImageIOHandler.Transformation.TransformationRotate90:
        target = QSize(box.height(), box.width())  # the scaled size applies before rotation
    scaled = fit_size(full.width(), full.height(), target)
    if offload and is_heavy(size, full, bytes(reader.format().data()).decode()):
        try:
            image = decode_in_helper(path, box)
        except HelperRefused as exc:
            raise DecodeError(str(exc)) from None
        if image is not None:
            return image
    if scaled != full:
        reader.setScaledSize(scaled)
    image = reader.read()
    if image.isNull():
        detail = reader.errorString() or "unknown error"
        raise DecodeError(f"{name} is damaged and cannot be decoded ({detail}).")
    return image


@dataclass
class _Job:
    key: str
    path: Path
    size: QSize
    generation: int
    cancelled: bool = False


class _Bridge(QObject):
    """Lives on the GUI thread; workers emit through it so delivery is queued there."""

    finished = Signal(str, int, object, object, str)  # key, generation, stamp, image, error


class _Worker(QRunnable):
    def __init__(self, job: _Job, bridge: _Bridge, disk_dir: Path | None,
                 running: threading.Event) -> None:
        super().__init__()
        self._running = running
        self._job = job
        self._bridge = bridge
        self._disk_dir = disk_dir

    def run(self) -> None:
        job = self._job
        try:
            if job.cancelled:
                return
            try:
                stamp = _stamp(job.path)
            except FileNotFoundError:
                self._bridge.finished.emit(job.key, job.generation, None, None,
                                           f"{job.path.name} is missing.")
                return
            except OSError as exc:
                self._bridge.finished.emit(job.key, job.generation, None, None,
                                           f"{job.path.name} cannot be read: {exc.strerror}.")
                return
            image = self._from_disk_cache(job, stamp)
            if image is None:
                # Python holds the GIL through Qt's decoder; while the view scrolls the GUI
                # thread needs it every frame, so full decodes wait (without the GIL) till then.
                self._running.wait()
                if job.cancelled:
                    return
                try:
                    image = decode_scaled(job.path, job.size)
                except DecodeError as exc:
                    self._bridge.finished.emit(job.key, job.generation, stamp, None, str(exc))
                    return
                self._to_disk_cache(job, stamp, image)
            self._bridge.finished.emit(job.key, job.generation, stamp, image, "")
        except Exception as exc:  # a worker must never take the application down
            self._bridge.finished.emit(job.key, job.generation, None, None,
                                       f"{job.path.name} could not be loaded ({exc}).")

    def _cache_file(self, job: _Job, stamp: Stamp) -> Path | None:
        if self._disk_dir is None:
            return None
        ident = (f"{os.path.abspath(job.path)}|{job.size.width()}x{job.size.height()}"
                 f"|{stamp[0]}|{stamp[1]}")
        digest = hashlib.sha1(ident.encode("utf-8", "surrogatepass")).hexdigest()
        return self._disk_dir / digest[:2] / digest

    def _from_disk_cache(self, job: _Job, stamp: Stamp) -> QImage | None:
        base = self._cache_file(job, stamp)
        if base is None:
            return None
        for ext in (".jpg", ".png"):
            cached = base.with_suffix(ext)
            if cached.exists():
                image = QImage(str(cached))
                if not image.isNull():
                    with contextlib.suppress(OSError):
                        os.utime(cached)  # recently used: kept when the cache is pruned
                    return image
                cached.unlink(missing_ok=True)  # a damaged cache entry is just rebuilt
        return None

    def _to_disk_cache(self, job: _Job, stamp: Stamp, image: QImage) -> None:
        base = self._cache_file(job, stamp)
        if base is None:
            return
        # JPEG is ten times smaller for photos; keep PNG where transparency matters.
        alpha = image.hasAlphaChannel()
        ext, fmt, quality = (".png", "PNG", -1) if alpha else (".jpg", "JPEG", 88)
        final = base.with_suffix(ext)
        tmp = base.with_name(f"{base.name}.{threading.get_ident()}.tmp")
        try:
            base.parent.mkdir(parents=True, exist_ok=True)
            if image.save(str(tmp), fmt, quality):  # type: ignore[call-overload]  # the stubs miss (str, str, int)
                os.replace(tmp, final)
        except OSError:
            pass  # the cache is an optimisation; a full or read-only disk just means no cache
        finally:
            tmp.unlink(missing_ok=True)


class ImageLoader(QObject):
    """Decodes images off the GUI thread at a requested size; see the module docstring."""

    loaded = Signal(str, QImage)
    failed = Signal(str, str)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        disk_cache: Path | bool | None = True,
        memory_bytes: int = _DEFAULT_MEMORY_BYTES,
        threads: int | None = None,
    ) -> None:
        super().__init__(parent)
        if disk_cache is True:
            self._disk_dir: Path | None = paths.cache_dir() / "thumbs"
        elif disk_cache is False or disk_cache is None:
            self._disk_dir = None
        else:
            self._disk_dir = Path(disk_cache)
        self._memory: OrderedDict[str, tuple[Stamp, QImage]] = OrderedDict()
        self._memory_bytes = 0
        self._memory_limit = memory_bytes
        self._pending: dict[str, _Job] = {}
        self._generation = 0
        self._running = threading.Event()
        self._running.set()
        self._pool = QThreadPool(self)
        # Leave one core to the GUI thread so scrolling stays smooth while decoding.
        count = threads or max(1, min(4, (os.cpu_count() or 2) - 1))
        self._pool.setMaxThreadCount(count)
        self._bridge = _Bridge(self)
        self._bridge.finished.connect(self._on_finished)
        self._ready: list[tuple[str, QImage]] = []
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(0)
        self._flush_timer.timeout.connect(self._flush_ready)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        if self._disk_dir is not None:
            # Once per loader, off the GUI thread, well after start-up's first screens.
            QTimer.singleShot(PRUNE_DELAY_MS, self, self._prune)

    # -- asking ---------------------------------------------------------------------------

    def cached(self, path: Path, size: QSize) -> QImage | None:
        """The image if it is already decoded in memory for this size and still current."""
        key = image_key(path, size)
        entry = self._memory.get(key)
        if entry is None:
            return None
        try:
            current = _stamp(path)
        except OSError:
            current = None
        if current != entry[0]:
            self._drop(key)
            return None
        self._memory.move_to_end(key)
        return entry[1]

    def request(self, path: Path, size: QSize) -> str:
        """Start loading (unless already loading) and return the key the result will carry.

        `loaded`/`failed` always arrive later through the event loop, never inside this call.
        """
        path = Path(path)
        key = image_key(path, size)
        image = self.cached(path, size)
        if image is not None:
            self._ready.append((key, image))
            self._flush_timer.start()
            return key
        if key in self._pending:
            return key
        job = _Job(key, path, QSize(size), self._generation)
        self._pending[key] = job
        self._pool.start(_Worker(job, self._bridge, self._disk_dir, self._running))
        return key

    def _prune(self) -> None:
        if self._disk_dir is not None and self._disk_dir.is_dir():
            self._pool.start(_Pruner(self._disk_dir, DISK_CACHE_BYTES), -1)

    def cancel(self, key: str) -> None:
        """Drop a queued request (e.g. an item scrolled out of view); no signal follows."""
        job = self._pending.pop(key, None)
        if job is not None:
            job.cancelled = True

    def set_paused(self, paused: bool) -> None:
        """Hold off full decodes (cache hits still flow) while a view scrolls; see _Worker."""
        if paused:
            self._running.clear()
        else:
            self._running.set()

    def cancel_all(self) -> None:
        """Forget every queued and running request; their results are discarded."""
        self._generation += 1
        for job in self._pending.values():
            job.cancelled = True
        self._pending.clear()
        self._ready.clear()

    def is_pending(self, key: str) -> bool:
        return key in self._pending

    def forget(self, path: Path) -> None:
        """Evict every in-memory size of `path` (after the file was replaced on purpose)."""
        suffix = ":" + os.path.abspath(path)
        for key in [k for k in self._memory if k.endswith(suffix)]:
            self._drop(key)

    def wait_idle(self, ms: int = 5000) -> bool:
        """Block until workers finish (tests, teardown), then deliver their results."""
        self._running.set()
        idle = self._pool.waitForDone(ms)
        QCoreApplication.sendPostedEvents()  # the queued results, whoever the receiver is
        self._flush_ready()
        return idle

    def shutdown(self) -> None:
        self.cancel_all()
        self._running.set()

        self._pool.clear()
        self._pool.waitForDone(3000)

    # -- results --------------------------------------------------------------------------

    def _on_finished(
        self, key: str, generation: int, stamp: object, image: object, error: str
    ) -> None:
        if generation != self._generation:
            return
        job = self._pending.get(key)
        if job is None or job.generation != generation:
            return  # cancelled meanwhile
        del self._pending[key]
        if isinstance(image, QImage) and not image.isNull() and isinstance(stamp, tuple):
            self._remember(key, stamp, image)
            self.loaded.emit(key, image)
        else:
            self.failed.emit(key, error or f"{job.path.name} could not be loaded.")

    def _flush_ready(self) -> None:
        ready, self._ready = self._ready, []
        for key, image in ready:
            self.loaded.emit(key, image)

    def _remember(self, key: str, stamp: Stamp, image: QImage) -> None:
        self._drop(key)
        self._memory[key] = (stamp, image)
        self._memory_bytes += image.sizeInBytes()
        while self._memory_bytes > self._memory_limit and len(self._memory) > 1:
            oldest = next(iter(self._memory))
            self._drop(oldest)

    def _drop(self, key: str) -> None:
        entry = self._memory.pop(key, None)
        if entry is not None:
            self._memory_bytes -= entry[1].sizeInBytes()
