"""The editor side of the main window: highlighting, the spell-check hook, counts, themes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QTextCharFormat, QTextDocument

from blogeditor.gui.editor.editor import reading_minutes, word_count
from blogeditor.gui.editor.markdown_highlighter import MarkdownHighlighter

Underline = QTextCharFormat.UnderlineStyle


def formats_of(document: QTextDocument, block_number: int) -> list[tuple[int, int, QTextCharFormat]]:
    block = document.findBlockByNumber(block_number)
    return [(r.start, r.length, QTextCharFormat(r.format)) for r in block.layout().formats()]


def format_at(document: QTextDocument, block_number: int, position: int) -> QTextCharFormat | None:
    for start, length, fmt in formats_of(document, block_number):
        if start <= position < start + length:
            return fmt
    return None


class Misspelled:
    """A spell source (the seam spell_ui fills): flags every 'teh'."""

    def misspellings(self, text: str, block_number: int) -> list[tuple[int, int]]:
        found = []
        start = text.find("teh")
        while start >= 0:
            # UTF-16 position, as the seam promises
            found.append((len(text[:start].encode("utf-16-le")) // 2, 3))
            start = text.find("teh", start + 1)
        return found


def test_spell_source_ranges_get_a_wavy_underline_even_after_an_emoji(qtbot) -> None:
    document = QTextDocument()
    highlighter = MarkdownHighlighter(document)
    highlighter.spell_source = Misspelled()
    document.setPlainText("Good 🙂 **teh** end\n`code` teh")
    highlighter.rehighlight()
    # "Good 🙂 **" is 10 UTF-16 units (the emoji counts twice).
    fmt = format_at(document, 0, 10)
    assert fmt is not None and fmt.underlineStyle() == Underline.SpellCheckUnderline
    assert fmt.fontWeight() > 400  # merged with the bold, not replacing it
    assert format_at(document, 0, 6) is None or (
        format_at(document, 0, 6).underlineStyle() != Underline.SpellCheckUnderline
    )
    second = format_at(document, 1, 7)
    assert second is not None and second.underlineStyle() == Underline.SpellCheckUnderline


def test_fenced_code_and_comments_span_lines(qtbot) -> None:
    document = QTextDocument()
    highlighter = MarkdownHighlighter(document)
    document.setPlainText("before\n```\n# not a heading\n```\n<!-- a\nb -->after\n## Heading")
    highlighter.rehighlight()
    code = format_at(document, 2, 0)
    assert code is not None and code.fontFixedPitch()
    assert format_at(document, 0, 0) is None
    assert format_at(document, 5, 0).fontItalic()  # still inside the comment
    assert format_at(document, 5, 5) is None  # "after" is prose again
    heading = format_at(document, 6, 3)
    assert heading is not None and heading.fontWeight() > 400


def test_word_count_leaves_markup_out() -> None:
    text = (
        '<img src="/a/b/thumbnail.jpg" style="width:50%">\n\n## [Two Words](/a/b)\n\n'
        "One **two** [three](https://example.com/x-y-z) {{< youtube abc >}} four.\n\n"
        "**[Full article >>](/a/b)**"
    )
    assert word_count(text) == 8  # Two Words, One two three four, Full article
    assert reading_minutes(0) == 0
    assert reading_minutes(8) == 1


def test_status_bar_shows_counts_position_and_save_state(qtbot, main_window) -> None:
    bar_texts = lambda: " | ".join(  # noqa: E731
        w.text() for w in (main_window.status_fields.words, main_window.status_fields.position, main_window.status_fields.save_state)
    )
    assert "words" in bar_texts() and "min read" in bar_texts()
    assert "Ln 1, Col 1" in bar_texts() and "Saved" in bar_texts()
    main_window.editor.moveCursor(main_window.editor.textCursor().MoveOperation.NextBlock)
    assert "Ln 2, Col 1" in bar_texts()
    main_window.commands.remove.trigger()
    assert "Unsaved changes" in bar_texts()


def test_dark_theme_recolours_without_losing_the_text(qtbot, main_window) -> None:
    text = main_window.editor.toPlainText()
    main_window.apply_theme(True)
    assert main_window.editor.toPlainText() == text
    main_window.apply_theme(False)
    assert not main_window.commands.save.icon().isNull()


def test_a_site_without_teasers_says_how_to_start(make_window, demo_site: Path) -> None:
    (demo_site / "content" / "_index.md").write_text(
        "+++\ntitle = ''\n+++\n\n# Latest Posts\n", encoding="utf-8"
    )
    window = make_window(demo_site)
    assert window.list_model.rowCount() == 0
    assert "New Post" in window.list_view.empty_text
    assert window.current_index() is None
    assert window.editor.isReadOnly()
    assert not window.commands.remove.isEnabled()
    assert window.commands.new_post.isEnabled()


def test_no_site_shows_the_welcome_panel(make_window, dialogs, demo_site) -> None:
    window = make_window()
    assert window.stack.currentWidget() is window.welcome
    assert not window.commands.save.isEnabled()
    dialogs.folder = str(demo_site)
    window.welcome.open_button.click()
    assert window.site is not None and window.site.root == demo_site
    assert window.stack.currentWidget() is window.splitter
