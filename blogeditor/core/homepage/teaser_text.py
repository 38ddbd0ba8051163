"""The parts of one teaser's own text, and edits that touch only the part they change.

A teaser's own text runs from its thumbnail line (or its heading, when it has no
thumbnail) to its last line, usually ``**[Full article >>](LINK)**``; the comment markers
and the ``---`` separator around it belong to the homepage, not to the teaser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Teaser:
    """One post teaser as the author wrote it."""

    title: str
    link: str
    thumbnail: str | None
    thumbnail_href: str | None
    body: str
    hidden: bool
    full_article_link: str | None
    markdown: str
    line: int  # 1-based line of the heading in the file
    start_line: int  # 1-based first line of ``markdown`` in the file
    end_line: int  # 1-based last line of ``markdown`` in the file


# Up to three spaces of indent, as CommonMark allows (four make an indented code block); the
# link may carry a title (``[T](/ai/post "tooltip")``), which Hugo renders as a tooltip.
HEADING_RE = re.compile(
    r"^(?P<pre> {0,3}(?:<!--[ \t]*)*)##[ \t]+\[(?P<title>.+)\]"
    r"\((?P<link>[^()\s]*)(?:[ \t]+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?[ \t]*\)"
    r"(?:[ \t]*-->)*[ \t]*\r?$"  # a one-line hidden teaser closes its comment on the heading
)
THUMB_RE = re.compile(
    r"^(?P<pre> {0,3}(?:<!--[ \t]*)*)"
    r"(?P<tag>(?:<a\s[^>]*>[ \t]*)?<img\s[^>]*>(?:[ \t]*</a>)?)[ \t]*\r?$",
    re.IGNORECASE,
)
# A fenced code block's opening line (CommonMark: three or more backticks or tildes, a
# backtick fence's info string holds no backtick) and the closing line that ends it.
FENCE_RE = re.compile(r"^ {0,3}(?P<fence>`{3,}(?=[^`]*$)|~{3,})")
_FENCE_CLOSE_RE = re.compile(r" {0,3}(`+|~+)[ \t]*\r?$")
_OPENERS_RE = re.compile(r"^[ \t]*(?:<!--[ \t]*)+")
FULL_ARTICLE_RE = re.compile(
    r"^[ \t]*(?:\*\*|__)?\[(?P<label>full article[^\]]*)\]\((?P<link>[^()\s]*)\)(?:\*\*|__)?[ \t]*\r?$",
    re.IGNORECASE,
)
_SRC_RE = re.compile(r"""(\bsrc\s*=\s*)(["'])(?P<value>.*?)\2""", re.IGNORECASE | re.DOTALL)
_HREF_RE = re.compile(r"""(\bhref\s*=\s*)(["'])(?P<value>.*?)\2""", re.IGNORECASE | re.DOTALL)

DEFAULT_THUMBNAIL_LINE = '<img src="{src}" style="width:50%; float:right; padding: 10px">'


@dataclass(frozen=True)
class TeaserParts:
    """Where each part of a teaser's text lies (line indices into ``text.split("\\n")``)."""

    lines: tuple[str, ...]
    heading: int
    title: str
    link: str
    thumbnail_line: int | None
    thumbnail: str | None
    thumbnail_href: str | None
    full_article_line: int | None
    full_article_link: str | None

    @property
    def body(self) -> str:
        stop = self.full_article_line if self.full_article_line is not None else len(self.lines)
        return "\n".join(self.lines[self.heading + 1:stop]).strip("\n")

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def attr(tag: str, pattern: re.Pattern[str]) -> str | None:
    match = pattern.search(tag)
    return match.group("value") if match else None


def src_of(tag: str) -> str | None:
    return attr(tag, _SRC_RE)


def href_of(tag: str) -> str | None:
    return attr(tag, _HREF_RE) if re.match(r"\s*<a\s", tag, re.IGNORECASE) else None


def fence_closes(fence: str, line: str) -> bool:
    """Whether ``line`` closes the fenced code block opened by ``fence`` (e.g. "```")."""
    m = _FENCE_CLOSE_RE.match(line)
    return m is not None and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence)


def strip_openers(line: str) -> str:
    """The line without the comment openers it starts with (``<!-- <!-- <img`` -> ``<img``)."""
    return _OPENERS_RE.sub("", line)


def heading_lines(text: str) -> list[int]:
    """The lines of ``text`` that are post headings: ``## [Title](link)`` outside code."""
    found: list[int] = []
    fence: str | None = None
    for i, line in enumerate(text.split("\n")):
        # The "in" tests spare the regular expressions on most lines (a 10,000-post
        # homepage has 130,000 lines, all read on every edit).
        fenceish = "`" in line or "~" in line
        if fence is not None:
            if fenceish and fence_closes(fence, line):
                fence = None
            continue
        # Comment markers hide text from readers but not from Markdown: a fence inside a
        # hidden teaser still holds code.
        if fenceish and (m := FENCE_RE.match(strip_openers(line))):
            fence = m.group("fence")
        elif "##" in line and HEADING_RE.match(line):
            found.append(i)
    return found


def parse_parts(text: str) -> TeaserParts:
    """Read a teaser's own text. It must hold a ``## [Title](link)`` heading."""
    lines = tuple(text.split("\n"))
    headings = heading_lines(text)
    if not headings:
        raise ValueError("a teaser needs a '## [Title](link)' heading")
    heading = headings[0]
    m = HEADING_RE.match(lines[heading])
    assert m is not None
    thumb_line = thumb = href = None
    j = heading - 1
    while j >= 0 and not lines[j].strip():
        j -= 1
    if j >= 0 and (tm := THUMB_RE.match(lines[j])):
        thumb_line = j
        thumb = src_of(tm.group("tag"))
        href = href_of(tm.group("tag"))
    fa_line = fa_link = None
    for i in range(len(lines) - 1, heading, -1):
        if fm := FULL_ARTICLE_RE.match(lines[i]):
            fa_line, fa_link = i, fm.group("link")
            break
    return TeaserParts(lines, heading, m.group("title"), m.group("link"), thumb_line, thumb,
                       href, fa_line, fa_link)


def _replace_group(line: str, match: re.Match[str], group: str, value: str) -> str:
    return line[: match.start(group)] + value + line[match.end(group):]


def with_title(text: str, title: str) -> str:
    parts = parse_parts(text)
    lines = list(parts.lines)
    m = HEADING_RE.match(lines[parts.heading])
    assert m is not None
    lines[parts.heading] = _replace_group(lines[parts.heading], m, "title", title)
    return "\n".join(lines)


def with_link(text: str, link: str) -> str:
    """Change the heading link and, where they agreed with it, the other two places."""
    parts = parse_parts(text)
    old = parts.link
    lines = list(parts.lines)
    m = HEADING_RE.match(lines[parts.heading])
    assert m is not None
    lines[parts.heading] = _replace_group(lines[parts.heading], m, "link", link)
    if parts.full_article_line is not None and parts.full_article_link == old:
        fm = FULL_ARTICLE_RE.match(lines[parts.full_article_line])
        assert fm is not None
        lines[parts.full_article_line] = _replace_group(lines[parts.full_article_line], fm, "link", link)
    if parts.thumbnail_line is not None:
        line = lines[parts.thumbnail_line]
        if parts.thumbnail_href == old:
            line = _HREF_RE.sub(lambda h: h.group(1) + h.group(2) + link + h.group(2), line, count=1)
        folder = old.rstrip("/") + "/"
        if old.strip("/") and parts.thumbnail and parts.thumbnail.startswith(folder):
            new_src = link.rstrip("/") + "/" + parts.thumbnail[len(folder):]
            line = _SRC_RE.sub(lambda s: s.group(1) + s.group(2) + new_src + s.group(2), line, count=1)
        lines[parts.thumbnail_line] = line
    return "\n".join(lines)


def with_thumbnail(text: str, src: str | None, *, template: str = DEFAULT_THUMBNAIL_LINE) -> str:
    """Point the thumbnail line at ``src``, keeping its other attributes; None removes it.

    A teaser without a thumbnail gets one written like the site's other thumbnail lines
    (``template`` holds ``{src}`` and, for the ``<a>`` form, ``{href}``).
    """
    parts = parse_parts(text)
    lines = list(parts.lines)
    if src is None:
        if parts.thumbnail_line is None:
            return text
        del lines[parts.thumbnail_line: parts.heading]
        return "\n".join(lines)
    if parts.thumbnail_line is None:
        new_line = template.replace("{src}", src).replace("{href}", parts.link)
        lines[parts.heading:parts.heading] = [new_line, ""]
        return "\n".join(lines)
    line = lines[parts.thumbnail_line]
    line = _SRC_RE.sub(lambda s: s.group(1) + s.group(2) + src + s.group(2), line, count=1)
    if parts.thumbnail_href is not None and parts.thumbnail_href == parts.thumbnail:
        # An <a> that opened the image itself follows it; one that opens the article stays.
        line = _HREF_RE.sub(lambda h: h.group(1) + h.group(2) + src + h.group(2), line, count=1)
    lines[parts.thumbnail_line] = line
    return "\n".join(lines)


def with_body(text: str, body: str) -> str:
    parts = parse_parts(text)
    lines = list(parts.lines)
    body = body.strip("\n")
    stop = parts.full_article_line if parts.full_article_line is not None else len(lines)
    middle = ["", *body.split("\n"), ""] if body else [""]
    if parts.full_article_line is None:
        middle = middle[:-1] if body else []
    lines[parts.heading + 1: stop] = middle
    return "\n".join(lines)


def build_teaser(title: str, link: str, thumbnail: str | None, body: str,
                 *, template: str = DEFAULT_THUMBNAIL_LINE) -> str:
    out: list[str] = []
    if thumbnail:
        out += [template.replace("{src}", thumbnail).replace("{href}", link), ""]
    out += [f"## [{title}]({link})", ""]
    if body.strip("\n"):
        out += [body.strip("\n"), ""]
    out.append(f"**[Full article >>]({link})**")
    return "\n".join(out)


def thumbnail_template(line: str) -> str | None:
    """Turn a real thumbnail line into a template for new ones, or None if it isn't one."""
    m = THUMB_RE.match(line)
    if not m:
        return None
    tag = m.group("tag")
    tag = _SRC_RE.sub(lambda s: s.group(1) + s.group(2) + "{src}" + s.group(2), tag, count=1)
    if href_of(tag) is not None:
        tag = _HREF_RE.sub(lambda h: h.group(1) + h.group(2) + "{href}" + h.group(2), tag, count=1)
    return tag
