"""An article file: its front matter (TOML ``+++`` or YAML ``---``), summary and body.

Reading is forgiving about what Hugo accepts (dates as TOML datetimes, bare dates or
strings; no front matter at all) and strict about what would make a save unsafe
(malformed or unclosed front matter, bytes that are not UTF-8): those raise ArticleError.

Writing never re-dumps the front matter. ``with_field`` edits the text of exactly one
key's value (or adds one line before the closing delimiter), then parses the result to
prove that only that key changed; every other byte — line endings, BOM, quote style,
comments, key order — stays as the author left it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from tomlkit.items import Item

from blogeditor.core.article import frontmatter_json
from blogeditor.core.article.front_matter import locate
from blogeditor.core.article.frontmatter_json import load_json
from blogeditor.core.article.frontmatter_toml import format_datetime, parse_document, plain, quote
from blogeditor.core.article.frontmatter_toml import render_value as toml_value
from blogeditor.core.errors import ArticleError

BOM = "\ufeff"
MORE = re.compile(r"<!--\s*more\s*-->")


@dataclass(frozen=True)
class Article:
    """One article as read from disk; ``text`` is the whole file, exactly."""

    text: str
    path: Path | None = None
    front_matter_format: str | None = None  # "toml" | "yaml" | "json" | None
    front_matter: str = ""  # the raw text between the delimiters
    metadata: dict[str, Any] = field(default_factory=dict)
    title: str | None = None
    date: dt.datetime | None = None
    draft: bool = False
    summary: str | None = None  # the text above <!--more-->, stripped; None without the divider
    body: str = ""  # everything after the closing delimiter line
    fm_start: int = 0  # character offsets of ``front_matter`` in ``text``
    fm_end: int = 0
    body_start: int = 0
    newline: str = "\n"

    # -- reading -------------------------------------------------------------------------

    @classmethod
    def load(cls, path: Path | str) -> Article:
        path = Path(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ArticleError(f"{_name(path)}: cannot read the article ({exc.strerror})") from exc
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ArticleError(
                f"{_name(path)}: not UTF-8 text (bad byte at offset {exc.start}); "
                "save it as UTF-8 in another editor first"
            ) from exc
        return cls.parse(text, path)

    @classmethod
    def parse(cls, text: str, path: Path | str | None = None) -> Article:
        """Read ``text`` the way Hugo does: blank lines, spaces and BOMs may come first."""
        path = Path(path) if path is not None else None
        name = _name(path)
        span = locate(text)
        if span.format is None:
            return cls(
                text=text, path=path, summary=_summary(text), body=text, newline=_newline(text)
            )
        line = text.count("\n", 0, span.start) + 1
        if not span.closed:
            if span.format == "json":
                raise ArticleError(
                    f"{name}: the JSON front matter opened with {{ on line {line} never closes"
                )
            raise ArticleError(
                f"{name}: the front matter opened with {span.delimiter} on line {line} is "
                f"never closed; add a line with {span.delimiter} after it"
            )
        fm = text[span.raw_start : span.raw_end]
        if span.format == "json":
            metadata = load_json(fm, name, line)
        else:
            first_line = text.count("\n", 0, span.raw_start) + 1
            metadata = _load_metadata(span.format, fm, name, first_line)
        body = text[span.end :]
        return cls(
            text=text,
            path=path,
            front_matter_format=span.format,
            front_matter=fm,
            metadata=metadata,
            title=_title(get(metadata, "title")),
            date=parse_date(get(metadata, "date")),
            draft=_truthy(get(metadata, "draft")),
            summary=_summary(body),
            body=body,
            fm_start=span.raw_start,
            fm_end=span.raw_end,
            body_start=span.end,
            newline=_newline(text[span.start :]),
        )

    @property
    def body_line(self) -> int:
        """1-based file line on which the body starts."""
        return self.text.count("\n", 0, self.body_start) + 1

    def line_of(self, key: str) -> int | None:
        """1-based file line of a top-level front matter key, or None when it is absent."""
        key = actual_key(self.metadata, key)
        if key not in self.metadata:
            return None
        fmt = self.front_matter_format
        if fmt == "json":
            found = [m for m in frontmatter_json.members(self.front_matter)[0] if m[0] == key]
            if not found:
                return None
            return self.text.count("\n", 0, self.fm_start + found[-1][1]) + 1
        if fmt not in ("toml", "yaml"):
            return None
        pattern = _key_line(key, fmt)
        match = pattern.search(self.front_matter)
        if match is None:
            return None
        return self.text.count("\n", 0, self.fm_start + match.start()) + 1

    # -- writing -------------------------------------------------------------------------

    def with_field(self, key: str, value: Any) -> str:
        """The file text with one front matter value changed, added, or removed (``None``).

        Raises ArticleError when the change cannot be made as a line edit (the value is
        part of a structure the edit would break); the text is then left to the author.
        """
        if self.front_matter_format is None:
            return self._with_new_front_matter(key, value)
        # Hugo reads keys case-insensitively: "Title" is the title, so edit it, not add one.
        key = actual_key(self.metadata, key)
        if value is None and key not in self.metadata:
            return self.text
        if self.front_matter_format == "json":
            candidates = frontmatter_json.candidates(self.front_matter, key, value)
        elif self.front_matter_format == "toml":
            candidates = _toml_candidates(self, key, value)
        else:
            candidates = _yaml_candidates(self, key, value)
        expected = dict(self.metadata)
        expected.pop(key, None)
        for new_fm in candidates:
            if _only_key_changed(self.front_matter_format, new_fm, expected, key, value):
                return self.text[: self.fm_start] + new_fm + self.text[self.fm_end :]
        raise ArticleError(
            f"{_name(self.path)}: cannot change '{key}' without rewriting the front matter; "
            "edit it in the text instead"
        )

    def with_fields(self, **fields: Any) -> str:
        """``with_field`` for several keys, applied in order."""
        article = self
        for key, value in fields.items():
            article = Article.parse(article.with_field(key, value), self.path)
        return article.text

    def _with_new_front_matter(self, key: str, value: Any) -> str:
        if value is None:
            return self.text
        start = 1 if self.text.startswith(BOM) else 0
        nl = self.newline
        rest = self.text[start:]
        gap = nl if rest and not rest.startswith(("\n", "\r\n")) else ""
        block = f"+++{nl}{_toml_key(key)} = {toml_value(value)}{nl}+++{nl}{gap}"
        return self.text[:start] + block + rest


# -- parsing helpers -----------------------------------------------------------------------


def parse_date(value: Any) -> dt.datetime | None:
    """A front matter date as a datetime: TOML/YAML datetimes, bare dates, ISO strings."""
    if isinstance(value, dt.datetime):
        return dt.datetime(
            value.year, value.month, value.day, value.hour, value.minute, value.second,
            value.microsecond, value.tzinfo,
        )
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        try:
            return dt.datetime.fromisoformat(text)
        except ValueError:
            pass
        for fmt in ("%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M:%S %Z", "%Y-%m-%dT%H:%M:%S%z"):
            try:
                return dt.datetime.strptime(text, fmt)
            except ValueError:
                continue
    return None


def get(metadata: dict[str, Any], key: str) -> Any:
    """A front matter value by Hugo's case-insensitive key (``Title`` is ``title``)."""
    return metadata.get(actual_key(metadata, key))


def actual_key(metadata: dict[str, Any], key: str) -> str:
    """The spelling of ``key`` the front matter uses (``key`` itself when it is absent)."""
    if key in metadata:
        return key
    lowered = key.lower()
    for k in metadata:
        if isinstance(k, str) and k.lower() == lowered:
            return k
    return key


def _name(path: Path | None) -> str:
    if path is None:
        return "article"
    return "/".join(path.parts[-2:])


def _newline(text: str) -> str:
    nl = text.find("\n")
    return "\r\n" if nl > 0 and text[nl - 1] == "\r" else "\n"


class _Yaml12Loader(yaml.SafeLoader):
    """YAML 1.2 booleans, as Hugo reads them: ``draft: yes`` is the string "yes" (false)."""


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _load_metadata(fmt: str, fm: str, name: str, first_line: int = 2) -> dict[str, Any]:
    if fmt == "json":
        return load_json(fm, name, first_line)
    if fmt == "toml":
        return plain(parse_document(fm, first_line=first_line, name=name))
    try:
        data = yaml.load(fm, Loader=_Yaml12Loader)  # a SafeLoader: no arbitrary objects
    except yaml.MarkedYAMLError as exc:
        line = first_line + (exc.problem_mark.line if exc.problem_mark else 0)
        raise ArticleError(
            f"{name}: malformed YAML front matter on line {line}: {_one_line(exc.problem)}"
        ) from exc
    except Exception as exc:  # PyYAML also raises plain errors (impossible dates, recursion)
        raise ArticleError(f"{name}: malformed YAML front matter: {_one_line(exc)}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict) or not all(isinstance(k, str) for k in data):
        raise ArticleError(f"{name}: the YAML front matter must be a list of 'key: value' lines")
    return data


def _one_line(message: object) -> str:
    return " ".join(str(message).split())


def _title(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


def _truthy(value: Any) -> bool:
    """A flag as Hugo reads it: a bool, or a string Go's ParseBool takes ("yes" is not one)."""
    if isinstance(value, str):
        return value.strip() in {"1", "t", "T", "TRUE", "true", "True"}
    return bool(value)


def _summary(body: str) -> str | None:
    match = MORE.search(body)
    return None if match is None else body[: match.start()].strip()


# -- editing helpers -----------------------------------------------------------------------


def _key_pattern(key: str) -> str:
    k = re.escape(key)
    return rf"(?:{k}|\"{k}\"|'{k}')"


def _key_line(key: str, fmt: str) -> re.Pattern[str]:
    if fmt == "toml":
        return re.compile(rf"^[ \t]*{_key_pattern(key)}[ \t]*=[ \t]*", re.MULTILINE)
    return re.compile(rf"^{_key_pattern(key)}[ \t]*:(?=[ \t\r\n]|$)[ \t]*", re.MULTILINE)


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else quote(key, literal=False)


def _line_end(fm: str, pos: int) -> int:
    """Offset just past the newline that ends the line holding ``pos``."""
    nl = fm.find("\n", pos)
    return len(fm) if nl < 0 else nl + 1


def _toml_candidates(article: Article, key: str, value: Any) -> list[str]:
    fm = article.front_matter
    doc = parse_document(fm)
    nl = article.newline
    out: list[str] = []
    if key in doc:
        item = doc.item(key)
        if not isinstance(item, Item):  # a table split across the file: not a line edit
            return out
        raw = item.as_string()
        for match in _key_line(key, "toml").finditer(fm):
            vstart = match.end()
            if not fm.startswith(raw, vstart):
                continue
            vend = vstart + len(raw)
            if value is None:
                out.append(fm[: match.start()] + fm[_line_end(fm, vend) :])
            else:
                out.append(fm[:vstart] + toml_value(value, item) + fm[vend:])
        return out
    line = f"{_toml_key(key)} = {toml_value(value)}{nl}"
    # Top-level keys must come before the first [table]; the verification picks the spot.
    positions = [len(fm)] + [m.start() for m in re.finditer(r"^[ \t]*\[", fm, re.MULTILINE)]
    return [fm[:p] + line + fm[p:] for p in positions]


_YAML_CONTINUATION = re.compile(r"[ \t]|-[ \t\r\n]|-$|\r?$")


def _yaml_candidates(article: Article, key: str, value: Any) -> list[str]:
    fm = article.front_matter
    nl = article.newline
    if key not in article.metadata:
        return [fm + f"{_yaml_key(key)}: {_yaml_value(value, None)}{nl}"]
    old = article.metadata[key]
    out: list[str] = []
    for match in _key_line(key, "yaml").finditer(fm):
        vstart = match.end()
        vend, multiline = _yaml_value_end(fm, vstart, old)
        if value is None:
            out.append(fm[: match.start()] + fm[_line_end(fm, vend) :])
            continue
        rendered = _yaml_value(value, fm[vstart:vend] if not multiline else None, old)
        if vstart == match.end() and fm[vstart - 1] == ":":
            rendered = " " + rendered
        out.append(fm[:vstart] + rendered + fm[vend:])
    return out


def _yaml_value_end(fm: str, vstart: int, old: Any) -> tuple[int, bool]:
    """End of the value that starts at ``vstart`` (before a trailing comment), and
    whether it spans several lines (block scalars, nested lists and mappings)."""
    line_end = fm.find("\n", vstart)
    line_end = len(fm) if line_end < 0 else line_end
    content_end = line_end - 1 if fm[line_end - 1 : line_end] == "\r" else line_end
    # Continuation lines: indented, list items at column 0, or blank lines inside the block.
    pos, block_end = line_end + 1, content_end
    while pos < len(fm):
        nxt = fm.find("\n", pos)
        nxt = len(fm) if nxt < 0 else nxt
        line = fm[pos:nxt]
        if not _YAML_CONTINUATION.match(line):
            break
        if line.strip():
            block_end = nxt - 1 if line.endswith("\r") else nxt
        pos = nxt + 1
    if block_end != content_end:
        return block_end, True
    rest = fm[vstart:content_end]
    for comment in re.finditer(r"[ \t]+#", rest):
        try:
            if yaml.safe_load(rest[: comment.start()]) == old:
                return vstart + comment.start(), False
        except Exception:
            continue
    return content_end, False


def _yaml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key, ensure_ascii=False)


def _yaml_value(value: Any, old_raw: str | None, old: Any = None) -> str:
    style = old_raw[:1] if old_raw and old_raw[:1] in "'\"" else ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.datetime, dt.date)):
        text = format_datetime(value)
        return _yaml_string(text, style) if isinstance(old, str) and style else text
    if isinstance(value, str):
        return _yaml_string(value, style)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_yaml_value(v, '"') for v in value) + "]"
    if isinstance(value, (int, float)):
        return repr(value)
    raise ArticleError(f"cannot write a {type(value).__name__} into YAML front matter")


def _yaml_string(text: str, style: str) -> str:
    printable = text.isprintable()
    if style == "'" and printable:
        return "'" + text.replace("'", "''") + "'"
    if style == "" and printable and _plain_ok(text):
        return text
    return json.dumps(text, ensure_ascii=False)


def _plain_ok(text: str) -> bool:
    if not text or text != text.strip() or ": " in text or " #" in text or text.endswith(":"):
        return False
    if text[0] in "!&*-?{}[],#|>@`\"'%:":
        return False
    try:
        return bool(yaml.safe_load(text) == text)
    except Exception:
        return False


def _only_key_changed(
    fmt: str, new_fm: str, expected: dict[str, Any], key: str, value: Any
) -> bool:
    """Parse the edited block and check that ``key`` alone differs from before."""
    try:
        new = _load_metadata(fmt, new_fm, "")
    except ArticleError:
        return False
    if value is None:
        return new == expected
    if set(new) != set(expected) | {key}:
        return False
    if any(new[k] != v for k, v in expected.items()):
        return False
    return _same(new[key], value)


def _same(parsed: Any, wanted: Any) -> bool:
    if isinstance(wanted, (dt.datetime, dt.date)) and isinstance(parsed, str):
        return parsed == format_datetime(wanted)
    if isinstance(wanted, tuple):
        wanted = list(wanted)
    if isinstance(wanted, dt.datetime) and isinstance(parsed, dt.datetime):
        return parsed.replace(microsecond=0) == wanted.replace(microsecond=0)
    if isinstance(wanted, bool) or isinstance(parsed, bool):
        return isinstance(parsed, bool) and isinstance(wanted, bool) and parsed == wanted
    return bool(parsed == wanted)
