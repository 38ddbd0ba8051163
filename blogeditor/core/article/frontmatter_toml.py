"""TOML front matter (`+++`) for python-frontmatter, built on tomlkit so formatting survives.

python-frontmatter's own TOML handler needs the unmaintained ``toml`` package and re-dumps
the whole block in its own style (quotes, spacing, comments and key order change). tomlkit
keeps every byte it does not have to change, so a load/modify/dump round trip touches only
the values that were modified.

Precise single-line edits of an article file live in :mod:`blogeditor.core.article.article`; this
module supplies the TOML pieces it shares: parsing with author-readable errors, turning a
tomlkit document into plain Python values, and writing one value the way Hugo authors do.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import tomlkit
from frontmatter.default_handlers import BaseHandler
from tomlkit.items import Item
from tomlkit.toml_document import TOMLDocument

from blogeditor.core.errors import ArticleError

TOML_BOUNDARY = re.compile(r"^\+{3}[ \t]*\r?$", re.MULTILINE)


def parse_document(fm: str, *, first_line: int = 1, name: str = "front matter") -> TOMLDocument:
    """Parse TOML front matter text; ArticleError names the file line when it is malformed.

    ``first_line`` is the file line on which ``fm`` starts, so the message points at the
    line the author sees in their editor rather than a line inside the block.
    """
    try:
        return tomlkit.parse(fm)
    except tomlkit.exceptions.ParseError as exc:
        line = first_line + max(exc.line, 1) - 1
        reason = " ".join(str(exc).split(" at line ")[0].split())
        raise ArticleError(f"{name}: malformed TOML front matter on line {line}: {reason}") from exc
    except Exception as exc:  # tomlkit raises assorted errors (duplicate keys, bad dates)
        reason = " ".join(str(exc).split())
        raise ArticleError(f"{name}: malformed TOML front matter: {reason}") from exc


def plain(doc: TOMLDocument | dict[str, Any]) -> dict[str, Any]:
    """The document as ordinary dicts, lists, strings, bools and datetimes."""
    if isinstance(doc, TOMLDocument):
        return doc.unwrap()
    return dict(doc)


def format_datetime(value: dt.datetime | dt.date) -> str:
    """ISO 8601 the way Hugo writes it (``2026-02-25T07:00:00+00:00``, never ``Z``)."""
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0).isoformat()
    return value.isoformat()


def quote(text: str, *, literal: bool | None = None) -> str:
    """A TOML string: single-quoted (literal) unless it holds an apostrophe or a control char.

    Hugo's archetypes write ``title = 'Some Title'``; authors switch to double quotes for
    "Here's One", which is what ``literal=None`` picks automatically.
    """
    can_be_literal = "'" not in text and not any(ord(c) < 32 or ord(c) == 127 for c in text)
    if literal is None:
        literal = can_be_literal
    if literal and can_be_literal:
        return f"'{text}'"
    return tomlkit.string(text).as_string()


def render_value(value: Any, like: Item | None = None) -> str:
    """TOML source for ``value``, in the style of the item it replaces (``like``) when given.

    A date written as a string stays a string; a string keeps its quote style when it can.
    """
    old_string = isinstance(like, tomlkit.items.String)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.datetime, dt.date)):
        text = format_datetime(value)
        return quote(text, literal=_is_literal(like)) if old_string else text
    if isinstance(value, str):
        return quote(value, literal=_is_literal(like) if old_string else None)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(render_value(v) for v in value) + "]"
    if isinstance(value, (int, float)):
        return tomlkit.item(value).as_string()
    raise ArticleError(f"cannot write a {type(value).__name__} into TOML front matter")


def _is_literal(like: Item | None) -> bool | None:
    if isinstance(like, tomlkit.items.String):
        return like.as_string().startswith("'")
    return None


class TomlkitHandler(BaseHandler):
    """A python-frontmatter handler for ``+++`` TOML front matter that keeps formatting.

    Use one instance per file: ``load`` remembers the tomlkit document, and ``export``
    merges the (possibly modified) metadata into it, so unchanged keys keep their quotes,
    comments, spacing and order::

        handler = TomlkitHandler()
        post = frontmatter.loads(text, handler=handler)
        post["draft"] = False
        new_text = frontmatter.dumps(post)
    """

    FM_BOUNDARY = TOML_BOUNDARY
    START_DELIMITER = END_DELIMITER = "+++"

    def __init__(self, *, remember: bool = True) -> None:
        super().__init__()
        # A shared instance (see register) must not carry one file's document into another's.
        self._remember = remember
        self._document: TOMLDocument | None = None

    def load(self, fm: str, **kwargs: object) -> dict[str, Any]:
        doc = parse_document(fm)
        if self._remember:
            self._document = doc
        return plain(doc)

    def export(self, metadata: dict[str, object], **kwargs: object) -> str:
        doc = self._document if self._document is not None else tomlkit.document()
        before = plain(doc)
        for key in [k for k in doc if k not in metadata]:
            del doc[key]
        for key, value in metadata.items():
            if key in before and before[key] == value:
                continue
            doc[key] = tomlkit.item(value)
        return tomlkit.dumps(doc).strip()


def register() -> None:
    """Let ``frontmatter.load``/``loads`` recognise ``+++`` blocks without a handler argument."""
    import frontmatter

    frontmatter.handlers[:] = [h for h in frontmatter.handlers if h.START_DELIMITER != "+++"]
    frontmatter.handlers.append(TomlkitHandler(remember=False))
