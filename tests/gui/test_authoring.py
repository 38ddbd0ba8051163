"""The authoring cycle in a real window: article tab and form, Publish, teaser from article,
titles, New Post and the Problems dock (real files of a private demo-site copy)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMessageBox

from blogeditor.core.article.article import Article
from blogeditor.core.homepage.homepage import Homepage
from blogeditor.core.site.site import Site
from blogeditor.gui.article.article_editor import ArticleEditor
from blogeditor.gui.article.authoring import ARTICLE_TAB, TEASER_TAB, Authoring
from blogeditor.gui.posts.new_post_dialog import NewPostDialog
from blogeditor.gui.posts.post_list_model import ArticleStateRole

WAIT = 10_000
FIRST = "content/ai/teaching-a-small-model-to-write-release-notes/_index.md"
YAML_POST = "content/ai/reviewing-code-with-a-language-model/_index.md"
TIDY = "content/misc/a-tidy-desk-for-a-tidy-project/_index.md"


def changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    a, b = before.split("\n"), after.split("\n")
    assert len(a) == len(b), "a line was added or removed"
    return [(x, y) for x, y in zip(a, b, strict=True) if x != y]


def authoring(window) -> Authoring:  # type: ignore[no-untyped-def]
    return window.features.authoring


def select(qtbot, window, index: int) -> None:  # type: ignore[no-untyped-def]
    window.select_index(index)
    qtbot.waitUntil(lambda: window.current_index() == index, timeout=WAIT)


# -- the article editor on its own ---------------------------------------------------------


@pytest.fixture
def article_editor(qtbot, demo_site: Path):  # type: ignore[no-untyped-def]
    editor = ArticleEditor()
    qtbot.addWidget(editor)
    editor.show()
    yield editor
    editor.shutdown()


def test_form_date_edit_changes_only_that_line(qtbot, article_editor, demo_site: Path) -> None:
    path = demo_site / YAML_POST
    before = path.read_text(encoding="utf-8")
    assert article_editor.open(Site.find(demo_site), path)
    form = article_editor.form
    assert form.title_edit.text() == "Reviewing Code with a Language Model: A Month of Notes"
    assert not form.draft_check.isChecked()
    form.date_edit.setDateTime(QDateTime(QDate(2026, 12, 24), QTime(9, 30)))
    assert article_editor.is_dirty()
    assert article_editor.save()
    after = path.read_text(encoding="utf-8")
    assert changed_lines(before, after) == [
        ("date: 2026-10-29T07:00:00+00:00", "date: 2026-12-24T09:30:00+00:00")
    ]
    assert not article_editor.is_dirty()


def test_form_follows_the_text_and_back(qtbot, article_editor, demo_site: Path) -> None:
    path = demo_site / FIRST
    assert article_editor.open(Site.find(demo_site), path)
    form = article_editor.form
    assert form.draft_check.isChecked()
    # Typing in the raw text updates the form...
    doc = article_editor.editor.document()
    cursor = QTextCursor(doc.findBlockByNumber(3))
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText("draft = false")
    qtbot.waitUntil(lambda: not form.draft_check.isChecked(), timeout=WAIT)
    # ...and the form edits the text, keeping the author's cursor and other lines.
    form.title_edit.setText("Release Notes, Written by a Small Model")
    form.title_edit.textEdited.emit(form.title_edit.text())
    form.flush()
    text = article_editor.text()
    assert "title = 'Release Notes, Written by a Small Model'" in text
    assert article_editor.save()
    saved = Article.load(path)
    assert (saved.title, saved.draft) == ("Release Notes, Written by a Small Model", False)


def test_broken_front_matter_is_explained_not_fatal(qtbot, article_editor, demo_site) -> None:
    path = demo_site / FIRST
    path.write_text("+++\ntitle = \n+++\nBody\n", encoding="utf-8")
    assert article_editor.open(Site.find(demo_site), path)
    form = article_editor.form
    assert form.message.isVisibleTo(article_editor)
    assert "line 2" in form.message.text()
    assert not form.title_edit.isEnabled()


def test_title_field_takes_the_spare_width(qtbot, article_editor, demo_site: Path) -> None:
    assert article_editor.open(Site.find(demo_site), demo_site / YAML_POST)
    form = article_editor.form
    # The editor column's width in the window's default layout: the whole title still fits.
    shown = form.title_edit.fontMetrics().horizontalAdvance(form.title_edit.text())
    article_editor.resize(shown + 120, 500)
    qtbot.waitUntil(lambda: form.title_edit.width() > shown + 8, timeout=WAIT)
    # The date stays as wide as it needs, not wider.
    assert form.date_edit.width() <= form.date_edit.sizeHint().width()
    article_editor.resize(900, 500)
    qtbot.waitUntil(lambda: form.title_edit.width() > 800, timeout=WAIT)
    assert form.date_edit.width() <= form.date_edit.sizeHint().width()


def test_article_preview_shows_the_title_and_wraps_long_code(
    qtbot, article_editor, demo_site: Path
) -> None:
    path = demo_site / FIRST
    long_line = "echo " + "release-notes " * 40
    path.write_text(
        "+++\ntitle = 'Notes <for> Authors & Readers'\n+++\n\nIntro.\n\n```sh\n"
        f"{long_line}\n```\n",
        encoding="utf-8",
    )
    assert article_editor.open(Site.find(demo_site), path)
    preview = article_editor.preview_widget
    preview.resize(420, 400)
    qtbot.waitUntil(lambda: "Intro." in preview.toPlainText(), timeout=WAIT)
    text = preview.toPlainText().replace("\u200b", "")  # the browser's block markers
    assert text.lstrip().startswith("Notes <for> Authors & Readers\n")  # escaped, as written
    assert "title =" not in text
    heading = preview.document().find("Notes <for> Authors").block()
    assert heading.blockFormat().headingLevel() == 1
    qtbot.waitUntil(lambda: preview.document().idealWidth() <= preview.viewport().width() + 1,
                    timeout=WAIT)
    assert preview.horizontalScrollBar().maximum() == 0  # long code wraps, no sideways scroll


def test_crlf_and_bom_survive_a_form_edit(qtbot, article_editor, demo_site: Path) -> None:
    path = demo_site / FIRST
    original = "\ufeff" + path.read_text(encoding="utf-8").replace("\n", "\r\n")
    path.write_bytes(original.encode("utf-8"))
    assert article_editor.open(Site.find(demo_site), path)
    article_editor.form.draft_check.setChecked(False)
    assert article_editor.save()
    assert path.read_bytes() == original.replace("draft = true", "draft = false").encode("utf-8")


def test_non_utf8_article_is_refused(qtbot, article_editor, demo_site: Path) -> None:
    path = demo_site / FIRST
    path.write_bytes(b"+++\ntitle = 'caf\xe9'\n+++\n")
    assert not article_editor.open(Site.find(demo_site), path)
    assert "not UTF-8" in article_editor.notice.text()
    assert article_editor.editor.isReadOnly()


def test_outside_changes_reload_an_unedited_article(qtbot, main_window, demo_site) -> None:
    """The site watcher (the one the window has) tells the open article it changed."""
    path = demo_site / FIRST
    a = authoring(main_window)
    select(qtbot, main_window, 0)
    a.show_article_tab()
    article_editor = a.article
    assert article_editor.path == path
    qtbot.waitUntil(lambda: main_window.features.sync.watching, timeout=WAIT)
    text = path.read_text(encoding="utf-8")
    tmp = path.with_name("tmp.md")
    tmp.write_text(text.replace("Nobody enjoys", "Everybody dreads"), encoding="utf-8")
    tmp.replace(path)  # the way most editors and git write a file
    qtbot.waitUntil(lambda: "Everybody dreads" in article_editor.text(), timeout=WAIT)
    assert not article_editor.is_dirty()
    # Edited here: the author's text stays, with a warning; saving merges their change in.
    article_editor.form.draft_check.setChecked(False)
    path.write_text(text.replace("Nobody enjoys", "No one likes"), encoding="utf-8")
    qtbot.waitUntil(lambda: "changed by another program" in article_editor.notice.text(),
                    timeout=WAIT)
    assert "Everybody dreads" in article_editor.text()
    asked: list[bool] = []
    article_editor.ask_overwrite = lambda: asked.append(True) or False  # type: ignore[method-assign]
    assert article_editor.save()
    assert asked == []  # nothing to ask: the two edits do not touch
    on_disk = path.read_text(encoding="utf-8")
    assert "No one likes" in on_disk and "draft = false" in on_disk
    assert article_editor.text() == on_disk and not article_editor.is_dirty()


def test_an_article_changed_on_the_same_line_elsewhere_is_not_overwritten(
        qtbot, article_editor, demo_site) -> None:
    path = demo_site / FIRST
    assert article_editor.open(Site.find(demo_site), path)
    text = path.read_text(encoding="utf-8")
    article_editor.replace_text(article_editor.text().replace("Nobody enjoys", "I hate"))
    theirs = text.replace("Nobody enjoys", "No one likes")
    path.write_text(theirs, encoding="utf-8")
    asked: list[bool] = []
    article_editor.ask_overwrite = lambda: asked.append(True) or False  # type: ignore[method-assign]
    assert not article_editor.save()
    assert asked == [True]
    assert path.read_text(encoding="utf-8") == theirs  # theirs kept, untouched
    assert "I hate" in article_editor.text() and article_editor.is_dirty()  # mine kept too
    assert "changed both here and there" in article_editor.notice.text()
    # The author chooses to replace it: then, and only then, theirs is overwritten.
    article_editor.ask_overwrite = lambda: True  # type: ignore[method-assign]
    assert article_editor.save()
    assert "I hate" in path.read_text(encoding="utf-8")


# -- in the main window --------------------------------------------------------------------


def test_article_tab_shows_selected_posts_article(qtbot, main_window, demo_site) -> None:
    a = authoring(main_window)
    select(qtbot, main_window, 3)
    a.tabs.setCurrentIndex(ARTICLE_TAB)
    assert a.article.path == demo_site / YAML_POST
    assert a.preview_stack.currentWidget() is a.article.preview_widget
    qtbot.waitUntil(lambda: "For one month" in a.article.preview_widget.toPlainText(),
                    timeout=WAIT)
    select(qtbot, main_window, 5)
    assert a.article.path == demo_site / TIDY
    a.tabs.setCurrentIndex(TEASER_TAB)
    assert a.preview_stack.currentWidget() is main_window.preview


def test_fill_teaser_from_article_summary(qtbot, main_window, demo_site) -> None:
    a = authoring(main_window)
    select(qtbot, main_window, 5)
    path = demo_site / TIDY
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("<!--more-->", "A new line from the article.\n\n<!--more-->"),
                    encoding="utf-8")
    summary = Article.load(path).summary
    assert summary is not None and summary.endswith("A new line from the article.")
    assert a.fill_teaser()
    teaser = main_window.document.homepage.teaser(5)
    assert teaser.body == summary
    assert "A new line from the article." in main_window.editor.toPlainText()
    main_window.document.undo_stack.undo()
    assert "A new line" not in main_window.document.homepage.teaser(5).body


def test_publish_hidden_post(qtbot, main_window, demo_site, monkeypatch) -> None:
    a = authoring(main_window)
    asked: list[str] = []
    monkeypatch.setattr(a, "ask_set_date", lambda issue: asked.append(issue) or False)
    monkeypatch.setattr(a, "ask_retire", lambda titles: asked.append(titles[0]) or "hide")
    select(qtbot, main_window, 0)
    assert main_window.document.homepage.teaser(0).hidden
    before = (demo_site / FIRST).read_text(encoding="utf-8")
    assert a.publish()
    homepage = main_window.document.homepage
    assert not homepage.teaser(0).hidden
    # The date (2026-12-03) is in the future; the author chose to keep it.
    assert asked == ["future", "Writing in Plain Text"]
    assert homepage.teaser(7).hidden  # the oldest, beyond the 6 usually visible
    after = (demo_site / FIRST).read_text(encoding="utf-8")
    assert changed_lines(before, after) == [("draft = true", "draft = false")]
    model = main_window.list_model
    assert model.data(model.index(0), ArticleStateRole) != "draft"  # the badge follows
    assert main_window.save()
    assert not Homepage.load(demo_site / "content" / "_index.md").teaser(0).hidden
    # Unpublish reverses both.
    assert a.unpublish()
    assert main_window.document.homepage.teaser(0).hidden
    assert Article.load(demo_site / FIRST).draft is True


def test_publish_can_set_the_date_to_now_through_the_open_editor(
    qtbot, main_window, demo_site, monkeypatch
) -> None:
    a = authoring(main_window)
    monkeypatch.setattr(a, "ask_set_date", lambda issue: True)
    monkeypatch.setattr(a, "ask_retire", lambda titles: None)
    select(qtbot, main_window, 0)
    a.show_article_tab()
    assert a.article.path == demo_site / FIRST
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    assert a.publish()
    saved = Article.load(demo_site / FIRST)
    assert saved.draft is False
    assert saved.date is not None and saved.date >= before - dt.timedelta(seconds=1)
    assert not a.article.is_dirty()
    assert not a.article.form.draft_check.isChecked()


def test_titles_in_line_either_way(qtbot, main_window, demo_site) -> None:
    a = authoring(main_window)
    select(qtbot, main_window, 2)
    path = demo_site / "content/ci-cd/pipelines-that-explain-themselves/_index.md"
    path.write_text(Article.load(path).with_field("title", "Pipelines, Explained"),
                    encoding="utf-8")
    a.problems.refresh()
    drift = [e for e in a.problems.all_entries() if e.kind == "title-drift"]
    assert [(e.position, e.message) for e in drift] == [
        (3, "the article is titled “Pipelines, Explained”")]
    assert a.use_article_title()
    assert main_window.document.homepage.teaser(2).title == "Pipelines, Explained"
    main_window.document.undo_stack.undo()
    assert a.use_teaser_title()
    assert Article.load(path).title == "Pipelines That Explain Themselves"


def test_problems_panel_lists_the_deliberate_problem_and_jumps(qtbot, main_window) -> None:
    a = authoring(main_window)
    panel = a.problems
    qtbot.waitUntil(lambda: any(e.kind == "link-mismatch" for e in panel.all_entries()),
                    timeout=WAIT)
    entries = [e for e in panel.all_entries() if e.kind != "spelling"]
    assert [(e.position, e.kind) for e in entries] == [(6, "link-mismatch")]
    row = panel.all_entries().index(entries[0])
    assert "Full article" in panel.list.item(row).text()
    select(qtbot, main_window, 0)
    panel.activate(row)
    assert main_window.current_index() == 5
    assert a.tabs.currentIndex() == TEASER_TAB
    line = main_window.editor.textCursor().block().text()
    assert line.startswith("**[Full article >>](/ci-cd/caching-dependencies-the-boring-way)")


def test_the_checks_the_window_shows_were_made_in_the_helper_process(qtbot, main_window) -> None:
    """The window's process never checks the site itself (a thread doing it took the GIL from
    key presses): the dock and the list show what the helper process found."""
    from blogeditor.core.site.site_index import index_for

    panel = authoring(main_window).problems
    qtbot.waitUntil(lambda: any(e.kind == "link-mismatch" for e in panel.all_entries()),
                    timeout=WAIT)
    main_window.list_model.wait_for_extras()
    qtbot.waitUntil(lambda: bool(main_window.list_model.row(5).problems), timeout=WAIT)
    assert "Full article" in " ".join(main_window.list_model.row(5).problems)
    assert index_for(main_window.site).check_runs == 0


def test_problems_panel_follows_article_files(qtbot, main_window, demo_site) -> None:
    a = authoring(main_window)
    panel = a.problems
    path = demo_site / "content/misc/writing-in-plain-text/_index.md"
    path.write_text(Article.load(path).with_field("draft", True), encoding="utf-8")
    # The site watcher (a real watchdog observer) reports it; the panel checks again.
    qtbot.waitUntil(lambda: any(e.kind == "draft-visible" for e in panel.all_entries()),
                    timeout=WAIT)
    entry = next(e for e in panel.all_entries() if e.kind == "draft-visible")
    a.jump_to(entry)
    assert a.tabs.currentIndex() == ARTICLE_TAB
    assert a.article.path == path
    assert a.article.editor.textCursor().block().text() == "draft = true"


def test_new_post_dialog_creates_article_and_hidden_teaser(qtbot, main_window, demo_site) -> None:
    dialog = main_window.features.authoring.new_post_dialog()
    qtbot.addWidget(dialog)
    assert dialog.section.findText("kubernetes") >= 0
    dialog.section.setCurrentText("kubernetes")
    dialog.title_edit.setText("Node Pools: A Field Guide")
    assert dialog.slug_edit.text() == "node-pools-a-field-guide"
    assert dialog.link_label.text() == "Link: /kubernetes/node-pools-a-field-guide"
    dialog.slug_edit.setText("node-pools")
    dialog.slug_edit.textEdited.emit("node-pools")
    dialog.title_edit.setText("Node Pools: A Field Guide!")
    assert dialog.slug_edit.text() == "node-pools"  # the author's slug is kept
    thumb = demo_site / "content/ci-cd/pipelines-that-explain-themselves/thumbnail.jpg"
    dialog.thumbnail_edit.setText(str(thumb))
    dialog.accept()
    assert dialog.result() == NewPostDialog.DialogCode.Accepted
    assert main_window.features.thumbnails.dialog is None  # "choose in the picker" was off
    path = demo_site / "content/kubernetes/node-pools/_index.md"
    article = Article.load(path)
    assert (article.title, article.draft) == ("Node Pools: A Field Guide!", True)
    assert (path.parent / "thumbnail.jpg").is_file()
    teaser = main_window.document.homepage.teaser(0)
    assert (teaser.title, teaser.link, teaser.hidden) == (
        "Node Pools: A Field Guide!", "/kubernetes/node-pools", True)
    assert teaser.thumbnail == "/kubernetes/node-pools/thumbnail.jpg"
    a = authoring(main_window)
    assert main_window.current_index() == 0
    assert a.tabs.currentIndex() == ARTICLE_TAB and a.article.path == path


def test_new_post_refuses_an_existing_folder(qtbot, main_window) -> None:
    dialog = main_window.features.authoring.new_post_dialog()
    qtbot.addWidget(dialog)
    dialog.section.setCurrentText("misc")
    dialog.title_edit.setText("Writing in Plain Text")
    assert "already exists" in dialog.message.text()
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()


def test_unsaved_article_is_offered_on_switching(qtbot, main_window, demo_site, dialogs) -> None:
    a = authoring(main_window)
    select(qtbot, main_window, 0)
    a.show_article_tab()
    a.article.form.draft_check.setChecked(False)
    assert a.article.is_dirty() and a.tabs.tabText(ARTICLE_TAB) == "Article •"
    dialogs.save_answer = QMessageBox.StandardButton.Save
    select(qtbot, main_window, 1)
    assert Article.load(demo_site / FIRST).draft is False
    assert any(title == "Unsaved article" for _k, title, _t in dialogs.asked)


def test_article_misspellings_are_underlined(qtbot, main_window, demo_site) -> None:
    path = demo_site / TIDY
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Clutter on the desk", "Clutter on the dessk"), encoding="utf-8")
    a = authoring(main_window)
    select(qtbot, main_window, 5)
    a.show_article_tab()
    assert a.article_spell is not None
    doc = a.article.editor.document()
    block = next(doc.findBlockByNumber(n) for n in range(doc.blockCount())
                 if "dessk" in doc.findBlockByNumber(n).text())
    start = block.text().index("dessk")
    qtbot.waitUntil(lambda: (start, 5) in a.article_spell.block_ranges(block), timeout=WAIT)


def test_new_post_can_open_the_thumbnail_picker(qtbot, main_window) -> None:
    dialog = main_window.features.authoring.new_post_dialog()
    qtbot.addWidget(dialog)
    dialog.section.setCurrentText("misc")
    dialog.title_edit.setText("Picking Pictures")
    assert dialog.pick_after.isVisibleTo(dialog)
    dialog.pick_after.setChecked(True)
    dialog.accept()
    picker = main_window.features.thumbnails.dialog
    assert picker is not None and picker.link == "/misc/picking-pictures"
    picker.reject()


def test_visible_posts_setting(qtbot, main_window, demo_site) -> None:
    from blogeditor.core.homepage.publish import stored_visible_limit

    a = authoring(main_window)
    seen: list[int] = []
    a.ask_visible_limit = lambda current: seen.append(current) or 4  # type: ignore[method-assign]
    a.edit_visible_limit()
    assert seen == [6]  # the default: as many as are visible now
    assert stored_visible_limit(Site.find(demo_site)) == 4


def test_closing_with_an_unsaved_article_offers_to_save(qtbot, main_window, demo_site,
                                                        dialogs) -> None:
    a = authoring(main_window)
    select(qtbot, main_window, 0)
    a.show_article_tab()
    a.article.form.draft_check.setChecked(False)
    dialogs.save_answer = QMessageBox.StandardButton.Save
    main_window.close()
    assert Article.load(demo_site / FIRST).draft is False
    assert [(t, "article" in text) for _k, t, text in dialogs.asked] == [("Unsaved changes", True)]
