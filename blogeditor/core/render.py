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
import sys
import threading
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote, urlsplit

import markdown as _markdown

from blogeditor.core import shortcodes
from blogeditor.core.code_highlight import highlight

__all__ = [
    "IncrementalRenderer",
    "RenderedBlock",
    "block_at",
    "block_spans",
    "html_document",
    "render_article_body",
    "render_article_html",
    "render_fragment",
    "render_teaser_html",
    "resolve_image_path",
    "select_window",
    "split_blocks",
    "strip_front_matter",
    "stylesheet",
    "width_hint",
]


class ImageResolver(Protocol):
    def resolve_image(self, src: str) -> Path | None: ...


_EXTENSIONS = ["tables", "fenced_code", "sane_lists", "attr_list"]
_local = threading.local()


def _md() -> _markdown.Markdown:
    # A Markdown instance is not thread-safe; the preview renders from a worker and the GUI.
    md = getattr(_local, "md", None)
    if md is None:
        md = _markdown.Markdown(extensions=_EXTENSIONS, output_format="html")
        _local.md = md
    return md


# ---------------------------------------------------------------- stylesheet and document


def _resources_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)  # PyInstaller bundle
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


@cache
def stylesheet(dark: bool = False) -> str:
    """The preview stylesheet (resources/preview.css, or preview-dark.css)."""
    path = _resources_dir() / ("preview-dark.css" if dark else "preview.css")
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

_FRONT_MATTER = re.compile(
    r"\A\ufeff?(?:\+\+\+[ \t]*\r?\n.*?\r?\n\+\+\+[ \t]*(?:\r?\n|\Z)"
    r"|---[ \t]*\r?\n.*?\r?\n---[ \t]*(?:\r?\n|\Z))",
    re.DOTALL,
)


def strip_front_matter(text: str) -> str:
    """``text`` without a leading TOML (+++) or YAML (---) front matter block."""
    return _FRONT_MATTER.sub("", text, count=1)


# ---------------------------------------------------------------- images


def width_hint(url: str) -> int | None:
    """The share of the preview width (percent) an image URL asks for, from its ``?w=NN``."""
    _, _, query = url.partition("?")
    if query.startswith("w="):
        try:
            value = int(query[2:].split("&", 1)[0].split("#", 1)[0])
        except ValueError:
            return None
        return value if 0 < value <= 100 else None
    return None


def resolve_image_path(
    src: str, *, site: ImageResolver | None = None, base_dir: Path | None = None
) -> Path | None:
    """The local file an image ``src`` shows, or None (remote, missing, or unresolvable).

    Tried in order: a ``file:`` URL; for a relative src, the article folder (``base_dir``);
    then the site (``/section/slug/x.png`` and site-relative ``section/slug/x.png``).
    """
    src = html.unescape(src).strip()
    if not src or src.startswith("data:"):
        return None
    parts = urlsplit(src)
    if parts.scheme == "file":
        path = Path(unquote(parts.path))
        return path if _is_file(path) else None
    if parts.scheme or parts.netloc:  # http(s)://, //cdn..., mailto: ...
        return None
    rel = unquote(parts.path)
    if not rel:
        return None
    candidates: list[Path | None] = []
    if not rel.startswith("/") and base_dir is not None:
        candidates.append(Path(base_dir) / rel)
    if site is not None:
        candidates.append(_site_resolve(site, rel))
        if not rel.startswith("/"):
            candidates.append(_site_resolve(site, "/" + rel))
    for path in candidates:
        if path is not None and _is_file(path):
            return path
    return None


def _site_resolve(site: ImageResolver, src: str) -> Path | None:
    try:
        return site.resolve_image(src)
    except Exception:  # another module's bug must not take the preview down
        return None


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def _is_remote(src: str) -> bool:
    s = src.strip().lower()
    return s.startswith(("http://", "https://", "//"))


# ---------------------------------------------------------------- HTML clean-up

_DROP_WITH_CONTENT = re.compile(
    r"<(script|style|noscript|template|head|title)\b[^>]*>.*?(?:</\1\s*>|\Z)", re.I | re.S
)
_EMBED = re.compile(
    r"<(iframe|object|embed|video|audio|frame|frameset|applet)\b([^>]*)>"
    r"(?:.*?</\1\s*>)?",
    re.I | re.S,
)
_COMMENT = re.compile(r"<!--(.*?)(?:-->|\Z)", re.S)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_ATTR = re.compile(r"([^\s=/>\"']+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?")
_DROP_TAGS = frozenset(
    (
        "link", "meta", "base", "form", "input", "button", "select", "option", "textarea",
        "svg", "math", "canvas", "source", "track", "html", "body",
    )
)
_URL_ATTRS = frozenset(("href", "src", "background", "action", "formaction", "poster", "srcset"))
_MORE_HTML = (
    '<hr class="more" /><p class="more" align="center">summary ends here '
    "(&lt;!--more--&gt;)</p>"
)
_CODE_BLOCK = re.compile(r'<pre><code(?: class="language-([^"]*)")?>(.*?)</code></pre>', re.S)
_STYLE_WIDTH = re.compile(r"(?:^|;)\s*width\s*:\s*(\d+(?:\.\d+)?)\s*(%|px)?", re.I)
_STYLE_FLOAT = re.compile(r"float\s*:\s*(left|right)", re.I)


@dataclass
class _Context:
    site: ImageResolver | None
    base_dir: Path | None


def _attrs(text: str) -> list[tuple[str, str | None]]:
    result: list[tuple[str, str | None]] = []
    for m in _ATTR.finditer(text):
        value = m.group(2)
        if value is not None and value[:1] in "\"'":
            value = value[1:-1]
        result.append((m.group(1).lower(), html.unescape(value) if value is not None else None))
    return result


def _attr_html(attrs: Iterable[tuple[str, str | None]]) -> str:
    return "".join(
        f" {k}" if v is None else f' {k}="{html.escape(v, quote=True)}"' for k, v in attrs
    )


def _box(label: str, css: str, *, align: str | None = None, width: str = "100%") -> str:
    align_attr = f' align="{align}"' if align else ""
    return (
        f'<table class="{css}" width="{width}"{align_attr} cellspacing="0" cellpadding="8" '
        f'border="1"><tr><td class="{css}">{label}</td></tr></table>'
    )


def _img(attrs: list[tuple[str, str | None]], ctx: _Context) -> str:
    values = {k: (v or "") for k, v in attrs}
    src = values.get("src", "")
    style = values.get("style", "")
    align = values.get("align", "").lower() or None
    if m := _STYLE_FLOAT.search(style):
        align = m.group(1).lower()
    if align not in ("left", "right"):
        align = None
    percent: int | None = None
    width_px: str | None = None
    if m := _STYLE_WIDTH.search(style):
        if m.group(2) == "%":
            percent = max(1, min(100, round(float(m.group(1)))))
        else:
            width_px = str(round(float(m.group(1))))
    raw_width = values.get("width", "").strip()
    if raw_width.endswith("%") and raw_width[:-1].isdigit():
        percent = max(1, min(100, int(raw_width[:-1])))
    elif raw_width.isdigit():
        width_px = raw_width
    path = resolve_image_path(src, site=ctx.site, base_dir=ctx.base_dir)
    if path is None:
        why = "remote image not loaded" if _is_remote(src) else "image not found"
        label = f"🖼 {why}: {html.escape(src)}" if src else f"🖼 {why}"
        return _box(label, "missing-image", align=align, width=f"{percent or 100}%")
    url = path.as_uri() + (f"?w={percent}" if percent else "")
    out: list[tuple[str, str | None]] = [("src", url)]
    for key in ("alt", "title"):
        if values.get(key):
            out.append((key, values[key]))
    if width_px and not percent:
        out.append(("width", width_px))
        if values.get("height", "").isdigit():
            out.append(("height", values["height"]))
    if align:
        out.append(("align", align))
    return f"<img{_attr_html(out)} />"


def _clean_tag(m: re.Match[str], ctx: _Context) -> str:
    closing, name, rest = m.group(1), m.group(2).lower(), m.group(3)
    if name in _DROP_TAGS:
        return ""
    if closing:
        return f"</{name}>"
    attrs = _attrs(rest)
    if name == "img":
        return _img(attrs, ctx)
    kept: list[tuple[str, str | None]] = []
    for key, value in attrs:
        if key.startswith("on") or key in ("srcdoc", "formaction", "action"):
            continue
        if key in _URL_ATTRS and value is not None:
            scheme = value.strip().lower().split(":", 1)[0]
            if scheme in ("javascript", "vbscript", "data"):
                continue
        if key == "style" and value is not None and "url(" in value.lower():
            continue
        kept.append((key, value))
    slash = " /" if rest.rstrip().endswith("/") else ""
    return f"<{name}{_attr_html(kept)}{slash}>"


def _embed_box(m: re.Match[str]) -> str:
    values = {k: (v or "") for k, v in _attrs(m.group(2))}
    what = m.group(1).lower()
    src = values.get("src") or values.get("data") or ""
    label = f"embedded {what} not shown" + (f": {html.escape(src)}" if src else "")
    return _box(label, "embed")


def _comment(m: re.Match[str]) -> str:
    return _MORE_HTML if m.group(1).strip().lower() == "more" else ""


def _code_block(m: re.Match[str]) -> str:
    info, body = m.group(1), html.unescape(m.group(2))
    css = f' class="language-{html.escape(info)}"' if info else ""
    return f"<pre{css}><code>{highlight(body, info)}</code></pre>"


def _clean(body: str, ctx: _Context) -> str:
    body = _COMMENT.sub(_comment, body)
    body = _DROP_WITH_CONTENT.sub("", body)
    body = _EMBED.sub(_embed_box, body)
    body = _TAG.sub(lambda m: _clean_tag(m, ctx), body)
    return _CODE_BLOCK.sub(_code_block, body)


# ---------------------------------------------------------------- one piece of markdown


def render_fragment(
    text: str, *, site: ImageResolver | None = None, base_dir: Path | None = None
) -> str:
    """The HTML body for ``text`` (no front matter handling). Never raises."""
    try:
        return _render_fragment(text, _Context(site, Path(base_dir) if base_dir else None))
    except Exception:  # the preview must show something for any text the author types
        return f"<pre>{html.escape(text, quote=False)}</pre>"


def _render_fragment(text: str, ctx: _Context) -> str:
    tokens: dict[str, shortcodes.Shortcode] = {}

    def token(sc: shortcodes.Shortcode) -> str:
        # Letters only: Markdown leaves the token alone, and a line of its own becomes <p>token</p>.
        key = f"zzblogeditorshortcode{len(tokens)}zz"
        tokens[key] = sc
        return key

    source = shortcodes.replace(text, token)
    md = _md()
    try:
        body = md.convert(source)
    finally:
        md.reset()
    body = _clean(body, ctx)
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
_REF_DEF = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S", re.M)
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
    code, an open HTML element or comment, and between the items of one list. Works on
    paragraphs, not lines: this runs on every keystroke over up to 266 KB.
    """
    blocks: list[tuple[int, int]] = []
    chunk_start: int | None = None
    chunk_end = 0
    fence: str | None = None
    html_tag: str | None = None
    html_depth = 0
    in_comment = False
    is_list = False
    pos = 0
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
            if not indented and not (starts_item and is_list):
                blocks.append((chunk_start, chunk_end))
                chunk_start = None
        if chunk_start is None:
            chunk_start = pos
            is_list = starts_item
            m = _HTML_OPEN.match(piece)
            if m and m.group(1).lower() not in _HTML_VOID:
                html_tag, html_depth = m.group(1).lower(), 0
        chunk_end = end
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
    return blocks


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


@dataclass(frozen=True)
class RenderedBlock:
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
        self.last_rendered = 0

    def clear(self) -> None:
        """Forget cached HTML (after images were added or the site changed)."""
        with self._lock:
            self._cache.clear()

    def render_blocks(self, markdown: str) -> list[RenderedBlock]:
        # Offsets are into the markdown as given, except that CRLF counts as one character.
        normal = markdown.replace("\r\n", "\n")
        text = strip_front_matter(normal)
        shift = len(normal) - len(text)
        # Reference-style link definitions apply document-wide, so every block gets them.
        refs = "\n".join(m.group(0) + _rest_of_line(text, m.end()) for m in _REF_DEF.finditer(text))
        with self._lock:
            fresh: dict[str, str] = {}
            result: list[RenderedBlock] = []
            rendered = 0
            for start, end in block_spans(text):
                block = text[start:end]
                key = f"{block}\n\n{refs}" if refs else block
                body = fresh.get(key)
                if body is None:
                    body = self._cache.get(key)
                if body is None:
                    body = render_fragment(key, site=self.site, base_dir=self.base_dir)
                    rendered += 1
                fresh[key] = body
                result.append(RenderedBlock(key, body, start + shift, end + shift))
            self._cache = fresh  # only the current blocks: memory stays one document's worth
            self.last_rendered = rendered
        return result

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
