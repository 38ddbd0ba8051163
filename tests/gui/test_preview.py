"""The live preview widget and its controller, with real widgets, files and threads."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from blogeditor.core.render.render import IncrementalRenderer, render_article_html, render_teaser_html
from blogeditor.core.storage.confine import allowed_roots
from blogeditor.gui.preview.preview import PreviewBrowser, build_document
from blogeditor.gui.preview.preview_controller import PreviewController

LONG = "\n\n".join(f"Paragraph {i}: " + "words and more words " * 12 for i in range(120))


class FolderSite:
    def __init__(self, root: Path) -> None:
        self.root = root

    def resolve_image(self, src: str) -> Path | None:
        path = self.root / "content" / src.lstrip("/")
        return path if path.is_file() else None


@pytest.fixture
def browser(qtbot: QtBot, tmp_path: Path) -> PreviewBrowser:
    widget = PreviewBrowser()
    widget.images.roots = allowed_roots(tmp_path)  # the site these tests build: images from it
    widget.resize(500, 400)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def make_thumbnail(tmp_path: Path) -> Path:
    path = tmp_path / "content" / "ai" / "post" / "thumb nail.png"  # spaces survive the URL
    path.parent.mkdir(parents=True)
    image = QImage(1200, 600, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkCyan)
    assert image.save(str(path))
    return path


def test_scroll_position_is_kept_across_updates(browser: PreviewBrowser, qtbot: QtBot) -> None:
    browser.show_html(render_article_html(LONG))
    bar = browser.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 1000)
    bar.setValue(bar.maximum() // 2)
    before = bar.value()
    browser.show_html(render_article_html(LONG.replace("Paragraph 3:", "Paragraph three:")))
    qtbot.wait(20)
    assert abs(bar.value() - before) <= 2
    assert "Paragraph three:" in browser.toPlainText()


def test_block_updates_patch_in_place_and_keep_scroll(browser: PreviewBrowser, qtbot: QtBot) -> None:
    renderer = IncrementalRenderer()
    browser.show_blocks(renderer.render_blocks(LONG))
    document = browser.document()
    bar = browser.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 1000)
    bar.setValue(bar.maximum() // 2)
    before = bar.value()
    edited = LONG.replace("Paragraph 60:", "Paragraph sixty, **edited**:")
    browser.show_blocks(renderer.render_blocks(edited))
    assert browser.document() is document  # patched, not replaced
    assert bar.value() == before
    assert "Paragraph sixty, edited:" in browser.toPlainText()
    # The patched document equals one built from scratch.
    fresh = build_document(renderer.render_blocks(edited), dark=False, store=browser.images)
    assert fresh.toHtml() == document.toHtml()


def test_follow_ratio_scrolls_proportionally(browser: PreviewBrowser, qtbot: QtBot) -> None:
    browser.show_html(render_article_html(LONG))
    bar = browser.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 1000)
    browser.follow_ratio(0.5)
    assert abs(bar.value() - bar.maximum() / 2) <= 1
    browser.follow_ratio(1.0)
    assert bar.value() == bar.maximum()
    browser.follow_ratio(0.0)
    assert bar.value() == 0


def test_local_thumbnail_is_shown_at_half_width(
    browser: PreviewBrowser, qtbot: QtBot, tmp_path: Path
) -> None:
    thumb = make_thumbnail(tmp_path)
    teaser = (
        '<img src="/ai/post/thumb%20nail.png" style="width:50%; float:right">\n\n'
        "## [Post](/ai/post)\n\nText.\n"
    )
    browser.show_html(render_teaser_html(teaser, site=FolderSite(tmp_path)))
    url = QUrl("blogeditor-image://" + QUrl.fromLocalFile(str(thumb)).path() + "?w=50")
    qtbot.waitUntil(lambda: url.toString() in browser.document().loaded_urls)  # type: ignore[attr-defined]
    image = browser.document().resource(QTextDocument.ResourceType.ImageResource.value, url)
    assert isinstance(image, QImage) and not image.isNull()
    shown_width = image.width() / image.devicePixelRatio()
    assert abs(shown_width - browser._available_width() / 2) <= 2
    assert image.width() < 1200  # decoded small, not at the file's 1200 px


def test_remote_image_is_not_loaded(browser: PreviewBrowser, qtbot: QtBot) -> None:
    # Raw HTML that slipped past the renderer: the widget itself refuses the load.
    remote = "http://127.0.0.1:9/tracker.png"
    browser.setHtml(f'<p>x <img src="{remote}"> y</p>')
    qtbot.waitUntil(lambda: remote in browser.images.refused)
    result = browser.document().resource(QTextDocument.ResourceType.ImageResource.value, QUrl(remote))
    assert result is None or (isinstance(result, QImage) and result.isNull())


def click_link(browser: PreviewBrowser, qtbot: QtBot, text: str) -> None:
    cursor = browser.document().find(text)
    assert not cursor.isNull()
    cursor.setPosition(cursor.selectionStart() + 1)
    point = browser.cursorRect(cursor).center()
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_internal_link_emits_signal(browser: PreviewBrowser, qtbot: QtBot) -> None:
    browser.show_html(render_teaser_html("## [Other post](/kubernetes/other-post)\n\nText."))
    with qtbot.waitSignal(browser.internal_link_clicked, timeout=2000) as blocker:
        click_link(browser, qtbot, "Other post")
    assert blocker.args == ["/kubernetes/other-post"]


def test_external_link_opens_system_browser_not_the_preview(
    browser: PreviewBrowser, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    # The desktop's browser is outside the test: record the request instead of launching it.
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)
    browser.show_html(render_teaser_html("Read [the docs](https://example.com/docs) now."))
    before = browser.toPlainText()
    internal: list[str] = []
    browser.internal_link_clicked.connect(internal.append)
    click_link(browser, qtbot, "the docs")
    qtbot.waitUntil(lambda: opened == ["https://example.com/docs"])
    assert browser.toPlainText() == before
    assert browser.source() == QUrl()
    assert internal == []


def test_controller_renders_editor_text_synchronously_for_small_text(qtbot: QtBot) -> None:
    browser = PreviewBrowser()
    editor = QPlainTextEdit()
    qtbot.addWidget(browser)
    qtbot.addWidget(editor)
    controller = PreviewController(browser, mode="teaser")
    controller.attach_editor(editor)
    editor.setPlainText("## [Title](/a/b)\n\nHello **world** {{< youtube abc >}}")
    qtbot.waitUntil(controller.is_idle)
    text = browser.toPlainText()
    assert "Hello world" in text and "YouTube video abc" in text


def test_controller_renders_large_article_in_a_worker_and_keeps_up(qtbot: QtBot) -> None:
    browser = PreviewBrowser()
    editor = QPlainTextEdit()
    qtbot.addWidget(browser)
    qtbot.addWidget(editor)
    controller = PreviewController(browser, mode="article")
    article = "+++\ntitle = 'Big'\n+++\n\n" + "\n\n".join(
        f"## Part {i}\n\nSome text about part {i}.\n\n```yaml\nkey: {i} # c\n```" for i in range(1000)
    )
    assert len(article) > 60_000  # large enough for the worker and the window
    controller.attach_editor(editor)
    editor.setPlainText(article)
    qtbot.waitUntil(controller.is_idle, timeout=20_000)
    assert "Part 0" in browser.toPlainText() and "title =" not in browser.toPlainText()
    # Type at the start: several revisions in a row; only the newest ends up shown.
    cursor = editor.textCursor()
    cursor.setPosition(article.index("Some text about part 0.") + len("Some text"))
    for ch in " really":
        cursor.insertText(ch)
    qtbot.waitUntil(controller.is_idle, timeout=20_000)
    assert "Some text really about part 0." in browser.toPlainText()
    assert controller.shown_revision == controller.revision
    # Scroll the editor to the end: the preview's window follows.
    editor.verticalScrollBar().setValue(editor.verticalScrollBar().maximum())
    qtbot.waitUntil(lambda: "Part 999" in browser.toPlainText(), timeout=20_000)
    assert editor.cursorForPosition(QPoint(0, 0)).position() > 0
    controller.wait_for_done()


def test_dark_palette_switches_to_dark_stylesheet(qtbot: QtBot) -> None:
    browser = PreviewBrowser()
    qtbot.addWidget(browser)
    controller = PreviewController(browser, mode="teaser")
    controller.set_text("Some `code` here.")
    controller.render_now()
    light = browser.document().toHtml()
    controller.set_dark(True)
    controller.render_now()
    assert browser.document().toHtml() != light


def test_thumbnail_is_decoded_again_for_a_new_width(
    browser: PreviewBrowser, qtbot: QtBot, tmp_path: Path
) -> None:
    thumb = make_thumbnail(tmp_path)
    browser.show_html(
        render_teaser_html('<img src="/ai/post/thumb%20nail.png" style="width:50%">', site=FolderSite(tmp_path))
    )
    url = QUrl("blogeditor-image://" + QUrl.fromLocalFile(str(thumb)).path() + "?w=50")
    kind = QTextDocument.ResourceType.ImageResource.value
    qtbot.waitUntil(lambda: url.toString() in browser.document().loaded_urls)  # type: ignore[attr-defined]
    narrow = browser.document().resource(kind, url).width()
    browser.resize(900, 400)
    qtbot.waitUntil(lambda: browser.document().resource(kind, url).width() > narrow + 100)


def test_links_are_left_to_a_window_that_handles_them_itself(
    browser: PreviewBrowser, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)
    handled: list[str] = []
    browser.anchorClicked.connect(lambda url: handled.append(url.toString()))
    browser.show_html(render_teaser_html("Read [the docs](https://example.com/docs) now."))
    click_link(browser, qtbot, "the docs")
    qtbot.waitUntil(lambda: handled == ["https://example.com/docs"])
    qtbot.wait(50)
    assert opened == []  # opened once by the window, not a second time here


def test_thumbnail_keeps_the_homepage_padding(browser: PreviewBrowser, qtbot: QtBot, tmp_path: Path) -> None:
    thumb = make_thumbnail(tmp_path)
    teaser = '<img src="/ai/post/thumb%20nail.png" style="width:50%; float:right; padding: 10px">\n\nText.'
    browser.show_html(render_teaser_html(teaser, site=FolderSite(tmp_path)))
    url = QUrl("blogeditor-image://" + QUrl.fromLocalFile(str(thumb)).path() + "?w=50&p=10")
    qtbot.waitUntil(lambda: url.toString() in browser.document().loaded_urls)  # type: ignore[attr-defined]
    image = browser.document().resource(QTextDocument.ResourceType.ImageResource.value, url)
    pad = round(10 * image.devicePixelRatio())
    assert image.pixelColor(pad // 2, pad // 2).alpha() == 0  # transparent margin
    assert image.pixelColor(image.width() // 2, image.height() // 2).alpha() == 255


def test_many_random_edits_patch_to_the_same_document_as_a_fresh_build(
    browser: PreviewBrowser,
) -> None:
    import random

    rnd = random.Random(7)
    text = "\n\n".join(
        [
            "Intro **bold** and `code`.",
            "- one\n- two",
            "| a | b |\n|---|---|\n| 1 | 2 |",
            "```yaml\nkey: 1 # c\n```",
            "{{< youtube abc >}}",
            "## Heading",
            "<!--more-->",
            "> quoted",
            "Last paragraph.",
        ]
        * 4
    )
    renderer = IncrementalRenderer()
    browser.show_blocks(renderer.render_blocks(text))
    for _ in range(60):
        at = rnd.randrange(len(text) + 1)
        typed = rnd.choice(["x", " ", "\n", "\n\n", "*", "`", "- ", "|", ""])
        text = text[:at] + typed + text[at + rnd.choice([0, 0, 1, 2]) :]
        browser.show_blocks(renderer.render_blocks(text))
    fresh = build_document(IncrementalRenderer().render_blocks(text), dark=False, store=browser.images)
    assert browser.document().toHtml() == fresh.toHtml()
