"""Markdown syntax colouring for the teaser and article editor.

Block states carry multi-line constructs across lines: fenced code and HTML comments.
Spelling is not done here: ``spell_source`` (set by gui/spelling/spell_ui.py) reports misspelled
ranges per block and we merge a red wavy underline onto them.
"""

from __future__ import annotations

import logging
import re
from typing import Protocol

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

log = logging.getLogger(__name__)

NORMAL, IN_FENCE, IN_COMMENT = 0, 1, 2

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s.*$")
_HR = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_LIST = re.compile(r"^\s*([-*+]|\d+[.)])\s")
_QUOTE = re.compile(r"^\s{0,3}>")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPH = re.compile(r"(?<![*_\w])([*_])(?=[^\s*_])(.+?)(?<=[^\s*_])\1(?![*_\w])")
_CODE = re.compile(r"(`+)(.+?)\1")
_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)")
_AUTOLINK = re.compile(r"<https?://[^>\s]+>|\bhttps?://[^\s)>\]\"']+")
_TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s+[^<>]*?)?/?>")
_ATTR_VALUE = re.compile(r"=\s*(\"[^\"]*\"|'[^']*')")
_SHORTCODE = re.compile(r"\{\{[<%].*?[%>]\}\}")


class SpellSource(Protocol):
    def misspellings(self, text: str, block_number: int) -> list[tuple[int, int]]: ...


THEMES = {
    False: {
        "heading": "#1f4e9e", "emphasis": "#333333", "code": "#a0413b", "code_bg": "#f3f0ec",
        "link": "#1a7f64", "url": "#6b7c93", "tag": "#8e44ad", "attr": "#b5651d",
        "comment": "#8a8f98", "marker": "#9aa3ad", "shortcode": "#b03a7a", "spell": "#e0312b",
    },
    True: {
        "heading": "#8ab4ff", "emphasis": "#e6e6e6", "code": "#f2a38f", "code_bg": "#2f2b28",
        "link": "#5fd3b0", "url": "#8d9bb0", "tag": "#c39bf0", "attr": "#e0a96d",
        "comment": "#7d848e", "marker": "#7f8894", "shortcode": "#f08cc0", "spell": "#ff6b61",
    },
}


class MarkdownHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, dark: bool = False) -> None:
        super().__init__(document)
        self.spell_source: SpellSource | None = None
        self._formats: dict[str, QTextCharFormat] = {}
        self._offsets: list[int] | None = None
        self.set_dark(dark, rehighlight=False)

    def set_dark(self, dark: bool, rehighlight: bool = True) -> None:
        theme = THEMES[dark]
        self._spell_colour = QColor(theme["spell"])

        def fmt(colour: str, *, bold: bool = False, italic: bool = False, bg: str | None = None,
                mono: bool = False) -> QTextCharFormat:
            f = QTextCharFormat()
            f.setForeground(QColor(colour))
            if bold:
                f.setFontWeight(QFont.Weight.Bold)
            if italic:
                f.setFontItalic(True)
            if bg:
                f.setBackground(QColor(bg))
            if mono:
                f.setFontFixedPitch(True)
            return f

        self._formats = {
            "heading": fmt(theme["heading"], bold=True),
            "strong": fmt(theme["emphasis"], bold=True),
            "emphasis": fmt(theme["emphasis"], italic=True),
            "code": fmt(theme["code"], bg=theme["code_bg"], mono=True),
            "fence": fmt(theme["code"], bg=theme["code_bg"], mono=True),
            "link": fmt(theme["link"]),
            "url": fmt(theme["url"]),
            "tag": fmt(theme["tag"]),
            "attr": fmt(theme["attr"]),
            "comment": fmt(theme["comment"], italic=True),
            "marker": fmt(theme["marker"], bold=True),
            "shortcode": fmt(theme["shortcode"]),
        }
        if rehighlight:
            self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        self._offsets = _utf16_offsets(text)
        previous = self.previousBlockState()
        state = previous if previous in (IN_FENCE, IN_COMMENT) else NORMAL
        if state == IN_FENCE:
            self._fmt(0, len(text), self._formats["fence"])
            self.setCurrentBlockState(NORMAL if _FENCE.match(text) else IN_FENCE)
            return
        if state == NORMAL and _FENCE.match(text):
            self._fmt(0, len(text), self._formats["fence"])
            self.setCurrentBlockState(IN_FENCE)
            return
        self.setCurrentBlockState(NORMAL)
        start = 0
        if state == IN_COMMENT:
            end = text.find("-->")
            if end < 0:
                self._fmt(0, len(text), self._formats["comment"])
                self.setCurrentBlockState(IN_COMMENT)
                # Commented-out text (a hidden teaser, an article's note) is still prose.
                self._spelling(text)
                return
            start = end + 3
            self._fmt(0, start, self._formats["comment"])
        self._inline(text, start)
        self._spelling(text)

    def _inline(self, text: str, offset: int) -> None:
        f = self._formats
        body = text[offset:]
        if _HEADING.match(body):
            self._fmt(offset, len(body), f["heading"])
        elif _HR.match(body):
            self._fmt(offset, len(body), f["marker"])
            return
        else:
            marker = _LIST.match(body) or _QUOTE.match(body)
            if marker:
                self._fmt(offset, marker.end(), f["marker"])
        for pattern, name in ((_STRONG, "strong"), (_EMPH, "emphasis")):
            for m in pattern.finditer(body):
                self._merge(offset + m.start(), m.end() - m.start(), f[name])
        for m in _LINK.finditer(body):
            self._merge(offset + m.start(), m.end() - m.start(), f["link"])
            self._fmt(offset + m.start(2), len(m.group(2)), f["url"])
        for m in _AUTOLINK.finditer(body):
            self._fmt(offset + m.start(), m.end() - m.start(), f["url"])
        for m in _TAG.finditer(body):
            self._fmt(offset + m.start(), m.end() - m.start(), f["tag"])
            for a in _ATTR_VALUE.finditer(m.group(0)):
                self._fmt(offset + m.start() + a.start(1), len(a.group(1)), f["attr"])
        for m in _SHORTCODE.finditer(body):
            self._fmt(offset + m.start(), m.end() - m.start(), f["shortcode"])
        for m in _CODE.finditer(body):
            self._fmt(offset + m.start(), m.end() - m.start(), f["code"])
        self._comments(text, offset)

    def _comments(self, text: str, offset: int) -> None:
        position = offset
        while True:
            start = text.find("<!--", position)
            if start < 0:
                return
            end = text.find("-->", start + 4)
            if end < 0:
                self._fmt(start, len(text) - start, self._formats["comment"])
                self.setCurrentBlockState(IN_COMMENT)
                return
            self._fmt(start, end + 3 - start, self._formats["comment"])
            position = end + 3

    def _fmt(self, start: int, length: int, fmt: QTextCharFormat) -> None:
        # Python indexes code points, Qt UTF-16 units: they differ after an emoji.
        offsets = self._offsets
        if offsets is None:
            self.setFormat(start, length, fmt)
            return
        begin = offsets[min(start, len(offsets) - 1)]
        end = offsets[min(start + length, len(offsets) - 1)]
        self.setFormat(begin, end - begin, fmt)

    def _merge(self, start: int, length: int, extra: QTextCharFormat) -> None:
        # Emphasis inside a heading keeps the heading colour and gains the weight/slant.
        offsets = self._offsets
        begin, end = start, start + length
        if offsets is not None:
            begin = offsets[min(begin, len(offsets) - 1)]
            end = offsets[min(end, len(offsets) - 1)]
        i = begin
        while i < end:  # one setFormat per run of equal formats, not per character
            current = self.format(i)
            j = i + 1
            while j < end and self.format(j) == current:
                j += 1
            current.merge(extra)
            self.setFormat(i, j - i, current)
            i = j

    def _spelling(self, text: str) -> None:
        source = self.spell_source
        if source is None or not text:
            return
        try:
            ranges = source.misspellings(text, self.currentBlock().blockNumber())
        except Exception:  # a spell-checker bug must not break highlighting or typing
            log.exception("spell source failed")
            return
        size = self._offsets[-1] if self._offsets else len(text)
        for start, length in ranges:  # already UTF-16 positions
            for i in range(max(0, start), min(size, start + length)):
                current = self.format(i)
                current.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
                current.setUnderlineColor(self._spell_colour)
                self.setFormat(i, 1, current)


def _utf16_offsets(text: str) -> list[int] | None:
    """UTF-16 offset of every code point index (and the end), or None when they coincide."""
    if text.isascii() or all(ord(c) < 0x10000 for c in text):
        return None
    offsets = [0]
    for c in text:
        offsets.append(offsets[-1] + (2 if ord(c) >= 0x10000 else 1))
    return offsets
