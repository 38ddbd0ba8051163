"""Decoding and encoding a text file so that its bytes come back exactly.

The byte-order mark and the line-ending style are lifted off on decode and put back on
encode, so the models above work on plain ``\\n`` text. A file whose line endings are
mixed is left as it is (the stray ``\\r`` stay part of their lines), which still
round-trips byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass

from blogeditor.core.errors import HomepageFormatError

BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class TextStyle:
    """How a file spells its text: the things an edit must keep."""

    bom: bool = False
    newline: str = "\n"


def decode(data: bytes, *, what: str = "The file", error: type[Exception] = HomepageFormatError
           ) -> tuple[str, TextStyle]:
    """Return the text with ``\\n`` line endings and the style to encode it back with."""
    bom = data.startswith(BOM)
    if bom:
        data = data[len(BOM):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise error(
            f"{what} is not UTF-8 text (byte 0x{data[exc.start]:02x} on line {line}); "
            "save it as UTF-8 in your editor and open it again"
        ) from None
    crlf = text.count("\r\n")
    if crlf and crlf == text.count("\n"):
        return text.replace("\r\n", "\n"), TextStyle(bom, "\r\n")
    return text, TextStyle(bom, "\n")


def encode(text: str, style: TextStyle) -> bytes:
    if style.newline != "\n":
        text = text.replace("\n", style.newline)
    data = text.encode("utf-8")
    return BOM + data if style.bom else data
