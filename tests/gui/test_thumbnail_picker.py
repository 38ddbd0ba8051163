"""The thumbnail picker on a copy of the demo site: choosing, importing, dropping, pasting, bad files."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, QSize, Qt, QUrl
from PySide6.QtGui import (
    QContextMenuEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QImage,
    QKeyEvent,
    QKeySequence,
)
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QWidget
from pytestqt.qtbot import QtBot

from blogeditor.core.site.site import Site
from blogeditor.gui.editor.document import HomepageDocument
from blogeditor.gui.images.image_loader import ImageLoader
from blogeditor.gui.images.picker_model import CurrentRole, ErrorRole, PathRole, StateRole
from blogeditor.gui.images.thumbnail_picker import ThumbnailPicker, encode_pasted_image
from tests.gui.imagefiles import (
    write_corrupt,
    write_huge_png_header,
    write_image,
    write_not_an_image,
    write_truncated,
)

RELEASE_NOTES = "/ai/teaching-a-small-model-to-write-release-notes"
PIPELINES = "/ci-cd/pipelines-that-explain-themselves"


@pytest.fixture
def loader() -> Iterator[ImageLoader]:
    loader = ImageLoader()
    yield loader
    loader.shutdown()


def index_of(document: HomepageDocument, link: str) -> int:
    return next(i for i, t in enumerate(document.homepage.teasers) if t.link == link)


def open_picker(qtbot: QtBot, demo_site: Path, loader: ImageLoader, link: str
                ) -> tuple[HomepageDocument, ThumbnailPicker]:
    document = HomepageDocument(Site.find(demo_site))
    picker = ThumbnailPicker(document, index_of(document, link), loader)
    qtbot.addWidget(picker)
    picker.show()
    return document, picker


def names(picker: ThumbnailPicker) -> list[str]:
    rows = range(picker.model.rowCount())
    return [p.name if (p := picker.model.index(r).data(PathRole)) else "-" for r in rows]


def row_named(picker: ThumbnailPicker, name: str) -> int:
    return names(picker).index(name)


def test_grid_lists_the_article_images_and_marks_the_current(
        qtbot: QtBot, demo_site: Path, loader: ImageLoader) -> None:
    _doc, picker = open_picker(qtbot, demo_site, loader, RELEASE_NOTES)
    assert names(picker) == ["-", "thumbnail-01.jpg", "thumbnail-02-small.png", "thumbnail.jpg"]
    current = [r for r in range(4) if picker.model.index(r).data(CurrentRole)]
    assert current == [row_named(picker, "thumbnail-01.jpg")]
    assert picker.selected_path() == picker.current_path
    assert "✓" in picker.model.index(current[0]).data(Qt.ItemDataRole.DisplayRole)
    # Thumbnails arrive off the GUI thread; placeholders until then.
    qtbot.waitUntil(lambda: all(picker.model.index(r).data(StateRole) in ("loaded", "none")
                                for r in range(4)), timeout=10_000)
    assert "px" in picker.info.text() and "KB" in picker.info.text()


def test_grid_fills_its_width_before_wrapping(
        qtbot: QtBot, demo_site: Path, loader: ImageLoader) -> None:
    _doc, picker = open_picker(qtbot, demo_site, loader, RELEASE_NOTES)
    view = picker.view
    picker.resize(picker.minimumSizeHint())  # the smallest the author can make it
    qtbot.waitUntil(lambda: view.visualRect(picker.model.index(3)).isValid(), timeout=10_000)
    tops = [view.visualRect(picker.model.index(r)).top() for r in range(4)]
    assert tops[0] == tops[1] == tops[2] < tops[3]  # three side by side, the fourth below
    cell = view.sizeHintForIndex(picker.model.index(1))
    assert view.gridSize().width() >= cell.width() and view.gridSize().height() >= cell.height()
    assert view.visualRect(picker.model.index(2)).right() < view.viewport().width()
    assert view.horizontalScrollBar().maximum() == 0


def test_choosing_rewrites_exactly_the_thumbnail_line(
        qtbot: QtBot, demo_site: Path, loader: ImageLoader) -> None:
    homepage = demo_site / "content" / "_index.md"
    before = homepage.read_text(encoding="utf-8")
    document, picker = open_picker(qtbot, demo_site, loader, PIPELINES)
    picker.view.setCurrentIndex(picker.model.index(row_named(picker, "thumbnail-01.jpg")))
    picker.accept_choice()
    assert not picker.isVisible()
    assert document.save()
    after = homepage.read_text(encoding="utf-8")
    old_line = ('<a href="/ci-cd/pipelines-that-explain-themselves"><img src="/ci-cd/'
                'pipelines-that-explain-themselves/thumbnail.jpg" style="width:50%; '
                'float:right; padding: 10px"></a>')
    new_line = old_line.replace("/thumbnail.jpg", "/thumbnail-01.jpg")
    assert before.count(old_line) == 1
    assert after == before.replace(old_line, new_line)
    document.undo_stack.undo()
    assert document.to_bytes() == before.encode("utf-8")


def test_choice_follows_the_post_when_the_homepage_changed_meanwhile(
        qtbot: QtBot, demo_site: Path, loader: ImageLoader) -> None:
    document, picker = open_picker(qtbot, demo_site, loader, PIPELINES)
    old_index = picker.index
    document.apply("move", lambda hp: hp.move(old_index, 0))  # e.g. reloaded from disk
    picker.view.setCurrentIndex(picker.model.index(row_named(picker, "thumbnail-01.jpg")))
    assert picker.choose(picker.selected_path())
    assert document.homepage.teasers[0].link == PIPELINES
    assert document.homepage.teasers[0].thumbnail == f"{PIPELINES}/thumbnail-01.jpg"
    document.apply("remove", lambda hp: hp.remove(0))
    assert not picker.choose(None)
    assert "no longer on the homepage" in picker.warnings.text()


def test_no_thumbnail_is_a_choice(qtbot: QtBot, demo_site: Path, loader: ImageLoader) -> None:
    document, picker = open_picker(qtbot, demo_site, loader, RELEASE_NOTES)
    before = document.to_bytes().decode("utf-8")
    picker.view.setCurrentIndex(picker.model.index(0))
    assert "No thumbnail" in picker.info.text()
    picker.accept_choice()
    teaser = document.homepage.teasers[index_of(document, RELEASE_NOTES)]
    assert teaser.thumbnail is None and teaser.hidden
    line = (f'<!-- <img src="{RELEASE_NOTES}/thumbnail-01.jpg" '
            'style="width:50%; float:right; padding: 10px">\n\n## [Teaching')
    assert before.count(line) == 1
    assert document.to_bytes().decode("utf-8") == before.replace(line, "<!-- ## [Teaching")


def test_import_copies_under_the_next_name(
        qtbot: QtBot, demo_site: Path, loader: ImageLoader, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    src = write_image(tmp_path / "holiday photo.JPG", 1280, 720)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *a, **k: ([str(src)], "Images"))
    document, picker = open_picker(qtbot, demo_site, loader, RELEASE_NOTES)
    bundle = demo_site / "content" / RELEASE_NOTES.strip("/")
    created = picker.import_button.click() or picker.selected_path()
    assert created == bundle / "thumbnail-03.jpg"
    assert created.read_bytes() == src.read_bytes() and src.exists()
    assert "thumbnail-03.jpg" in names(picker)
    assert not document.is_dirty()  # importing alone does not change the homepage


def drop(target: QWidget, files: list[Path], pos: QPoint) -> bool:
    """Drag files over `target` and drop them, the way a file manager does; True if taken."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(pos, Qt.DropAction.CopyAction, mime, buttons, mods)
    QApplication.sendEvent(target, enter)
    move = QDragMoveEvent(pos, Qt.DropAction.CopyAction, mime, buttons, mods)
    QApplication.sendEvent(target, move)
    if not (enter.isAccepted() and move.isAccepted()):
        return False
    event = QDropEvent(QPointF(pos), Qt.DropAction.CopyAction, mime, buttons, mods)
    QApplication.sendEvent(target, event)
    return event.isAccepted()


def test_drop_on_the_picker_imports(
        qtbot: QtBot, demo_site: Path, loader: ImageLoader, tmp_path: Path) -> None:
    src = write_image(tmp_path / "drawing.png", 640, 360)
    _doc, picker = open_picker(qtbot, demo_site, loader, PIPELINES)
    assert not drop(picker.view.viewport(), [tmp_path / "notes.txt"], QPoint(20, 20))
    assert drop(picker.view.viewport(), [src, tmp_path / "notes.txt"], QPoint(20, 20))
    bundle = demo_site / "content" / PIPELINES.strip("/")
    assert (bundle / "thumbnail-02.png").read_bytes() == src.read_bytes()
    assert picker.selected_path() == bundle / "thumbnail-02.png"


def test_paste_into_the_picker_saves_the_image(
        qtbot: QtBot, demo_site: Path, loader: ImageLoader) -> None:
    _doc, picker = open_picker(qtbot, demo_site, loader, RELEASE_NOTES)
    image = QImage(320, 180, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkMagenta)
    QGuiApplication.clipboard().setImage(image)
    QApplication.sendEvent(picker, QKeyEvent(QKeyEvent.Type.KeyPress, Qt.Key.Key_V,
                                             Qt.KeyboardModifier.ControlModifier))
    created = demo_site / "content" / RELEASE_NOTES.strip("/") / "thumbnail-03.png"
    assert QImage(str(created)).size() == QSize(320, 180)
    assert picker.selected_path() == created


BAD = [
    ("empty.jpg", lambda p: p.write_bytes(b""), "empty"),
    ("page.jpg", write_not_an_image, "not an image"),
    ("corrupt.jpg", write_corrupt, "damaged"),
    ("cut.jpg", write_truncated, "truncated"),
    ("huge.png", write_huge_png_header, "too large"),
]


def test_bad_files_get_a_placeholder_and_a_message(
        qtbot: QtBot, demo_site: Path, loader: ImageLoader) -> None:
    bundle = demo_site / "content" / PIPELINES.strip("/")
    for name, make, _words in BAD:
        make(bundle / name)
    _doc, picker = open_picker(qtbot, demo_site, loader, PIPELINES)
    picker.view.resize(1400, 900)  # every cell on screen, so every cell asks for its image
    model = picker.model
    rows = {name: row_named(picker, name) for name, _m, _w in BAD}
    for row in rows.values():
        model.index(row).data(Qt.ItemDataRole.DecorationRole)
    qtbot.waitUntil(lambda: all(model.index(r).data(StateRole) == "failed"
                                for r in rows.values()), timeout=10_000)
    for name, _make, words in BAD:
        index = model.index(rows[name])
        assert words in index.data(ErrorRole) and name in index.data(ErrorRole)
        assert words in index.data(Qt.ItemDataRole.ToolTipRole)
        picker.view.setCurrentIndex(index)
        assert name in picker.warnings.text(), name
    good = model.index(row_named(picker, "thumbnail.jpg"))
    qtbot.waitUntil(lambda: good.data(StateRole) == "loaded", timeout=10_000)


def test_warnings_for_a_thumbnail_from_another_article(
        qtbot: QtBot, demo_site: Path, loader: ImageLoader) -> None:
    foreign = demo_site / "content" / "misc" / "writing-in-plain-text" / "thumbnail.jpg"
    document, picker = open_picker(qtbot, demo_site, loader, PIPELINES)
    picker.scope.setCurrentIndex(1)  # all images in the site, listed off the GUI thread
    qtbot.waitUntil(lambda: picker.model.row_of(foreign) is not None, timeout=10_000)
    picker.view.setCurrentIndex(picker.model.index(picker.model.row_of(foreign)))
    assert "another article" in picker.warnings.text()
    assert picker.choose(foreign)
    teaser = document.homepage.teasers[index_of(document, PIPELINES)]
    assert teaser.thumbnail == "/misc/writing-in-plain-text/thumbnail.jpg"


def test_current_thumbnail_problems_are_shown_on_opening(
        qtbot: QtBot, demo_site: Path, loader: ImageLoader) -> None:
    document = HomepageDocument(Site.find(demo_site))
    index = index_of(document, PIPELINES)
    # Like the seed's first teaser: a thumbnail from another article's folder.
    borrowed = "/misc/writing-in-plain-text/thumbnail.jpg"
    document.apply("t", lambda hp: hp.set_thumbnail(index, borrowed))
    picker = ThumbnailPicker(document, index, loader)
    qtbot.addWidget(picker)
    assert borrowed in picker.current_label.text()
    assert "another article's folder" in picker.current_label.text()
    assert names(picker)[1] == "thumbnail.jpg" and picker.selected_path() == picker.current_path
    assert picker.current_path == demo_site / "content" / borrowed.strip("/")
    gone = f"{PIPELINES}/thumbnail-07.jpg"
    document.apply("t", lambda hp: hp.set_thumbnail(index, gone))
    picker = ThumbnailPicker(document, index, loader)
    qtbot.addWidget(picker)
    assert "thumbnail-07.jpg is missing" in picker.current_label.text()


def test_a_wide_image_in_another_ratio_is_flagged(
        qtbot: QtBot, demo_site: Path, loader: ImageLoader) -> None:
    bundle = demo_site / "content" / PIPELINES.strip("/")
    write_image(bundle / "banner.png", 2400, 600)
    _doc, picker = open_picker(qtbot, demo_site, loader, PIPELINES)
    picker.view.setCurrentIndex(picker.model.index(row_named(picker, "banner.png")))
    text = picker.warnings.text()
    assert "2,400 px wide" in text and "4.00:1" in text


# -- in the main window ----------------------------------------------------------------------


@pytest.fixture
def window(main_window: object) -> object:
    """The real MainWindow (tests/gui/conftest.py) with the demo site copy open."""
    return main_window


def select(window: object, link: str) -> int:
    index = index_of(window.document, link)  # type: ignore[attr-defined]
    window.list_view.select_teaser(index)  # type: ignore[attr-defined]
    assert window.current_index() == index  # type: ignore[attr-defined]
    return index


def thumbnail_of(window: object, link: str) -> str | None:
    doc = window.document  # type: ignore[attr-defined]
    return doc.homepage.teasers[index_of(doc, link)].thumbnail


def test_install_adds_the_menu_entry_and_shortcut(window: object) -> None:
    actions = window.features.thumbnails
    assert actions.choose_action in window.menus["post"].actions()  # type: ignore[attr-defined]
    assert actions.choose_action.shortcut() == QKeySequence("Ctrl+T")
    select(window, PIPELINES)
    actions.choose_action.trigger()
    dialog = actions.dialog
    assert isinstance(dialog, ThumbnailPicker) and dialog.isVisible()
    assert dialog.link == PIPELINES
    dialog.reject()


def test_context_menus_offer_the_picker(window: object) -> None:
    actions = window.features.thumbnails
    menu = QMenu()
    window.list_view.context_menu_requested.emit(menu)  # type: ignore[attr-defined]
    assert actions.choose_action in menu.actions()
    select(window, PIPELINES)
    editor = window.editor  # type: ignore[attr-defined]
    corner = editor.viewport().rect().bottomRight() - QPoint(5, 5)
    QApplication.sendEvent(editor.viewport(), QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, corner, editor.viewport().mapToGlobal(corner)))
    shown = [m for m in editor.findChildren(QMenu) if m.isVisible()]
    assert shown
    QApplication.processEvents()  # entries join the menu right after it opens
    assert actions.choose_action in shown[0].actions()
    shown[0].close()


def test_drop_on_a_list_item_sets_that_posts_thumbnail(
        qtbot: QtBot, window: object, demo_site: Path, tmp_path: Path) -> None:
    src = write_image(tmp_path / "new.jpg", 1280, 720)
    view = window.list_view  # type: ignore[attr-defined]
    target = index_of(window.document, PIPELINES)  # type: ignore[attr-defined]
    rect = view.visualRect(view.view_index(target))
    assert rect.isValid()
    assert drop(view.viewport(), [src], rect.center())
    created = demo_site / "content" / PIPELINES.strip("/") / "thumbnail-02.jpg"
    assert created.read_bytes() == src.read_bytes() and src.exists()
    assert thumbnail_of(window, PIPELINES) == f"{PIPELINES}/thumbnail-02.jpg"
    window.document.undo_stack.undo()  # type: ignore[attr-defined]
    assert thumbnail_of(window, PIPELINES) == f"{PIPELINES}/thumbnail.jpg"
    assert created.exists()  # undo restores the line, never deletes the author's file


def test_drop_on_the_editor_sets_the_current_posts_thumbnail(
        window: object, demo_site: Path, tmp_path: Path) -> None:
    src = write_image(tmp_path / "diagram.png", 800, 450)
    select(window, RELEASE_NOTES)
    assert drop(window.editor.viewport(), [src], QPoint(30, 30))  # type: ignore[attr-defined]
    assert (demo_site / "content" / RELEASE_NOTES.strip("/") / "thumbnail-03.png").exists()
    assert thumbnail_of(window, RELEASE_NOTES) == f"{RELEASE_NOTES}/thumbnail-03.png"
    assert "thumbnail-03.png" in window.editor.toPlainText()  # type: ignore[attr-defined]


def test_paste_an_image_into_the_editor(window: object, demo_site: Path) -> None:
    select(window, "/misc/a-tidy-desk-for-a-tidy-project")
    image = QImage(640, 360, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkCyan)
    QGuiApplication.clipboard().setImage(image)
    editor = window.editor  # type: ignore[attr-defined]
    text_before = editor.toPlainText()
    QApplication.sendEvent(editor, QKeyEvent(QKeyEvent.Type.KeyPress, Qt.Key.Key_V,
                                             Qt.KeyboardModifier.ControlModifier))
    created = demo_site / "content" / "misc" / "a-tidy-desk-for-a-tidy-project" / "thumbnail-01.png"
    assert created.exists() and QImage(str(created)).size() == image.size()
    assert thumbnail_of(window, "/misc/a-tidy-desk-for-a-tidy-project").endswith("thumbnail-01.png")
    assert "thumbnail-01.png" in editor.toPlainText() and text_before != editor.toPlainText()


def test_pasting_text_still_pastes_text(window: object) -> None:
    select(window, "/misc/a-tidy-desk-for-a-tidy-project")
    QGuiApplication.clipboard().setText("plain words")
    editor = window.editor  # type: ignore[attr-defined]
    QApplication.sendEvent(editor, QKeyEvent(QKeyEvent.Type.KeyPress, Qt.Key.Key_V,
                                             Qt.KeyboardModifier.ControlModifier))
    assert "plain words" in editor.toPlainText()


def test_pasted_photos_become_jpeg_when_png_would_be_heavy() -> None:
    noise = os.urandom(1600 * 900 * 4)
    noisy = QImage(noise, 1600, 900, QImage.Format.Format_RGB32).copy()
    data, ext = encode_pasted_image(noisy)
    assert ext == ".jpg" and data[:3] == b"\xff\xd8\xff"
    flat = QImage(1600, 900, QImage.Format.Format_RGB32)
    flat.fill(Qt.GlobalColor.white)
    data, ext = encode_pasted_image(flat)
    assert ext == ".png" and data[:4] == b"\x89PNG"


def test_demo_site_copy_is_private(demo_site: Path) -> None:
    # Guard for the tests above: they write into the copy, never into resources/.
    assert "resources" not in demo_site.parts
    shutil.rmtree(demo_site / "content" / "misc")


def test_all_images_of_the_site_keep_the_current_thumbnail_selected(
        qtbot: QtBot, demo_site: Path, loader: ImageLoader) -> None:
    # Enough images that the current one arrives in a later batch than the first.
    sample = next((demo_site / "content").rglob("thumbnail.jpg")).read_bytes()
    for folder in ("aaa-gallery", "zzz-gallery"):
        (demo_site / "content" / "ai" / folder).mkdir()
        for n in range(250):
            (demo_site / "content" / "ai" / folder / f"shot-{n:03}.jpg").write_bytes(sample)
    _doc, picker = open_picker(qtbot, demo_site, loader, RELEASE_NOTES)
    current = picker.current_path
    picker.scope.setCurrentIndex(1)
    qtbot.waitUntil(lambda: picker.model.rowCount() > 500, timeout=10_000)
    qtbot.wait(200)  # every batch of the lister
    assert picker.selected_path() == current
    assert "(current thumbnail)" in picker.info.text()


def test_the_filter_box_narrows_the_grid_by_name_and_folder(
        qtbot: QtBot, demo_site: Path, loader: ImageLoader) -> None:
    _doc, picker = open_picker(qtbot, demo_site, loader, RELEASE_NOTES)
    picker.scope.setCurrentIndex(1)
    qtbot.waitUntil(lambda: picker.model.rowCount() > 10, timeout=10_000)
    everything = picker.model.rowCount()
    qtbot.keyClicks(picker.filter_edit, "kubernetes png")
    qtbot.waitUntil(lambda: picker.model.rowCount() < everything, timeout=2000)
    shown = [p for p in picker.model.paths()]
    assert shown and all("kubernetes" in p.as_posix() and "png" in p.name for p in shown)
    picker.filter_edit.clear()
    qtbot.waitUntil(lambda: picker.model.rowCount() == everything, timeout=2000)


def test_the_big_preview_never_follows_the_mouse(
        qtbot: QtBot, demo_site: Path, loader: ImageLoader) -> None:
    from PySide6.QtTest import QTest

    _doc, picker = open_picker(qtbot, demo_site, loader, RELEASE_NOTES)
    shown = picker.info.text()
    other = picker.model.index(row_named(picker, "thumbnail.jpg"))
    qtbot.waitUntil(lambda: picker.view.visualRect(other).isValid(), timeout=5000)
    QTest.mouseMove(picker.view.viewport(), picker.view.visualRect(other).center())
    qtbot.wait(100)
    assert picker.info.text() == shown
    assert picker.selected_path() == picker.current_path


def test_images_added_while_the_picker_is_open_appear(window, demo_site: Path, qtbot: QtBot) -> None:
    index = select(window, RELEASE_NOTES)
    picker = window.features.thumbnails.open_picker(index)
    before = names(picker)
    folder = picker.bundle
    shutil.copy(folder / "thumbnail.jpg", folder / "fresh-from-the-camera.jpg")
    # The site watcher (a real watchdog observer) reports it; the open grid follows.
    qtbot.waitUntil(lambda: "fresh-from-the-camera.jpg" in names(picker), timeout=10_000)
    assert set(before) < set(names(picker))
    assert picker.selected_path() == picker.current_path
    picker.reject()


def test_an_image_that_leads_out_of_the_site_is_never_listed(
        qtbot: QtBot, demo_site: Path, loader: ImageLoader, tmp_path: Path) -> None:
    outside = tmp_path / "outside.jpg"
    shutil.copy(next((demo_site / "content").rglob("thumbnail.jpg")), outside)
    bundle = demo_site / "content" / RELEASE_NOTES.strip("/")
    (bundle / "sneaky.jpg").symlink_to(outside)
    _doc, picker = open_picker(qtbot, demo_site, loader, RELEASE_NOTES)
    assert "sneaky.jpg" not in names(picker)
    picker.scope.setCurrentIndex(1)
    qtbot.waitUntil(lambda: picker.model.rowCount() > 5, timeout=10_000)
    qtbot.wait(200)
    assert "sneaky.jpg" not in names(picker)
