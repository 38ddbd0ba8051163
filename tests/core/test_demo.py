"""The shipped demo site and the user's copy of it (core, no Qt)."""

from __future__ import annotations

import os
import re
import shutil
import stat
from importlib.resources import files
from pathlib import Path

import enchant
import pytest

from blogeditor.core.errors import SiteError
from blogeditor.core.site import demo
from blogeditor.core.storage import paths

SOURCE = Path(__file__).resolve().parents[2] / "resources" / "demo-site"
TEASER = re.compile(
    r"^## \[(?P<title>[^\]]+)\]\((?P<link>[^)]+)\)\n"
    r".*?^\*\*\[Full article >>\]\((?P<full>[^)]+)\)\*\*",
    re.M | re.S,
)
# Words the en_US dictionary does not know but the demo text may use.
PRODUCT_NAMES: set[str] = set()


def _teasers() -> list[re.Match[str]]:
    return list(TEASER.finditer((SOURCE / "content" / "_index.md").read_text(encoding="utf-8")))


def _front_matter(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    match = re.match(r"(\+\+\+|---)\n(.*?)\n\1\n", text, re.S)
    assert match, f"{path} has no front matter"
    return match.group(2)


def test_source_is_found_in_the_checkout() -> None:
    assert demo.demo_site_source() == SOURCE
    assert (SOURCE / "hugo.toml").read_text().count('languageCode = "en-us"') == 1


def test_source_is_found_through_importlib_resources() -> None:
    # The one way a checkout, a wheel and the frozen app find their data files.
    assert Path(str(files("blogeditor.resources"))) / "demo-site" == demo.demo_site_source()


def test_missing_source_is_a_clear_site_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(demo, "resource", lambda *parts: tmp_path.joinpath("nowhere", *parts))
    with pytest.raises(SiteError, match="reinstall"):
        demo.demo_site_source()


def test_first_use_copies_into_the_data_folder() -> None:
    site = demo.demo_site_path()
    assert site == paths.data_dir() / "demo-site"
    assert site != SOURCE
    home = site / "content" / "_index.md"
    assert home.read_bytes() == (SOURCE / "content" / "_index.md").read_bytes()
    shipped = sorted(p.relative_to(SOURCE) for p in SOURCE.rglob("*"))
    copied = sorted(p.relative_to(site) for p in site.rglob("*"))
    assert copied == shipped


def test_the_authors_edits_survive_the_next_start() -> None:
    home = demo.demo_site_path() / "content" / "_index.md"
    home.write_text("# edited by the author\n", encoding="utf-8")
    assert demo.demo_site_path() / "content" / "_index.md" == home
    assert home.read_text(encoding="utf-8") == "# edited by the author\n"
    shipped = (SOURCE / "content" / "_index.md").read_text(encoding="utf-8")
    assert shipped != "# edited by the author\n"


def test_a_deleted_copy_is_made_again() -> None:
    site = demo.demo_site_path()
    shutil.rmtree(site)
    assert (demo.demo_site_path() / "content" / "_index.md").is_file()


def test_a_broken_copy_is_kept_aside_not_deleted() -> None:
    site = demo.demo_site_path()
    (site / "content" / "_index.md").unlink()
    (site / "notes.txt").write_text("mine", encoding="utf-8")
    again = demo.demo_site_path()
    assert (again / "content" / "_index.md").is_file()
    assert (site.with_name("demo-site.old") / "notes.txt").read_text(encoding="utf-8") == "mine"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores file modes")
def test_copy_of_a_read_only_install_is_writable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    installed = tmp_path / "opt" / "resources" / "demo-site"
    shutil.copytree(SOURCE, installed)
    for item in [installed, *installed.rglob("*")]:
        item.chmod(stat.S_IMODE(item.stat().st_mode) & ~0o222)
    monkeypatch.setattr(demo, "resource", lambda *parts: installed)
    try:
        home = demo.demo_site_path() / "content" / "_index.md"
        home.write_text("changed", encoding="utf-8")
    finally:
        for item in [installed, *installed.rglob("*")]:
            item.chmod(stat.S_IMODE(item.stat().st_mode) | 0o200)


def test_copy_is_writable_even_when_files_are_read_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    installed = tmp_path / "opt" / "demo-site"
    shutil.copytree(SOURCE, installed)
    article = installed / "content" / "misc" / "writing-in-plain-text" / "_index.md"
    article.chmod(0o444)
    monkeypatch.setattr(demo, "resource", lambda *parts: installed)
    copied = demo.demo_site_path() / "content" / "misc" / "writing-in-plain-text" / "_index.md"
    assert copied.stat().st_mode & 0o200


def test_homepage_shape() -> None:
    text = (SOURCE / "content" / "_index.md").read_text(encoding="utf-8")
    assert text.startswith('+++\narchetype = "home"\ntitle = ""\n+++\n\n# Latest Posts\n')
    teasers = _teasers()
    assert len(teasers) == 8
    assert len({t["link"].split("/")[1] for t in teasers}) == 4
    assert text.count("<!-- ") == 2 and text.count("--- -->") == 2
    assert text.rstrip().endswith(f"**[Full article >>]({teasers[-1]['link']})**")
    assert text.count('<a href="') == 1
    assert text.count('style="width:50%; float:right; padding: 10px"') == 8


def test_only_the_deliberate_problem_has_a_mismatched_full_article_link() -> None:
    mismatched = [(i + 1, t["link"]) for i, t in enumerate(_teasers()) if t["link"] != t["full"]]
    assert mismatched == [(6, "/misc/a-tidy-desk-for-a-tidy-project")]


def test_every_teaser_has_its_article_and_thumbnail() -> None:
    text = (SOURCE / "content" / "_index.md").read_text(encoding="utf-8")
    for src in re.findall(r'<img src="([^"]+)"', text):
        assert (SOURCE / "content" / src.lstrip("/")).is_file(), src
    for teaser in _teasers():
        article = SOURCE / "content" / teaser["link"].lstrip("/") / "_index.md"
        front = _front_matter(article)
        assert re.search(r"^title ?[=:] ", front, re.M), article
        assert re.search(r"^date ?[=:] ", front, re.M), article
        assert "<!--more-->" in article.read_text(encoding="utf-8")


def test_hidden_teasers_are_drafts_and_visible_ones_published() -> None:
    text = (SOURCE / "content" / "_index.md").read_text(encoding="utf-8")
    for teaser in _teasers():
        hidden = text.rfind("<!-- ", 0, teaser.start()) > text.rfind("--- -->", 0, teaser.start())
        front = _front_matter(SOURCE / "content" / teaser["link"].lstrip("/") / "_index.md")
        draft = re.search(r"^draft ?[=:] ?(\w+)", front, re.M)
        assert draft and draft.group(1) == ("true" if hidden else "false"), teaser["link"]
        date = re.search(r"^date ?[=:] ?(\S+)", front, re.M)
        assert date and (hidden or date.group(1) < "2026-11-20"), teaser["link"]


def test_articles_cover_the_variants_others_test_against() -> None:
    articles = list((SOURCE / "content").glob("*/*/_index.md"))
    texts = [a.read_text(encoding="utf-8") for a in articles]
    assert sum(t.startswith("---\n") for t in texts) == 1
    assert sum("{{< youtube " in t for t in texts) == 1
    assert sum("\n| --- |" in t for t in texts) == 1
    assert all("```" in t for t in texts)
    assert list((SOURCE / "content").glob("*/*/img/*.png"))
    for section in ("ai", "kubernetes", "ci-cd", "misc"):
        assert (SOURCE / "content" / section / "_index.md").is_file()


def test_images_are_small_and_the_site_stays_under_a_megabyte() -> None:
    images = [p for p in SOURCE.rglob("*") if p.suffix in {".jpg", ".png"}]
    assert len(images) >= 10
    assert all(p.stat().st_size < 40_000 for p in images)
    assert sum(p.stat().st_size for p in SOURCE.rglob("*") if p.is_file()) < 1_000_000


def test_prose_is_spelled_correctly() -> None:
    dictionary = enchant.Dict("en_US")
    unknown: set[str] = set()
    for path in (SOURCE / "content").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"^(\+\+\+|---)\n.*?\n\1\n", "", text, flags=re.S)
        text = re.sub(r"```.*?```", "", text, flags=re.S)
        text = re.sub(r"<[^>]*>|\{\{.*?\}\}|\]\([^)]*\)|`[^`]*`", "", text)
        for word in re.findall(r"[A-Za-z][A-Za-z']*", text):
            word = word.strip("'")
            if word and word not in PRODUCT_NAMES and not dictionary.check(word):
                unknown.add(word)
    assert not unknown


def test_check_finds_exactly_the_deliberate_problem() -> None:
    import datetime as dt

    from blogeditor.core.homepage.homepage import Homepage
    from blogeditor.core.site.checks import check
    from blogeditor.core.site.site import Site

    site = Site.find(SOURCE)
    homepage = Homepage.load(site.homepage_path)
    for now in (dt.datetime(2026, 11, 26, tzinfo=dt.UTC), dt.datetime(2031, 1, 1, tzinfo=dt.UTC)):
        problems = check(site, homepage, now=now)
        assert [(p.position, p.link) for p in problems] == [
            (6, "/misc/a-tidy-desk-for-a-tidy-project")
        ], problems


def test_homepage_model_reads_the_demo_teasers_as_written() -> None:
    from blogeditor.core.homepage.homepage import Homepage

    data = (SOURCE / "content" / "_index.md").read_bytes()
    homepage = Homepage.parse(data)
    assert homepage.to_bytes() == data
    assert [t.hidden for t in homepage.teasers] == [True, True] + [False] * 6
    assert homepage.teasers[2].thumbnail_href == "/ci-cd/pipelines-that-explain-themselves"
    assert homepage.teasers[0].thumbnail == (
        "/ai/teaching-a-small-model-to-write-release-notes/thumbnail-01.jpg"
    )
