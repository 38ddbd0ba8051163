"""Property-based tests: homepages generated with every variant in the format reference."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blogeditor.core.errors import HomepageFormatError
from blogeditor.core.homepage.homepage import Homepage

WORDS = st.sampled_from(
    ["Kubernetes", "cluster", "the", "a", "GitOps", "**bold**", "`code`", "[link](https://example.com)",
     "runs", "fast", "édition", "naïve", "🚀", "and", "*emphasis*", "Crossplane", "tests", "<b>HTML</b>"]
)
TITLE = st.lists(st.sampled_from(["Ship", "It", "Fast:", "Kubernetes", "Why", "GitOps?", "Don't", "Panic!",
                                  "A", "Guide", "(by", "Akuity)"]), min_size=1, max_size=6).map(" ".join)


@dataclass
class Spec:
    title: str
    link: str
    thumb: str  # "none", "bare", "anchor"
    body: list[str]
    blank_runs: list[int]
    full_article: bool
    hidden: bool


@st.composite
def teaser_specs(draw: st.DrawFn, n: int) -> Spec:
    section = draw(st.sampled_from(["ai", "kubernetes", "misc", "ci-cd"]))
    slug = f"post-{n}-{draw(st.integers(0, 999))}"
    link = ("/" if draw(st.booleans()) else "") + f"{section}/{slug}"
    paragraphs = draw(st.lists(st.lists(WORDS, min_size=1, max_size=12).map(" ".join), min_size=0, max_size=3))
    if draw(st.booleans()):
        paragraphs.append(f"![](terminal/{slug}/preview.png)")
    return Spec(
        title=draw(TITLE),
        link=link,
        thumb=draw(st.sampled_from(["none", "bare", "anchor"])),
        body=paragraphs,
        blank_runs=draw(st.lists(st.integers(1, 4), min_size=len(paragraphs) + 3, max_size=len(paragraphs) + 3)),
        full_article=draw(st.integers(0, 9)) > 0,
        hidden=draw(st.booleans()),
    )


def own_text(spec: Spec) -> str:
    gaps = ["\n" * (k + 1) for k in spec.blank_runs]
    parts: list[str] = []
    g = iter(gaps)
    if spec.thumb == "bare":
        parts += [f'<img src="/{spec.link.lstrip("/")}/thumbnail-01.jpg" style="width:50%; float:right; padding: 10px">', next(g)]
    elif spec.thumb == "anchor":
        parts += [f'<a href="{spec.link}"><img src="/{spec.link.lstrip("/")}/thumbnail.jpg" '
                  'style="width:50%; float:right; padding: 10px"></a>', next(g)]
    parts.append(f"## [{spec.title}]({spec.link})")
    for para in spec.body:
        parts += [next(g), para]
    if spec.full_article:
        parts += [next(g), f"**[Full article >>]({spec.link})**"]
    return "".join(parts)


@dataclass
class Page:
    text: str
    data: bytes
    specs: list[Spec]


@st.composite
def homepages(draw: st.DrawFn) -> Page:
    n = draw(st.integers(0, 6))
    specs = [draw(teaser_specs(i)) for i in range(n)]
    front = draw(st.sampled_from(['+++\narchetype = "home"\ntitle = ""\n+++\n', '---\ntitle: ""\n---\n', ""]))
    preamble = draw(st.sampled_from(["\n# Latest Posts\n\n", "# Latest Posts\n\n\n", "\n# Latest Posts\n\nHello <i>there</i>.\n\n"]))
    separators = draw(st.booleans())
    blank = draw(st.sampled_from(["\n\n", "\n\n\n", "\n"]))
    last_sep = draw(st.booleans())
    final_nl = draw(st.sampled_from(["\n", "", "\n\n"]))
    # Consecutive hidden teasers may share one comment.
    share = [draw(st.booleans()) for _ in range(n)]
    out = [front, preamble]
    open_comment = False
    for i, spec in enumerate(specs):
        last = i == n - 1
        if spec.hidden and not open_comment:
            out.append("<!-- ")
            open_comment = True
        out.append(own_text(spec))
        next_hidden_together = not last and spec.hidden and specs[i + 1].hidden and share[i]
        close = open_comment and not next_hidden_together
        if last:
            if close:
                out.append("\n\n--- -->" if separators else " -->")
            elif separators and last_sep:
                out.append("\n\n---")
            out.append(final_nl)
        else:
            sep = "\n\n---" if separators else ""
            out.append(sep + (" -->" if close and separators else (" -->" if close else "")) + blank + ("\n" if blank == "\n" else ""))
        if close:
            open_comment = False
    text = "".join(out)
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    data = text.replace("\n", newline).encode()
    if draw(st.booleans()):
        data = b"\xef\xbb\xbf" + data
    return Page(text, data, specs)


SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(homepages())
def test_every_generated_homepage_round_trips_and_reads_as_written(page: Page) -> None:
    hp = Homepage.parse(page.data)
    assert hp.to_bytes() == page.data
    assert [(t.title, t.link, t.hidden) for t in hp.teasers] == [(s.title, s.link, s.hidden) for s in page.specs]
    for t, s in zip(hp.teasers, page.specs, strict=True):
        assert t.markdown == own_text(s)


@SETTINGS
@given(homepages(), st.data())
def test_operations_change_only_what_they_touch(page: Page, data: st.DataObject) -> None:
    hp = Homepage.parse(page.data)
    n = len(hp)
    before = [t.markdown for t in hp.teasers]
    op = data.draw(st.sampled_from(["move", "toggle", "remove", "insert"] if n else ["insert"]))
    if op == "move":
        i, j = data.draw(st.integers(0, n - 1)), data.draw(st.integers(0, n - 1))
        hp.move(i, j)
        expected = before[:]
        expected.insert(j, expected.pop(i))
        hidden = [s.hidden for s in page.specs]
        hidden.insert(j, hidden.pop(i))
        assert [t.hidden for t in hp.teasers] == hidden
        hp.move(j, i)
        back = Homepage.parse(hp.to_bytes())
        assert [t.markdown for t in back.teasers] == before
        assert [t.hidden for t in back.teasers] == [s.hidden for s in page.specs]
        return
    if op == "toggle":
        i = data.draw(st.integers(0, n - 1))
        was = hp.teaser(i).hidden
        hp.set_hidden(i, not was)
        reread = Homepage.parse(hp.to_bytes())
        assert [t.hidden for t in reread.teasers] == [
            (not s.hidden) if k == i else s.hidden for k, s in enumerate(page.specs)]
        assert [t.markdown for t in reread.teasers] == before
        hp.set_hidden(i, was)
        if all(s.contained for s in Homepage.parse(page.data)._segs):
            assert hp.to_bytes() == page.data  # hide then show (or show then hide) is the identity
        return
    if op == "remove":
        i = data.draw(st.integers(0, n - 1))
        hp.remove(i)
        reread = Homepage.parse(hp.to_bytes())
        assert [t.markdown for t in reread.teasers] == before[:i] + before[i + 1:]
        assert [t.hidden for t in reread.teasers] == [s.hidden for k, s in enumerate(page.specs) if k != i]
        return
    hp.insert(0, title="Brand New", link="/ai/brand-new", thumbnail="/ai/brand-new/thumbnail.jpg")
    reread = Homepage.parse(hp.to_bytes())
    assert reread.teaser(0).title == "Brand New" and reread.teaser(0).hidden
    assert [t.markdown for t in reread.teasers][1:] == before
    assert [t.hidden for t in reread.teasers][1:] == [s.hidden for s in page.specs]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab#[]()<!->\n *-_+=\r\t/é")), max_size=300))
def test_arbitrary_text_either_round_trips_or_is_refused_clearly(text: str) -> None:
    from blogeditor.core.errors import HomepageFormatError

    data = text.encode()
    try:
        hp = Homepage.parse(data)
    except HomepageFormatError:
        return
    assert hp.to_bytes() == data


# Text an author types into a teaser: prose, and now and then something that reaches past it
# (a fence, a comment marker, a separator, an HTML block), which must take the careful path.
TYPED = st.lists(st.sampled_from([
    "word", " ", "\n", "\n\n", "*em*", "[a link](/x)", "`code`", "- item", "1. one",
    "<b>bold</b>", "```", "~~~", "<!--", "-->", "---", "===", "<pre>", "[ref]: /r", "    indented",
    "é", "> quote", "### sub", "\t",
]), max_size=12).map("".join)


@SETTINGS
@given(homepages(), st.data())
def test_typing_in_a_teaser_reads_back_as_a_fresh_parse_of_the_file(
        page: Page, data: st.DataObject) -> None:
    hp = Homepage.parse(page.data)
    if not len(hp):
        return
    index = data.draw(st.integers(0, len(hp) - 1))
    teaser = hp.teaser(index)
    typed = data.draw(TYPED)
    at = data.draw(st.integers(0, len(teaser.markdown)))
    heading_end = teaser.markdown.index("\n") + 1 if "\n" in teaser.markdown else len(teaser.markdown)
    at = max(at, heading_end)  # keep the one heading intact
    text = teaser.markdown[:at] + typed + teaser.markdown[at:]
    assert hp.to_bytes() == page.data  # the bytes are now known: typing splices into them
    hp.teasers  # noqa: B018 -- and the teasers: typing remakes only its own
    try:
        hp.set_markdown(index, text)
    except HomepageFormatError:
        assert Homepage.parse(page.data).to_bytes() == hp.to_bytes()  # refused: unchanged
        return
    fresh = Homepage.parse(hp.to_bytes())
    assert fresh.teasers == hp.teasers  # titles, hidden flags, texts and line numbers
    assert fresh.to_bytes() == hp.to_bytes()
    joined = Homepage.parse(page.data)  # never asked for its bytes: they are made whole
    joined.set_markdown(index, text)
    assert joined.to_bytes() == hp.to_bytes()


def _some_change(hp: Homepage, data: st.DataObject) -> None:
    """One operation an author makes, or typing in a teaser (refusals are fine)."""
    n = len(hp)
    op = data.draw(st.sampled_from(["type", "move", "toggle", "remove", "insert"] if n
                                   else ["insert"]))
    try:
        if op == "type":
            i = data.draw(st.integers(0, n - 1))
            hp.set_markdown(i, hp.teaser(i).markdown + data.draw(TYPED))
        elif op == "move":
            hp.move(data.draw(st.integers(0, n - 1)), data.draw(st.integers(0, n - 1)))
        elif op == "toggle":
            i = data.draw(st.integers(0, n - 1))
            hp.set_hidden(i, not hp.teaser(i).hidden)
        elif op == "remove":
            hp.remove(data.draw(st.integers(0, n - 1)))
        else:
            hp.insert(0, title="Brand New", link="/ai/brand-new")
    except HomepageFormatError:
        pass


@SETTINGS
@given(homepages(), st.data())
def test_a_copy_and_its_original_never_change_each_other(page: Page, data: st.DataObject) -> None:
    """Copies share their teasers until one side changes (copy on write); whatever either
    side does afterwards, in any order, the other reads exactly as before."""
    original = Homepage.parse(page.data)
    original.teasers  # noqa: B018 -- teasers made and cached before the copy, as in the window
    copy = original.copy()
    for _ in range(data.draw(st.integers(1, 4))):
        changed = data.draw(st.sampled_from(["copy", "original"]))
        target, other = (copy, original) if changed == "copy" else (original, copy)
        bytes_before, teasers_before = other.to_bytes(), other.teasers
        _some_change(target, data)
        assert other.to_bytes() == bytes_before
        assert other.teasers == teasers_before
        assert Homepage.parse(target.to_bytes()).teasers == target.teasers
