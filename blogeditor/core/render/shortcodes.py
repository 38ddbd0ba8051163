"""Hugo shortcodes (``{{< name args >}}`` and ``{{% name args %}}``) as readable placeholders.

The preview cannot run Hugo, so each shortcode tag becomes a labelled box that says what
the page will show there ("▶ YouTube video ID"). Escaped shortcodes (``{{</* x */>}}``), which
Hugo prints literally, are shown literally.
"""

from __future__ import annotations

import html
import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass

_SHORTCODE = re.compile(
    r"\{\{(?P<open><|%)(?P<esc>/\*)?\s*(?P<close>/)?\s*(?P<name>[\w.\-/]+)"
    r"(?P<args>(?:(?!\{\{|\n[ \t]*\n).){0,2000}?)"
    r"(?(esc)\*/)\s*/?[>%]\}\}",
    re.DOTALL,
)

_ESC_START = re.compile(r"\{\{([<%])/\*\s*")
_ESC_END = re.compile(r"\s*\*/([>%])\}\}")


@dataclass(frozen=True)
class Shortcode:
    name: str
    args: list[str]
    closing: bool  # the end tag of a paired shortcode ({{< /details >}})
    escaped: bool  # {{</* name */>}}: Hugo prints the tag itself
    source: str

    def label(self) -> str:
        """What the placeholder box says."""
        if self.escaped:
            return _ESC_END.sub(r" \1}}", _ESC_START.sub(r"{{\1 ", self.source))
        if self.closing:
            return f"end of {self.name}"
        named = {k: v for k, v in (a.split("=", 1) for a in self.args if "=" in a)}
        positional = [a for a in self.args if "=" not in a]
        first = positional[0] if positional else named.get("id", "")
        if self.name == "youtube":
            return f"▶ YouTube video {first}".rstrip()
        if self.name == "vimeo":
            return f"▶ Vimeo video {first}".rstrip()
        if self.name in ("figure", "img", "image"):
            return f"figure {named.get('src', first)}".rstrip()
        if self.name in ("tweet", "x"):
            return f"Post by {named.get('user', '')} {named.get('id', first)}".strip()
        if self.name == "gist":
            return f"GitHub gist {' '.join(self.args)}".rstrip()
        shown = " ".join(self.args)
        if len(shown) > 80:
            shown = shown[:77] + "…"
        return f"shortcode {self.name} {shown}".rstrip()


def _split_args(text: str) -> list[str]:
    try:
        return shlex.split(text)
    except ValueError:  # an unbalanced quote in a half-typed shortcode
        return text.split()


def parse(match: re.Match[str]) -> Shortcode:
    args_text = match.group("args") or ""
    return Shortcode(
        name=match.group("name"),
        args=_split_args(args_text.strip().rstrip("/").strip()),
        closing=bool(match.group("close")),
        escaped=bool(match.group("esc")),
        source=match.group(),
    )


def find(text: str) -> list[Shortcode]:
    return [parse(m) for m in _SHORTCODE.finditer(text)]


def replace(text: str, make_token: Callable[[Shortcode], str]) -> str:
    """``text`` with every shortcode replaced by ``make_token(shortcode)``."""
    if "{{" not in text:
        return text
    return _SHORTCODE.sub(lambda m: make_token(parse(m)), text)


def placeholder_html(shortcode: Shortcode, *, block: bool) -> str:
    """The box shown in place of a shortcode (a one-cell table: QTextBrowser draws its border)."""
    label = html.escape(shortcode.label())
    css = "shortcode-escaped" if shortcode.escaped else "shortcode"
    if not block:
        return f'<span class="{css}">&#8203;[{label}]&#8203;</span>'
    return (
        f'<table class="{css}" width="100%" cellspacing="0" cellpadding="8" border="1">'
        f'<tr><td class="{css}">{label}</td></tr></table>'
    )
