"""Reading ``git status --porcelain=v2 -z --branch``: the branch and the changed files.

The porcelain v2 format is git's promise to scripts (stable across versions and languages),
so it is parsed here rather than the human output. Paths stay as git gives them: relative to
the top of the work tree, with ``/`` separators.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# One letter of the XY field, for a person.
_WORDS = {"M": "modified", "T": "type changed", "A": "added", "D": "deleted", "R": "renamed",
          "C": "copied", "U": "unmerged"}


@dataclass(frozen=True)
class ChangedFile:
    """A file that differs from HEAD (staged, unstaged, untracked or conflicted)."""

    path: str  # relative to the work tree's top
    staged: str  # X of XY: "." for none, else git's letter
    unstaged: str  # Y of XY ("?" for untracked files)
    orig_path: str | None = None  # a rename's or copy's source
    conflicted: bool = False

    @property
    def untracked(self) -> bool:
        return self.unstaged == "?"

    @property
    def description(self) -> str:
        if self.conflicted:
            return "conflict"
        if self.untracked:
            return "new"
        letter = self.staged if self.staged != "." else self.unstaged
        word = _WORDS.get(letter, "changed")
        return f"{word} (from {self.orig_path})" if self.orig_path else word


@dataclass(frozen=True)
class BranchInfo:
    head: str | None  # the branch name; None when HEAD is detached
    oid: str | None  # None before the first commit
    upstream: str | None  # e.g. "origin/main"; None when the branch tracks nothing
    ahead: int = 0
    behind: int = 0
    # The upstream is configured but its ref is missing (never fetched, or deleted there).
    upstream_gone: bool = False


@dataclass(frozen=True)
class WorkTreeStatus:
    branch: BranchInfo
    files: list[ChangedFile] = field(default_factory=list)
    error: str | None = None  # git's explanation when the status could not be read

    @property
    def conflicts(self) -> list[str]:
        return [f.path for f in self.files if f.conflicted]

    @property
    def clean(self) -> bool:
        return not self.files


def parse_status(output: bytes) -> WorkTreeStatus:
    """Parse ``git status --porcelain=v2 -z --branch`` output."""
    head: str | None = None
    oid: str | None = None
    upstream: str | None = None
    ahead = behind = 0
    has_ab = False
    files: list[ChangedFile] = []
    records = output.decode("utf-8", errors="surrogateescape").split("\0")
    i = 0
    while i < len(records):
        rec = records[i]
        i += 1
        if not rec:
            continue
        kind = rec[0]
        if rec.startswith("# "):
            name, _, value = rec[2:].partition(" ")
            if name == "branch.oid":
                oid = None if value == "(initial)" else value
            elif name == "branch.head":
                head = None if value == "(detached)" else value
            elif name == "branch.upstream":
                upstream = value
            elif name == "branch.ab":
                plus, _, minus = value.partition(" ")
                ahead, behind, has_ab = int(plus.lstrip("+")), int(minus.lstrip("-")), True
        elif kind == "1":
            parts = rec.split(" ", 8)
            files.append(ChangedFile(parts[8], parts[1][0], parts[1][1]))
        elif kind == "2":
            parts = rec.split(" ", 9)
            orig = records[i] if i < len(records) else None
            i += 1  # with -z the rename's source is the next record
            files.append(ChangedFile(parts[9], parts[1][0], parts[1][1], orig_path=orig))
        elif kind == "u":
            parts = rec.split(" ", 10)
            files.append(ChangedFile(parts[10], parts[1][0], parts[1][1], conflicted=True))
        elif kind == "?":
            files.append(ChangedFile(rec[2:], ".", "?"))
        # "!" (ignored) is never asked for.
    gone = upstream is not None and not has_ab
    return WorkTreeStatus(BranchInfo(head, oid, upstream, ahead, behind, gone), files)


def parse_name_list(output: bytes) -> list[str]:
    """``git diff --name-only -z`` output as paths."""
    text = output.decode("utf-8", errors="surrogateescape")
    return [p for p in text.split("\0") if p]
