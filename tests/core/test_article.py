"""Article reading and single-line front matter edits (core.article)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blogeditor.core.article.article import Article, parse_date
from blogeditor.core.errors import ArticleError

UTC = dt.UTC

TOML_ARTICLE = """+++
title = 'Some Title: With a Colon'   # Hugo-style single quotes
date = 2026-02-25T07:00:00+00:00
draft = true
tags = ["a", "b"]

[params]
series = "x"
+++

First paragraph of the article.

Second paragraph.

<!--more-->

{{< youtube VIDEOID >}}

## Setup
"""

YAML_ARTICLE = """---
title: "Here's One"
date: 2024-01-02
draft: false
tags:
  - k8s
  - ci
---
Summary line.
<!--more-->
Rest.
"""


def changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    a, b = before.split("\n"), after.split("\n")
    assert len(a) == len(b), "a line was added or removed"
    return [(x, y) for x, y in zip(a, b, strict=True) if x != y]


def test_toml_fields() -> None:
    art = Article.parse(TOML_ARTICLE)
    assert art.front_matter_format == "toml"
    assert art.title == "Some Title: With a Colon"
    assert art.date == dt.datetime(2026, 2, 25, 7, 0, tzinfo=UTC)
    assert art.draft is True
    assert art.summary == "First paragraph of the article.\n\nSecond paragraph."
    assert art.body.startswith("\nFirst paragraph")
    assert art.text == TOML_ARTICLE
    assert art.line_of("draft") == 4
    assert TOML_ARTICLE.split("\n")[art.body_line - 1] == ""


def test_yaml_fields() -> None:
    art = Article.parse(YAML_ARTICLE)
    assert art.front_matter_format == "yaml"
    assert art.title == "Here's One"
    assert art.date == dt.datetime(2024, 1, 2)
    assert art.draft is False
    assert art.summary == "Summary line."
    assert art.metadata["tags"] == ["k8s", "ci"]


def test_no_front_matter_no_summary() -> None:
    art = Article.parse("Just text.\n\nMore.\n")
    assert art.front_matter_format is None
    assert art.title is None and art.date is None and art.draft is False
    assert art.summary is None
    assert art.body == art.text


def test_json_front_matter_reads_and_edits_one_value_in_place() -> None:
    text = '{\n  "title": "J",\n  "draft": true,\n  "date": "2024-01-02"\n}\nBody <!--more--> x\n'
    art = Article.parse(text)
    assert (art.front_matter_format, art.title, art.draft) == ("json", "J", True)
    assert art.date == dt.datetime(2024, 1, 2)
    assert art.body == "Body <!--more--> x\n" and art.summary == "Body"
    assert art.with_field("draft", False) == text.replace("true", "false")
    assert art.with_field("title", 'Say "hi"') == text.replace('"J"', '"Say \\"hi\\""')
    added = art.with_field("slug", "s")
    assert added == text.replace('"2024-01-02"', '"2024-01-02",\n  "slug": "s"')
    assert Article.parse(art.with_field("date", None)).metadata == {"title": "J", "draft": True}
    assert Article.parse(art.with_field("title", None)).metadata == {
        "draft": True, "date": "2024-01-02"}
    assert art.line_of("date") == 4
    with pytest.raises(ArticleError, match="malformed JSON front matter on line 3"):
        Article.parse('{\n  "title": \n}\n')


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2024, 5, 6), dt.datetime(2024, 5, 6)),
        ("2024-05-06", dt.datetime(2024, 5, 6)),
        ("2024-05-06T10:00:00Z", dt.datetime(2024, 5, 6, 10, tzinfo=UTC)),
        ("", None),
        ("someday", None),
        (None, None),
    ],
)
def test_dates(value: object, expected: dt.datetime | None) -> None:
    assert parse_date(value) == expected


def test_toml_date_only_and_string_dates() -> None:
    assert Article.parse("+++\ndate = 2024-05-06\n+++\n").date == dt.datetime(2024, 5, 6)
    art = Article.parse("+++\ndate = '2024-05-06T08:00:00+02:00'\n+++\n")
    assert art.date == dt.datetime(2024, 5, 6, 8, tzinfo=dt.timezone(dt.timedelta(hours=2)))


def test_draft_change_is_one_line() -> None:
    art = Article.parse(TOML_ARTICLE)
    new = art.with_field("draft", False)
    assert changed_lines(TOML_ARTICLE, new) == [("draft = true", "draft = false")]
    assert Article.parse(new).draft is False


def test_date_change_keeps_hugo_format() -> None:
    art = Article.parse(TOML_ARTICLE)
    new = art.with_field("date", dt.datetime(2026, 3, 4, 9, 30, tzinfo=UTC))
    assert changed_lines(TOML_ARTICLE, new) == [
        ("date = 2026-02-25T07:00:00+00:00", "date = 2026-03-04T09:30:00+00:00")
    ]


def test_title_keeps_comment_and_quote_style() -> None:
    art = Article.parse(TOML_ARTICLE)
    new = art.with_field("title", "Another Title")
    assert changed_lines(TOML_ARTICLE, new) == [
        (
            "title = 'Some Title: With a Colon'   # Hugo-style single quotes",
            "title = 'Another Title'   # Hugo-style single quotes",
        )
    ]
    # An apostrophe cannot live in a literal string: the edit switches to double quotes.
    assert "title = \"Here's One\"   #" in art.with_field("title", "Here's One")


def test_missing_key_added_before_tables() -> None:
    art = Article.parse(TOML_ARTICLE)
    new = art.with_field("summary", "Short")
    assert "tags = [\"a\", \"b\"]\n\nsummary = 'Short'\n[params]" in new
    reparsed = Article.parse(new)
    assert reparsed.metadata["summary"] == "Short"
    assert reparsed.metadata["params"] == {"series": "x"}


def test_missing_key_added_before_closing_delimiter() -> None:
    text = "+++\ntitle = 'x'\n+++\nbody\n"
    assert Article.parse(text).with_field("draft", True) == "+++\ntitle = 'x'\ndraft = true\n+++\nbody\n"


def test_remove_key() -> None:
    text = "+++\ntitle = 'x'\ndraft = true\ndate = 2024-01-01\n+++\n"
    assert Article.parse(text).with_field("draft", None) == "+++\ntitle = 'x'\ndate = 2024-01-01\n+++\n"


def test_crlf_and_bom_kept() -> None:
    text = "\ufeff+++\r\ntitle = \"A\"\r\ndraft = true\r\n+++\r\n\r\nBody\r\n"
    art = Article.parse(text)
    new = art.with_fields(draft=False, date=dt.datetime(2025, 1, 1, tzinfo=UTC))
    assert new == (
        "\ufeff+++\r\ntitle = \"A\"\r\ndraft = false\r\ndate = 2025-01-01T00:00:00+00:00\r\n"
        "+++\r\n\r\nBody\r\n"
    )


def test_yaml_edits() -> None:
    art = Article.parse(YAML_ARTICLE)
    assert changed_lines(YAML_ARTICLE, art.with_field("draft", True)) == [
        ("draft: false", "draft: true")
    ]
    assert changed_lines(YAML_ARTICLE, art.with_field("title", "Plain")) == [
        ('title: "Here\'s One"', 'title: "Plain"')
    ]
    new = art.with_field("date", dt.datetime(2024, 2, 3, 4, 5, tzinfo=UTC))
    assert changed_lines(YAML_ARTICLE, new) == [("date: 2024-01-02", "date: 2024-02-03T04:05:00+00:00")]
    assert Article.parse(new).date == dt.datetime(2024, 2, 3, 4, 5, tzinfo=UTC)
    tail = 'draft: false\ntags: ["x"]\n---\nSummary line.\n'
    assert tail in art.with_field("tags", ["x"])


def test_no_front_matter_gets_toml_block() -> None:
    new = Article.parse("Body\n").with_field("draft", True)
    assert new == "+++\ndraft = true\n+++\n\nBody\n"
    assert Article.parse(new).draft is True


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("+++\ntitle = 'x'\nBody\n", "never closed"),
        ("+++", "never closed"),
        ("---\ntitle: x\n", "never closed"),
        ("+++\ntitle = \n+++\n", "line 2"),
        ("+++\na = 1\nb = = 2\n+++\n", "line 3"),
        ("---\ntitle: [x\n---\n", "malformed YAML"),
        ("---\n- a list\n---\n", "key: value"),
        ("+++\ntitle = 'a'\ntitle = 'b'\n+++\n", "malformed TOML"),
    ],
)
def test_malformed_front_matter(text: str, needle: str) -> None:
    with pytest.raises(ArticleError, match=needle) as info:
        Article.parse(text, Path("content/ai/post/_index.md"))
    message = str(info.value)
    assert "\n" not in message and message.startswith("post/_index.md")


def test_load_rejects_non_utf8(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_bytes(b"+++\ntitle = 'caf\xe9'\n+++\n")
    with pytest.raises(ArticleError, match="not UTF-8"):
        Article.load(path)


def test_load_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="cannot read"):
        Article.load(tmp_path / "nope.md")


def test_load_round_trip_bytes(tmp_path: Path) -> None:
    data = "\ufeff+++\r\ndraft = true\r\n+++\r\nx".encode()
    path = tmp_path / "a.md"
    path.write_bytes(data)
    assert Article.load(path).text.encode("utf-8") == data


# -- property-based --------------------------------------------------------------------

_safe_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029"),
    max_size=30,
)
_bodies = st.text(max_size=200)
_datetimes = st.datetimes(
    min_value=dt.datetime(1970, 1, 1), max_value=dt.datetime(2100, 1, 1)
).map(lambda d: d.replace(microsecond=0))
_tz = st.sampled_from([None, UTC, dt.timezone(dt.timedelta(hours=2))])


@st.composite
def toml_articles(draw: st.DrawFn) -> str:
    nl = draw(st.sampled_from(["\n", "\r\n"]))
    lines = []
    title = draw(_safe_text)
    quote = draw(st.sampled_from(["'", '"']))
    if quote == "'" and "'" not in title:
        lines.append(f"title = '{title}'")
    else:
        escaped = title.replace("\\", "\\\\").replace('"', '\\"')
        lines.append(f'title = "{escaped}"')
    if draw(st.booleans()):
        lines.append(f"date = {draw(_datetimes).replace(tzinfo=draw(_tz)).isoformat()}")
    if draw(st.booleans()):
        lines.append(f"draft = {draw(st.sampled_from(['true', 'false']))}  # state")
    if draw(st.booleans()):
        lines.append("tags = [\n  'x',\n  'draft = true',\n]")
    if draw(st.booleans()):
        lines.append("# a comment line")
    lines = draw(st.permutations(lines))
    if draw(st.booleans()):
        lines = [*lines, "", "[params]", "draft = 'nested'"]
    bom = "\ufeff" if draw(st.booleans()) else ""
    body = draw(_bodies)
    return bom + nl.join(["+++", *lines, "+++", ""]) + body


@st.composite
def yaml_articles(draw: st.DrawFn) -> str:
    nl = draw(st.sampled_from(["\n", "\r\n"]))
    title = draw(st.sampled_from(["Plain words", '"Quoted: yes"', "'Single'"]))
    lines = [f"title: {title}"]
    if draw(st.booleans()):
        lines.append(f"date: {draw(_datetimes).date().isoformat()}")
    if draw(st.booleans()):
        lines.append(f"draft: {draw(st.sampled_from(['true', 'false', 'yes']))}")
    if draw(st.booleans()):
        lines.extend(["tags:", "  - a", "  - b"])
    return nl.join(["---", *lines, "---", ""]) + draw(_bodies)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(toml_articles(), yaml_articles()), draft=st.booleans())
def test_changing_draft_changes_only_that_line(text: str, draft: bool) -> None:
    art = Article.parse(text)
    new = art.with_field("draft", draft)
    assert Article.parse(new).draft is draft
    if "draft" in art.metadata:
        diff = changed_lines(text, new)
        assert len(diff) <= 1
        assert all(line.lstrip("\ufeff").startswith("draft") for pair in diff for line in pair)
    else:
        old_lines, new_lines = text.split("\n"), new.split("\n")
        assert len(new_lines) == len(old_lines) + 1
        added = [line for line in new_lines if line not in old_lines]
        assert [line.rstrip("\r") for line in added] == [f"draft = {str(draft).lower()}"] or (
            art.front_matter_format == "yaml"
        )
    assert new[art.body_start + len(new) - len(text) :] == art.body


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(toml_articles(), yaml_articles()), when=_datetimes, tz=_tz)
def test_changing_date_changes_only_that_line(text: str, when: dt.datetime, tz: object) -> None:
    when = when.replace(tzinfo=tz)  # type: ignore[arg-type]
    art = Article.parse(text)
    new = art.with_field("date", when)
    assert Article.parse(new).date == when
    others = {k: v for k, v in Article.parse(new).metadata.items() if k != "date"}
    assert others == {k: v for k, v in art.metadata.items() if k != "date"}
    if "date" in art.metadata:
        diff = changed_lines(text, new)
        assert len(diff) <= 1
        assert all(line.lstrip("\ufeff").startswith("date") for pair in diff for line in pair)


@settings(max_examples=300)
@given(text=st.one_of(st.text(max_size=300), toml_articles(), yaml_articles()).flatmap(
    lambda t: st.sampled_from([t, "+++\n" + t, "---\n" + t, t + "\n+++\n", "---\n" + t + "\n---\n"])
))
def test_parse_never_crashes(text: str) -> None:
    try:
        art = Article.parse(text)
    except ArticleError as exc:
        assert "\n" not in str(exc)
        return
    assert art.text == text
    assert text.endswith(art.body)


# -- front matter where Hugo finds it ------------------------------------------------------

_FORMS = {
    "toml": "+++\ntitle = 'T'\ndate = 2024-01-02T03:04:05Z\ndraft = true\n+++\nBody.\n",
    "yaml": "---\ntitle: T\ndate: 2024-01-02T03:04:05Z\ndraft: true\n---\nBody.\n",
    "json": '{\n  "title": "T",\n  "date": "2024-01-02T03:04:05Z",\n  "draft": true\n}\nBody.\n',
}
_LEADS = ["", "\n", "\n\n", "  \n\t\n", "\ufeff", "\ufeff\n\n"]


def _variant(fmt: str, lead: str, crlf: bool) -> str:
    text = lead + _FORMS[fmt]
    return text.replace("\n", "\r\n") if crlf else text


@pytest.mark.parametrize("fmt", sorted(_FORMS))
@pytest.mark.parametrize("lead", _LEADS)
@pytest.mark.parametrize("crlf", [False, True])
def test_front_matter_after_blank_lines_bom_and_crlf(fmt: str, lead: str, crlf: bool) -> None:
    text = _variant(fmt, lead, crlf)
    art = Article.parse(text)
    assert (art.front_matter_format, art.title, art.draft) == (fmt, "T", True)
    assert art.date == dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert art.body.strip() == "Body."
    # An edit changes that one value where it is; never a second block above the real one.
    edited = art.with_field("title", "New")
    assert edited.count("+++") == text.count("+++") and edited.count("---") == text.count("---")
    again = Article.parse(edited)
    assert again.title == "New" and again.metadata.keys() == art.metadata.keys()
    assert edited.startswith(text[: art.fm_start]) and edited.endswith(text[art.fm_end :])
    # Unchanged values round-trip byte for byte: set the title back.
    assert art.with_field("title", "T") == text
    assert again.with_field("title", "T") == text
    assert Article.parse(art.with_field("draft", False)).draft is False


def test_title_key_in_another_case_is_edited_not_duplicated() -> None:
    art = Article.parse("\n+++\nTitle = 'Old'\n+++\nx\n")
    assert art.title == "Old"
    assert art.with_field("title", "New") == "\n+++\nTitle = 'New'\n+++\nx\n"


def test_hugo_closing_delimiter_rules() -> None:
    # The block ends at the first line starting with the delimiter; the rest is body.
    art = Article.parse("+++ \ntitle = 'A'\n+++ trailing\nbody\n")
    assert art.title == "A" and art.body == " trailing\nbody\n"
    assert Article.parse("+++\n+++\nx").metadata == {}
    assert Article.parse("- a list item\n").front_matter_format is None
    with pytest.raises(ArticleError, match="line 3 is never closed"):
        Article.parse("\n\n+++\ntitle = 'x'\n")


@settings(max_examples=60, deadline=None)
@given(
    fmt=st.sampled_from(sorted(_FORMS)),
    lead=st.sampled_from(_LEADS),
    crlf=st.booleans(),
    title=st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=20),
    draft=st.booleans(),
)
def test_edits_touch_only_their_value_in_every_form(
    fmt: str, lead: str, crlf: bool, title: str, draft: bool
) -> None:
    text = _variant(fmt, lead, crlf)
    art = Article.parse(text)
    try:
        edited = art.with_fields(title=title, draft=draft)
    except ArticleError:
        return  # a refusal leaves the text to the author, which is allowed
    new = Article.parse(edited)
    assert (new.title, new.draft) == (title, draft)
    assert new.date == art.date and new.body == art.body
    assert edited[: art.fm_start] == text[: art.fm_start]


def test_summary_after_front_matter_below_blank_lines_holds_no_front_matter() -> None:
    # Fill Teaser copies the summary: it must never carry the front matter along.
    art = Article.parse("\n\n+++\ntitle = 'T'\n+++\n\nThe gist.\n\n<!--more-->\n\nRest.\n")
    assert art.summary == "The gist."
    assert art.line_of("title") == 4 and art.body_line == 6
