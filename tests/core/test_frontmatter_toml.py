"""The tomlkit-based python-frontmatter handler keeps an article's formatting."""

from __future__ import annotations

import datetime as dt

import frontmatter
import pytest
from hypothesis import given
from hypothesis import strategies as st

from blogeditor.core.article.frontmatter_toml import (
    TomlkitHandler,
    parse_document,
    quote,
    register,
    render_value,
)
from blogeditor.core.errors import ArticleError

ARTICLE = """+++
title = 'Some Title: With a Colon'   # keep me
date = 2026-02-25T07:00:00+00:00
draft = true
+++

Body text.
"""


def test_handler_changes_only_the_modified_key() -> None:
    handler = TomlkitHandler()
    post = frontmatter.loads(ARTICLE, handler=handler)
    assert post["title"] == "Some Title: With a Colon"
    assert post["date"] == dt.datetime(2026, 2, 25, 7, tzinfo=dt.UTC)
    post["draft"] = False
    out = frontmatter.dumps(post)
    assert out == ARTICLE.replace("draft = true", "draft = false").strip()


def test_handler_adds_and_removes_keys() -> None:
    handler = TomlkitHandler()
    post = frontmatter.loads(ARTICLE, handler=handler)
    del post["date"]
    post["summary"] = "Short"
    out = frontmatter.dumps(post)
    assert "date =" not in out
    assert "title = 'Some Title: With a Colon'   # keep me" in out
    assert 'summary = "Short"' in out


def test_register_detects_toml_without_handler_argument() -> None:
    register()
    post = frontmatter.loads(ARTICLE)
    assert post["draft"] is True
    assert isinstance(post.handler, TomlkitHandler)


def test_parse_error_names_the_file_line() -> None:
    with pytest.raises(ArticleError, match="on line 5"):
        parse_document("a = 1\nb = \n", first_line=4, name="x.md")


def test_quote_prefers_single_quotes() -> None:
    assert quote("A: b") == "'A: b'"
    assert quote("Here's one") == '"Here\'s one"'
    assert quote("tab\there") == '"tab\\there"'


def test_render_keeps_string_dates_as_strings() -> None:
    like = parse_document("date = '2024-01-01'\n").item("date")
    assert render_value(dt.date(2025, 2, 3), like) == "'2025-02-03'"
    assert render_value(dt.datetime(2025, 2, 3, 4, 5, 6, 789)) == "2025-02-03T04:05:06"
    assert render_value(True) == "true"
    assert render_value(["a", "b'c"]) == "['a', \"b'c\"]"


@given(st.text(max_size=40))
def test_quote_round_trips(text: str) -> None:
    doc = parse_document(f"title = {quote(text)}\n")
    assert doc["title"] == text
