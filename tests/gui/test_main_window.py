"""The main window driven like an author would, on a private copy of the demo site."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QModelIndex, Qt
from PySide6.QtWidgets import QMessageBox

from blogeditor.gui.posts.post_list_model import HiddenRole

Button = QMessageBox.StandardButton


def homepage(site: Path) -> Path:
    return site / "content" / "_index.md"


def click_post(qtbot, window, index: int) -> None:  # type: ignore[no-untyped-def]
    view = window.list_view
    rect = view.visualRect(view.view_index(index))
    assert rect.isValid()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_index() == index


def type_at_end(qtbot, window, text: str) -> None:  # type: ignore[no-untyped-def]
    editor = window.editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    for i, line in enumerate(text.split("\n")):
        if i:
            qtbot.keyClick(editor, Qt.Key.Key_Return)  # QTest cannot type "\n" itself
        if line:
            qtbot.keyClicks(editor, line)


def block(text: str, start: str, end: str) -> str:
    return text[text.index(start) : text.index(end)]


def test_window_opens_the_site_with_every_teaser(main_window, demo_site: Path) -> None:
    assert main_window.list_model.rowCount() == 8
    assert main_window.current_index() == 0
    assert "Teaching a Small Model" in main_window.editor.toPlainText()
    assert demo_site.name in main_window.windowTitle()
    assert not main_window.isWindowModified()


def test_select_a_post_type_and_see_the_preview_change(qtbot, main_window, demo_site) -> None:
    click_post(qtbot, main_window, 3)
    assert "Reviewing Code" in main_window.editor.toPlainText()
    qtbot.waitUntil(lambda: "Reviewing Code" in main_window.preview.toPlainText())
    assert "Zebra crossings" not in main_window.preview.toPlainText()
    type_at_end(qtbot, main_window, "\n\nZebra crossings ahead.")
    qtbot.waitUntil(lambda: "Zebra crossings ahead." in main_window.preview.toPlainText())
    # The typing reaches the document (after the commit pause), marks it unsaved, and saves.
    qtbot.waitUntil(lambda: main_window.isWindowModified())
    assert main_window.list_model.data(main_window.list_model.index(3), Qt.ItemDataRole.ToolTipRole)
    qtbot.keyClick(main_window.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not main_window.isWindowModified()
    assert "Zebra crossings ahead." in homepage(demo_site).read_text(encoding="utf-8")


def test_drag_a_post_to_another_place_and_save_reorders_the_file_exactly(
    qtbot, main_window, demo_site: Path
) -> None:
    original = homepage(demo_site).read_text(encoding="utf-8")
    pipelines = block(original, '<a href="/ci-cd/pipelines', '<img src="/ai/reviewing')
    reviewing = block(original, '<img src="/ai/reviewing', '<img src="/kubernetes/rolling')
    rolling = block(original, '<img src="/kubernetes/rolling', '<img src="/misc/a-tidy')
    expected = original.replace(pipelines + reviewing + rolling, rolling + pipelines + reviewing)
    assert expected != original

    # What a drop of row 4 onto the gap above row 2 hands the model.
    view = main_window.list_view
    model = view.model()
    mime: QMimeData = model.mimeData([model.index(4, 0)])
    assert model.canDropMimeData(mime, Qt.DropAction.MoveAction, 2, 0, QModelIndex())
    model.dropMimeData(mime, Qt.DropAction.MoveAction, 2, 0, QModelIndex())

    assert main_window.current_index() == 2
    assert "Rolling Updates" in main_window.editor.toPlainText()
    assert main_window.isWindowModified()
    assert main_window.commands.save.isEnabled()
    main_window.commands.save.trigger()
    assert homepage(demo_site).read_text(encoding="utf-8") == expected
    assert not main_window.isWindowModified()


def test_an_internal_drag_moves_through_move_row_like_qlistview_does(main_window, demo_site):
    # QListView's dropEvent for its own rows calls model().moveRow(row, insert_before).
    original = main_window.document.homepage.teasers
    main_window.commands.show_hidden.setChecked(False)  # rows 0, 1 are hidden: proxy != file
    view_model = main_window.list_view.model()
    assert view_model.rowCount() == 6
    assert view_model.moveRow(QModelIndex(), 2, QModelIndex(), 0)  # "Rolling Updates" on top
    titles = [t.title for t in main_window.document.homepage.teasers]
    assert titles[2] == "Rolling Updates Without the Drama"  # before the first visible one
    assert titles[:2] == [t.title for t in original[:2]]
    assert main_window.current_index() == 2
    assert view_model.moveRow(QModelIndex(), 0, QModelIndex(), 6)  # and to the very end
    assert main_window.document.homepage.teasers[-1].title == "Rolling Updates Without the Drama"


def test_move_buttons_and_shortcuts(qtbot, main_window, demo_site: Path) -> None:
    click_post(qtbot, main_window, 5)
    view = main_window.list_view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert main_window.current_index() == 4
    assert "A Tidy Desk" in main_window.editor.toPlainText()
    main_window.commands.move_top.trigger()
    titles = [t.title for t in main_window.document.homepage.teasers]
    assert titles[0] == "A Tidy Desk for a Tidy Project"
    assert main_window.current_index() == 0
    main_window.commands.move_down.trigger()
    assert main_window.document.homepage.teasers[1].title == "A Tidy Desk for a Tidy Project"


def test_hide_and_show(qtbot, main_window, demo_site: Path) -> None:
    original = homepage(demo_site).read_bytes()
    click_post(qtbot, main_window, 2)
    model = main_window.list_model
    assert model.data(model.index(2), HiddenRole) is False
    assert main_window.commands.toggle_hidden.text() == "&Hide from Homepage"
    main_window.list_view.setFocus()
    qtbot.keyClick(main_window.list_view, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert model.data(model.index(2), HiddenRole) is True
    assert main_window.commands.toggle_hidden.text() == "&Show on Homepage"
    main_window.save()
    text = homepage(demo_site).read_text(encoding="utf-8")
    assert '<!-- <a href="/ci-cd/pipelines-that-explain-themselves">' in text
    assert "**[Full article >>](/ci-cd/pipelines-that-explain-themselves)**\n\n--- -->" in text

    # "Show hidden posts" off: the hidden ones leave the list, the others stay in order.
    main_window.commands.show_hidden.setChecked(False)
    assert main_window.list_view.model().rowCount() == 5
    main_window.commands.show_hidden.setChecked(True)
    assert main_window.list_view.model().rowCount() == 8

    click_post(qtbot, main_window, 2)
    main_window.commands.toggle_hidden.trigger()
    assert model.data(model.index(2), HiddenRole) is False
    main_window.save()
    assert homepage(demo_site).read_bytes() == original


def test_undo_and_redo_list_operations(qtbot, main_window, demo_site: Path) -> None:
    original = main_window.document.to_bytes()
    click_post(qtbot, main_window, 4)
    main_window.commands.move_top.trigger()
    after_move = main_window.document.to_bytes()
    main_window.commands.remove.trigger()
    assert len(main_window.document.homepage) == 7
    assert main_window.commands.undo.text().startswith("&Undo Remove")
    main_window.commands.undo.trigger()
    assert main_window.document.to_bytes() == after_move
    main_window.commands.undo.trigger()
    assert main_window.document.to_bytes() == original
    assert not main_window.isWindowModified()
    main_window.commands.redo.trigger()
    assert main_window.document.to_bytes() == after_move
    assert main_window.isWindowModified()
    assert main_window.document.homepage.teasers[0].title == "Rolling Updates Without the Drama"


def test_undo_brings_back_typed_text_after_it_was_committed(qtbot, main_window) -> None:
    click_post(qtbot, main_window, 1)
    before = main_window.document.to_bytes()
    type_at_end(qtbot, main_window, "\n\nAn extra line.")
    main_window.binding.commit()
    assert main_window.document.to_bytes() != before
    main_window.list_view.setFocus()
    main_window.commands.undo.trigger()
    assert main_window.document.to_bytes() == before
    assert "An extra line." not in main_window.editor.toPlainText()


def test_editing_the_heading_link_keeps_the_other_links_in_step(qtbot, main_window) -> None:
    click_post(qtbot, main_window, 3)
    text = main_window.editor.toPlainText()
    main_window.editor.setPlainText(
        text.replace("## [Reviewing Code with a Language Model: A Month of Notes]"
                     "(/ai/reviewing-code-with-a-language-model)",
                     "## [Reviewing Code with a Language Model: A Month of Notes]"
                     "(/ai/reviewing-code-with-an-llm)")
    )
    assert main_window.binding.commit()
    teaser = main_window.document.homepage.teaser(3)
    assert teaser.link == "/ai/reviewing-code-with-an-llm"
    assert teaser.full_article_link == "/ai/reviewing-code-with-an-llm"
    assert "(/ai/reviewing-code-with-a-language-model)" not in main_window.editor.toPlainText()
    assert teaser.thumbnail == "/ai/reviewing-code-with-an-llm/thumbnail-01.jpg"
    # Editing the "Full article" line instead carries the link back to the heading.
    text = main_window.editor.toPlainText()
    main_window.editor.setPlainText(
        text.replace("**[Full article >>](/ai/reviewing-code-with-an-llm)**",
                     "**[Full article >>](/ai/code-review-notes)**")
    )
    assert main_window.binding.commit()
    teaser = main_window.document.homepage.teaser(3)
    assert (teaser.link, teaser.full_article_link) == ("/ai/code-review-notes",) * 2


def test_a_broken_heading_is_reported_and_kept_in_the_editor(qtbot, main_window) -> None:
    click_post(qtbot, main_window, 2)
    before = main_window.document.to_bytes()
    main_window.editor.setPlainText("Just some words, no heading.")
    assert not main_window.binding.commit()
    assert "heading" in main_window.statusBar().currentMessage()
    assert main_window.document.to_bytes() == before
    assert main_window.editor.toPlainText() == "Just some words, no heading."


def test_internal_link_in_the_preview_selects_that_post(qtbot, main_window) -> None:
    main_window.preview_pane.link_clicked.emit("/misc/writing-in-plain-text")
    assert main_window.current_index() == 7


def test_new_post_adds_a_hidden_teaser_at_the_top(qtbot, main_window, demo_site, monkeypatch):
    from blogeditor.gui.posts.new_post_dialog import NewPostDialog

    def fill_and_accept(dialog: NewPostDialog) -> int:
        dialog.section.setCurrentText("ai")
        dialog.title_edit.setText("Fresh Ideas")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(NewPostDialog, "exec", fill_and_accept)
    main_window.commands.new_post.trigger()
    teaser = main_window.document.homepage.teaser(0)
    assert (teaser.title, teaser.link, teaser.hidden) == ("Fresh Ideas", "/ai/fresh-ideas", True)
    assert (demo_site / "content" / "ai" / "fresh-ideas" / "_index.md").is_file()
    assert main_window.current_index() == 0


def test_ctrl_z_in_the_editor_undoes_typing_not_list_operations(qtbot, main_window) -> None:
    click_post(qtbot, main_window, 3)
    main_window.commands.move_top.trigger()  # a list operation on the undo stack
    moved = main_window.document.to_bytes()
    type_at_end(qtbot, main_window, "xy")
    assert main_window.editor.toPlainText().endswith("xy")
    qtbot.keyClick(main_window.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not main_window.editor.toPlainText().endswith("xy")
    main_window.binding.flush()
    assert main_window.document.to_bytes() == moved  # the move is still there


def test_closing_with_refused_teaser_text_still_asks(qtbot, main_window, dialogs) -> None:
    from PySide6.QtWidgets import QMessageBox

    main_window.editor.setPlainText("no heading any more")
    dialogs.save_answer = QMessageBox.StandardButton.Cancel
    assert not main_window.close()
    assert dialogs.kinds() == ["question"]


def test_switching_posts_with_refused_text_keeps_the_author_on_it(qtbot, main_window) -> None:
    click_post(qtbot, main_window, 2)
    main_window.editor.setPlainText("the heading is gone")
    view = main_window.list_view
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.visualRect(view.view_index(5)).center())
    qtbot.waitUntil(lambda: view.current_teaser() == 2)
    assert main_window.current_index() == 2
    assert main_window.editor.toPlainText() == "the heading is gone"
    assert "heading" in main_window.statusBar().currentMessage()


def test_the_preview_follows_the_editors_scroll(qtbot, main_window) -> None:
    click_post(qtbot, main_window, 3)
    text = main_window.editor.toPlainText()
    long_body = "\n\n".join(f"Paragraph {i} of a long teaser." for i in range(80))
    main_window.editor.setPlainText(text.replace("**[Full article", long_body + "\n\n**[Full article"))
    main_window.preview_pane.render()
    qtbot.waitUntil(lambda: "Paragraph 79" in main_window.preview_pane.plain_text())
    preview_bar = main_window.preview.verticalScrollBar()
    qtbot.waitUntil(lambda: preview_bar.maximum() > 0)
    editor_bar = main_window.editor.verticalScrollBar()
    editor_bar.setValue(editor_bar.maximum())
    assert preview_bar.value() == preview_bar.maximum()
    editor_bar.setValue(editor_bar.minimum())
    assert preview_bar.value() == preview_bar.minimum()


def test_delete_removes_a_post_only_from_the_list(qtbot, main_window) -> None:
    click_post(qtbot, main_window, 4)
    main_window.editor.setFocus()
    main_window.editor.moveCursor(main_window.editor.textCursor().MoveOperation.Start)
    before = main_window.editor.toPlainText()
    qtbot.keyClick(main_window.editor, Qt.Key.Key_Delete)
    assert main_window.editor.toPlainText() == before[1:]
    assert len(main_window.document.homepage) == 8
    main_window.list_view.setFocus()
    qtbot.keyClick(main_window.list_view, Qt.Key.Key_Delete)
    assert len(main_window.document.homepage) == 7
    assert "Rolling Updates" not in [t.title for t in main_window.document.homepage.teasers]
