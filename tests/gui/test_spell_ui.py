"""Spell-check in the editor, with the real en_US dictionary, highlighter and main window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit

from blogeditor.core.spelling.checker import SpellChecker
from blogeditor.gui.editor.markdown_highlighter import MarkdownHighlighter
from blogeditor.gui.spelling.spell_source import SYNC_LIMIT, SpellSource

SEED_TYPOS = {
    "officiently", "skilset", "compeling", "runnning", "missunderstanding", "missguided", "demistify",
}
SPELL = QTextCharFormat.UnderlineStyle.SpellCheckUnderline


def underlined(doc: QTextDocument) -> list[str]:
    """The words the author sees with a red wavy underline, in document order."""
    words: list[str] = []
    block = doc.firstBlock()
    while block.isValid():
        units = block.text().encode("utf-16-le")
        marked: set[int] = set()
        for fr in block.layout().formats():
            if fr.format.underlineStyle() == SPELL:
                marked.update(range(fr.start, fr.start + fr.length))
        run: list[int] = []
        for i in [*sorted(marked), -2]:
            if run and i != run[-1] + 1:
                words.append(units[run[0] * 2 : (run[-1] + 1) * 2].decode("utf-16-le"))
                run = []
            run.append(i)
        block = block.next()
    return words


class Editor:
    """A plain editor with the real Markdown highlighter and a SpellSource."""

    def __init__(self, qtbot, text: str = "") -> None:  # type: ignore[no-untyped-def]
        self.qtbot = qtbot
        self.widget = QPlainTextEdit()
        qtbot.addWidget(self.widget)
        self.highlighter = MarkdownHighlighter(self.widget.document())
        self.checker = SpellChecker("en_US")
        self.source = SpellSource(self.widget, self.highlighter, self.checker)
        self.highlighter.spell_source = self.source
        self.widget.show()
        if text:
            self.set_text(text)

    def set_text(self, text: str) -> None:
        self.widget.setPlainText(text)
        self.settle()

    def settle(self) -> None:
        self.source.worker.wait()
        self.qtbot.wait(20)  # deliver queued results and single-shot repaints

    def seen(self) -> list[str]:
        self.settle()
        return underlined(self.widget.document())

    def move_to_end(self) -> None:
        self.widget.moveCursor(QTextCursor.MoveOperation.End)


@pytest.fixture
def editor(qtbot):  # type: ignore[no-untyped-def]
    made: list[Editor] = []

    def make(text: str = "") -> Editor:
        made.append(Editor(qtbot, text))
        return made[-1]

    yield make
    for e in made:
        e.source.shutdown()


def test_seed_typos_found_and_nothing_else(editor, seed_text: str) -> None:  # type: ignore[no-untyped-def]
    ed = editor(seed_text)
    found = []
    block = ed.widget.document().firstBlock()
    while block.isValid():
        units = block.text().encode("utf-16-le")
        found += [units[s * 2 : (s + n) * 2].decode("utf-16-le") for s, n in ed.source.block_ranges(block)]
        block = block.next()
    assert set(found) == SEED_TYPOS
    assert len(found) == 9  # officiently and skilset appear in two hidden teasers each
    # What is drawn: every typo, also those inside multi-line HTML comments (hidden teasers).
    assert set(ed.seen()) == SEED_TYPOS


def test_a_hidden_teasers_text_is_underlined(editor, seed_text: str) -> None:  # type: ignore[no-untyped-def]
    from blogeditor.core.homepage.homepage import Homepage

    teaser = Homepage.parse(seed_text).teasers[0]
    ed = editor(teaser.markdown)
    assert ed.seen() == ["officiently", "skilset"]


def test_code_link_targets_shortcodes_and_paths_are_never_flagged(editor) -> None:  # type: ignore[no-untyped-def]
    ed = editor(
        'Use `wrold` and [a link](/ai/wrold-path "wrold") and {{< figure src="wrold.png" '
        'title="wrold" >}} and <img src="/wrold.jpg" alt="x" style="wrold: 1"> and content/wrold.md '
        "and https://wrold.example/wrold but wrold.\n"
    )
    assert ed.seen() == ["wrold"]
    block = ed.widget.document().firstBlock()
    assert ed.source.block_ranges(block)[0][0] == block.text().rindex("wrold")


def test_positions_hold_after_emoji_and_accents(editor) -> None:  # type: ignore[no-untyped-def]
    # (the installed en_US dictionary rejects "café", so accents sit in code and lone letters)
    ed = editor("`Café` 🎉🎉 à wrold 🙂 é teh end\n")
    assert ed.seen() == ["wrold", "teh"]


def test_the_word_being_typed_is_underlined_once_the_cursor_leaves(editor, qtbot) -> None:  # type: ignore[no-untyped-def]
    ed = editor("Hello ")
    ed.widget.setFocus()
    ed.move_to_end()
    qtbot.keyClicks(ed.widget, "wrold")
    assert ed.seen() == []
    qtbot.keyClicks(ed.widget, " there")
    assert ed.seen() == ["wrold"]
    # going back into an existing misspelling (without typing) keeps its underline
    cursor = ed.widget.textCursor()
    cursor.setPosition(8)
    ed.widget.setTextCursor(cursor)
    assert ed.seen() == ["wrold"]


def test_moving_the_cursor_away_reveals_the_typed_word(editor, qtbot) -> None:  # type: ignore[no-untyped-def]
    ed = editor("First line\nSecond ")
    ed.move_to_end()
    qtbot.keyClicks(ed.widget, "teh")
    assert ed.seen() == []
    ed.widget.moveCursor(QTextCursor.MoveOperation.Start)
    assert ed.seen() == ["teh"]


def test_opening_a_fence_above_hides_underlines_below_and_closing_restores(editor) -> None:  # type: ignore[no-untyped-def]
    ed = editor("Intro text\n\nSome wrold here\n\nMore teh\n")
    assert ed.seen() == ["wrold", "teh"]
    cursor = QTextCursor(ed.widget.document())
    cursor.insertText("```\n")
    assert ed.seen() == []
    cursor = QTextCursor(ed.widget.document())
    cursor.movePosition(QTextCursor.MoveOperation.Down, QTextCursor.MoveMode.KeepAnchor)
    cursor.removeSelectedText()
    assert ed.seen() == ["wrold", "teh"]


def test_front_matter_is_not_checked(editor) -> None:  # type: ignore[no-untyped-def]
    ed = editor("+++\ntitle = 'Teh Titel'\ntags = ['wrold']\n+++\n\nBody teh\n")
    assert ed.seen() == ["teh"]


def _big_article(typo_line: str) -> str:
    paragraph = (
        "This paragraph is long enough and entirely correct, with `code` and a "
        "[link](https://example.com/path) in it.\n\n```sh\nkubectl aply --filenam x.yaml\n```\n\n"
    )
    body = paragraph * (SYNC_LIMIT // len(paragraph) * 3)
    return body + typo_line + "\n"


def test_a_large_article_is_checked_in_the_background(editor) -> None:  # type: ignore[no-untyped-def]
    ed = editor()
    text = _big_article("The end is wrold.")
    assert len(text) > SYNC_LIMIT
    with ed.qtbot.waitSignal(ed.source.checked, timeout=20000):
        ed.widget.setPlainText(text)
        assert ed.source.worker.busy or ed.source._pending  # not checked in the GUI thread
    assert ed.seen() == ["wrold"]


def test_results_for_text_that_changed_meanwhile_are_dropped(editor) -> None:  # type: ignore[no-untyped-def]
    ed = editor()
    ed.widget.setPlainText(_big_article("The end is wrold."))
    # Fix the typo while the background pass may still be running over the old text.
    cursor = QTextCursor(ed.widget.document())
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.movePosition(QTextCursor.MoveOperation.PreviousBlock)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock, QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText("The end is world.")
    ed.widget.moveCursor(QTextCursor.MoveOperation.Start)
    assert ed.seen() == []


def test_next_misspelling_wraps_around(editor) -> None:  # type: ignore[no-untyped-def]
    ed = editor("One wrold.\n\n```\nteh code\n```\n\nTwo teh.\n")
    doc = ed.widget.document()
    first = ed.source.next_misspelling(0)
    assert first is not None and first[1] == "wrold"
    second = ed.source.next_misspelling(first[0].selectionEnd())
    assert second is not None and second[1] == "teh"
    assert second[0].blockNumber() == doc.blockCount() - 2
    again = ed.source.next_misspelling(second[0].selectionEnd())
    assert again is not None and again[1] == "wrold"


# -- the main window ---------------------------------------------------------------------------


def _type_at_end(window, qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    window.editor.setFocus()
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    typed = text.lstrip("\n")
    window.editor.insertPlainText(text[: len(text) - len(typed)])  # keyClicks cannot type "\n"
    qtbot.keyClicks(window.editor, typed)


def _menu_for(window, word: str):  # type: ignore[no-untyped-def]
    text = window.editor.toPlainText()
    cursor = QTextCursor(window.editor.document())
    cursor.setPosition(len(text[: text.rindex(word) + 2].encode("utf-16-le")) // 2)
    return window.features.spell.context_menu(window.editor.cursorRect(cursor).center())


def _settle(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.features.spell.source.worker.wait()
    qtbot.wait(20)


def test_context_menu_suggests_and_replaces(main_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _type_at_end(main_window, qtbot, "\n\nWe work officiently. ")
    _settle(main_window, qtbot)
    assert "officiently" in underlined(main_window.editor.document())
    menu = _menu_for(main_window, "officiently")
    assert menu is not None
    texts = [a.text() for a in menu.actions()]
    suggestions = texts[: texts.index("")]
    assert "efficiently" in suggestions and len(suggestions) <= 7
    assert "Add to Dictionary" in texts and "Ignore All" in texts
    assert any("Copy" in t for t in texts)  # the editor's own entries follow
    next(a for a in menu.actions() if a.text() == "efficiently").trigger()
    assert "We work efficiently." in main_window.editor.toPlainText()
    _settle(main_window, qtbot)
    assert "officiently" not in underlined(main_window.editor.document())


def test_no_menu_additions_on_a_correct_word(main_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _type_at_end(main_window, qtbot, "\n\nPerfectly fine. ")
    assert _menu_for(main_window, "Perfectly") is None


def test_add_to_dictionary_persists_in_the_site_across_a_restart(  # type: ignore[no-untyped-def]
    make_window, demo_site: Path, qtbot
) -> None:
    window = make_window(demo_site)
    _type_at_end(window, qtbot, "\n\nZorblax rules. ")
    _settle(window, qtbot)
    assert "Zorblax" in underlined(window.editor.document())
    menu = _menu_for(window, "Zorblax")
    next(a for a in menu.actions() if a.text() == "Add to Dictionary").trigger()
    _settle(window, qtbot)
    assert "Zorblax" not in underlined(window.editor.document())
    assert "Zorblax" in (demo_site / ".blogeditor" / "words.txt").read_text(encoding="utf-8")
    window.features.spell.shutdown()
    window.close()

    again = make_window(demo_site)
    assert again.features.spell.checker.check("Zorblax")
    assert not again.features.spell.checker.check("Zorblaxx")


def test_ignore_all_lasts_until_the_app_closes(make_window, demo_site: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_site)
    _type_at_end(window, qtbot, "\n\nQuuxly and Quuxly. ")
    _settle(window, qtbot)
    assert underlined(window.editor.document()).count("Quuxly") == 2
    next(a for a in _menu_for(window, "Quuxly").actions() if a.text() == "Ignore All").trigger()
    _settle(window, qtbot)
    assert "Quuxly" not in underlined(window.editor.document())
    assert not (demo_site / ".blogeditor" / "words.txt").exists()
    window.features.spell.shutdown()
    window.close()
    assert not make_window(demo_site).features.spell.checker.check("Quuxly")


def test_f7_selects_the_next_misspelling(main_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _type_at_end(main_window, qtbot, "\n\nFirst teh, then wrold. ")
    main_window.editor.moveCursor(QTextCursor.MoveOperation.Start)
    main_window.features.spell.next_action.trigger()
    assert main_window.editor.textCursor().selectedText() == "teh"
    main_window.activateWindow()
    qtbot.keyClick(main_window.editor, Qt.Key.Key_F7)
    assert main_window.editor.textCursor().selectedText() == "wrold"


def test_language_menu_defaults_to_the_sites_language_code(main_window) -> None:  # type: ignore[no-untyped-def]
    assert main_window.features.spell.language == "en_US"  # the demo site says languageCode = "en-us"
    menu = main_window.features.spell.language_menu
    menu.aboutToShow.emit()
    checked = [a.text() for a in menu.actions() if a.isCheckable() and a.isChecked()]
    assert checked == ["en_US"]
    assert "en_GB" in [a.text() for a in menu.actions()]
    next(a for a in menu.actions() if a.text() == "en_GB").trigger()
    assert main_window.features.spell.language == "en_GB"
    assert main_window.features.spell.checker.check("colour")


def test_missing_dictionary_turns_spell_check_off_and_says_how_to_install(  # type: ignore[no-untyped-def]
    make_window, demo_site: Path, qtbot
) -> None:
    config = demo_site / "hugo.toml"
    config.write_text(config.read_text().replace('"en-us"', '"xx-yy"'), encoding="utf-8")
    window = make_window(demo_site)
    message = window.statusBar().currentMessage()
    assert "Spell-check is off" in message and "install" in message and "xx" in message
    assert not window.features.spell.toggle_action.isEnabled()
    _type_at_end(window, qtbot, "\n\nStill typing teh words. ")
    assert underlined(window.editor.document()) == []


def test_site_vocabulary_is_learned_and_can_be_struck_out(  # type: ignore[no-untyped-def]
    make_window, demo_site: Path, qtbot
) -> None:
    for article in sorted((demo_site / "content").glob("*/*/_index.md"))[:3]:
        article.write_text(article.read_text() + "\nWe run Frobnitzer here.\n", encoding="utf-8")
    window = make_window()
    with qtbot.waitSignal(window.features.spell.vocabulary_learned, timeout=20000):
        assert window.open_site(demo_site)
    assert window.features.spell.learned.get("Frobnitzer") == 3
    _type_at_end(window, qtbot, "\n\nFrobnitzer is fine. ")
    _settle(window, qtbot)
    assert "Frobnitzer" not in underlined(window.editor.document())

    dialog = window.features.spell.vocabulary_dialog()
    assert dialog is not None
    items = [dialog.list.item(i) for i in range(dialog.list.count())]
    item = next(i for i in items if i.text().startswith("Frobnitzer"))
    item.setCheckState(Qt.CheckState.Unchecked)
    dialog.accept()
    _settle(window, qtbot)
    assert "Frobnitzer" in (demo_site / ".blogeditor" / "vocabulary-struck.txt").read_text()
    assert "Frobnitzer" in underlined(window.editor.document())


def test_incremental_tracking_matches_a_fresh_check_after_many_edits(editor) -> None:  # type: ignore[no-untyped-def]
    """Random edits (fences, shortcodes, front matter, typos, undo): what is drawn always
    equals what a check of the whole text from scratch finds."""
    import random

    from blogeditor.core.spelling.scan import document_misspellings, line_states

    rng = random.Random(4)
    pieces = ["```\n", "~~~~\n", "{{< figure\n", ">}}\n", "+++\n", "<pre>\n", "</pre>\n",
              "wrold ", "teh\n", "Fine text.\n", "\n", "`", "<img src=x\n", "🎉 ", "é"]
    ed = editor("+++\ntitle = 'x'\n+++\n\nStart wrold.\n")
    doc = ed.widget.document()
    checker = SpellChecker("en_US")
    for step in range(120):
        cursor = QTextCursor(doc)
        cursor.setPosition(rng.randrange(doc.characterCount()))
        roll = rng.random()
        if roll < 0.6:
            cursor.insertText(rng.choice(pieces))
        elif roll < 0.85:
            cursor.movePosition(QTextCursor.MoveOperation.NextCharacter,
                                QTextCursor.MoveMode.KeepAnchor, rng.randrange(1, 12))
            cursor.removeSelectedText()
        else:
            doc.undo()
        ed.widget.moveCursor(QTextCursor.MoveOperation.End)  # nothing is "being typed"
        text = ed.widget.toPlainText()
        assert ed.source._states == line_states(text.split("\n")), step
        assert len(ed.source._shown) == doc.blockCount()
        if step % 10 == 9:
            expected = [m.word for m in document_misspellings(text, checker)]
            ed.widget.moveCursor(QTextCursor.MoveOperation.Start)
            ed.widget.moveCursor(QTextCursor.MoveOperation.End)
            last = doc.lastBlock()
            if expected and last.text().rstrip().endswith(expected[-1]):
                expected.pop()  # the cursor sits at the end of the last word
            assert ed.seen() == expected, (step, text)


def test_another_editor_attached_follows_language_and_word_lists(main_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    other = QPlainTextEdit()
    qtbot.addWidget(other)
    highlighter = MarkdownHighlighter(other.document())
    source = main_window.features.spell.attach(other, highlighter)
    other.setPlainText("The colour of teh sky.\n")
    source.worker.wait()
    qtbot.wait(20)
    assert underlined(other.document()) == ["colour", "teh"]
    menu = main_window.features.spell.context_menu(
        other.cursorRect(QTextCursor(other.document().findBlockByNumber(0))).center(), other
    )
    assert menu is None  # "The" is spelled right
    main_window.features.spell.set_language("en_GB")
    assert source.checker is main_window.features.spell.checker
    qtbot.wait(20)
    assert underlined(other.document()) == ["teh"]
    main_window.features.spell.ignore_all("teh")
    qtbot.wait(20)
    assert underlined(other.document()) == []


def test_the_language_chosen_for_a_site_is_remembered(make_window, demo_site: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_site)
    window.features.spell.set_language("en_GB")
    window.features.spell.shutdown()
    window.close()
    assert make_window(demo_site).features.spell.language == "en_GB"


def test_right_click_on_a_misspelling_opens_the_suggestions(main_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication

    _type_at_end(main_window, qtbot, "\n\nWe work officiently. ")
    text = main_window.editor.toPlainText()
    cursor = QTextCursor(main_window.editor.document())
    cursor.setPosition(len(text[: text.rindex("officiently") + 3].encode("utf-16-le")) // 2)
    pos = main_window.editor.cursorRect(cursor).center()
    viewport = main_window.editor.viewport()
    shown: list[list[str]] = []

    def read_and_close_menu() -> None:  # runs inside the menu's own event loop
        popup = QApplication.activePopupWidget()
        if popup is not None:
            shown.append([a.text() for a in popup.actions()])
            popup.close()

    QTimer.singleShot(50, read_and_close_menu)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, viewport.mapToGlobal(pos))
    QApplication.sendEvent(viewport, event)
    assert shown and "efficiently" in shown[0] and "Add to Dictionary" in shown[0]


def test_a_spell_source_made_by_another_integration_follows_the_window(main_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    other = QPlainTextEdit(main_window)
    highlighter = MarkdownHighlighter(other.document())
    source = SpellSource(other, highlighter, main_window.features.spell.checker, main_window)
    highlighter.spell_source = source
    other.setPlainText("The colour of teh sky.\n")
    qtbot.wait(20)
    assert underlined(other.document()) == ["colour", "teh"]
    main_window.features.spell.set_language("en_GB")
    qtbot.wait(20)
    assert source.checker is main_window.features.spell.checker
    assert underlined(other.document()) == ["teh"]
    main_window.features.spell.add_to_dictionary("teh")
    qtbot.wait(20)
    assert underlined(other.document()) == []
