"""Pixel size and completeness of image files, read from their headers without Qt.

Only the few bytes a format needs are read, so sizing 20,000 files stays cheap and a
file claiming to be 20,000 x 20,000 px can be refused before anything tries to decode it.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

IMAGE_EXTENSIONS = frozenset({".jpg", ".jpeg", ".png", ".gif", ".webp"})

# Enough for every header but JPEG's, whose frame header may sit behind large EXIF blocks
# (the JPEG walk seeks past those).
_HEAD = 4096
_TAIL = 4096


@dataclass(frozen=True)
class ImageInfo:
    """What the header says: pixel size and format ("png", "jpeg", "gif", "webp")."""

    width: int
    height: int
    format: str

    @property
    def megapixels(self) -> float:
        return self.width * self.height / 1_000_000


def is_image_name(path: Path | str) -> bool:
    return os.path.splitext(str(path))[1].lower() in IMAGE_EXTENSIONS


def sniff_format(head: bytes) -> str | None:
    """The format the first bytes announce, whatever the file's extension claims."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return None


def read_info(path: Path) -> ImageInfo | None:
    """Header size of an image file; None when it is not a (supported) image or is unreadable."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(_HEAD)
            fmt = sniff_format(head)
            if fmt == "jpeg":
                return _jpeg_info(fh, head)
    except OSError:
        return None
    if fmt == "png":
        return _png_info(head)
    if fmt == "gif":
        return _gif_info(head)
    if fmt == "webp":
        return _webp_info(head)
    return None


def looks_truncated(path: Path) -> bool:
    """True when the file ends before its image data does (a cut-off download or copy).

    JPEG scan data escapes every 0xFF byte, so an end-of-image marker near the end can only be
    the real one; PNG must carry its IEND chunk; WebP's RIFF length must fit in the file.
    Trailing junk after the real end is tolerated, as cameras and editors sometimes add it.
    """
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as fh:
            head = fh.read(16)
            fmt = sniff_format(head)
            fh.seek(max(0, size - _TAIL))
            tail = fh.read(_TAIL)
    except OSError:
        return False
    if fmt == "jpeg":
        return b"\xff\xd9" not in tail
    if fmt == "png":
        end = tail.rfind(b"IEND")
        return end < 0 or len(tail) - end < 8  # the chunk type and its CRC
    if fmt == "gif":
        return b"\x3b" not in tail[-16:]
    if fmt == "webp" and len(head) >= 8:
        riff_size: int = struct.unpack("<I", head[4:8])[0]
        return riff_size + 8 > size
    return False


def _png_info(head: bytes) -> ImageInfo | None:
    if len(head) < 24 or head[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", head[16:24])
    return ImageInfo(width, height, "png")


def _gif_info(head: bytes) -> ImageInfo | None:
    if len(head) < 10:
        return None
    width, height = struct.unpack("<HH", head[6:10])
    return ImageInfo(width, height, "gif")


def _webp_info(head: bytes) -> ImageInfo | None:
    chunk = head[12:16]
    if chunk == b"VP8 " and len(head) >= 30:
        width, height = struct.unpack("<HH", head[26:30])
        return ImageInfo(width & 0x3FFF, height & 0x3FFF, "webp")
    if chunk == b"VP8L" and len(head) >= 25:
        bits = int.from_bytes(head[21:25], "little")
        return ImageInfo((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1, "webp")
    if chunk == b"VP8X" and len(head) >= 30:
        width = int.from_bytes(head[24:27], "little") + 1
        height = int.from_bytes(head[27:30], "little") + 1
        return ImageInfo(width, height, "webp")
    return None


_SOF_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


def _jpeg_info(fh: BinaryIO, head: bytes) -> ImageInfo | None:
    """Walk the marker segments to the first start-of-frame, which holds the size."""
    pos = 2
    while True:
        if pos + 9 <= len(head):
            seg = head[pos : pos + 9]
        else:
            fh.seek(pos)
            seg = fh.read(9)
        if len(seg) < 4 or seg[0] != 0xFF:
            return None
        marker = seg[1]
        if marker == 0xFF:  # fill byte before a marker
            pos += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            pos += 2
            continue
        length = struct.unpack(">H", seg[2:4])[0]
        if marker in _SOF_MARKERS:
            if len(seg) < 9:
                return None
            height, width = struct.unpack(">HH", seg[5:9])
            return ImageInfo(width, height, "jpeg")
        if marker in (0xD9, 0xDA) or length < 2:
            return None
        pos += 2 + length
