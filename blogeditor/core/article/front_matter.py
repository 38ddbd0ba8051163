"""Finding a Markdown file's front matter the way Hugo's page lexer does, and splitting it off.

Hugo skips any mix of spaces, tabs, line breaks and byte-order marks before the front
matter, then reads ``+++`` (TOML), ``---`` (YAML) or a ``{...}`` object (JSON). The block
ends at the first line that *starts* with the closing delimiter; whatever follows the
delimiter on that line belongs to the body. Articles written by other tools often begin
with a blank line, so treating only line 1 as the opener made such files look bare.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass

from blogeditor.core.errors import BlogEditorError, HomepageFormatError

_OPENERS = {"+": ("toml", "+++"), "-": ("yaml", "---")}
_SKIPPED = frozenset(" \t\r\n\ufeff")
_EOL = re.compile(r"[\r\n]")


@dataclass(frozen=True)
class FrontMatterSpan:
    """Where the front matter lies in a text (character offsets)."""

    format: str | None  # "toml", "yaml", "json", or None when there is none
    start: int  # the opening delimiter (after leading whitespace and BOMs)
    raw_start: int  # the first character of the block's content
    raw_end: int  # just past its content (the closing delimiter line starts here)
    end: int  # the first character of the body
    closed: bool = True  # False: the opener was found but the block never closes

    @property
    def delimiter(self) -> str:
        return {"toml": "+++", "yaml": "---"}.get(self.format or "", "")


def _crlf(text: str, pos: int) -> int:
    """Past an optional ``\\r`` then an optional ``\\n`` (Hugo's consumeCRLF)."""
    if text.startswith("\r", pos):
        pos += 1
    if text.startswith("\n", pos):
        pos += 1
    return pos


def _json_end(text: str, pos: int) -> int:
    """Past the JSON object opening at ``pos``, counted as Hugo counts it; -1 if unclosed."""
    level = 0
    in_quote = False
    n = len(text)
    while pos < n:
        c = text[pos]
        if c == "\\":
            pos += 1  # an escaped quote must not toggle the string state
        elif c == '"':
            in_quote = not in_quote
        elif c == "{" and not in_quote:
            level += 1
        elif c == "}" and not in_quote:
            level -= 1
        pos += 1
        if level == 0:
            return pos
    return -1


def locate(text: str) -> FrontMatterSpan:
    """The front matter span in ``text`` (any line endings), as Hugo would find it.

    A text starting with a lone ``-`` or ``+`` (a list item) makes Hugo fail the build
    ("invalid delimiter"); BlogEditor reads it as a body without front matter instead.
    """
    pos = 0
    n = len(text)
    while pos < n and text[pos] in _SKIPPED:
        pos += 1
    if pos >= n:
        return FrontMatterSpan(None, 0, 0, 0, 0)
    first = text[pos]
    if first == "{":
        end = _json_end(text, pos)
        if end < 0:
            return FrontMatterSpan("json", pos, pos, n, n, closed=False)
        return FrontMatterSpan("json", pos, pos, end, _crlf(text, end))
    opener = _OPENERS.get(first)
    if opener is None or text[pos : pos + 3] != opener[1]:
        return FrontMatterSpan(None, 0, 0, 0, 0)
    fmt, delim = opener
    raw_start = _crlf(text, pos + 3)
    # The block closes at a line that starts with the delimiter, also right after the opener.
    if raw_start > pos + 3 and text.startswith(delim, raw_start):
        close = raw_start
    else:
        close = -1
        for eol in _EOL.finditer(text, raw_start):
            if text.startswith(delim, eol.end()):
                close = eol.end()
                break
    if close < 0:
        return FrontMatterSpan(fmt, pos, raw_start, n, n, closed=False)
    return FrontMatterSpan(fmt, pos, raw_start, close, _crlf(text, close + 3))


@dataclass(frozen=True)
class FrontMatterSplit:
    format: str | None  # "toml", "yaml", "json" or None when the file has none
    raw: str  # the block's content (without delimiters; JSON: the whole object)
    end: int  # offset of the first character of the body


def split_front_matter(text: str, *, what: str = "The file",
                       error: type[BlogEditorError] = HomepageFormatError,
                       validate: bool = True) -> FrontMatterSplit:
    """Find the front matter at the top of ``text``.

    Raises ``error`` with the line to look at when the block never closes or does not
    parse, because saving over a file we misread could damage it.
    """
    span = locate(text)
    if span.format is None:
        return FrontMatterSplit(None, "", 0)
    line = text.count("\n", 0, span.start) + 1
    if not span.closed:
        opened = span.delimiter or "{"
        raise error(f"{what}: the front matter opened with '{opened}' on line {line} never closes")
    raw = text[span.raw_start:span.raw_end]
    if validate:
        _validate(raw, span.format, what, error, line)
    return FrontMatterSplit(span.format, raw, span.end)


def _validate(raw: str, fmt: str, what: str, error: type[BlogEditorError], line: int) -> None:
    if fmt == "toml":
        try:
            tomllib.loads(raw)
        except tomllib.TOMLDecodeError as exc:
            raise error(f"{what}: the TOML front matter does not parse ({exc})") from None
        return
    if fmt == "json":
        try:
            json.loads(raw)
        except json.JSONDecodeError as exc:
            where = f" at line {line + exc.lineno - 1}"
            raise error(f"{what}: the JSON front matter does not parse{where}") from None
        return
    import yaml  # imported here: only YAML sites pay for it

    try:
        yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + line + 1}" if mark is not None else ""
        raise error(f"{what}: the YAML front matter does not parse{where}") from None
