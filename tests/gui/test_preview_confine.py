"""The preview reads no file outside the site, however the article names it.

A canary image lies next to the site. The article names it every way an image can name a
file; the preview must show the "outside the site" placeholder and never open the canary.
"Never opened" is checked by the kernel (inotify reports every open of the file, by Qt's C++
as much as by Python), by an audit hook (every Python open), and by the loader's reader.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import struct
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QTextDocument

import blogeditor.gui.preview.preview as preview_module
from blogeditor.core.site.site import Site
from blogeditor.core.storage.confine import OUTSIDE, allowed_roots, confined, is_network_path
from blogeditor.gui.preview.preview import PreviewBrowser
from blogeditor.gui.preview.preview_controller import PreviewController
from tests.gui.imagefiles import write_image

WAIT = 10_000
ARTICLE = "content/ai/teaching-a-small-model-to-write-release-notes/_index.md"
IN_OPEN = 0x20

_audited: list[str] = []


def _audit(event: str, args: tuple[object, ...]) -> None:
    if event == "open" and args and isinstance(args[0], str | bytes | os.PathLike):
        _audited.append(os.fsdecode(args[0]))


sys.addaudithook(_audit)  # cannot be removed; it only appends to a list


class OpenSpy:
    """inotify on one file: did anything, in any language, open it?"""

    def __init__(self, path: Path) -> None:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        self.fd = libc.inotify_init1(os.O_NONBLOCK)
        if self.fd < 0 or libc.inotify_add_watch(self.fd, os.fsencode(path), IN_OPEN) < 0:
            pytest.skip("inotify is not available here")

    def opened(self) -> bool:
        try:
            data = os.read(self.fd, 4096)
        except BlockingIOError:
            return False
        return any(struct.unpack_from("iIII", data, at)[1] & IN_OPEN
                   for at in range(0, len(data), 16) if at + 16 <= len(data))

    def close(self) -> None:
        os.close(self.fd)


@pytest.fixture
def canary(tmp_path: Path) -> Iterator[tuple[Path, OpenSpy]]:
    path = write_image(tmp_path / "outside" / "canary.png")
    spy = OpenSpy(path)
    yield path, spy
    spy.close()


def ways_to_name(canary: Path, article_dir: Path) -> dict[str, str]:
    rel = os.path.relpath(canary, article_dir)
    link = article_dir / "innocent.png"
    link.symlink_to(canary)
    url = QUrl.fromLocalFile(str(canary)).toString()
    return {
        "file URL": f'<img src="{url}">',
        "dot-dot": f'<img src="{rel}">',
        "markdown dot-dot": f"![x]({rel})",
        "absolute path": f'<img src="{canary}">',
        "symlink in the site": "![x](innocent.png)",
        "table background": f'<table background="{url}"><tr><td>cell</td></tr></table>',
        "file URL with a host": f'<img src="file://localhost{canary}">',
    }


def show(qtbot, site_root: Path, markdown: str):  # type: ignore[no-untyped-def]
    browser = PreviewBrowser()
    browser.resize(600, 400)
    qtbot.addWidget(browser)
    browser.show()
    article = site_root / ARTICLE
    controller = PreviewController(browser, mode="article", site=Site.find(site_root),
                                   base_dir=article.parent)
    seen: list[tuple[str, QImage | None]] = []
    real = browser.images.load

    def recording(url: QUrl, *args: object) -> QImage | None:
        image = real(url, *args)  # type: ignore[arg-type]
        seen.append((url.toString(), image))
        return image

    browser.images.load = recording  # type: ignore[method-assign]
    controller.set_text(f"+++\ntitle = \"T\"\n+++\n\nBefore.\n\n{markdown}\n\nAfter.\n")
    qtbot.waitUntil(lambda: "After." in browser.toPlainText(), timeout=WAIT)
    qtbot.wait(100)  # images are asked for at layout, and again on a second pass
    controller.wait_for_done()
    return browser, seen


@pytest.mark.parametrize("way", ["file URL", "dot-dot", "markdown dot-dot", "absolute path",
                                 "symlink in the site", "table background",
                                 "file URL with a host"])
def test_a_file_outside_the_site_is_never_read(qtbot, demo_site, canary, monkeypatch,
                                              way) -> None:
    path, spy = canary
    readers: list[str] = []
    real_reader = preview_module.QImageReader

    def reader(name: str, *args: object):  # type: ignore[no-untyped-def]
        readers.append(name)
        return real_reader(name, *args)

    monkeypatch.setattr(preview_module, "QImageReader", reader)
    markdown = ways_to_name(path, (demo_site / ARTICLE).parent)[way]
    _audited.clear()
    browser, seen = show(qtbot, demo_site, markdown)
    assert not spy.opened(), f"{way}: the canary was opened"
    assert str(path) not in _audited and not any("canary" in p for p in _audited)
    assert not any("canary" in r for r in readers)
    shown = [image for _url, image in seen if image is not None]
    assert all(image.text("placeholder") == OUTSIDE for image in shown), way
    if way == "absolute path":  # read as site-relative (/section/x.png): not there, and said so
        assert not shown and "Image not found" in browser.toPlainText()
    else:
        assert shown and browser.images.outside, way  # the placeholder, and the loader says why


@pytest.mark.parametrize("name", ["{canary}", "file://{canary}", "{rel}", "//host/share/x.png",
                                  "\\\\host\\share\\x.png", "C:/Windows/x.png"])
def test_raw_html_naming_a_path_gets_the_placeholder_not_qts_own_loading(
        qtbot, demo_site, canary, name) -> None:
    """Given no image for a name, Qt loads the name itself, straight from the disk; so the
    loader answers every path-like name, with the placeholder when it is outside."""
    path, spy = canary
    browser = PreviewBrowser()
    qtbot.addWidget(browser)
    browser.show()
    browser.images.roots = allowed_roots(demo_site)
    src = name.format(canary=path, rel=os.path.relpath(path))
    browser.show_html(f'<p>Before.</p><img src="{src}"><table background="{src}"><tr><td>x'
                      "</td></tr></table><p>After.</p>")
    qtbot.waitUntil(lambda: "After." in browser.toPlainText(), timeout=WAIT)
    qtbot.wait(100)
    assert not spy.opened()
    image = browser.document().resource(QTextDocument.ResourceType.ImageResource.value, QUrl(src))
    assert isinstance(image, QImage) and image.text("placeholder") == OUTSIDE


@pytest.mark.parametrize("src", ["//host/share/x.png", "\\\\host\\share\\x.png",
                                 "file://host/share/x.png"])
def test_a_network_path_is_not_even_looked_at(qtbot, demo_site, monkeypatch, src) -> None:
    looked: list[str] = []
    real_realpath = os.path.realpath
    monkeypatch.setattr(os.path, "realpath",
                        lambda p, *a, **k: looked.append(os.fspath(p)) or real_realpath(p, *a, **k))
    browser, seen = show(qtbot, demo_site, f'<img src="{src}">')
    assert not any("host" in p for p in looked)  # no stat, no resolve: Windows would connect
    assert all(image is None or image.text("placeholder") == OUTSIDE for _url, image in seen)
    assert "not loaded" in browser.toPlainText() or "not found" in browser.toPlainText()


def test_images_inside_the_site_still_show(qtbot, demo_site) -> None:
    picture = write_image((demo_site / ARTICLE).parent / "inside.png", 64, 32)
    browser, seen = show(qtbot, demo_site, "![x](inside.png)")
    shown = [image for _url, image in seen if image is not None]
    assert shown and all(image.text("placeholder") != OUTSIDE for image in shown)
    assert confined(picture, allowed_roots(demo_site)) == picture.resolve()


def test_the_check_itself() -> None:
    root = allowed_roots("/srv/site")
    assert confined("/srv/site/content/a.png", root) is not None
    assert confined("/srv/site/../etc/passwd", root) is None
    assert confined("content/a.png", root) is None  # relative: would be the working directory
    assert confined("/srv/sitex/a.png", root) is None  # a sibling with the same prefix
    assert all(is_network_path(p) for p in
               ("\\\\host\\share\\x", "//host/share/x", "file://host/x", "\\\\?\\UNC\\h\\s"))
    assert not is_network_path("/srv/site/a.png")


def test_a_list_thumbnail_leading_out_of_the_site_is_not_read(
        qtbot, main_window, demo_site, canary) -> None:
    path, spy = canary
    link = demo_site / "static" / "leak.png"
    link.parent.mkdir(exist_ok=True)
    link.symlink_to(path)
    main_window.document.apply("Thumb", lambda hp: hp.set_thumbnail(0, "/leak.png"))
    qtbot.wait(300)  # the list asks the loader for the rows' thumbnails
    main_window.image_loader.wait_idle(5000)
    assert main_window.list_model._thumbnail_path("/leak.png") is None
    assert not spy.opened()
