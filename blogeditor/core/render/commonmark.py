"""The one CommonMark reader: Markdown parsed the way Hugo's Goldmark parses it.

Hugo renders Markdown with Goldmark, a CommonMark parser, plus the extensions it enables
by default: tables, strikethrough, linkify, task lists, definition lists and footnotes
(typographer only changes punctuation, never the block structure, so it is left out).
markdown-it-py is a CommonMark parser too; with the matching plugins it builds the same
blocks, so a list right after a paragraph line is a list here as it is on the site.

Also like Goldmark: ``## Heading {#id .class}`` sets the heading's attributes, and raw
HTML passes through (the preview cleans it afterwards; sites set ``unsafe = true``).
"""

from __future__ import annotations

import re
import threading
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.gfm_autolink import gfm_autolink_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

__all__ = ["markdown_it", "to_html"]

_local = threading.local()
_HEADING_ATTRS = re.compile(r"[ \t]*\{((?:[#.][\w-]+|[\w-]+=(?:\"[^\"]*\"|\S+))"
                            r"(?:[ \t]+(?:[#.][\w-]+|[\w-]+=(?:\"[^\"]*\"|\S+)))*)\}[ \t]*$")


def _heading_attributes(state: StateCore) -> None:
    """Goldmark's ``parser.attribute.title``: a trailing ``{#id .class}`` on a heading."""
    tokens = state.tokens
    for i, tok in enumerate(tokens[:-1]):
        if tok.type != "heading_open":
            continue
        inline = tokens[i + 1]
        m = _HEADING_ATTRS.search(inline.content)
        if m is None:
            continue
        inline.content = inline.content[: m.start()]
        classes: list[str] = []
        for part in re.findall(r"[#.][\w-]+|[\w-]+=(?:\"[^\"]*\"|\S+)", m.group(1)):
            if part[0] == "#":
                tok.attrSet("id", part[1:])
            elif part[0] == ".":
                classes.append(part[1:])
            else:
                name, value = part.split("=", 1)
                tok.attrSet(name, value.strip('"'))
        if classes:
            tok.attrSet("class", " ".join(classes))


def _loose_definitions(state: StateCore) -> None:
    """Goldmark (after PHP Markdown Extra): a definition after a blank line is a paragraph;
    one right below its term is not. markdown-it decides per list, not per definition."""
    lines = state.src.split("\n")
    tokens = state.tokens
    for i, tok in enumerate(tokens):
        if tok.type != "dd_open":
            continue
        loose = False
        depth = 0
        paragraphs = 0  # only the first paragraph of a tight definition is unwrapped
        for inner in tokens[i + 1 :]:
            if inner.type == "dd_open":
                depth += 1
            elif inner.type == "dd_close":
                if depth == 0:
                    break
                depth -= 1
            elif depth == 0 and inner.level == tok.level + 1 and inner.type in (
                    "paragraph_open", "paragraph_close"):
                if paragraphs == 0 and inner.map:  # the dd's own map may start at its term
                    first = inner.map[0]
                    loose = first > 0 and not lines[first - 1].strip()
                inner.hidden = not loose and paragraphs < 2
                paragraphs += 1


def _del_open(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
    return "<del>"  # Goldmark's tag for ~~strikethrough~~ (markdown-it writes <s>)


def _del_close(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
    return "</del>"


def _build() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "xhtmlOut": False})
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin).use(tasklists_plugin).use(deflist_plugin).use(gfm_autolink_plugin)
    md.core.ruler.after("block", "heading_attributes", _heading_attributes)
    md.core.ruler.after("heading_attributes", "loose_definitions", _loose_definitions)
    md.add_render_rule("s_open", _del_open)
    md.add_render_rule("s_close", _del_close)
    return md


def markdown_it() -> MarkdownIt:
    """This thread's parser (an instance keeps per-render state; the preview renders from
    a worker thread and the GUI thread at once)."""
    md: MarkdownIt | None = getattr(_local, "md", None)
    if md is None:
        md = _local.md = _build()
    return md


def to_html(text: str) -> str:
    """``text`` (Markdown without front matter) as HTML."""
    return str(markdown_it().render(text))
