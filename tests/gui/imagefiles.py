"""Real image files for the picker and loader tests: good ones and the bad kinds authors meet."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from PySide6.QtGui import QColor, QImage


def write_image(path: Path, width: int = 320, height: int = 180, color: str = "#3a7") -> Path:
    """A real PNG or JPEG (by extension) with a gradient so JPEG encoding is not trivial."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    for x in range(0, width, 7):
        for y in range(0, height, 5):
            image.setPixelColor(x, y, QColor((x * 3) % 256, (y * 5) % 256, 90))
    path.parent.mkdir(parents=True, exist_ok=True)
    fmt = "PNG" if path.suffix.lower() == ".png" else "JPEG"
    assert image.save(str(path), fmt), path
    return path


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def write_huge_png_header(path: Path, width: int = 20_000, height: int = 20_000) -> Path:
    """A small, valid-looking PNG whose header claims an absurd size (no real pixels)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    data = b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat)
    path.write_bytes(data + _chunk(b"IEND", b""))
    return path


def write_truncated(path: Path) -> Path:
    """A real JPEG cut off half-way, like an interrupted download."""
    write_image(path, 640, 360)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def write_not_an_image(path: Path) -> Path:
    path.write_text("<html><body>404 Not Found</body></html>\n", encoding="utf-8")
    return path


def write_corrupt(path: Path) -> Path:
    """Right magic bytes, garbage after them."""
    path.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8)
    return path
