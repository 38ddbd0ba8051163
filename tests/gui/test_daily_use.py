"""What an author does every day, as they do it (issue: the window as an author uses it)."""

from __future__ import annotations

import sys
import traceback

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from blogeditor.core.homepage.homepage import Homepage


@pytest.fixture
def unexpected_errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Errors that would reach the window's 'ran into a problem' dialog."""
    seen: list[str] = []
    monkeypatch.setattr(sys, "excepthook",
                        lambda *exc: seen.append("".join(traceback.format_exception(*exc))))
    return seen


def test_removing_the_last_post_raises_no_error(main_window, demo_site, qtbot, unexpected_errors) -> None:
    window = main_window
    count = len(window.document.homepage)
    last_title = window.document.homepage.teaser(count - 1).title
    window.select_index(count - 1)
    window.list_view.setFocus()
    qtbot.keyClick(window.list_view, Qt.Key.Key_End)
    qtbot.keyClick(window.list_view, Qt.Key.Key_Delete)
    qtbot.wait(100)
    assert unexpected_errors == []
    assert len(window.document.homepage) == count - 1
    assert last_title not in [t.title for t in window.document.homepage.teasers]
    # The selection moved to the new last post, and the editor shows it.
    assert window.current_index() == count - 2
    assert window.editor.toPlainText().strip() == window.document.homepage.teaser(count - 2).markdown.strip()
    window.commands.save.trigger()
    assert len(Homepage.load(demo_site / "content" / "_index.md")) == count - 1


def test_a_burst_of_errors_is_one_dialog(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from blogeditor.gui import app

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *a, **k: shown.append(text))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    app.install_excepthook()
    for n in range(7):
        try:
            raise ValueError(f"no teaser at position {n}")
        except ValueError:
            sys.excepthook(*sys.exc_info())
    qtbot.waitUntil(lambda: bool(shown))
    QApplication.processEvents()
    assert len(shown) == 1
    assert "no teaser at position 0" in shown[0] and "6 more problems" in shown[0]


def test_quit_is_the_last_item_of_the_file_menu(main_window) -> None:
    items = [a for a in main_window.menus["file"].actions() if not a.isSeparator()]
    assert items[-1] is main_window.commands.quit
    texts = [a.text().replace("&", "") for a in items]
    assert texts.index("Restore Earlier Version…") < texts.index("Quit")


@pytest.mark.parametrize("answer", ["Cancel", "Discard"])
def test_revert_to_saved_asks_first(main_window, dialogs, answer) -> None:
    from PySide6.QtWidgets import QMessageBox

    window = main_window
    saved = window.document.homepage.to_bytes()
    window.posts.remove()
    assert window.document.is_dirty()
    dialogs.save_answer = getattr(QMessageBox.StandardButton, answer)
    window.commands.revert.trigger()
    assert [title for kind, title, _ in dialogs.asked if kind == "question"] == ["Revert to Saved"]
    if answer == "Cancel":
        assert window.document.is_dirty()
    else:
        assert window.document.homepage.to_bytes() == saved
        window.commands.undo.trigger()
        assert window.document.is_dirty()


def test_view_theme_is_the_authors_choice_and_remembered(main_window, qtbot) -> None:
    from PySide6.QtGui import QPalette

    from blogeditor.gui import settings

    window = main_window
    controls = window.view_controls
    assert [a.text().replace("&", "") for a in controls.theme_menu.actions()] == ["System", "Light", "Dark"]
    controls.theme_actions["dark"].trigger()
    assert window.dark and settings.Settings().theme() == "dark"
    assert QApplication.palette().color(QPalette.ColorRole.Base).lightness() < 80
    controls.theme_actions["light"].trigger()
    assert not window.dark and settings.Settings().theme() == "light"
    assert QApplication.palette().color(QPalette.ColorRole.Base).lightness() > 170
    assert controls.theme_actions["light"].isChecked()
    assert not controls.theme_actions["dark"].isChecked()


def test_ctrl_1_2_3_move_focus_between_list_editor_and_preview(main_window, qtbot) -> None:
    window = main_window
    window.activateWindow()
    keys = [a.shortcut().toString() for a in window.view_controls.focus_actions]
    assert keys == ["Ctrl+1", "Ctrl+2", "Ctrl+3"]
    for action, widget in zip(window.view_controls.focus_actions,
                              [window.list_view, window.editor, window.preview], strict=True):
        action.trigger()
        qtbot.waitUntil(widget.hasFocus, timeout=2000)


def test_new_post_defaults_to_the_section_of_the_newest_posts(main_window, demo_site) -> None:
    about = demo_site / "content" / "about"
    about.mkdir()
    (about / "_index.md").write_text("+++\ntitle = 'About'\n+++\nMe.\n", encoding="utf-8")
    newest = main_window.document.homepage.teasers[0].link.strip("/").split("/")[0]
    dialog = main_window.features.authoring.new_post_dialog()
    offered = [dialog.section.itemText(i) for i in range(dialog.section.count())]
    assert "about" not in offered
    assert dialog.section.currentText() == newest
    dialog.reject()


def _dirty_article_and_homepage(qtbot, window):
    authoring = window.features.authoring
    window.select_index(0)
    authoring.show_article_tab()
    authoring.article.form.draft_check.setChecked(not authoring.article.form.draft_check.isChecked())
    assert authoring.article.is_dirty()
    window.document.apply("Hide", lambda hp: hp.set_hidden(1, not hp.teaser(1).hidden))
    assert window.document.is_dirty()
    return authoring


def test_cancel_on_closing_keeps_article_and_homepage_open(qtbot, main_window, dialogs, demo_site) -> None:
    from PySide6.QtWidgets import QMessageBox

    window = main_window
    authoring = _dirty_article_and_homepage(qtbot, window)
    opened = authoring.article.path
    homepage_before = (demo_site / "content" / "_index.md").read_bytes()
    article_before = opened.read_bytes()
    dialogs.save_answer = QMessageBox.StandardButton.Cancel
    assert not window.close()
    # One question naming both documents; nothing closed, nothing written.
    (question,) = [text for kind, _t, text in dialogs.asked if kind == "question"]
    assert "homepage" in question and opened.parent.name in question
    assert authoring.article.path == opened and authoring.article.is_dirty()
    assert window.document.is_dirty()
    assert (demo_site / "content" / "_index.md").read_bytes() == homepage_before
    assert opened.read_bytes() == article_before


@pytest.mark.parametrize("answer", ["Save", "Discard"])
def test_one_answer_saves_or_discards_everything(qtbot, make_window, dialogs, demo_site, tmp_path, answer) -> None:
    import shutil

    from PySide6.QtWidgets import QMessageBox

    other = tmp_path / "other"
    shutil.copytree(demo_site, other)
    window = make_window(demo_site)
    authoring = _dirty_article_and_homepage(qtbot, window)
    opened = authoring.article.path
    homepage_before = (demo_site / "content" / "_index.md").read_bytes()
    article_before = opened.read_bytes()
    dialogs.save_answer = getattr(QMessageBox.StandardButton, answer)
    assert window.open_site(other)  # switching sites: the same one question, with Cancel
    assert len([k for k, _t, _x in dialogs.asked if k == "question"]) == 1
    changed = (demo_site / "content" / "_index.md").read_bytes() != homepage_before
    assert changed == (answer == "Save")
    assert (opened.read_bytes() != article_before) == (answer == "Save")
    assert window.site.root == other


def test_status_bar_speaks_for_the_article_tab(qtbot, main_window) -> None:
    window = main_window
    authoring = window.features.authoring
    window.select_index(0)
    homepage_words = window.status_fields.words.text()
    authoring.show_article_tab()
    qtbot.waitUntil(lambda: window.status_fields.save_state.text() == "Article saved", timeout=2000)
    article_words = window.status_fields.words.text()
    assert article_words and article_words != homepage_words
    authoring.article.editor.moveCursor(authoring.article.editor.textCursor().MoveOperation.End)
    authoring.article.editor.insertPlainText(" one two three")
    qtbot.waitUntil(lambda: window.status_fields.save_state.text() == "Article: unsaved changes", timeout=2000)
    assert window.isWindowModified()
    qtbot.waitUntil(lambda: window.status_fields.words.text() != article_words, timeout=2000)
    authoring.tabs.setCurrentIndex(0)
    assert window.status_fields.save_state.text() == "Saved"
    assert window.status_fields.words.text() == homepage_words


def test_change_marks_show_only_what_changed(main_window) -> None:
    from blogeditor.gui.posts.post_list_model import DirtyRole

    window = main_window
    model = window.list_model

    def marks() -> list[bool]:
        return [bool(model.index(r).data(DirtyRole)) for r in range(model.rowCount())]

    window.posts.create_post("misc", "A Brand New Post")
    assert marks() == [True] + [False] * (model.rowCount() - 1)
    window.posts.move(5, 1)
    assert [i for i, m in enumerate(marks()) if m] == [0, 1]


def test_problems_report_a_broken_thumbnail_and_forget_a_dismissed_warning(qtbot, main_window, demo_site) -> None:
    window = main_window
    panel = window.features.authoring.problems
    homepage = window.document.homepage
    index = next(i for i, t in enumerate(homepage.teasers)
                 if not t.hidden and window.features.authoring.problems.site.resolve_image(t.thumbnail or ""))
    teaser = homepage.teaser(index)
    window.document.apply("Hide", lambda hp: hp.set_hidden(index, True))
    panel.refresh()
    ready = [e for e in panel.all_entries() if e.kind == "ready-hidden" and e.link == teaser.link]
    assert len(ready) == 1
    panel.dismiss(ready[0])
    assert not [e for e in panel.all_entries() if e.kind == "ready-hidden" and e.link == teaser.link]

    image = panel.site.resolve_image(teaser.thumbnail)
    qtbot.waitUntil(lambda: window.features.sync.watching, timeout=5000)
    image.write_bytes(image.read_bytes()[:200])
    # The site watcher reports it, the site index reads it, the dock checks again.
    qtbot.waitUntil(lambda: any(e.kind == "bad-thumbnail" for e in panel.all_entries()),
                    timeout=10000)
    broken = [e for e in panel.all_entries() if e.kind == "bad-thumbnail"]
    assert [e.link for e in broken] == [teaser.link]
    assert "cut off" in broken[0].message


def test_tab_walks_the_article_form_field_by_field(qtbot, main_window) -> None:
    authoring = main_window.features.authoring
    main_window.select_index(0)
    authoring.show_article_tab()
    form = authoring.article.form
    main_window.activateWindow()
    form.title_edit.setFocus()
    qtbot.waitUntil(form.title_edit.hasFocus, timeout=2000)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.waitUntil(form.date_edit.hasFocus, timeout=2000)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # not to the month: out of the field
    qtbot.waitUntil(form.draft_check.hasFocus, timeout=2000)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
    qtbot.waitUntil(form.date_edit.hasFocus, timeout=2000)
