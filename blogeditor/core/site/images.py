"""An article's images: listing, the site's thumbnail naming habit, importing, and warnings.

No Qt here. The picker (gui/images/thumbnail_picker.py) shows what these functions find and calls
them to bring files in; every refusal is a BlogEditorError with a message for the author.

Naming habit (seen across the real site's article folders): the first thumbnail is
``thumbnail.jpg``; later candidates are ``thumbnail-01.jpg``, ``thumbnail-02-small.png`` ...
A new file takes the number after the highest one in use, so the newest candidate always
has the highest number, and an existing file is never overwritten.
"""

from __future__ import annotations

import os
import re
import statistics
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from blogeditor.core.errors import BlogEditorError, StorageError
from blogeditor.core.site.imageinfo import (
    IMAGE_EXTENSIONS,
    ImageInfo,
    looks_truncated,
    read_info,
    sniff_format,
)

MAX_BYTES = 1_000_000
MAX_WIDTH = 2000
RATIO_TOLERANCE = 0.05  # 16:9 vs 16:10 is already visible side by side on the homepage
_NUMBERED = re.compile(r"^thumbnail-(\d+)", re.IGNORECASE)
_EXT_FOR_FORMAT = {"jpeg": ".jpg", "png": ".png", "gif": ".gif", "webp": ".webp"}


# -- listing ---------------------------------------------------------------------------------


def bundle_images(bundle_dir: Path) -> list[Path]:
    """Images in an article folder and its sub-folders: the folder's own first, by name."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(bundle_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        depth_files = sorted(f for f in files if _is_image(f))
        found.extend(Path(folder) / f for f in depth_files)
    return found


def site_images(content_dir: Path) -> Iterator[Path]:
    """Every image under content/, folder by folder (a generator: big sites stream)."""
    stack = [content_dir]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            continue
        subdirs: list[Path] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                subdirs.append(Path(entry.path))
            elif _is_image(entry.name):
                yield Path(entry.path)
        stack.extend(reversed(subdirs))


def _is_image(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in IMAGE_EXTENSIONS


def site_src(content_dir: Path, image: Path) -> str:
    """The site-absolute src the homepage writes for a file in content/: "/ai/x/thumbnail.jpg"."""
    try:
        rel = Path(os.path.abspath(image)).relative_to(os.path.abspath(content_dir))
    except ValueError:
        raise BlogEditorError(f"{image} is not inside the site's content folder") from None
    return "/" + PurePosixPath(*rel.parts).as_posix()


# -- naming and importing ------------------------------------------------------------------


def next_thumbnail_name(bundle_dir: Path, ext: str) -> str:
    """``thumbnail.jpg`` (or .png ...) when no plain thumbnail exists, else ``thumbnail-NN.ext``.

    NN is one more than the highest number in use (``thumbnail-02-small.png`` counts as 02).
    """
    ext = ext.lower() if ext.startswith(".") else "." + ext.lower()
    if ext == ".jpeg":
        ext = ".jpg"
    try:
        names = os.listdir(bundle_dir)
    except OSError:
        names = []
    lowered = {n.lower() for n in names}
    if not any(os.path.splitext(n)[0] == "thumbnail" for n in lowered):
        return f"thumbnail{ext}"
    numbers = [int(m.group(1)) for n in names if (m := _NUMBERED.match(n))]
    number = max(numbers, default=0) + 1
    while f"thumbnail-{number:02d}{ext}" in lowered:
        number += 1
    return f"thumbnail-{number:02d}{ext}"


def image_extension(data_head: bytes) -> str | None:
    """The extension the site would use for these bytes (".jpg", ".png", ...), None if no image."""
    fmt = sniff_format(data_head)
    return _EXT_FOR_FORMAT.get(fmt) if fmt else None


def import_image(src_file: Path, bundle_dir: Path) -> Path:
    """Copy (never move) an image into the article folder under the next thumbnail name."""
    src_file = Path(src_file)
    try:
        data = src_file.read_bytes()
    except OSError as exc:
        raise BlogEditorError(f"cannot read {src_file.name}: {exc.strerror or exc}") from None
    ext = image_extension(data[:16])
    if ext is None:
        raise BlogEditorError(f"{src_file.name} is not a JPEG, PNG, GIF or WebP image")
    return add_image_bytes(data, bundle_dir, ext)


def add_image_bytes(data: bytes, bundle_dir: Path, ext: str) -> Path:
    """Write encoded image bytes into the article folder under a fresh name; returns the path."""
    bundle_dir = Path(bundle_dir)
    try:
        bundle_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"cannot create {bundle_dir}: {exc.strerror or exc}") from None
    for _attempt in range(100):
        target = bundle_dir / next_thumbnail_name(bundle_dir, ext)
        try:
            # "x" mode: if another program created the name since we looked, pick again.
            with open(target, "xb") as fh:
                fh.write(data)
        except FileExistsError:
            continue
        except OSError as exc:
            raise StorageError(f"cannot write {target.name}: {exc.strerror or exc}") from None
        return target
    raise StorageError(f"no free thumbnail name in {bundle_dir}")


# -- warnings ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImageWarning:
    """One thing an author may want to fix about a thumbnail. kind is a stable identifier."""

    kind: str  # missing | unreadable | heavy | wide | ratio | foreign
    message: str


def ratio_text(ratio: float) -> str:
    for name, value in (("16:9", 16 / 9), ("4:3", 4 / 3), ("1:1", 1.0), ("3:2", 1.5),
                        ("16:10", 1.6), ("2:1", 2.0)):
        if abs(ratio - value) / value < 0.01:
            return name
    return f"{ratio:.2f}:1"


def usual_ratio(images: Iterable[Path | None], limit: int = 40) -> float | None:
    """The median aspect ratio of the given thumbnails (headers only); None with none readable."""
    ratios: list[float] = []
    for path in images:
        if path is None:
            continue
        info = read_info(path)
        if info is not None and info.width > 0 and info.height > 0:
            ratios.append(info.width / info.height)
        if len(ratios) >= limit:
            break
    return statistics.median(ratios) if ratios else None


def in_other_article(src: str, link: str) -> bool:
    """True when a thumbnail src points into a folder other than the teaser's own article."""
    src_path = src.split("?", 1)[0].split("#", 1)[0].strip().strip("/")
    own = link.split("?", 1)[0].split("#", 1)[0].strip().strip("/")
    if not src_path or not own or "://" in src:
        return False
    return not src_path.startswith(own + "/")


def image_warnings(
    path: Path | None,
    *,
    src: str | None = None,
    link: str | None = None,
    usual: float | None = None,
) -> list[ImageWarning]:
    """What an author should know about this thumbnail (empty when all is well)."""
    shown = src or (path.name if path else "the thumbnail")
    warnings: list[ImageWarning] = []
    if src and link and in_other_article(src, link):
        warnings.append(ImageWarning(
            "foreign", f"{shown} lives in another article's folder, not in {link.strip()}"))
    if path is None or not path.is_file():
        warnings.append(ImageWarning("missing", f"{shown} is missing"))
        return warnings
    try:
        size = path.stat().st_size
    except OSError as exc:
        warnings.append(ImageWarning("unreadable", f"{shown} cannot be read: {exc.strerror}"))
        return warnings
    info: ImageInfo | None = read_info(path) if size else None
    if info is None or looks_truncated(path):
        why = "is empty" if size == 0 else (
            "is truncated" if info is not None else "is not a readable image")
        warnings.append(ImageWarning("unreadable", f"{shown} {why}"))
        return warnings
    if size > MAX_BYTES:
        warnings.append(ImageWarning(
            "heavy", f"{path.name} is {size / 1_000_000:.1f} MB; over 1 MB slows the homepage"))
    if info.width > MAX_WIDTH:
        warnings.append(ImageWarning(
            "wide", f"{path.name} is {info.width:,} px wide; {MAX_WIDTH:,} px is plenty"))
    if usual and info.height > 0:
        ratio = info.width / info.height
        if abs(ratio - usual) / usual > RATIO_TOLERANCE:
            warnings.append(ImageWarning(
                "ratio",
                f"{path.name} is {ratio_text(ratio)}; the site's other thumbnails are "
                f"{ratio_text(usual)}"))
    return warnings
