"""JSON front matter (a ``{...}`` object at the top of the file): reading and in-place edits.

Like the TOML and YAML edits in :mod:`blogeditor.core.article.article`, an edit rewrites the text
of one top-level value only (or adds one member before the closing brace), so spacing,
key order and every other value stay byte for byte as the author wrote them.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from blogeditor.core.errors import ArticleError

_WS = " \t\r\n"
_DECODER = json.JSONDecoder()


def load_json(raw: str, name: str, first_line: int) -> dict[str, Any]:
    """The JSON object ``raw`` (file line ``first_line`` is its first), or ArticleError."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        line = first_line + exc.lineno - 1
        raise ArticleError(f"{name}: malformed JSON front matter on line {line}: {exc.msg}") from exc
    except RecursionError as exc:
        raise ArticleError(f"{name}: the JSON front matter is nested too deeply") from exc
    if not isinstance(data, dict):
        raise ArticleError(f"{name}: the JSON front matter must be an object {{...}}")
    return data


def _skip(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in _WS:
        pos += 1
    return pos


def members(raw: str) -> tuple[list[tuple[str, int, int, int]], int]:
    """Top-level members as (key, key start, value start, value end), and the closing brace.

    ``raw`` must be a valid JSON object (callers parse it first).
    """
    out: list[tuple[str, int, int, int]] = []
    pos = _skip(raw, raw.index("{") + 1)
    while raw[pos] != "}":
        key_start = pos
        key, pos = _DECODER.raw_decode(raw, pos)
        pos = _skip(raw, pos) + 1  # the colon
        vstart = _skip(raw, pos)
        _, vend = _DECODER.raw_decode(raw, vstart)
        out.append((key, key_start, vstart, vend))
        pos = _skip(raw, vend)
        if raw[pos] == ",":
            pos = _skip(raw, pos + 1)
    return out, pos


def render(value: Any) -> str:
    """A value as JSON; dates as the ISO strings Hugo reads."""
    if isinstance(value, (dt.datetime, dt.date)):
        from blogeditor.core.article.frontmatter_toml import format_datetime

        value = format_datetime(value)
    if isinstance(value, tuple):
        value = list(value)
    try:
        return json.dumps(value, ensure_ascii=False)
    except TypeError:
        raise ArticleError(
            f"cannot write a {type(value).__name__} into JSON front matter"
        ) from None


def candidates(raw: str, key: str, value: Any) -> list[str]:
    """Edited versions of ``raw`` with ``key`` set to ``value`` (removed when None)."""
    found, close = members(raw)
    out: list[str] = []
    for i, (name, kstart, vstart, vend) in enumerate(found):
        if name != key:
            continue
        if value is not None:
            out.append(raw[:vstart] + render(value) + raw[vend:])
            continue
        if i + 1 < len(found):  # drop up to the next member's key
            out.append(raw[:kstart] + raw[found[i + 1][1]:])
        elif i > 0:  # the last one: drop from the end of the previous value
            out.append(raw[: found[i - 1][3]] + raw[vend:])
        else:
            out.append(raw[: raw.index("{") + 1] + raw[vend:])
    if out or value is None:
        return out
    member = f"{json.dumps(key, ensure_ascii=False)}: {render(value)}"
    if not found:
        return [raw[:close] + member + raw[close:]]
    last_key, last_vend = found[-1][1], found[-1][3]
    # Repeat the spacing that precedes the last member, so a one-per-line object stays so.
    sep = raw.rfind(",", 0, last_key) if len(found) > 1 else raw.index("{")
    gap = raw[sep + 1 : last_key]
    return [raw[:last_vend] + "," + (gap or " ") + member + raw[last_vend:]]
