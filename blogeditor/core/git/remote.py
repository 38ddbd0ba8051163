"""fetch, pull and push, each answered with what went wrong in words the window can act on.

git reports failures only as text on stderr; the kinds below are read from the messages
git (and ssh, and the HTTP transport) actually print, asked for in English by the runner.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from blogeditor.core.git.runner import Git, GitOutput
from blogeditor.core.git.status import parse_status


class RemoteKind(Enum):
    OK = "ok"
    NO_UPSTREAM = "no upstream"  # the branch tracks nothing: push with set_upstream first
    AUTH = "authentication needed"
    OFFLINE = "offline or unreachable"
    REJECTED = "rejected: the remote has commits this clone lacks"
    CONFLICT = "merge conflict"
    LOCAL_CHANGES = "uncommitted changes in the way"
    OTHER = "other"


@dataclass(frozen=True)
class RemoteResult:
    kind: RemoteKind
    message: str  # one or two sentences for the author
    conflicts: tuple[str, ...] = ()  # paths left unmerged (kind CONFLICT)
    stderr: str = ""  # git's own words, for "Details…"

    @property
    def ok(self) -> bool:
        return self.kind is RemoteKind.OK


_PATTERNS: list[tuple[RemoteKind, re.Pattern[str]]] = [
    (RemoteKind.NO_UPSTREAM, re.compile(
        r"has no upstream branch|no tracking information|"
        r"No remote repository specified|no such ref was fetched", re.I)),
    (RemoteKind.AUTH, re.compile(
        r"Authentication failed|could not read (Username|Password)|terminal prompts disabled|"
        r"Permission denied \((publickey|keyboard|password)|Host key verification failed|"
        r"HTTP Basic: Access denied|returned error: 40[13]|Invalid username or password|"
        r"Repository not found", re.I)),
    (RemoteKind.REJECTED, re.compile(
        r"\[rejected\]|non-fast-forward|fetch first|Updates were rejected|"
        r"Not possible to fast-forward|\[remote rejected\]", re.I)),
    (RemoteKind.LOCAL_CHANGES, re.compile(
        r"local changes to the following files would be overwritten|"
        r"untracked working tree files would be overwritten|"
        r"You have unstaged changes|Your index contains uncommitted changes|"
        r"not concluded your merge|unmerged files", re.I)),
    (RemoteKind.OFFLINE, re.compile(
        r"Could not resolve host|Could not resolve hostname|Connection refused|"
        r"Network is unreachable|Connection timed out|Operation timed out|timed out after|"
        r"unable to access|Failed to connect|does not appear to be a git repository|"
        r"Could not read from remote repository|No route to host|"
        r"Temporary failure in name resolution|Connection reset", re.I)),
]

_ADVICE = {
    RemoteKind.NO_UPSTREAM: "This branch is not connected to a branch on the server yet.",
    RemoteKind.AUTH: "The server asked for a login that git could not give without asking; "
                     "set up your credentials (or SSH key) for git, then try again.",
    RemoteKind.OFFLINE: "The server could not be reached: check the network connection "
                        "and the remote's address.",
    RemoteKind.REJECTED: "The server has changes you do not have yet: pull first, then push.",
    RemoteKind.LOCAL_CHANGES: "Uncommitted changes are in the way: commit them first.",
    RemoteKind.OTHER: "git could not finish",
}


def classify(out: GitOutput) -> RemoteKind:
    """The kind of a failed remote command, from its messages."""
    if out.ok:
        return RemoteKind.OK
    if out.timed_out:
        return RemoteKind.OFFLINE
    text = out.stderr + "\n" + out.text
    for kind, pattern in _PATTERNS:
        if pattern.search(text):
            return kind
    return RemoteKind.OTHER


def _result(git: Git, out: GitOutput, done: str) -> RemoteResult:
    kind = classify(out)
    if kind is RemoteKind.OK:
        return RemoteResult(kind, done, stderr=out.stderr)
    conflicts = _conflicts(git)
    if conflicts:
        return RemoteResult(RemoteKind.CONFLICT,
                            "Both sides changed the same thing; resolve the conflicts in: "
                            + ", ".join(conflicts), tuple(conflicts), out.message)
    advice = _ADVICE.get(kind, "")
    if kind is RemoteKind.OTHER:
        advice = f"{advice}: {out.message.splitlines()[-1] if out.message else 'no message'}"
    return RemoteResult(kind, advice, stderr=out.message)


def _conflicts(git: Git) -> list[str]:
    status = git("status", "--porcelain=v2", "-z", "--branch")
    return parse_status(status.stdout).conflicts if status.ok else []


def _upstream(git: Git) -> str | None:
    out = git("rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}")
    return out.text.strip() or None if out.ok else None


def _no_upstream() -> RemoteResult:
    return RemoteResult(RemoteKind.NO_UPSTREAM, _ADVICE[RemoteKind.NO_UPSTREAM])


def fetch(git: Git) -> RemoteResult:
    return _result(git, git("fetch", "--prune"), "Fetched.")


def pull(git: Git) -> RemoteResult:
    """Merge the upstream branch in (the merge drivers run when set up). A merge, not a
    rebase, unless the author configured pull.rebase: a merge keeps every commit as written."""
    if _upstream(git) is None:
        return _no_upstream()
    branch = git("symbolic-ref", "--short", "-q", "HEAD").text.strip()
    configured = any(git("config", "--get", key).text.strip()
                     for key in ("pull.rebase", f"branch.{branch}.rebase"))
    args = ["pull", "--no-edit"] if configured else ["pull", "--no-rebase", "--no-edit"]
    return _result(git, git(*args), "Pulled.")


def push(git: Git, *, set_upstream: str | None = None) -> RemoteResult:
    """Push the branch; ``set_upstream`` (a remote's name) connects a new branch to it."""
    if set_upstream:
        return _result(git, git("push", "-u", set_upstream, "HEAD"), "Pushed.")
    if _upstream(git) is None:
        return _no_upstream()
    return _result(git, git("push"), "Pushed.")


def remotes(git: Git) -> list[str]:
    out = git("remote")
    return out.text.split() if out.ok else []
