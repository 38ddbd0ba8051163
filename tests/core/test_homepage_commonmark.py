"""Markdown a line scanner misreads but Hugo (CommonMark) does not: the homepage is read
the way the published page shows it, and every edit keeps it that way."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blogeditor.cli import main
from blogeditor.core.errors import HomepageFormatError
from blogeditor.core.homepage.homepage import Homepage
from blogeditor.core.site.checks import check

FRONT = '+++\ntitle = ""\n+++\n\n# Latest Posts\n\n'


def own(title: str, link: str, body: str = "Body.") -> str:
    return (f'<img src="{link}/thumbnail.jpg" style="width:50%; float:right; padding: 10px">\n\n'
            f"## [{title}]({link})\n\n{body}\n\n**[Full article >>]({link})**")


def page(*teasers: str) -> str:
    """A homepage of these teasers; a hidden one brings its own "--- -->" separator."""
    out = FRONT
    for i, teaser in enumerate(teasers):
        out += teaser
        if i < len(teasers) - 1:
            out += "\n\n" if teaser.endswith("-->") else "\n\n---\n\n"
    return out + "\n"


def listed(text: str) -> list[tuple[str, bool]]:
    return [(t.title, t.hidden) for t in Homepage.parse(text.encode()).teasers]


FENCED = page(own("One", "/ai/one", "The format:\n\n```markdown\n## [x](y)\n```"),
              own("Two", "/ai/two"))


def test_a_heading_inside_fenced_code_is_not_a_post() -> None:
    assert listed(FENCED) == [("One", False), ("Two", False)]
    hp = Homepage.parse(FENCED.encode())
    assert "## [x](y)" in hp.teaser(0).markdown


def test_moving_a_post_with_fenced_code_keeps_the_code_inside_it() -> None:
    hp = Homepage.parse(FENCED.encode())
    hp.move(1, 0)
    text = hp.to_text()
    assert text == page(own("Two", "/ai/two"), own("One", "/ai/one", "The format:\n\n```markdown"
                                                                      "\n## [x](y)\n```"))
    assert listed(text) == [("Two", False), ("One", False)]


def test_a_tilde_fence_and_a_fence_inside_a_hidden_teaser_hold_code_too() -> None:
    text = page("<!-- " + own("One", "/ai/one", "~~~\n## [x](y)\n~~~") + "\n\n--- -->",
                own("Two", "/ai/two", "````\n```\n## [z](w)\n```\n````"))
    assert listed(text) == [("One", True), ("Two", False)]


def test_an_indented_heading_is_code_not_a_post() -> None:
    text = page(own("One", "/ai/one", "Example:\n\n    ## [x](y)"))
    assert listed(text) == [("One", False)]


def test_a_heading_link_with_a_title_is_a_post() -> None:
    text = page(own("One", "/ai/one"), '## [Two](/ai/two "tooltip")\n\nBody.')
    hp = Homepage.parse(text.encode())
    assert [(t.title, t.link) for t in hp.teasers] == [("One", "/ai/one"), ("Two", "/ai/two")]
    hp.set_link(1, "/ai/second")
    assert '## [Two](/ai/second "tooltip")' in hp.to_text()


def test_a_comment_opener_in_a_code_span_opens_nothing() -> None:
    text = page(own("One", "/ai/one", "Hide a teaser by typing `<!--` above it."),
                own("Two", "/ai/two", "Or ``<!-- `` with spaces."))
    assert listed(text) == [("One", False), ("Two", False)]
    hp = Homepage.parse(text.encode())
    hp.hide(1)
    assert listed(hp.to_text()) == [("One", False), ("Two", True)]
    hp.show(1)
    assert hp.to_text() == text


def test_an_unclosed_opener_inside_a_paragraph_is_text() -> None:
    # Mid-paragraph, "<!--" is a comment only if it closes in the same paragraph.
    text = page(own("One", "/ai/one", "A <!-- that never closes."), own("Two", "/ai/two"))
    assert listed(text) == [("One", False), ("Two", False)]


def test_a_heading_glued_to_a_bare_thumbnail_is_text_as_on_the_site() -> None:
    # A tag alone on its line opens an HTML block that runs to the next blank line, so Hugo
    # prints "## [Two](/ai/two)" as it stands; with a blank line between it is a post.
    glued = page(own("One", "/ai/one"), '<img src="/ai/two/t.jpg">\n## [Two](/ai/two)')
    assert listed(glued) == [("One", False)]
    assert listed(glued.replace('t.jpg">\n', 't.jpg">\n\n')) == [("One", False), ("Two", False)]
    linked = page(own("One", "/ai/one"), '<a href="/ai/two"><img src="/ai/two/t.jpg"></a>\n'
                                         "## [Two](/ai/two)")
    assert listed(linked) == [("One", False), ("Two", False)]  # a paragraph, then a heading


HIDDEN_TWICE = page(own("One", "/ai/one"), "<!--\n<!-- " + own("Two", "/ai/two") + "\n\n--- --> -->",
                    own("Three", "/ai/three"))


def test_show_removes_both_layers_of_a_teaser_hidden_twice() -> None:
    hp = Homepage.parse(HIDDEN_TWICE.encode())
    assert [(t.title, t.hidden) for t in hp.teasers] == [("One", False), ("Two", True),
                                                         ("Three", False)]
    hp.show(1)
    assert hp.to_text() == page(own("One", "/ai/one"), own("Two", "/ai/two"),
                                own("Three", "/ai/three"))
    assert "-->" not in hp.to_text() and "<!--" not in hp.to_text()
    hp.hide(1)
    assert hp.to_text() == HIDDEN_TWICE  # hiding again restores what the author wrote


def test_show_on_the_command_line_leaves_no_stray_closer(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "_index.md"
    home.write_text(HIDDEN_TWICE)
    assert main(["show", str(home), "2"]) == 0
    assert "-->" not in home.read_text()
    capsys.readouterr()
    assert main(["posts", str(home), "--json"]) == 0
    assert [r["hidden"] for r in json.loads(capsys.readouterr().out)] == [False, False, False]


@pytest.mark.parametrize("newline", ["\r", "\r\n"])
def test_old_mac_and_windows_line_endings_read_and_round_trip(newline: str) -> None:
    text = page(own("One", "/ai/one"), "<!-- " + own("Two", "/ai/two") + "\n\n--- -->")
    data = text.replace("\n", newline).encode()
    hp = Homepage.parse(data)
    assert [(t.title, t.hidden) for t in hp.teasers] == [("One", False), ("Two", True)]
    assert hp.to_bytes() == data
    hp.show(1)
    hp.move(1, 0)
    out = hp.to_bytes()
    assert out.replace(newline.encode(), b"").count(b"\n") == 0
    assert [t.title for t in Homepage.parse(out).teasers] == ["Two", "One"]


def test_check_reports_a_closer_that_hugo_prints() -> None:
    problems = check(None, Homepage.parse(HIDDEN_TWICE.encode()))
    stray = [p for p in problems if p.kind == "stray-closer"]
    line = HIDDEN_TWICE.split("\n").index("--- --> -->") + 1
    assert [(p.position, p.line) for p in stray] == [(2, line)]
    assert "Hugo prints it on the page" in stray[0].message


def test_check_names_the_teasers_a_comment_swallows() -> None:
    # The author forgot the "-->" after One: Two and Three disappear from the page with it.
    text = page("<!-- " + own("One", "/ai/one"), own("Two", "/ai/two"),
                "<!-- " + own("Three", "/ai/three") + "\n\n--- -->", own("Four", "/ai/four"))
    assert listed(text) == [("One", True), ("Two", True), ("Three", True), ("Four", False)]
    problems = [p for p in check(None, Homepage.parse(text.encode())) if p.kind == "comment-swallows"]
    assert len(problems) == 1
    assert problems[0].position == 1 and problems[0].line == 7
    assert '1 "One", 2 "Two", 3 "Three"' in problems[0].message


def test_two_teasers_hidden_together_on_purpose_are_no_problem() -> None:
    text = page("<!-- " + own("One", "/ai/one"), own("Two", "/ai/two") + "\n\n--- -->",
                own("Three", "/ai/three"))
    assert listed(text) == [("One", True), ("Two", True), ("Three", False)]
    kinds = {p.kind for p in check(None, Homepage.parse(text.encode()))}
    assert not kinds & {"comment-swallows", "stray-closer"}


LINE_SOUP = st.sampled_from([
    "## [A](/ai/a)", '## [B](/ai/b "tip")', "<!--", "-->", "--- -->", "```", "~~~", "````",
    "", "", "text `<!--` x", "    ## [C](/ai/c)", '<img src="/ai/x.jpg">', "- item", "---",
    "<!-- ## [D](/ai/d)", "text <!-- x", "x -->", "<!-- <img src='/ai/y.jpg'>", "para",
    "``` -->", "## [E](/ai/e) -->", "<!--more-->", "`` ` ``", "\\`<!--", "<!-- --> -->",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(LINE_SOUP, max_size=14), st.sampled_from(["\n", "\r\n", "\r"]), st.data())
def test_any_soup_of_tricky_lines_round_trips_and_edits_safely(
        lines: list[str], newline: str, data: st.DataObject) -> None:
    raw = (FRONT + "\n".join(lines) + "\n").replace("\n", newline).encode()
    try:
        hp = Homepage.parse(raw)
    except HomepageFormatError:
        return  # refused with a message (an unclosed comment), never a crash
    assert hp.to_bytes() == raw
    if not len(hp):
        return
    i = data.draw(st.integers(0, len(hp) - 1))
    before = [(t.markdown, t.hidden) for t in hp.teasers]
    try:
        hp.set_hidden(i, not hp.teaser(i).hidden)
    except HomepageFormatError:
        assert [(t.markdown, t.hidden) for t in hp.teasers] == before  # refused: untouched
        assert hp.to_bytes() == raw
        return
    again = Homepage.parse(hp.to_bytes())
    assert [(t.markdown, t.hidden) for t in again.teasers] == [
        (md, (not hidden) if k == i else hidden) for k, (md, hidden) in enumerate(before)]
