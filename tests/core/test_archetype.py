"""New articles from the site's archetype (core.archetype)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from blogeditor.core.article.archetype import create_article, new_article_text, render_template
from blogeditor.core.article.article import Article
from blogeditor.core.errors import SiteError
from blogeditor.core.site.site import Site

WHEN = dt.datetime(2026, 12, 1, 7, 0, tzinfo=dt.UTC)

HUGO_DEFAULT = """+++
date = '{{ .Date }}'
draft = true
title = '{{ replace .File.ContentBaseName "-" " " | title }}'
+++
"""


def test_render_hugo_default_archetype() -> None:
    values = {"date": "2026-12-01T07:00:00+00:00", "slug": "why-yes", "section": "ai",
              "title": "Why: Yes", "site_title": "S"}
    out = render_template(HUGO_DEFAULT, values)
    assert "title = 'Why Yes'" in out
    assert "date = '2026-12-01T07:00:00+00:00'" in out


def test_unknown_actions_and_shortcodes_stay() -> None:
    text = "{{< youtube X >}} {{% note %}} {{ .Site.Params.author }} {{ .Name | upper }}"
    out = render_template(text, {"slug": "a-b"})
    assert out == "{{< youtube X >}} {{% note %}} {{ .Site.Params.author }} A-B"


def test_new_article_uses_typed_title_and_date(demo_site: Path) -> None:
    (demo_site / "archetypes").mkdir()
    (demo_site / "archetypes" / "default.md").write_text(HUGO_DEFAULT + "\nWrite here.\n")
    site = Site.find(demo_site)
    text = new_article_text(site, "ai", "Why: Yes, Really", date=WHEN)
    article = Article.parse(text)
    assert article.title == "Why: Yes, Really"
    assert article.date == WHEN
    assert article.draft is True
    assert text.startswith("+++\ndate = '2026-12-01T07:00:00+00:00'\ndraft = true\n")
    assert text.endswith("\nWrite here.\n")


def test_section_archetype_wins_and_draft_is_added(demo_site: Path) -> None:
    (demo_site / "archetypes").mkdir()
    (demo_site / "archetypes" / "default.md").write_text(HUGO_DEFAULT)
    (demo_site / "archetypes" / "ai.md").write_text(
        '---\ntitle: "{{ .Name }}"\ndate: {{ .Date }}\n---\nAI post\n'
    )
    article = Article.parse(new_article_text(Site.find(demo_site), "ai", "Robots", date=WHEN))
    assert article.front_matter_format == "yaml"
    assert (article.title, article.date, article.draft) == ("Robots", WHEN, True)
    assert article.body == "AI post\n"


def test_builtin_form_without_archetype(demo_site: Path) -> None:
    text = new_article_text(Site.find(demo_site), "ai", "Here's One", date=WHEN)
    assert text == (
        "+++\ntitle = \"Here's One\"\ndate = 2026-12-01T07:00:00+00:00\ndraft = true\n+++\n\n"
    )


def test_archetype_only_hugo_can_fill_falls_back(demo_site: Path) -> None:
    (demo_site / "archetypes").mkdir()
    (demo_site / "archetypes" / "default.md").write_text(
        "+++\nauthor = {{ .Site.Params.author }}\n+++\n"
    )
    article = Article.parse(new_article_text(Site.find(demo_site), "ai", "T", date=WHEN))
    assert (article.title, article.draft) == ("T", True)


def test_create_article(demo_site: Path) -> None:
    site = Site.find(demo_site)
    path, link = create_article(site, "misc", "A New Post!", date=WHEN)
    assert link == "/misc/a-new-post"
    assert path == demo_site / "content" / "misc" / "a-new-post" / "_index.md"
    assert site.article_path(link) == path
    assert Article.load(path).title == "A New Post!"
    with pytest.raises(SiteError, match="already exists"):
        create_article(site, "misc", "A new post", date=WHEN)
    path, link = create_article(site, "misc", "A new post", slug="custom-slug", date=WHEN)
    assert link == "/misc/custom-slug"
    with pytest.raises(SiteError, match="folder name"):
        create_article(site, "misc", "X", slug="a/b")
    with pytest.raises(SiteError, match="section"):
        create_article(site, "../x", "X")
