"""Sections offered for a new post, and the one chosen by default."""

from __future__ import annotations

from pathlib import Path

from blogeditor.core.site.sections import default_section, post_sections


def _article(content: Path, section: str, slug: str) -> None:
    folder = content / section / slug
    folder.mkdir(parents=True)
    (folder / "_index.md").write_text("+++\ntitle = 'x'\n+++\n", encoding="utf-8")


def test_a_single_page_folder_is_not_a_section(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "about" / "img").mkdir(parents=True)
    (content / "about" / "_index.md").write_text("+++\ntitle = 'About'\n+++\n", encoding="utf-8")
    _article(content, "kubernetes", "one")
    _article(content, "ai", "two")
    (content / ".git-ish").mkdir()
    assert post_sections(content) == ["ai", "kubernetes"]


def test_the_default_is_the_section_of_the_newest_posts() -> None:
    sections = ["about-me", "ai", "kubernetes"]
    newest = ["/kubernetes/a", "/ai/b", "/kubernetes/c", "https://elsewhere/x", "/ai/d", "/ai/e", "/ai/f"]
    assert default_section(sections, newest) == "ai"  # 3 of the newest 5 posts in a section
    assert default_section(sections, ["/kubernetes/a", "/ai/b"]) == "kubernetes"  # a tie: the newer
    assert default_section(sections, ["/ai/x", "/ai/y", "/kubernetes/z"]) == "ai"
    assert default_section(sections, []) == "about-me"
    assert default_section([], ["/ai/x"]) is None
