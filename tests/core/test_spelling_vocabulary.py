"""Learning a site's vocabulary from its articles, and the command-line report."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from blogeditor.core.errors import BlogEditorError
from blogeditor.core.spelling.checker import SpellChecker
from blogeditor.core.spelling.report import spelling_problems
from blogeditor.core.spelling.vocabulary import (
    edit_distance,
    is_near_miss,
    learn,
    learn_site,
    read_struck,
    site_vocabulary,
    write_struck,
)
from blogeditor.core.spelling.wordlists import add_word, site_words_path

HOMEPAGE = (
    '+++\narchetype = "home"\n+++\n\n# Latest Posts\n\n'
    "## [Zorblax Rocks](/ai/zorblax)\n\nZorblax is grate, and recieve this `zorbctl` tip.\n\n"
    "**[Full article >>](/ai/zorblax)**\n"
)


def make_site(root: Path, articles: dict[str, str]) -> SimpleNamespace:
    """A Hugo site folder on disk, described with the attributes core.site.Site offers."""
    content = root / "content"
    content.mkdir(parents=True)
    (root / "hugo.toml").write_text('languageCode = "en-us"\n', encoding="utf-8")
    (content / "_index.md").write_text(HOMEPAGE, encoding="utf-8")
    for slug, body in articles.items():
        folder = content / "ai" / slug
        folder.mkdir(parents=True)
        (folder / "_index.md").write_text(f"+++\ntitle = '{slug}'\n+++\n\n{body}\n", encoding="utf-8")
    return SimpleNamespace(
        root=root,
        content_dir=content,
        homepage_path=content / "_index.md",
        language_code=lambda: "en-us",
    )


ARTICLES = {
    "one": "Zorblax and Quuxly make recieve easy. Once a flimflarn.",
    "two": "With Zorblax we recieve Quuxly updates.",
    "three": "Zorblax again; we recieve, twice a flimflarn.",
    "four": "Nothing special, only Quuxly.",
}


def test_edit_distance_and_near_misses() -> None:
    assert edit_distance("recieve", "receive") == 2
    assert edit_distance("kitten", "sitting", limit=5) == 3
    assert is_near_miss("recieve", ["receive"])
    assert not is_near_miss("Crossplane", ["Cross plane", "Cross-plane", "Cropland"])


def test_words_in_three_articles_are_learned_but_repeated_typos_are_not() -> None:
    learned = learn(ARTICLES.values(), SpellChecker("en_US"))
    assert learned == {"Quuxly": 3, "Zorblax": 3}  # flimflarn: two articles; recieve: a typo


def test_learned_vocabulary_with_struck_words_persisted(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", ARTICLES)
    learned = learn_site(site.root, site.content_dir, SpellChecker("en_US"), site.homepage_path)
    assert set(learned) == {"Quuxly", "Zorblax"}
    write_struck(site.root, {"Quuxly"})
    assert read_struck(site.root) == {"Quuxly"}
    assert site_vocabulary(learned, read_struck(site.root)) == {"Zorblax"}
    # the second call comes from the cache and gives the same answer
    assert learn_site(site.root, site.content_dir, SpellChecker("en_US"), site.homepage_path) == learned


def test_report_lines_for_a_lone_homepage(tmp_path: Path, seed_text: str) -> None:
    page = tmp_path / "_index.md"
    page.write_text(seed_text, encoding="utf-8")
    problems = spelling_problems(None, page)
    assert [p.word for p in problems] == [
        "officiently", "skilset", "officiently", "skilset", "compeling", "runnning",
        "missunderstanding", "missguided", "demistify",
    ]
    first = str(problems[0])
    assert first.startswith(f"{page}:12:{problems[0].column}: officiently (suggestions: efficiently")
    assert seed_text.split("\n")[11][problems[0].column - 1:].startswith("officiently")


def test_report_uses_site_vocabulary_and_site_words(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", ARTICLES)
    problems = spelling_problems(site, site.homepage_path)
    assert [str(p).split(" (")[0] for p in problems] == ["content/_index.md:9:23: recieve"]
    add_word(site_words_path(site.root), "recieve")
    assert spelling_problems(site, site.homepage_path) == []
    with_articles = spelling_problems(site, site.homepage_path, articles=True)
    assert {p.word for p in with_articles} == {"flimflarn"}  # recieve is in the site list now


def test_report_refuses_clearly_without_a_dictionary(tmp_path: Path) -> None:
    page = tmp_path / "_index.md"
    page.write_text(HOMEPAGE, encoding="utf-8")
    with pytest.raises(BlogEditorError, match="install"):
        spelling_problems(None, page, language="xx_YY")


def test_report_lines_as_the_command_line_prints_them(tmp_path: Path) -> None:
    from blogeditor.core.spelling.report import spelling_lines

    site = make_site(tmp_path / "site", ARTICLES)
    lines = spelling_lines(site, site.homepage_path)
    assert len(lines) == 1
    assert lines[0].startswith("content/_index.md:9:23: recieve (suggestions: receive")


def test_blogeditor_check_spelling_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from blogeditor.__main__ import main

    site = make_site(tmp_path / "site", ARTICLES)
    code = main(["check", str(site.root), "--spelling"])
    out = capsys.readouterr().out
    assert code == 1
    assert "content/_index.md:9:23: recieve (suggestions: receive" in out
    assert "Zorblax" not in out  # learned from three articles
    # Every article is checked too: flimflarn is in two articles only, so it is not learned.
    assert "content/ai/one/_index.md:5:" in out and "flimflarn" in out
