"""The articles' git merge driver: front matter key by key, the body by git's line merge.

Two authors touching the same front matter (one adds a tag, the other sets the date) touch
neighbouring lines, which a line merge calls a conflict; by key they are independent. Each
key's block is its raw text (value, continuation lines, comments after it), so quoting,
order and comments stay as each author wrote them. A key both sides set differently is
marked alone between conflict markers. TOML tables are keys of their own (``[params]``)
and their keys are named ``params/key``.

JSON front matter, a block that does not close, or versions that disagree on the format
go to ``git merge-file`` whole, with a note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from blogeditor.core.article.front_matter import locate
from blogeditor.core.git.merge_file import merge_text
from blogeditor.core.git.merge_homepage import OURS, SEP, THEIRS, DriverResult, line_merge, trivial

_TOML_TABLE = re.compile(r"^\s*\[+\s*([^\]]+?)\s*\]+\s*(#.*)?$")
_TOML_KEY = re.compile(r"^\s*((?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"
                       r"\"[^\"]*\"|'[^']*'))*)\s*=")
_YAML_KEY = re.compile(r"^((?:\"[^\"]*\"|'[^']*'|[^\s#\-?:][^:#]*?))\s*:(?:\s|$)")


@dataclass(frozen=True)
class _Parts:
    fmt: str | None
    before: str  # up to and including the opening delimiter line
    raw: str  # the front matter's content
    closing: str  # the closing delimiter line
    body: str


def _parts(text: str) -> _Parts | None:
    span = locate(text)
    if span.format is None:
        return _Parts(None, "", "", "", text)
    if not span.closed or span.format == "json":
        return None
    return _Parts(span.format, text[: span.raw_start], text[span.raw_start : span.raw_end],
                  text[span.raw_end : span.end], text[span.end :])


def blocks(raw: str, fmt: str) -> list[tuple[str, str]] | None:
    """The front matter as (key, raw text) in order; None when a key repeats (the merge
    could not tell the two apart)."""
    out: list[tuple[str, str]] = [("", "")]  # comments and blank lines before the first key
    table = ""
    for line in raw.splitlines(keepends=True):
        key: str | None = None
        bare = line.rstrip("\r\n")
        if fmt == "toml":
            if (m := _TOML_TABLE.match(bare)) and "=" not in bare.split("]")[0]:
                table = m.group(1)
                key = f"[{table}]" if not bare.lstrip().startswith("[[") else None
            elif m2 := _TOML_KEY.match(bare):
                key = f"{table}/{m2.group(1)}" if table else m2.group(1)
        elif m3 := _YAML_KEY.match(bare):
            key = m3.group(1)
        if key is None:  # a continuation, a comment, an array-of-tables entry: goes along
            k, text = out[-1]
            out[-1] = (k, text + line)
        else:
            out.append((key, line))
    keys = [k for k, _ in out]
    return out if len(keys) == len(set(keys)) else None


def _merge_blocks(base: list[tuple[str, str]], ours: list[tuple[str, str]],
                  theirs: list[tuple[str, str]], newline: str) -> tuple[str, list[str]]:
    b, o, t = dict(base), dict(ours), dict(theirs)
    chosen: dict[str, str] = {}
    conflicts: list[str] = []
    for key in dict.fromkeys([*o, *t, *b]):
        bv, ov, tv = b.get(key), o.get(key), t.get(key)
        if ov == tv or tv == bv:
            value = ov
        elif ov == bv:
            value = tv
        else:
            conflicts.append(key or "(comments at the top)")
            value = newline.join([OURS, *_lines(ov), SEP, *_lines(tv), THEIRS]) + newline
        if value is not None:
            chosen[key] = value
    order = [k for k in o if k in chosen]
    their_order = [k for k in t if k in chosen] + [k for k in b if k in chosen]
    for pos, key in enumerate(their_order):
        if key in order:
            continue
        pred = next((k for k in reversed(their_order[:pos]) if k in order), None)
        order.insert(0 if pred is None else order.index(pred) + 1, key)
    text = "".join(chosen[k] for k in order)
    return text, conflicts


def _lines(value: str | None) -> list[str]:
    return [] if value is None else value.rstrip("\r\n").splitlines()


def merge_article_versions(base: bytes, ours: bytes, theirs: bytes) -> DriverResult:
    if (done := trivial(base, ours, theirs)) is not None:
        return done
    try:
        texts = [data.decode("utf-8") for data in (base, ours, theirs)]
    except UnicodeDecodeError:
        return line_merge(base, ours, theirs, "not UTF-8 text")
    parts = [_parts(text) for text in texts]
    pb, po, pt = parts
    if pb is None or po is None or pt is None:
        return line_merge(base, ours, theirs, "front matter that is JSON or never closes")
    if len({p.fmt for p in parts if p is not None and p.fmt}) > 1:
        return line_merge(base, ours, theirs, "the versions use different front matter formats")
    fmt = po.fmt or pt.fmt or pb.fmt
    conflicts: list[str] = []
    if fmt is None:
        head = ""
    else:
        newline = "\r\n" if "\r\n" in po.raw else "\n"
        split = [blocks(p.raw, fmt) for p in (pb, po, pt)]
        sb, so, st = split
        if sb is None or so is None or st is None:
            raw, n = merge_text(pb.raw, po.raw, pt.raw)
            conflicts += ["the front matter"] if n else []
        else:
            raw, keys = _merge_blocks(sb, so, st, newline)
            conflicts += [f"front matter key {k}" for k in keys]
        opened = po if po.fmt else pt
        head = opened.before + raw + opened.closing
    body, n = merge_text(pb.body, po.body, pt.body)
    if n:
        conflicts.append(f"{n} place(s) in the text")
    data = (head + body).encode("utf-8", errors="surrogateescape")
    return DriverResult(data, conflicts, [f"conflict in {c}" for c in conflicts])
