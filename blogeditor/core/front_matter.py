"""Splitting a Markdown file's front matter (TOML ``+++`` or YAML ``---``) from its body."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass

from blogeditor.core.errors import BlogEditorError, HomepageFormatError

_OPENERS = {"+++": "toml", "---": "yaml"}


@dataclass(frozen=True)
class FrontMatterSplit:
    format: str | None  # "toml", "yaml" or None when the file has none
    raw: str  # the text between the delimiter lines, without them
    end: int  # offset of the first character after the closing delimiter line


def split_front_matter(text: str, *, what: str = "The file",
                       error: type[BlogEditorError] = HomepageFormatError,
                       validate: bool = True) -> FrontMatterSplit:
    """Find the front matter at the top of ``text`` (``\\n`` line endings).

    Raises ``error`` with the line to look at when the block never closes or does not
    parse, because saving over a file we misread could damage it.
    """
    first = text.split("\n", 1)[0].rstrip("\r ")
    fmt = _OPENERS.get(first)
    if fmt is None:
        return FrontMatterSplit(None, "", 0)
    delim = re.escape(first)
    close = re.compile(rf"^{delim}[ \t\r]*$", re.MULTILINE)
    start = len(first) + 1 if "\n" in text else len(text)
    match = close.search(text, start)
    if match is None:
        raise error(f"{what}: the front matter opened with '{first}' on line 1 never closes")
    raw = text[start:match.start()]
    end = match.end()
    if end < len(text) and text[end] == "\n":
        end += 1
    if validate:
        _validate(raw, fmt, what, error)
    return FrontMatterSplit(fmt, raw, end)


def _validate(raw: str, fmt: str, what: str, error: type[BlogEditorError]) -> None:
    if fmt == "toml":
        try:
            tomllib.loads(raw)
        except tomllib.TOMLDecodeError as exc:
            raise error(f"{what}: the TOML front matter does not parse ({exc})") from None
        return
    import yaml  # imported here: only YAML sites pay for it

    try:
        yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        raise error(f"{what}: the YAML front matter does not parse{where}") from None
