"""Markdown to preview HTML: teasers the way the homepage shows them, and whole articles.

No Qt here. The output is a full HTML document with the stylesheet inlined, written for
QTextBrowser's subset of HTML/CSS: floats are ``align="right"``, boxes are one-cell tables
(the only element whose border Qt draws), code colours are classes on spans.

Images become ``file://`` URLs of the local files. An image meant to take a share of the
preview's width (the homepage's ``style="width:50%"`` thumbnails) carries that share in its
URL query (``?w=50``): only the widget knows its width, so it scales the image when it
loads it (see ``width_hint``; a plain QTextBrowser ignores the query and shows the file).

Large articles render block by block (``IncrementalRenderer``): a keystroke re-renders only
the block it touched.
"""

from __future__ import annotations

import html
import re
import threading
from bisect import bisect_right
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import NamedTuple

from blogeditor.core.article.article import Article
from blogeditor.core.article.front_matter import locate
from blogeditor.core.errors import BlogEditorError
from blogeditor.core.render import commonmark, shortcodes
from blogeditor.core.render.html_clean import (
    CleanContext,
    ImageResolver,
    clean_html,
    padding_hint,
    resolve_image_path,
    width_hint,
)
from blogeditor.core.storage.resources import resource

__all__ = [
    "IncrementalRenderer",
    "RenderedBlock",
    "block_at",
    "block_spans",
    "html_document",
    "padding_hint",
    "render_article_body",
    "render_article_html",
    "render_fragment",
    "render_teaser_html",
    "resolve_image_path",
    "respan",
    "select_window",
    "split_blocks",
    "strip_front_matter",
    "stylesheet",
    "width_hint",
]


# ---------------------------------------------------------------- stylesheet and document


@cache
def stylesheet(dark: bool = False) -> str:
    """The preview stylesheet (resources/preview.css, or preview-dark.css)."""
    path = resource("preview-dark.css" if dark else "preview.css")
    try:
        return path.read_text(encoding="utf-8")
    except OSError:  # a broken install still shows the text, only plainer
        return ""


def html_document(body: str, *, dark: bool = False) -> str:
    """A full HTML document around ``body`` with the stylesheet inlined."""
    return (
        '<html><head><meta charset="utf-8"><style type="text/css">'
        f"{stylesheet(dark)}</style></head><body>{body}</body></html>"
    )


# ---------------------------------------------------------------- front matter

def _front_matter_title(front: str) -> str | None:
    """The title in a front matter block (delimiters included); None if none or malformed."""
    if not front:
        return None
    try:
        title = Article.parse(front).title
    except (BlogEditorError, ValueError, TypeError):  # malformed while being typed: no heading
        return None
    return (title.strip() or None) if title else None


def strip_front_matter(text: str) -> str:
    """``text`` without its front matter (TOML, YAML or JSON), found where Hugo finds it:
    after any blank lines. A block that never closes is left in place, as text to fix."""
    span = locate(text)
    if span.format is not None and span.closed:
        return text[span.end :]
    return text.removeprefix("\ufeff")  # Hugo drops a byte-order mark, front matter or not


# ---------------------------------------------------------------- one piece of markdown


def render_fragment(
    text: str, *, site: ImageResolver | None = None, base_dir: Path | None = None
) -> str:
    """The HTML body for ``text`` (no front matter handling). Never raises."""
    try:
        return _render_fragment(text, CleanContext(site, Path(base_dir) if base_dir else None))
    except Exception:  # the preview must show something for any text the author types
        return f"<pre>{html.escape(text, quote=False)}</pre>"


def _render_fragment(text: str, ctx: CleanContext) -> str:
    tokens: dict[str, shortcodes.Shortcode] = {}

    def token(sc: shortcodes.Shortcode) -> str:
        # Letters only: Markdown leaves the token alone, and a line of its own becomes <p>token</p>.
        key = f"zzblogeditorshortcode{len(tokens)}zz"
        tokens[key] = sc
        return key

    source = shortcodes.replace(text, token)
    body = clean_html(commonmark.to_html(source).rstrip("\n"), ctx)
    # Highest numbers first so "…1zz" never matches inside "…11zz".
    for key, sc in reversed(tokens.items()):
        if sc.escaped:
            body = body.replace(key, html.escape(sc.label(), quote=False))
            continue
        body = body.replace(f"<p>{key}</p>", shortcodes.placeholder_html(sc, block=True))
        body = body.replace(key, shortcodes.placeholder_html(sc, block=False))
    return body


# ---------------------------------------------------------------- public entry points


def render_teaser_html(
    markdown: str, *, site: ImageResolver | None = None, dark: bool = False
) -> str:
    """A homepage teaser as the homepage shows it: thumbnail floated right at half width."""
    return html_document(f'<div class="teaser">{render_fragment(markdown, site=site)}</div>',
                         dark=dark)


def render_article_body(
    markdown: str, *, site: ImageResolver | None = None, base_dir: Path | None = None
) -> str:
    """An article's HTML body: front matter stripped, then rendered block by block."""
    renderer = IncrementalRenderer(site=site, base_dir=base_dir)
    return "".join(b.html for b in renderer.render_blocks(markdown))


def render_article_html(
    markdown: str,
    *,
    site: ImageResolver | None = None,
    base_dir: Path | None = None,
    dark: bool = False,
) -> str:
    """A whole article (front matter stripped) as a full HTML document."""
    return html_document(render_article_body(markdown, site=site, base_dir=base_dir), dark=dark)


# ---------------------------------------------------------------- incremental rendering

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$", re.M)
_BLANK_RUN = re.compile(r"\n(?:[ \t]*\n)+")
_LIST_ITEM = re.compile(r"^(?:[*+-]|\d{1,9}[.)])(?:[ \t]|$)")
_LIST_ITEM_LINE = re.compile(r"^ {0,3}(?:[*+-]|\d{1,9}[.)])(?:[ \t]|$)", re.M)
_REF_DEF = re.compile(r"^ {0,3}\[(?!\^)[^\]\n]+\]:[ \t]*\S", re.M)
_FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^[^\]\n]+\]:", re.M)
_DEFINITION = re.compile(r"^ {0,3}:[ \t]", re.M)
_HTML_OPEN = re.compile(r"^ {0,3}<([A-Za-z][A-Za-z0-9-]*)[\s>]")
_HTML_VOID = frozenset(
    ("img", "br", "hr", "input", "meta", "link", "source", "area", "col", "embed", "wbr")
)


def split_blocks(text: str) -> list[str]:
    """The text of each top-level block (see ``block_spans``)."""
    return [text[start:end] for start, end in block_spans(text)]


def block_spans(text: str) -> list[tuple[int, int]]:
    """Split markdown into top-level blocks that render the same alone as together.

    A block boundary is a blank line followed by an unindented line, except inside fenced
    code, an open HTML element or comment, and between the items of one list.
    Returns (start, end) character offsets.
    """
    return _block_spans_from(text, 0, None)[0]


def _block_spans_from(
    text: str, pos: int, resync: dict[int, int] | None
) -> tuple[list[tuple[int, int]], int | None]:
    """Split from ``pos`` (a block start). Stops when a block would start at a key of
    ``resync`` and returns its value too: from there on, the old split still holds."""
    blocks: list[tuple[int, int]] = []
    chunk_start: int | None = None
    chunk_end = 0
    fence: str | None = None
    html_tag: str | None = None
    html_depth = 0
    in_comment = False
    is_list = False
    in_deflist = False
    length = len(text)
    while pos <= length:
        sep = _BLANK_RUN.search(text, pos)
        end = sep.start() if sep else length
        piece = text[pos:end]
        next_pos = sep.end() if sep else length + 1
        if not piece.strip():
            pos = next_pos
            continue
        continues = fence is not None or in_comment or html_tag is not None
        starts_item = bool(_LIST_ITEM.match(piece))
        if chunk_start is not None and not continues:
            indented = piece[:1] in (" ", "\t")
            # A definition (": text") belongs to the term above it, even across a blank
            # line, and a definition list goes on while terms are followed by definitions.
            defines = bool(_DEFINITION.match(piece)) or (
                in_deflist
                and bool(_DEFINITION.search(piece) or _DEFINITION.match(text, next_pos))
            )
            if not indented and not defines and not (starts_item and is_list):
                blocks.append((chunk_start, chunk_end))
                chunk_start = None
        if chunk_start is None:
            if resync is not None and pos in resync:
                return blocks, resync[pos]
            chunk_start = pos
            is_list = starts_item
            in_deflist = False
            m = _HTML_OPEN.match(piece)
            if m and m.group(1).lower() not in _HTML_VOID:
                html_tag, html_depth = m.group(1).lower(), 0
        chunk_end = end
        # A list may start below a paragraph line ("**Cons:**" then "* item"); its later
        # items, after blank lines, still belong to it.
        if fence is None and not is_list:
            is_list = bool(_LIST_ITEM_LINE.search(piece))
        if fence is None and not in_deflist and ":" in piece:
            in_deflist = bool(_DEFINITION.search(piece))
        fence = _fence_state(piece, fence)
        if in_comment or "<!--" in piece:
            in_comment = _comment_open_after(piece, in_comment)
        if html_tag is not None:
            html_depth += len(re.findall(rf"<{html_tag}[\s>/]", piece, re.I))
            html_depth -= len(re.findall(rf"</{html_tag}\s*>", piece, re.I))
            if html_depth <= 0:
                html_tag = None
        pos = next_pos
    if chunk_start is not None:
        blocks.append((chunk_start, chunk_end))
    return blocks, None


def _common_prefix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    i = 0
    step = 2048
    while i + step <= n and a[i : i + step] == b[i : i + step]:
        i += step
    while i < n and a[i] == b[i]:
        i += 1
    return i


def _common_suffix(a: str, b: str, limit: int) -> int:
    i = 0
    step = 2048
    la, lb = len(a), len(b)
    while i + step <= limit and a[la - i - step : la - i] == b[lb - i - step : lb - i]:
        i += step
    while i < limit and a[la - i - 1] == b[lb - i - 1]:
        i += 1
    return i


def respan(old: str, old_spans: list[tuple[int, int]], new: str) -> list[tuple[int, int]]:
    """``block_spans(new)``, re-splitting only around what changed since ``old``.

    A keystroke in a 266 KB article re-splits a block or two instead of the whole text.
    """
    first, middle, rejoin, delta = _respan_parts(old, old_spans, new)
    tail = [] if rejoin is None else [(a + delta, b + delta) for a, b in old_spans[rejoin:]]
    return old_spans[:first] + middle + tail


def _respan_parts(
    old: str, old_spans: list[tuple[int, int]], new: str
) -> tuple[int, list[tuple[int, int]], int | None, int]:
    """(old blocks kept at the head, new spans in between, first old block kept at the tail
    (None: none), offset shift of the tail)."""
    if not old_spans:
        return 0, block_spans(new), None, 0
    prefix = _common_prefix(old, new)
    suffix = _common_suffix(old, new, min(len(old), len(new)) - prefix)
    starts = [start for start, _ in old_spans]
    # One block further back: an edit can join a block to the list before it.
    first = max(0, bisect_right(starts, prefix) - 2)
    restart = old_spans[first][0] if first else 0
    old_end = len(old) - suffix
    delta = len(new) - len(old)
    later = bisect_right(starts, old_end - 1)
    if later < len(starts) and starts[later] < old_end:
        later += 1
    resync = {starts[j] + delta: j for j in range(later, len(starts))}
    middle, rejoin = _block_spans_from(new, restart, resync)
    return first, middle, rejoin, delta


def _fence_state(piece: str, fence: str | None) -> str | None:
    """The fence still open after ``piece`` (its marker), given the one open before it."""
    if "```" not in piece and "~~~" not in piece:
        return fence
    for m in _FENCE.finditer(piece):
        marker = m.group(1)
        if fence is None:
            fence = marker
        elif marker[0] == fence[0] and len(marker) >= len(fence) and not m.group(2).strip():
            fence = None
    return fence


class RenderedBlock(NamedTuple):  # a tuple: thousands are made per keystroke
    key: str  # the block's source text (plus shared link definitions): equal key, equal HTML
    html: str
    start: int = 0  # where the block's text starts in the markdown given to render_blocks
    end: int = 0


class IncrementalRenderer:
    """Renders an article block by block and remembers each block's HTML by its text.

    ``render_blocks`` after a keystroke re-renders only the blocks whose text changed
    (``last_rendered`` says how many). Safe to call from one thread at a time per instance.
    """

    def __init__(
        self, *, site: ImageResolver | None = None, base_dir: Path | None = None
    ) -> None:
        self.site = site
        self.base_dir = Path(base_dir) if base_dir else None
        self._cache: dict[str, str] = {}
        self._lock = threading.Lock()
        self._text = ""
        self._spans: list[tuple[int, int]] = []
        self._blocks: list[RenderedBlock] = []
        self._shift = 0
        self._refs = ""
        self._front = ""
        self._title: str | None = None
        self.last_rendered = 0

    def clear(self) -> None:
        """Forget cached HTML (after images were added or the site changed)."""
        with self._lock:
            self._cache.clear()
            self._text, self._spans, self._blocks = "", [], []

    def render_blocks(self, markdown: str) -> list[RenderedBlock]:
        # Offsets are into the markdown as given, except that CRLF counts as one character.
        normal = markdown.replace("\r\n", "\n")
        text = strip_front_matter(normal)
        shift = len(normal) - len(text)
        # Reference-style link definitions apply document-wide, so every block gets them.
        refs = ""
        if "]:" in text:
            refs = "\n".join(m.group(0) + _rest_of_line(text, m.end()) for m in _REF_DEF.finditer(text))
        with self._lock:
            old_blocks = self._blocks
            if _FOOTNOTE_DEF.search(text):
                # Footnotes are numbered and listed for the whole page: render it as one block.
                first, middle, rejoin, delta = 0, [(0, len(text))], None, 0
            elif old_blocks and shift == self._shift and refs == self._refs:
                first, middle, rejoin, delta = _respan_parts(self._text, self._spans, text)
            else:
                first, middle, rejoin, delta = 0, block_spans(text), None, 0
            rendered = 0
            result = old_blocks[:first]
            for start, end in middle:
                block = text[start:end]
                key = f"{block}\n\n{refs}" if refs else block
                body = self._cache.get(key)
                if body is None:
                    body = render_fragment(key, site=self.site, base_dir=self.base_dir)
                    self._cache[key] = body
                    rendered += 1
                result.append(RenderedBlock(key, body, start + shift, end + shift))
            if rejoin is not None:
                result.extend(
                    RenderedBlock(b.key, b.html, b.start + delta, b.end + delta)
                    for b in old_blocks[rejoin:]
                )
            spans = self._spans[:first] + middle
            if rejoin is not None:
                spans.extend((a + delta, b + delta) for a, b in self._spans[rejoin:])
            self._text, self._spans, self._blocks = text, spans, result
            self._shift, self._refs = shift, refs
            if len(self._cache) > 2 * len(result) + 64:  # keep one document's worth
                self._cache = {b.key: b.html for b in result}
            self.last_rendered = rendered
            title = self._title_block(normal[:shift])
        # The title block is not part of ``_blocks``: the re-splitting above indexes those.
        return ([title] if title else []) + list(result)

    def _title_block(self, front: str) -> RenderedBlock | None:
        """The front matter's title as the page heading, the way Hugo's page shows it."""
        if front != self._front:
            self._front, self._title = front, _front_matter_title(front)
        if not self._title:
            return None
        heading = f'<h1 class="title">{html.escape(self._title, quote=False)}</h1>'
        return RenderedBlock(f"\x00title:{heading}", heading, 0, len(front))

    def render_body(self, markdown: str) -> str:
        return "".join(b.html for b in self.render_blocks(markdown))

    def render(self, markdown: str, *, dark: bool = False) -> str:
        return html_document(self.render_body(markdown), dark=dark)


def block_at(blocks: Sequence[RenderedBlock], offset: int) -> int:
    """The index of the block holding (or first after) character ``offset``."""
    starts = [b.start for b in blocks]
    return max(0, min(len(blocks) - 1, bisect_right(starts, offset) - 1))


def select_window(blocks: Sequence[RenderedBlock], focus: int, radius: int) -> tuple[int, int]:
    """Block indices [first, last) covering about ``radius`` characters each side of block ``focus``.

    The preview of a very large article shows such a window around where the author works:
    a text document's layout costs grow with its length, a window's do not.
    """
    if not blocks:
        return (0, 0)
    focus = max(0, min(len(blocks) - 1, focus))
    first = focus
    budget = radius
    while first > 0 and budget > 0:
        first -= 1
        budget -= len(blocks[first].key)
    last = focus + 1
    budget = radius
    while last < len(blocks) and budget > 0:
        budget -= len(blocks[last].key)
        last += 1
    return (first, last)


def _comment_open_after(line: str, open_before: bool) -> bool:
    pos = 0
    state = open_before
    while True:
        marker = "-->" if state else "<!--"
        found = line.find(marker, pos)
        if found < 0:
            return state
        state = not state
        pos = found + len(marker)


def _rest_of_line(text: str, pos: int) -> str:
    end = text.find("\n", pos)
    return text[pos:] if end < 0 else text[pos:end]
