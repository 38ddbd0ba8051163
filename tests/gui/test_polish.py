"""Small author-facing touches: title drift in the list, spelling in comments, saving over a
pending conflict, the Problems dock. Real window, real files, real dictionary, real watcher."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit

from blogeditor.core.spelling.checker import SpellChecker
from blogeditor.gui.markdown_highlighter import MarkdownHighlighter
from blogeditor.gui.post_list_model import TitleDriftRole
from blogeditor.gui.spell_source import SpellSource

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
