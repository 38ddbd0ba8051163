"""Which parts of a Markdown/Hugo line are prose, found by blanking everything else with spaces.

Blanking (instead of cutting) keeps every remaining character at its original index, so a word
found in the blanked text sits at the same place in the author's text. A line is blanked with
the state left by the previous line (front matter, fenced code, a shortcode or HTML tag that
spans lines), so the editor can check one changed line at a time and the command line can check
a whole file with the same code.

Never treated as prose: front matter, fenced code and ``highlight`` shortcode bodies, code
spans, ``<pre>/<script>/<style>/<code>`` contents, HTML tags with their attributes, HTML entities,
Hugo shortcodes with their arguments, link and image targets, reference definitions, URLs,
e-mail addresses, and anything shaped like a path, file name, domain, identifier or option
(``content/_index.md``, ``thumbnail.jpg``, ``snake_case``, ``--dry-run``, ``$HOME``). The text
of HTML comments is prose: hidden teasers live inside them; only the markers are blanked.
Indented (four-space) code blocks are not recognised: Hugo articles use fences.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

# Line states. A state is the situation at the START of a line; blank_line returns the next one.
NORMAL = 0
START = 1  # the document's first line: front matter may open here only
FM_TOML = 2
FM_YAML = 3
SHORTCODE = 4  # inside a {{< ... >}} / {{% ... %}} that continues on the next line
HTML_TAG = 5  # inside an <tag ...> that continues on the next line
RAW_PRE = 6
RAW_SCRIPT = 7
RAW_STYLE = 8
RAW_HIGHLIGHT = 9
FENCE_BACKTICK = 100  # + fence length
FENCE_TILDE = 200  # + fence length

_RAW_STATES = {"pre": RAW_PRE, "script": RAW_SCRIPT, "style": RAW_STYLE}
_RAW_CLOSERS = {
    RAW_PRE: re.compile(r"</pre\s*>", re.I),
    RAW_SCRIPT: re.compile(r"</script\s*>", re.I),
    RAW_STYLE: re.compile(r"</style\s*>", re.I),
    RAW_HIGHLIGHT: re.compile(r"\{\{[<%]\s*/\s*highlight\s*[>%]\}\}"),
}

_FENCE_OPEN = re.compile(r"^\s*(`{3,}(?=[^`]*$)|~{3,})")
_FENCE_CLOSE = re.compile(r"^\s*(`{3,}|~{3,})\s*$")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:")

# Each alternative starts with one of the characters in the leading lookahead, so the regex
# engine rejects ordinary text at a single character test (20x faster on long paragraphs).
_INLINE = re.compile(
    r"""
    (?=[`{<\]&(\[])
    (?:
    (?P<code>(?P<tk>`+)[^`].*?(?<!`)(?P=tk)(?!`))                       # code span
    | (?P<hl_closed>\{\{[<%]\s*highlight\b.*?\{\{[<%]\s*/\s*highlight\s*[>%]\}\})
    | (?P<hl_open>\{\{[<%]\s*highlight\b[^}]*[>%]\}\}.*$)              # highlight body follows
    | (?P<shortcode>\{\{.*?\}\})                                       # shortcode, args and all
    | (?P<sc_open>\{\{[<%].*$)                                          # shortcode goes on
    | (?P<comment><!--|-->)                                            # markers only
    | (?P<raw_closed><(?P<rn>pre|script|style|code)\b[^>]*>.*?</(?P=rn)\s*>)
    | (?P<raw_open><(?P<ro>pre|script|style)\b.*$)
    | (?P<autolink><[A-Za-z][\w+.-]*:[^\s<>]*>)
    | (?P<tag></?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>)
    | (?P<tag_open><[A-Za-z][\w:-]*(?:\s+[\w:.-]+(?:=(?:"[^"]*"?|'[^']*'?|[^\s>]*))?)*\s*$)
    | (?P<target>(?<=\])\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:"[^"]*"|'[^']*'))?\s*\))
    | (?P<ref>(?<=\])\[[^\]]*\])                                       # [text][ref]
    | (?P<entity>&(?:\#\d+|\#x[0-9a-fA-F]+|[A-Za-z]+);)
    )
    """,
    re.X,
)
_URL = re.compile(r"""(?:https?|ftp|file|mailto):[^\s<>"'`)\]]+|www\.[^\s<>"'`)\]]+""")
_TAG_OPEN_AT = re.compile(
    r"""<[A-Za-z][\w:-]*(?:\s+[\w:.-]+(?:=(?:"[^"]*"?|'[^']*'?|[^\s>]*))?)*\s*$"""
)
_HL_OPEN = re.compile(r"\{\{[<%]\s*highlight\b[^}]*[>%]\}\}")
_HL_CLOSE = _RAW_CLOSERS[RAW_HIGHLIGHT]
_RAW_OPEN = re.compile(r"<(pre|script|style)\b", re.I)

# Characters around which a run of non-space text may be a path, file name, domain,
# identifier, option, variable or key=value rather than words.
# (Only where a chunk test below can match: a full stop, colon or bracket in running prose
# is followed by a space, and testing its chunk is most of the time spent on a line.)
_SUSPECT_CHAR = re.compile(
    r"[/\\@=$%_]|[.:](?=[^\W_])|(?<=[^\W_])\((?!s\))|\|(?=[^\s|])|(?<!\S)-")
_SUSPECT_CHUNK = re.compile(
    r"[/\\@=$%]|[^\W_]_[^\W_]|__|[^\W_]\.[^\W_]|[^\W_]:[^\W\d_]|^[\W_]*--?[^\W_]"
    r"|[^\W_]\((?!s\))"  # a call: myhook(self)
    r"|^[^\W_][\w.-]*_[^\w]*$"  # a reStructuredText reference (pnotify_), not _emphasis_
    r"|^[(\[]?\|[^\s|]+\|"  # a reStructuredText substitution (|pypi|), not a table's bar
)
# Slashes between plain words are prose: "Pub/Sub", "CI/CD", "and/or".
_PROSE_SLASH = re.compile(r"^[\W_]*[^\W\d_]+(?:/[^\W\d_]+)+[\W_]*$")

# Lines of an interactive session: a Python prompt or a shell prompt, code either way.
_PROMPT = re.compile(r"^\s*(?:>>>|\$)(?:\s|$)")
# Link text and its target: "[flynt](https://pypi.org/project/flynt/)".
_LINK = re.compile(r"\[([^\[\]]+)\]\(([^()\s]+)")

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_DIGIT = re.compile(r"\d")


def _blank_suspects(line: str) -> str:
    pos = 0
    out: list[str] | None = None
    while m := _SUSPECT_CHAR.search(line, pos):
        i = m.start()
        start = max(line.rfind(" ", 0, i), line.rfind("\t", 0, i)) + 1
        end = len(line)
        for sep in (" ", "\t"):
            j = line.find(sep, i)
            if 0 <= j < end:
                end = j
        chunk = line[start:end]
        if _SUSPECT_CHUNK.search(chunk) and not _PROSE_SLASH.match(chunk):
            if out is None:
                out = list(line)
            out[start:end] = " " * (end - start)
        pos = max(end, i + 1)
    return line if out is None else "".join(out)


def _blank_match(match: re.Match[str]) -> str:
    return " " * (match.end() - match.start())


def _normal_next(line: str) -> int:
    """The state after a line read in NORMAL state: does a construct stay open at its end?"""
    if "{{" in line:
        tail = line[line.rfind("{{") :]
        if tail.startswith(("{{<", "{{%")) and "}}" not in tail:
            return SHORTCODE
        if "highlight" in line:
            last = None
            for last in _HL_OPEN.finditer(line):  # noqa: B007 - the last opener decides
                pass
            if last is not None and not _HL_CLOSE.search(line, last.end()):
                return RAW_HIGHLIGHT
    if "<" in line:
        for m in _RAW_OPEN.finditer(line):
            name = m.group(1).lower()
            if not re.search(rf"</{name}\s*>", line[m.end() :], re.I):
                return _RAW_STATES[name]
        last_open = line.rfind("<")
        if ">" not in line[last_open:] and _TAG_OPEN_AT.match(line, last_open):
            return HTML_TAG
    return NORMAL


def _link_names(line: str) -> str:
    """Words of a link's text that its target spells too are the name of what it links to
    (a project, a person's account), not prose: "[tryceratops](.../tryceratops/)". A typo
    in the text ("[Terrafrom](https://terraform.io)") is not in the target, so it stays."""
    out: list[str] | None = None
    for link in _LINK.finditer(line):
        target = link.group(2).lower()
        for m in WORD.finditer(link.group(1)):
            if len(m.group()) > 1 and m.group().lower() in target:
                out = out if out is not None else list(line)
                start = link.start(1) + m.start()
                out[start:start + len(m.group())] = " " * len(m.group())
    return line if out is None else "".join(out)


def _inline(line: str) -> tuple[str, int]:
    line_text = _link_names(line) if "](" in line else line
    blanked = (_INLINE.sub(_blank_match, line_text) if any(c in line for c in "`{<&([")
               else line_text)
    if "://" in blanked or "www." in blanked or "mailto:" in blanked:
        blanked = _URL.sub(_blank_match, blanked)
    return _blank_suspects(blanked), _normal_next(line)


def _resume(line: str, end: int) -> tuple[str, int]:
    """Blank line[:end], then treat the rest as ordinary text."""
    rest, state = _inline(line[end:])
    return " " * end + rest, state


def blank_line(line: str, state: int = NORMAL) -> tuple[str, int]:
    """The line with non-prose blanked (same length), and the state at the next line's start."""
    if state == START:
        stripped = line.strip().lstrip("\ufeff")
        if not stripped:
            # Hugo skips blank lines (and a byte-order mark) before front matter, so the
            # front matter may still open on the next line.
            return " " * len(line), START
        if stripped == "+++":
            return " " * len(line), FM_TOML
        if stripped == "---":
            return " " * len(line), FM_YAML
        state = NORMAL
    if state == NORMAL:
        if m := _FENCE_OPEN.match(line):
            fence = m.group(1)
            base = FENCE_BACKTICK if fence[0] == "`" else FENCE_TILDE
            return " " * len(line), base + len(fence)
        if _REF_DEF.match(line) or _PROMPT.match(line):
            return " " * len(line), NORMAL
        return _inline(line)
    if state in (FM_TOML, FM_YAML):
        stripped = line.strip()
        done = stripped == "+++" if state == FM_TOML else stripped in ("---", "...")
        return " " * len(line), NORMAL if done else state
    if state >= FENCE_BACKTICK:
        char = "`" if state < FENCE_TILDE else "~"
        length = state - (FENCE_BACKTICK if char == "`" else FENCE_TILDE)
        m = _FENCE_CLOSE.match(line)
        if m and m.group(1)[0] == char and len(m.group(1)) >= length:
            return " " * len(line), NORMAL
        return " " * len(line), state
    if state == SHORTCODE:
        end = line.find("}}")
        return (" " * len(line), state) if end < 0 else _resume(line, end + 2)
    if state == HTML_TAG:
        end = line.find(">")
        return (" " * len(line), state) if end < 0 else _resume(line, end + 1)
    closer = _RAW_CLOSERS.get(state)
    if closer is None:  # an unknown state (never produced here): read as ordinary text
        return _inline(line)
    found = closer.search(line)
    return (" " * len(line), state) if found is None else _resume(line, found.end())


def next_state(line: str, state: int) -> int:
    """Only the state after the line (cheap: what the editor tracks on every keystroke)."""
    if state == NORMAL:
        if ("`" in line or "~" in line) and (m := _FENCE_OPEN.match(line)):
            return (FENCE_BACKTICK if m.group(1)[0] == "`" else FENCE_TILDE) + len(m.group(1))
        if "{{" not in line and "<" not in line:
            return NORMAL
        if _REF_DEF.match(line) or _PROMPT.match(line):
            return NORMAL
        return _normal_next(line)
    return blank_line(line, state)[1]


def blank_lines(lines: Iterable[str]) -> Iterator[tuple[str, int]]:
    """Each line blanked, with the state it started in; the first line may open front matter."""
    state = START
    for line in lines:
        blanked, following = blank_line(line, state)
        yield blanked, state
        state = following


def blank_document(text: str) -> str:
    """The whole text with non-prose blanked; same length, same line breaks."""
    return "\n".join(b for b, _ in blank_lines(text.split("\n")))


def words(blanked: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, word) of each word worth checking in a blanked line.

    Skipped: single letters, words with digits, and words in capitals (acronyms such as XRD or
    NATS, the way word processors ignore uppercase words by default).
    """
    for m in WORD.finditer(blanked):
        word = m.group()
        if worth_checking(word):
            yield m.start(), m.end(), word


def worth_checking(word: str) -> bool:
    return len(word) > 1 and not word.isupper() and not _DIGIT.search(word)


def utf16_converter(line: str) -> list[int] | None:
    """Prefix table from Python index to UTF-16 index, or None when they are the same."""
    if line.isascii() or all(ord(c) < 0x10000 for c in line):
        return None
    table = [0] * (len(line) + 1)
    pos = 0
    for i, c in enumerate(line):
        table[i] = pos
        pos += 2 if ord(c) >= 0x10000 else 1
    table[len(line)] = pos
    return table
