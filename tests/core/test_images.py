"""Article images without Qt: header sizes, naming habit, importing, warnings."""

from __future__ import annotations

import os
import shutil
import struct
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blogeditor.core.errors import BlogEditorError
from blogeditor.core.site.imageinfo import looks_truncated, read_info
from blogeditor.core.site.images import (
    add_image_bytes,
    bundle_images,
    image_warnings,
    import_image,
    in_other_article,
    next_thumbnail_name,
    site_images,
    site_src,
    usual_ratio,
)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bytes(width: int, height: int) -> bytes:
    """A real (decodable) grey PNG of the given size."""
    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", zlib.compress(raw))
            + _chunk(b"IEND", b""))


def jpeg_header(width: int, height: int, app_bytes: int = 0) -> bytes:
    """A JPEG's marker structure with an APP1 block of ``app_bytes`` before the frame header."""
    out = b"\xff\xd8"
    remaining = app_bytes
    while remaining > 0:
        part = min(remaining, 65533)
        out += b"\xff\xe1" + struct.pack(">H", part + 2) + b"\x00" * part
        remaining -= part
    out += b"\xff\xdb" + struct.pack(">H", 67) + b"\x00" * 65  # a quantisation table
    out += b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return out + b"\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00" + b"\x12" * 40 + b"\xff\xd9"


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(w=st.integers(1, 65535), h=st.integers(1, 65535), app=st.integers(0, 150_000))
def test_jpeg_size_is_read_from_the_frame_header(tmp_path: Path, w: int, h: int, app: int) -> None:
    path = tmp_path / "x.jpg"
    path.write_bytes(jpeg_header(w, h, app))
    info = read_info(path)
    assert info is not None and (info.width, info.height, info.format) == (w, h, "jpeg")
    assert not looks_truncated(path)


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(w=st.integers(1, 300), h=st.integers(1, 300), cut=st.integers(1, 40))
def test_png_size_and_truncation(tmp_path: Path, w: int, h: int, cut: int) -> None:
    path = tmp_path / "x.png"
    data = png_bytes(w, h)
    path.write_bytes(data)
    info = read_info(path)
    assert info is not None and (info.width, info.height) == (w, h)
    assert not looks_truncated(path)
    path.write_bytes(data[:-cut])
    assert looks_truncated(path)


@settings(max_examples=50, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(junk=st.binary(max_size=200))
def test_arbitrary_bytes_never_crash_the_header_reader(tmp_path: Path, junk: bytes) -> None:
    path = tmp_path / "junk.jpg"
    for prefix in (b"", b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"RIFF\x00\x00\x00\x00WEBPVP8X"):
        path.write_bytes(prefix + junk)
        read_info(path)
        looks_truncated(path)


def test_real_demo_thumbnails_have_sizes(demo_site: Path) -> None:
    images = list(site_images(demo_site / "content"))
    assert len(images) >= 10
    for image in images:
        info = read_info(image)
        assert info is not None and info.width > 0 and info.height > 0, image


def test_non_image_with_jpg_extension_is_not_an_image(tmp_path: Path) -> None:
    path = tmp_path / "thumbnail.jpg"
    path.write_text("<html>404</html>")
    assert read_info(path) is None
    (tmp_path / "empty.png").write_bytes(b"")
    assert read_info(tmp_path / "empty.png") is None


def test_naming_follows_the_site_habit(tmp_path: Path) -> None:
    assert next_thumbnail_name(tmp_path, ".jpg") == "thumbnail.jpg"
    (tmp_path / "thumbnail.jpg").write_bytes(b"x")
    assert next_thumbnail_name(tmp_path, ".jpg") == "thumbnail-01.jpg"
    (tmp_path / "thumbnail-01.jpg").write_bytes(b"x")
    (tmp_path / "thumbnail-02-small.png").write_bytes(b"x")
    assert next_thumbnail_name(tmp_path, "png") == "thumbnail-03.png"
    assert next_thumbnail_name(tmp_path, ".JPEG") == "thumbnail-03.jpg"


def test_naming_when_only_numbered_thumbnails_exist(tmp_path: Path) -> None:
    (tmp_path / "thumbnail-01.jpg").write_bytes(b"x")
    # The plain name is free again (e.g. it was deleted): the habit is to use it first.
    assert next_thumbnail_name(tmp_path, ".jpg") == "thumbnail.jpg"


@settings(max_examples=80, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.sets(st.sampled_from(
    ["thumbnail.jpg", "thumbnail.png", "thumbnail-01.jpg", "thumbnail-02-small.png",
     "thumbnail-03.jpg", "thumbnail-09.png", "thumbnail-10.jpg", "thumbnail-99.jpg",
     "Thumbnail-04.JPG", "other.png"])), ext=st.sampled_from([".jpg", ".png", ".webp"]))
def test_naming_never_picks_an_existing_name(tmp_path: Path, names: set[str], ext: str) -> None:
    folder = tmp_path / "bundle"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    for n in names:
        (folder / n).write_bytes(b"x")
    chosen = next_thumbnail_name(folder, ext)
    assert chosen.lower() not in {n.lower() for n in names}
    assert chosen.startswith("thumbnail") and chosen.endswith(ext)


def test_import_copies_never_moves_and_never_overwrites(demo_site: Path, tmp_path: Path) -> None:
    bundle = demo_site / "content" / "ai" / "teaching-a-small-model-to-write-release-notes"
    before = {p.name: p.read_bytes() for p in bundle.iterdir()}
    src = tmp_path / "My Photo.JPEG"
    shutil.copy(bundle / "thumbnail.jpg", src)
    src.write_bytes(src.read_bytes())
    created = import_image(src, bundle)
    assert created.name == "thumbnail-03.jpg"
    assert src.exists() and created.read_bytes() == src.read_bytes()
    assert {p.name: p.read_bytes() for p in bundle.iterdir() if p != created} == before
    again = import_image(src, bundle)
    assert again.name == "thumbnail-04.jpg"


def test_import_takes_the_extension_from_the_bytes(tmp_path: Path) -> None:
    src = tmp_path / "actually-a-png.jpg"
    src.write_bytes(png_bytes(10, 10))
    assert import_image(src, tmp_path / "bundle").name == "thumbnail.png"


def test_import_refuses_a_non_image(tmp_path: Path) -> None:
    src = tmp_path / "notes.jpg"
    src.write_text("hello")
    with pytest.raises(BlogEditorError, match="not a JPEG, PNG"):
        import_image(src, tmp_path / "bundle")
    assert not (tmp_path / "bundle").exists() or not any((tmp_path / "bundle").iterdir())


def test_pasted_bytes_get_a_fresh_name(tmp_path: Path) -> None:
    (tmp_path / "thumbnail.jpg").write_bytes(b"x")
    created = add_image_bytes(png_bytes(4, 4), tmp_path, ".png")
    assert created.name == "thumbnail-01.png"


def test_listing_includes_subfolders_own_files_first(demo_site: Path) -> None:
    bundle = demo_site / "content" / "kubernetes" / "rolling-updates-without-the-drama"
    names = [p.relative_to(bundle).as_posix() for p in bundle_images(bundle)]
    assert names == ["thumbnail.jpg", "img/rollout-steps.png"]


def test_site_src_is_site_absolute(demo_site: Path) -> None:
    content = demo_site / "content"
    image = content / "ci-cd" / "caching-dependencies-the-boring-way" / "thumbnail-01.jpg"
    assert site_src(content, image) == "/ci-cd/caching-dependencies-the-boring-way/thumbnail-01.jpg"
    with pytest.raises(BlogEditorError):
        site_src(content, demo_site / "hugo.toml")


def test_foreign_thumbnail_as_in_the_seed() -> None:
    # The seed's first teaser: a NATS title over the Velero post's link and thumbnail.
    assert not in_other_article("/kubernetes/velero/thumbnail-03.jpg", "/kubernetes/velero")
    assert in_other_article("/misc/nats/thumbnail-02.jpg", "/kubernetes/velero")
    assert not in_other_article("ai/post/thumbnail.jpg", "/ai/post")


def test_warnings(tmp_path: Path) -> None:
    wide = tmp_path / "wide.png"
    wide.write_bytes(png_bytes(2400, 10))
    kinds = {w.kind for w in image_warnings(wide, usual=16 / 9)}
    assert kinds == {"wide", "ratio"}
    ok = tmp_path / "ok.png"
    ok.write_bytes(png_bytes(160, 90))
    assert image_warnings(ok, usual=16 / 9) == []
    heavy = tmp_path / "heavy.png"
    heavy.write_bytes(png_bytes(160, 90)[:-12] + b"\x00" * 1_100_000 + _chunk(b"IEND", b""))
    assert "heavy" in {w.kind for w in image_warnings(heavy)}
    missing = image_warnings(tmp_path / "nope.jpg", src="/a/b/nope.jpg", link="/c/d")
    assert [w.kind for w in missing] == ["foreign", "missing"]
    junk = tmp_path / "junk.jpg"
    junk.write_text("not an image")
    [warning] = image_warnings(junk)
    assert warning.kind == "unreadable" and "junk.jpg" in warning.message


def test_usual_ratio_is_the_median_of_readable_thumbnails(tmp_path: Path) -> None:
    paths = []
    for i, (w, h) in enumerate([(160, 90), (320, 180), (100, 100), (1280, 720)]):
        p = tmp_path / f"{i}.png"
        p.write_bytes(png_bytes(w, h))
        paths.append(p)
    (tmp_path / "bad.png").write_text("x")
    ratio = usual_ratio([*paths, tmp_path / "bad.png", None])
    assert ratio is not None and abs(ratio - 16 / 9) < 1e-9
    assert usual_ratio([]) is None
    assert os.path.exists(paths[0])
