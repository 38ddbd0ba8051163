"""git's own line merge (``git merge-file``) on three texts in memory."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from blogeditor.core.git.runner import run_git

LABELS = ("ours", "base", "theirs")


@dataclass(frozen=True)
class LineMerge:
    data: bytes
    conflicts: int  # how many conflicted hunks git marked
    error: str | None = None  # git could not merge at all (data is then ``ours``)


def merge_file(base: bytes, ours: bytes, theirs: bytes,
               labels: tuple[str, str, str] = LABELS) -> LineMerge:
    """``git merge-file -p``: both sides' line changes, conflicts in git's markers."""
    if ours == theirs or theirs == base:
        return LineMerge(ours, 0)
    if ours == base:
        return LineMerge(theirs, 0)
    with tempfile.TemporaryDirectory(prefix="blogeditor-merge-") as folder:
        names = []
        for name, data in zip(LABELS, (ours, base, theirs), strict=True):
            path = Path(folder) / name
            path.write_bytes(data)
            names.append(str(path))
        out = run_git(["merge-file", "-p", "-L", labels[0], "-L", labels[1], "-L", labels[2],
                       *names], folder)
    if out.returncode < 0 or out.returncode >= 127 or (out.returncode and not out.stdout):
        return LineMerge(ours, 1, error=out.message or "git merge-file failed")
    return LineMerge(out.stdout, out.returncode)


def merge_text(base: str, ours: str, theirs: str) -> tuple[str, int]:
    result = merge_file(base.encode("utf-8"), ours.encode("utf-8"), theirs.encode("utf-8"))
    return result.data.decode("utf-8", errors="surrogateescape"), result.conflicts
