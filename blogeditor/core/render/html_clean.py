"""Clean-up of rendered HTML for the preview, and where its images come from.

Markdown passes raw HTML through; the preview must not run scripts, load remote files or
show what QTextBrowser cannot draw. Tags are rewritten one by one with regular
expressions (fast enough to run on every keystroke): scripts, styles and event handlers
go, iframes and other embeds become labelled boxes, images become ``file://`` URLs of the
local files or a box saying what is missing, ``<!--more-->`` becomes a subtle rule and
other comments vanish. Fenced code is coloured by ``code_highlight``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote, urlsplit

from blogeditor.core.render.code_highlight import highlight
from blogeditor.core.storage.confine import is_network_path


class ImageResolver(Protocol):
    def resolve_image(self, src: str) -> Path | None: ...


# ---------------------------------------------------------------- images


def _query_int(url: str, name: str) -> int | None:
    _, _, query = url.partition("?")
    for part in query.split("#", 1)[0].split("&"):
        key, _, value = part.partition("=")
        if key == name:
            try:
                return int(value)
            except ValueError:
                return None
    return None


def width_hint(url: str) -> int | None:
    """The share of the preview width (percent) an image URL asks for, from its ``?w=NN``."""
    value = _query_int(url, "w")
    return value if value is not None and 0 < value <= 100 else None


def padding_hint(url: str) -> int:
    """Pixels of space around a width-hinted image (its ``style="padding: NNpx"``), ``&p=NN``."""
    value = _query_int(url, "p")
    return value if value is not None and 0 <= value <= 64 else 0


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
    # A network path (\\host\share, //host, file://host) is never looked at: even asking
    # whether it exists would reach out to that host (Windows opens SMB connections for it).
    if is_network_path(src):
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
    for found in candidates:
        if found is not None and _is_file(found):
            return found
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
_STYLE_PADDING = re.compile(r"(?:^|;)\s*padding\s*:\s*(\d+)\s*px", re.I)
_STYLE_WIDTH = re.compile(r"(?:^|;)\s*width\s*:\s*(\d+(?:\.\d+)?)\s*(%|px)?", re.I)
_STYLE_FLOAT = re.compile(r"float\s*:\s*(left|right)", re.I)


@dataclass
class CleanContext:
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


def _img(attrs: list[tuple[str, str | None]], ctx: CleanContext) -> str:
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
        # Plain text: an emoji here shows as a box in fonts without it.
        label = f"{why.capitalize()}: {html.escape(src)}" if src else why.capitalize()
        return _box(label, "missing-image", align=align, width=f"{percent or 100}%")
    url = path.as_uri()
    if percent:
        url += f"?w={percent}"
        if m := _STYLE_PADDING.search(style):
            url += f"&p={m.group(1)}"
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


def _clean_tag(m: re.Match[str], ctx: CleanContext) -> str:
    closing, name, rest = m.group(1), m.group(2).lower(), m.group(3)
    if name == "input" and not closing and re.search(r"type=[\"']?checkbox", rest, re.I):
        # A task list's box: QTextBrowser has no form controls, so show the state as a glyph.
        return "&#9745;" if re.search(r"\bchecked\b", rest, re.I) else "&#9744;"
    if name in _DROP_TAGS:
        return ""
    if closing:
        return f"</{name}>"
    if name == "table" and not rest.strip():
        # Markdown's tables: QTextBrowser draws cell borders only from these attributes.
        return '<table class="md" border="1" cellspacing="0" cellpadding="4">'
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


def clean_html(body: str, ctx: CleanContext) -> str:
    body = _COMMENT.sub(_comment, body)
    body = _DROP_WITH_CONTENT.sub("", body)
    body = _EMBED.sub(_embed_box, body)
    body = _TAG.sub(lambda m: _clean_tag(m, ctx), body)
    return _CODE_BLOCK.sub(_code_block, body)
