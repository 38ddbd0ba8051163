"""The preview HTML: what the author sees of shortcodes, images, code, tables and scripts."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from blogeditor.core.render.html_clean import CleanContext
from blogeditor.core.render.render import (
    IncrementalRenderer,
    _render_fragment,
    block_spans,
    padding_hint,
    render_article_body,
    render_article_html,
    render_fragment,
    render_teaser_html,
    resolve_image_path,
    respan,
    split_blocks,
    strip_front_matter,
    width_hint,
)

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f"
    b"\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00"
    b"\x00IEND\xaeB`\x82"
)


class TmpSite:
    """The part of core.site.Site the renderer uses, over a real folder of files."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.content_dir = root / "content"
        self.static_dir = root / "static"

    def resolve_image(self, src: str) -> Path | None:
        rel = src.lstrip("/")
        for base in (self.content_dir, self.static_dir):
            if (base / rel).is_file():
                return base / rel
        return None


def make_site(tmp_path: Path) -> TmpSite:
    bundle = tmp_path / "content" / "ai" / "first-post"
    (bundle / "img").mkdir(parents=True)
    (bundle / "thumbnail.jpg").write_bytes(PNG)
    (bundle / "img" / "diagram.png").write_bytes(PNG)
    (tmp_path / "content" / "terminal" / "x").mkdir(parents=True)
    (tmp_path / "content" / "terminal" / "x" / "p.png").write_bytes(PNG)
    return TmpSite(tmp_path)


TEASER = (
    '<a href="/ai/first-post"><img src="/ai/first-post/thumbnail.jpg" '
    'style="width:50%; float:right; padding: 10px"></a>\n'
) + """
## [First Post Title](/ai/first-post)

Teaser paragraph, **bold**, [links](https://example.com) and all.

* one
* two

**[Full article >>](/ai/first-post)**
"""


def test_teaser_thumbnail_is_local_file_floated_right_at_half_width(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    html = render_teaser_html(TEASER, site=site)
    thumb = (tmp_path / "content" / "ai" / "first-post" / "thumbnail.jpg").as_uri()
    assert f'src="{thumb}?w=50&amp;p=10"' in html  # half width, the homepage's 10px padding
    assert 'align="right"' in html
    assert "style=" not in html.split("<body>")[1]  # Qt would ignore the float; align does it
    assert '<h2><a href="/ai/first-post">First Post Title</a></h2>' in html
    assert "<strong>bold</strong>" in html and "<li>two</li>" in html
    assert '<a href="https://example.com">links</a>' in html
    assert html.startswith("<html>") and "<style" in html and "hl-kw" in html


def test_dark_teaser_uses_dark_stylesheet() -> None:
    assert render_teaser_html("x", dark=True) != render_teaser_html("x", dark=False)


def test_article_images_bundle_subfolder_and_site_relative(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    bundle = tmp_path / "content" / "ai" / "first-post"
    text = "![d](img/diagram.png)\n\n![t](terminal/x/p.png)\n\n![abs](/ai/first-post/thumbnail.jpg)\n"
    html = render_article_html(text, site=site, base_dir=bundle)
    assert f'src="{(bundle / "img" / "diagram.png").as_uri()}"' in html
    assert f'src="{(tmp_path / "content" / "terminal" / "x" / "p.png").as_uri()}"' in html
    assert f'src="{(bundle / "thumbnail.jpg").as_uri()}"' in html
    assert "Image not found" not in html


def test_missing_and_remote_images_show_a_placeholder_naming_the_src(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    html = render_article_html(
        "![x](img/nope.png)\n\n![y](https://cdn.example.com/a.png)\n", site=site, base_dir=tmp_path
    )
    assert "Image not found: img/nope.png" in html
    assert "Remote image not loaded: https://cdn.example.com/a.png" in html
    assert "<img" not in html


def test_resolve_image_path_order_and_refusals(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    bundle = tmp_path / "content" / "ai" / "first-post"
    assert resolve_image_path("img/diagram.png", base_dir=bundle) == bundle / "img" / "diagram.png"
    assert resolve_image_path("/ai/first-post/thumbnail.jpg", site=site) == bundle / "thumbnail.jpg"
    assert resolve_image_path("http://example.com/x.png", site=site, base_dir=bundle) is None
    assert resolve_image_path("/ai/first-post/thumbnail.jpg") is None  # no site: cannot know
    assert resolve_image_path((bundle / "thumbnail.jpg").as_uri()) == bundle / "thumbnail.jpg"


def test_broken_site_resolver_does_not_break_the_preview(tmp_path: Path) -> None:
    class Broken:
        def resolve_image(self, src: str) -> Path | None:
            raise RuntimeError("bug elsewhere")

    html = render_article_html("![x](/a/b.png)", site=Broken())
    assert "Image not found: /a/b.png" in html


def test_shortcodes_become_readable_placeholders() -> None:
    text = (
        "{{< youtube VIDEOID >}}\n\n{{% notice info %}}\nCareful.\n{{% /notice %}}\n\n"
        'Inline {{< ref "other.md" >}} link.\n\n```\n{{</* youtube x */>}}\n```\n'
    )
    html = render_fragment(text)
    assert "▶ YouTube video VIDEOID" in html
    assert "shortcode notice info" in html and "end of notice" in html
    assert "[shortcode ref other.md]" in html
    assert "{{&lt; youtube x &gt;}}" in html  # escaped shortcode shown as Hugo prints it
    assert "{{<" not in html and "{{%" not in html


def test_scripts_event_handlers_and_iframes_are_removed() -> None:
    text = (
        '<script>alert("x")</script>\n\n<p onclick="steal()">Hi <a href="javascript:bad()">j</a></p>\n\n'
        '<iframe src="https://www.youtube.com/embed/abc"></iframe>\n\n<img src="x.png" onerror="bad()">\n'
    )
    html = render_fragment(text)
    assert "alert" not in html and "<script" not in html
    assert "onclick" not in html and "onerror" not in html and "javascript:" not in html
    assert "<iframe" not in html
    assert "embedded iframe not shown: https://www.youtube.com/embed/abc" in html
    assert "Hi" in html


def test_tables_render_as_html_tables() -> None:
    html = render_fragment("| Name | Value |\n| --- | --- |\n| a | 1 |\n")
    assert '<table class="md" border="1"' in html and "<th>Name</th>" in html and "<td>1</td>" in html


def test_fenced_code_gets_highlight_spans_and_keeps_text() -> None:
    html = render_fragment(
        "```yaml\napiVersion: v1 # the version\nport: 8080\nname: \"a<b\"\n```\n\n"
        "```bash\nif true; then echo 'hi'; fi\n```\n"
    )
    assert '<span class="hl-k">apiVersion</span>' in html
    assert '<span class="hl-c"># the version</span>' in html
    assert '<span class="hl-n">8080</span>' in html
    assert '<span class="hl-s">"a&lt;b"</span>' in html
    assert '<span class="hl-kw">if</span>' in html and "<span class=\"hl-s\">'hi'</span>" in html


def test_more_marker_is_a_subtle_rule_and_other_comments_vanish() -> None:
    html = render_fragment("Summary.\n\n<!--more-->\n\nRest. <!-- a private note -->\n")
    assert '<hr class="more" />' in html and "summary ends here" in html
    assert "private note" not in html


def test_front_matter_is_stripped_from_articles() -> None:
    toml = "+++\ntitle = 'T'\ndraft = false\n+++\n\nBody text.\n"
    yaml = "---\ntitle: T\n---\nBody text.\n"
    assert strip_front_matter(toml).strip() == "Body text."
    assert strip_front_matter(yaml).strip() == "Body text."
    html = render_article_html(toml)
    assert "draft" not in html and "Body text." in html


def test_article_title_from_front_matter_is_the_page_heading() -> None:
    toml = "+++\ntitle = 'Fish & <Chips>'\ndraft = false\n+++\n\nBody text.\n"
    body = render_article_html(toml).split("<body>")[1]
    assert body.startswith('<h1 class="title">Fish &amp; &lt;Chips&gt;</h1><p>Body text.</p>')
    yaml = "---\ntitle: Yaml Title\n---\nBody.\n"
    assert '<h1 class="title">Yaml Title</h1>' in render_article_html(yaml)
    # No title, an empty one or a broken front matter: no heading, and nothing raises.
    for text in ("Body.\n", "+++\ntitle = ''\n+++\nBody.\n", "+++\ntitle = = x\n+++\nB\n"):
        assert 'class="title"' not in render_article_html(text)
    # The heading block stands for the front matter (a focus there shows the heading).
    blocks = IncrementalRenderer().render_blocks(toml)
    assert blocks[0].start == 0 and blocks[0].end == toml.index("\nBody")
    assert blocks[1].html == "<p>Body text.</p>"


def test_retitling_updates_the_heading_and_rerenders_no_body_block() -> None:
    text = "+++\ntitle = 'Old'\n+++\n\n" + "\n\n".join(f"Para {i}." for i in range(20))
    renderer = IncrementalRenderer()
    renderer.render_blocks(text)
    blocks = renderer.render_blocks(text.replace("'Old'", "'A New Title'"))
    assert renderer.last_rendered == 0
    assert blocks[0].html == '<h1 class="title">A New Title</h1>' and len(blocks) == 21


def test_split_blocks_keeps_fences_lists_comments_and_html_together() -> None:
    text = (
        "Para one.\n\n```sh\necho a\n\n\necho b\n```\n\n- a\n\n- b\n\n<!-- note\n\nstill -->\n\n"
        "<div>\n\ninside\n\n</div>\n\nLast."
    )
    blocks = split_blocks(text)
    assert blocks == [
        "Para one.",
        "```sh\necho a\n\n\necho b\n```",
        "- a\n\n- b",
        "<!-- note\n\nstill -->",
        "<div>\n\ninside\n\n</div>",
        "Last.",
    ]


def test_incremental_renderer_rerenders_only_the_changed_block() -> None:
    paragraphs = [f"Paragraph number {i} with **bold** text." for i in range(50)]
    text = "\n\n".join(paragraphs)
    renderer = IncrementalRenderer()
    first = renderer.render_body(text)
    assert renderer.last_rendered == 50
    edited = text.replace("number 25 ", "number twenty-five ")
    second = renderer.render_body(edited)
    assert renderer.last_rendered == 1
    assert "twenty-five" in second and second.replace("twenty-five", "25") == first


def test_incremental_renderer_equals_whole_document_rendering_for_reference_links() -> None:
    text = "See [the docs][d].\n\nAnd again [here][d].\n\n[d]: https://example.com/docs\n"
    html = IncrementalRenderer().render_body(text)
    assert html.count('href="https://example.com/docs"') == 2


def test_padding_hint() -> None:
    assert padding_hint("file:///a/b.png?w=50&p=10") == 10
    assert padding_hint("file:///a/b.png?w=50") == 0


def test_width_hint() -> None:
    assert width_hint("file:///a/b.png?w=50") == 50
    assert width_hint("file:///a/b.png") is None
    assert width_hint("file:///a/b.png?w=oops") is None


MARKDOWNISH = st.lists(
    st.sampled_from(
        [*"ab #*_-`~<>/!{}[]()%=:|\"'\n\t1.", "{{<", ">}}", "{{%", "```", "<!--", "-->", "<img src=", "\n\n"]
    ),
    max_size=120,
).map("".join)


@settings(max_examples=150, deadline=None)
@given(MARKDOWNISH)
def test_rendering_never_raises_on_arbitrary_text(text: str) -> None:
    # The private strict path: the public one has a last-resort fallback that would hide bugs.
    _render_fragment(text, CleanContext(None, None))
    assert render_article_html(text).startswith("<html>")
    assert render_teaser_html(text).startswith("<html>")
    renderer = IncrementalRenderer()
    assert renderer.render_body(text) == renderer.render_body(text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_rendering_never_raises_on_any_unicode(text: str) -> None:
    assert "<body>" in render_article_html(text)


@settings(max_examples=300, deadline=None)
@given(MARKDOWNISH, st.integers(min_value=0), st.integers(min_value=0, max_value=6), MARKDOWNISH)
def test_resplitting_after_an_edit_equals_splitting_from_scratch(
    old: str, at: int, cut: int, typed: str
) -> None:
    at = at % (len(old) + 1)
    new = old[:at] + typed[:8] + old[at + cut :]
    assert respan(old, block_spans(old), new) == block_spans(new)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 4), MARKDOWNISH), max_size=6))
def test_incremental_rendering_after_edits_equals_fresh_rendering(
    edits: list[tuple[int, int, str]],
) -> None:
    text = "+++\ntitle = 'x'\n+++\n\nIntro.\n\n- a\n- b\n\n```sh\necho 1\n```\n\nEnd [x][r].\n\n[r]: /a/b\n"
    renderer = IncrementalRenderer()
    renderer.render_blocks(text)
    for at, cut, typed in edits:
        at = at % (len(text) + 1)
        text = text[:at] + typed[:10] + text[at + cut :]
        incremental = renderer.render_blocks(text)
        assert incremental == IncrementalRenderer().render_blocks(text)


def test_a_fresh_renderer_does_not_scan_installed_packages(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Looking extensions up by name scans every installed package's entry points, which
    held up the first preview by up to 0.7 s; the renderer names its extensions directly."""
    import threading

    import markdown.util

    def scan() -> object:
        raise AssertionError("entry points scanned")

    monkeypatch.setattr(markdown.util, "get_installed_extensions", scan)
    out: list[str] = []
    # A new thread gets a new Markdown instance (they are per thread).
    worker = threading.Thread(target=lambda: out.append(
        render_fragment("| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncode\n```\n")))
    worker.start()
    worker.join(timeout=30)
    assert out and "<table" in out[0] and "<pre" in out[0] and "entry points" not in out[0]


# -- CommonMark, as Hugo's Goldmark reads it ------------------------------------------------


def test_a_list_right_after_a_paragraph_line_is_a_list() -> None:
    body = render_fragment("**Cons:**\n* slow\n* loud\n")
    assert body.startswith("<p><strong>Cons:</strong></p>\n<ul>\n<li>slow</li>")


def test_goldmark_extensions_tables_tasks_strikethrough_definitions_footnotes() -> None:
    body = render_article_body(
        "- [ ] todo\n- [x] done\n\n~~gone~~\n\nTerm\n\n: its meaning\n\n"
        "Said[^1].\n\n[^1]: A note.\n\n## Setup {#setup .big}\n"
    )
    assert "&#9744; todo" in body and "&#9745; done" in body
    assert "<del>gone</del>" in body
    assert "<dl>" in body and "<dd>" in body  # a definition after a blank line still joins
    assert 'class="footnotes"' in body and body.count("<ol") == 1
    assert '<h2 id="setup" class="big">Setup</h2>' in body


def test_front_matter_after_blank_lines_is_not_shown_as_text() -> None:
    text = "\n\n+++\ntitle = 'Late'\n+++\nBody.\n"
    assert strip_front_matter(text) == "Body.\n"
    body = render_article_html(text).split("<body>")[1]
    assert body.startswith('<h1 class="title">Late</h1><p>Body.</p>') and "+++" not in body
    json_text = '{"title": "J"}\nBody.\n'
    assert strip_front_matter("\ufeffNo front matter.\n") == "No front matter.\n"
    assert '<h1 class="title">J</h1><p>Body.</p>' in render_article_html(json_text)
