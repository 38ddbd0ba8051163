"""The shared image loader: scaled decoding off the GUI thread, caches, and bad files."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, QThread
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from blogeditor.core.storage import paths
from blogeditor.gui.images import decode_helper
from blogeditor.gui.images.image_loader import ImageLoader, fit_size, prune_disk_cache
from tests.gui.imagefiles import (
    write_corrupt,
    write_huge_png_header,
    write_image,
    write_not_an_image,
    write_truncated,
)

BOX = QSize(160, 90)


@pytest.fixture
def loader(qtbot: QtBot) -> Iterator[ImageLoader]:
    loader = ImageLoader()
    yield loader
    loader.shutdown()


def load(qtbot: QtBot, loader: ImageLoader, path: Path, size: QSize = BOX) -> tuple[str, object]:
    """Request and wait for the answer; returns ("loaded", QImage) or ("failed", message)."""
    results: list[tuple[str, object]] = []
    key = loader.request(path, size)
    loader.loaded.connect(lambda k, img: k == key and results.append(("loaded", img)))
    loader.failed.connect(lambda k, msg: k == key and results.append(("failed", msg)))
    qtbot.waitUntil(lambda: bool(results), timeout=10_000)
    return results[0]


def test_fit_size_keeps_aspect_and_never_enlarges() -> None:
    assert fit_size(1280, 720, QSize(160, 160)) == QSize(160, 90)
    assert fit_size(100, 400, QSize(160, 90)) == QSize(22, 90)
    assert fit_size(50, 20, QSize(160, 90)) == QSize(50, 20)


def test_decodes_at_the_size_shown_on_the_gui_thread(
    qtbot: QtBot, loader: ImageLoader, tmp_path: Path
) -> None:
    src = write_image(tmp_path / "thumbnail.jpg", 1280, 720)
    threads: list[QThread] = []
    loader.loaded.connect(lambda _k, _i: threads.append(QThread.currentThread()))
    kind, image = load(qtbot, loader, src)
    assert kind == "loaded"
    assert isinstance(image, QImage)
    assert (image.width(), image.height()) == (160, 90)
    assert threads == [loader.thread()]


def test_memory_cache_answers_instantly_and_notices_a_changed_file(
    qtbot: QtBot, loader: ImageLoader, tmp_path: Path
) -> None:
    src = write_image(tmp_path / "a.png", 400, 400)
    assert loader.cached(src, BOX) is None
    load(qtbot, loader, src)
    hit = loader.cached(src, BOX)
    assert hit is not None and hit.size() == QSize(90, 90)
    write_image(src, 800, 200)
    os.utime(src, ns=(1, 1))  # a different mtime even on coarse file systems
    assert loader.cached(src, BOX) is None
    kind, image = load(qtbot, loader, src)
    assert kind == "loaded" and image.size() == QSize(160, 40)  # type: ignore[union-attr]


def test_disk_cache_is_written_and_used_by_a_fresh_loader(qtbot: QtBot, tmp_path: Path) -> None:
    src = write_image(tmp_path / "thumbnail-01.jpg", 1280, 720)
    first = ImageLoader()
    load(qtbot, first, src)
    first.shutdown()
    thumbs = paths.cache_dir() / "thumbs"
    entries = [p for p in thumbs.rglob("*") if p.is_file()]
    assert len(entries) == 1 and entries[0].suffix == ".jpg"
    # Prove the second loader reads the cache: make the cached copy recognisably different.
    marker = QImage(160, 90, QImage.Format.Format_RGB32)
    marker.fill(0xFF0000)
    marker.save(str(entries[0]), "JPEG")
    second = ImageLoader()
    try:
        kind, image = load(qtbot, second, src)
        assert kind == "loaded"
        assert QImage(image).pixelColor(80, 45).red() > 200  # type: ignore[arg-type]
    finally:
        second.shutdown()


@pytest.mark.parametrize(
    ("name", "make", "words"),
    [
        ("empty.jpg", lambda p: p.write_bytes(b""), "empty"),
        ("page.jpg", write_not_an_image, "not an image"),
        ("corrupt.jpg", write_corrupt, "damaged"),
        ("cut.jpg", write_truncated, "truncated"),
        ("huge.png", write_huge_png_header, "too large"),
        ("gone.jpg", lambda p: None, "missing"),
    ],
)
def test_bad_files_fail_with_a_clear_message(
    qtbot: QtBot,
    loader: ImageLoader,
    tmp_path: Path,
    name: str,
    make: Callable[[Path], object],
    words: str,
) -> None:
    path = tmp_path / name
    make(path)
    kind, message = load(qtbot, loader, path)
    assert kind == "failed"
    assert words in str(message) and name in str(message)
    assert loader.cached(path, BOX) is None


def test_huge_header_is_refused_without_decoding(
    qtbot: QtBot, loader: ImageLoader, tmp_path: Path
) -> None:
    path = write_huge_png_header(tmp_path / "huge.png")
    kind, message = load(qtbot, loader, path)
    assert kind == "failed" and "20,000 × 20,000" in str(message)


def test_cancel_all_discards_results(qtbot: QtBot, loader: ImageLoader, tmp_path: Path) -> None:
    files = [write_image(tmp_path / f"t{i}.jpg", 200, 100) for i in range(6)]
    seen: list[str] = []
    loader.loaded.connect(lambda k, _i: seen.append(k))
    for f in files:
        loader.request(f, BOX)
    loader.cancel_all()
    assert loader.wait_idle(10_000)
    assert seen == []
    key = loader.request(files[0], BOX)
    qtbot.waitUntil(lambda: key in seen, timeout=10_000)


def test_a_repeated_request_gives_one_answer(
    qtbot: QtBot, loader: ImageLoader, tmp_path: Path
) -> None:
    src = write_image(tmp_path / "x.jpg", 300, 300)
    seen: list[str] = []
    loader.loaded.connect(lambda k, _i: seen.append(k))
    k1 = loader.request(src, BOX)
    k2 = loader.request(src, BOX)
    assert k1 == k2
    assert loader.wait_idle(10_000)
    assert seen == [k1]


def test_paused_loader_holds_decodes_until_resumed(
    qtbot: QtBot, loader: ImageLoader, tmp_path: Path
) -> None:
    src = write_image(tmp_path / "held.jpg", 640, 360)
    seen: list[str] = []
    loader.loaded.connect(lambda k, _i: seen.append(k))
    loader.set_paused(True)
    key = loader.request(src, BOX)
    # The worker is parked until resumed, so the pool cannot drain: no clock involved.
    assert not loader._pool.waitForDone(50)
    assert loader.is_pending(key) and seen == []
    loader.set_paused(False)
    qtbot.waitUntil(lambda: seen == [key], timeout=10_000)


def test_disk_cache_pruning_drops_the_least_recently_used(tmp_path: Path) -> None:
    folder = tmp_path / "thumbs"
    (folder / "ab").mkdir(parents=True)
    for i in range(5):
        f = folder / "ab" / f"{i}.jpg"
        f.write_bytes(b"x" * 1000)
        os.utime(f, (1000 + i, 1000 + i))
    assert prune_disk_cache(folder, 2500) == 3000
    assert sorted(p.name for p in (folder / "ab").iterdir()) == ["3.jpg", "4.jpg"]


def test_heavy_images_decode_in_the_helper_process(qtbot: QtBot, loader: ImageLoader,
                                                    tmp_path: Path) -> None:
    # Qt's decoders keep Python's GIL; a big PNG decoded in a thread would freeze the GUI.
    src = write_image(tmp_path / "screenshot.png", 2200, 1400)
    assert decode_helper.is_heavy(src.stat().st_size, QSize(2200, 1400), "png")
    kind, image = load(qtbot, loader, src)
    assert kind == "loaded" and image.size() == QSize(141, 90)  # type: ignore[union-attr]
    assert not decode_helper._helper.broken and decode_helper._helper._proc is not None
    ref = QImage(str(src)).scaled(141, 90)
    got = QImage(image).pixelColor(70, 45)  # type: ignore[arg-type]
    want = ref.pixelColor(70, 45)
    assert abs(got.red() - want.red()) < 40 and abs(got.green() - want.green()) < 40


def test_heavy_bad_files_still_fail_with_a_message(qtbot: QtBot, loader: ImageLoader,
                                                    tmp_path: Path) -> None:
    src = write_image(tmp_path / "wide.png", 2200, 1400)
    data = src.read_bytes()
    cut = tmp_path / "wide-cut.png"
    cut.write_bytes(data[: len(data) * 2 // 3])
    kind, message = load(qtbot, loader, cut)
    assert kind == "failed" and "truncated" in str(message)


def test_a_damaged_heavy_image_fails_in_the_helper_with_a_message(
    qtbot: QtBot, loader: ImageLoader, tmp_path: Path
) -> None:
    path = tmp_path / "poster.png"
    write_huge_png_header(path, 3000, 2000)  # big enough to be decoded by the helper
    data = path.read_bytes().replace(b"IDAT", b"IDAT\x00\xff", 1)  # breaks the pixel data
    path.write_bytes(data)
    kind, message = load(qtbot, loader, path)
    assert kind == "failed" and "poster.png" in str(message) and "damaged" in str(message)
    assert not decode_helper._helper.broken
