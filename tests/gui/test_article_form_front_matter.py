"""The article form on front matter Hugo reads after blank lines, and in JSON: it shows the
values and edits them in place, never adding a second block (real demo-site files)."""

from __future__ import annotations

from pathlib import Path

import pytest

from blogeditor.core.article.article import Article
from blogeditor.core.site.site import Site
from blogeditor.gui.article.article_editor import ArticleEditor

FIRST = "content/ai/teaching-a-small-model-to-write-release-notes/_index.md"


@pytest.fixture
def article_editor(qtbot, demo_site: Path):  # type: ignore[no-untyped-def]
    editor = ArticleEditor()
    qtbot.addWidget(editor)
    editor.show()
    yield editor
    editor.shutdown()


@pytest.mark.parametrize("lead", ["\n", "\n\n  \n"])
@pytest.mark.parametrize("form_", ["toml", "json"])
def test_form_reads_and_edits_front_matter_after_blank_lines(
    qtbot, article_editor, demo_site: Path, lead: str, form_: str  # type: ignore[no-untyped-def]
) -> None:
    path = demo_site / FIRST
    if form_ == "toml":
        front = "+++\ntitle = 'Late Start'\ndraft = true\n+++\n"
    else:
        front = '{\n  "title": "Late Start",\n  "draft": true\n}\n'
    text = lead + front + "\nBody text.\n"
    path.write_text(text, encoding="utf-8")
    assert article_editor.open(Site.find(demo_site), path)
    form = article_editor.form
    assert form.title_edit.text() == "Late Start"
    assert form.draft_check.isChecked()
    form.title_edit.setText("Late, Edited")
    form.title_edit.textEdited.emit(form.title_edit.text())
    form.flush()
    edited = article_editor.text()
    assert edited.count("+++") == text.count("+++") and edited.count("{") == text.count("{")
    assert edited.startswith(lead) and edited.endswith("\nBody text.\n")
    assert article_editor.save()
    saved = Article.load(path)
    assert (saved.title, saved.draft) == ("Late, Edited", True)
