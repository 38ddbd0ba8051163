"""Small author-facing touches: title drift in the list, spelling in comments, saving over a
pending conflict, the Problems dock. Real window, real files, real dictionary, real watcher."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import QMessageBox, QPlainTextEdit

from blogeditor.core.homepage.homepage import Homepage
from blogeditor.core.spelling.checker import SpellChecker
from blogeditor.gui.editor.markdown_highlighter import MarkdownHighlighter
from blogeditor.gui.posts.post_list_model import ThumbnailRole, TitleDriftRole
from blogeditor.gui.problems.problems_panel import ProblemsPanel
from blogeditor.gui.spelling.spell_source import SpellSource

Button = QMessageBox.StandardButton
WAIT = 10_000  # ms; generous for a loaded CI machine, never a timing assertion


def _retitle_article(path: Path, title: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.startswith("title"):
            quote = '"' if "=" in line else "'"
            sep = " = " if "=" in line else ": "
            lines[i] = f"title{sep}{quote}{title}{quote}\n"
            break
    else:  # pragma: no cover - the demo articles all have a title
        raise AssertionError(f"no title line in {path}")
    path.write_text("".join(lines), encoding="utf-8")


def test_list_marks_a_teaser_whose_article_title_drifted(qtbot, main_window) -> None:
    model = main_window.list_model
    index = model.index(0)
    qtbot.waitUntil(lambda: model.row(0).article_state != "missing", timeout=WAIT)
    model.refresh_site_state()
    assert index.data(TitleDriftRole) is None
    assert "article's title" not in index.data(Qt.ItemDataRole.ToolTipRole)

    teaser = main_window.document.homepage.teasers[0]
    article = main_window.document.site.article_path(teaser.link)
    assert article is not None
    _retitle_article(article, "A Completely Different Title")
    main_window.refresh_site_state()

    qtbot.waitUntil(lambda: index.data(TitleDriftRole) is not None, timeout=WAIT)
    assert index.data(TitleDriftRole) == "A Completely Different Title"
    assert "A Completely Different Title" in index.data(Qt.ItemDataRole.ToolTipRole)
    # The other teasers still agree with their articles.
    assert model.index(1).data(TitleDriftRole) is None


# ----- spelling inside multi-line comments ------------------------------------------------

def _underlined_words(doc: QTextDocument) -> list[str]:
    words: list[str] = []
    block = doc.firstBlock()
    while block.isValid():
        text = block.text()
        for fr in block.layout().formats():
            if fr.format.underlineStyle() == QTextCharFormat.UnderlineStyle.SpellCheckUnderline:
                words.append(text[fr.start : fr.start + fr.length])  # ASCII text: UTF-16 == str
        block = block.next()
    # Adjacent runs of one word (different base formats) join into one word.
    return [w for w in " ".join(words).split() if w]


def test_typos_inside_a_multi_line_comment_are_underlined(qtbot) -> None:
    widget = QPlainTextEdit()
    qtbot.addWidget(widget)
    highlighter = MarkdownHighlighter(widget.document())
    source = SpellSource(widget, highlighter, SpellChecker("en_US"))
    highlighter.spell_source = source
    widget.show()
    try:
        widget.setPlainText(
            "A wrold before.\n<!-- a note that\nspans teh lines\nand ends here -->\nAfter it, speling.\n"
        )
        source.worker.wait()
        qtbot.waitUntil(
            lambda: _underlined_words(widget.document()) == ["wrold", "teh", "speling"],
            timeout=WAIT,
        )
    finally:
        source.shutdown()


# ----- saving while a conflict is pending -------------------------------------------------

def _conflict(qtbot, window, site: Path) -> tuple[bytes, bytes]:  # type: ignore[no-untyped-def]
    """Mine and theirs both change teaser 2; the real watcher sees theirs arrive."""
    ctl = window.features.sync
    path = site / "content" / "_index.md"
    base = path.read_bytes()
    window.document.apply("Mine", lambda hp: hp.set_body(2, "Mine: a better opening."))
    mine = window.document.to_bytes()
    hp = Homepage.parse(base)
    hp.set_body(2, "Theirs: a different opening.")
    theirs = hp.to_bytes()
    with qtbot.waitSignal(ctl.conflict_detected, timeout=WAIT), path.open("r+b") as f:
        f.truncate(0)
        f.write(theirs)
    assert ctl.pending_conflict()
    return mine, theirs


def test_saving_over_a_pending_conflict_asks_first(qtbot, main_window, demo_site, dialogs) -> None:
    path = demo_site / "content" / "_index.md"
    ctl = main_window.features.sync
    mine, theirs = _conflict(qtbot, main_window, demo_site)

    dialogs.save_answer = Button.Cancel
    assert not main_window.save()
    assert path.read_bytes() == theirs  # nothing overwritten
    assert dialogs.texts("question") == [
        "The homepage changed on disk and you have not resolved it. Save yours over it?"
    ]
    assert ctl.pending_conflict() and main_window.document.to_bytes() == mine

    dialogs.save_answer = Button.Open  # "Compare…"
    assert not main_window.save()
    assert ctl.compare_dialog is not None and ctl.compare_dialog.isVisible()
    assert path.read_bytes() == theirs
    ctl.compare_dialog.reject()

    dialogs.save_answer = Button.Save  # "Save Mine"
    assert main_window.save()
    assert path.read_bytes() == mine
    assert not ctl.pending_conflict() and not main_window.document.is_dirty()


def test_saving_without_a_conflict_asks_nothing(main_window, demo_site, dialogs) -> None:
    main_window.document.apply("Mine", lambda hp: hp.set_body(1, "Plain edit."))
    assert main_window.save()
    assert dialogs.asked == []
    assert b"Plain edit." in (demo_site / "content" / "_index.md").read_bytes()


# ----- the Problems dock ------------------------------------------------------------------

def _panel(window):  # type: ignore[no-untyped-def]
    return window.findChild(ProblemsPanel)


def test_problems_dock_hidden_on_the_welcome_screen(qtbot, make_window, demo_site) -> None:
    window = make_window()
    panel = _panel(window)
    assert not panel.isVisible()
    assert not panel.toggleViewAction().isEnabled()  # View ▸ Problems cannot show an empty dock

    assert window.open_site(demo_site)
    assert panel.isVisible() and panel.toggleViewAction().isEnabled()
    # The full check runs after the window shows the site, not inside open_site.
    assert [panel.list.item(i).text() for i in range(panel.list.count())] == ["Checking…"]
    qtbot.waitUntil(lambda: any(e.kind == "link-mismatch" for e in panel.all_entries()),
                    timeout=WAIT)

    panel.toggleViewAction().trigger()  # the author hides it...
    assert not panel.isVisible()
    assert window.close_site()
    assert not panel.isVisible()
    assert window.open_site(demo_site)
    assert not panel.isVisible()  # ...and it stays hidden for the next site


def test_problems_spelling_uses_the_windows_checker(qtbot, main_window) -> None:
    panel = _panel(main_window)
    spell = main_window.features.spell
    assert panel.checker is spell.checker
    main_window.document.apply("Typo", lambda hp: hp.set_body(0, "A zorblaxian opening."))

    def words() -> set[str]:
        return {e.word for e in panel.all_entries() if e.kind == "spelling"}

    qtbot.waitUntil(lambda: "zorblaxian" in words(), timeout=WAIT)
    spell.ignore_all("zorblaxian")
    qtbot.waitUntil(lambda: "zorblaxian" not in words(), timeout=WAIT)

    spell.set_language("en_GB", remember=False)  # a new checker: the panel follows it
    assert panel.checker is spell.checker


# ----- thumbnails in the list -------------------------------------------------------------

def test_list_repaints_rows_when_their_thumbnails_arrive(qtbot, make_window, demo_site) -> None:
    window = make_window()
    model = window.list_model
    arrived: set[int] = set()

    def on_changed(top, bottom, roles) -> None:  # type: ignore[no-untyped-def]
        if ThumbnailRole in roles:
            arrived.update(range(top.row(), bottom.row() + 1))

    model.dataChanged.connect(on_changed)
    assert window.open_site(demo_site)
    with_thumbs = {i for i in range(model.rowCount()) if model.thumbnail_path(model.row(i))}
    assert with_thumbs
    for i in with_thumbs:  # what the view asks for while painting
        model.index(i).data(ThumbnailRole)
    qtbot.waitUntil(lambda: with_thumbs <= arrived, timeout=WAIT)
    assert all(isinstance(model.index(i).data(ThumbnailRole), QImage) for i in with_thumbs)


def test_a_thumbnail_replaced_on_disk_changes_in_the_list_without_a_blank(
        qtbot, main_window, demo_site) -> None:
    """Another program replaces a post's thumbnail: the row shows the old picture until the
    new one is decoded, never the grey placeholder in between, and then the new one."""
    model = main_window.list_model
    row = next(i for i in range(model.rowCount()) if model.thumbnail_path(model.row(i)))
    path = model.thumbnail_path(model.row(row))
    assert path is not None
    model.index(row).data(ThumbnailRole)  # what the view asks for while painting
    qtbot.waitUntil(lambda: isinstance(model.index(row).data(ThumbnailRole), QImage),
                    timeout=WAIT)
    old = model.index(row).data(ThumbnailRole)
    new = QImage(640, 360, QImage.Format.Format_RGB32)
    new.fill(Qt.GlobalColor.magenta)
    assert new.save(str(path), "JPEG")
    seen: list[object] = []

    def replaced() -> bool:
        shown = model.index(row).data(ThumbnailRole)
        seen.append(shown)
        return isinstance(shown, QImage) and shown.cacheKey() != old.cacheKey()

    qtbot.waitUntil(replaced, timeout=WAIT)
    assert all(isinstance(image, QImage) for image in seen), "a blank showed in between"
    fresh = seen[-1]
    assert isinstance(fresh, QImage)
    colour = fresh.pixelColor(fresh.width() // 2, fresh.height() // 2)
    assert colour.red() > 200 and colour.blue() > 200 and colour.green() < 60  # magenta


def test_a_narrow_list_elides_titles_instead_of_scrolling_sideways(qtbot, main_window) -> None:
    main_window.resize(1024, 640)
    main_window.splitter.setSizes([230, 400, 394])
    view = main_window.list_view
    qtbot.waitUntil(lambda: view.viewport().width() < 260, timeout=WAIT)
    view.doItemsLayout()  # what the view does on its next turn of the event loop
    assert view.horizontalScrollBar().maximum() == 0
