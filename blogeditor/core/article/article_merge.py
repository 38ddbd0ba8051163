"""Three-way merge of an article another program changed while it was edited here.

The front matter and the body are merged apart (a new tag above and a fixed typo below never
collide), each line by line: changes to different lines are both kept, the same change made
on both sides is kept once, and different changes to the same lines (or lines touching
them) are a :class:`~blogeditor.core.storage.session.SaveConflictError` naming the part, so the save
writes nothing rather than guessing. Used as the ``rebase`` of ``session.save_checked``.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from blogeditor.core.article.article import Article
from blogeditor.core.errors import BlogEditorError
from blogeditor.core.storage.session import SaveConflictError

# A change to base lines [start, end) by one side ("mine"/"theirs"), with its new lines.
_Hunk = tuple[int, int, str, list[str]]


def merge_article(base: bytes, mine: bytes, theirs: bytes) -> bytes:
    """The article with both sides' changes, or SaveConflictError (nothing to write)."""
    try:
        texts = [data.decode("utf-8") for data in (base, mine, theirs)]
    except UnicodeDecodeError:
        raise SaveConflictError(_refusal("it is not UTF-8 text")) from None
    parts = [_split(text) for text in texts]
    if any(p is None for p in parts):  # malformed front matter somewhere: the text as a whole
        return merge_lines(*texts, what="the article").encode("utf-8")
    (bh, bb), (mh, mb), (th, tb) = (p for p in parts if p is not None)
    head = merge_lines(bh, mh, th, what="the front matter")
    body = merge_lines(bb, mb, tb, what="the text")
    return (head + body).encode("utf-8")


def _split(text: str) -> tuple[str, str] | None:
    try:
        article = Article.parse(text)
    except BlogEditorError:
        return None
    return text[: article.body_start], text[article.body_start :]


def merge_lines(base: str, mine: str, theirs: str, *, what: str) -> str:
    if mine == base or theirs == mine:
        return theirs
    if theirs == base:
        return mine
    b, m, t = (s.splitlines(keepends=True) for s in (base, mine, theirs))
    hunks = sorted(_hunks(b, m, "mine") + _hunks(b, t, "theirs"), key=lambda h: (h[0], h[1]))
    out: list[str] = []
    at = 0
    i = 0
    while i < len(hunks):
        group = [hunks[i]]
        end = hunks[i][1]
        i += 1
        while i < len(hunks) and _overlaps(hunks[i], end, group):
            group.append(hunks[i])
            end = max(end, hunks[i][1])
            i += 1
        sides = {h[2] for h in group}
        if len(sides) > 1 and not _same_change(group):
            line = b[:group[0][0]].count("\n") + 1 if group[0][0] else 1
            raise SaveConflictError(_refusal(
                f"{what} was changed both here and there near line {line}"))
        out.extend(b[at:group[0][0]])
        for start, stop, side, lines in group:
            if len(sides) > 1 and side == "theirs":
                continue  # the same change on both sides: once
            out.extend(b[max(at, start):start])
            out.extend(lines)
            at = max(at, stop)
        at = max(at, end)
    out.extend(b[at:])
    return "".join(out)


def _hunks(base: list[str], side: list[str], name: str) -> list[_Hunk]:
    matcher = SequenceMatcher(None, base, side, autojunk=False)
    return [(i1, i2, name, side[j1:j2])
            for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def _overlaps(hunk: _Hunk, end: int, group: list[_Hunk]) -> bool:
    # Changes that merely touch (one ends where the other starts) still collide when they come
    # from different sides: their order in the result would be a guess.
    if hunk[0] < end:
        return True
    return hunk[0] == end and any(h[2] != hunk[2] for h in group)


def _same_change(group: list[_Hunk]) -> bool:
    mine = [(s, e, lines) for s, e, side, lines in group if side == "mine"]
    theirs = [(s, e, lines) for s, e, side, lines in group if side == "theirs"]
    return mine == theirs


def _refusal(reason: str) -> str:
    return (f"the article changed on disk since it was opened and {reason}; nothing was "
            "changed (compare, then save again to replace it, or reload)")
