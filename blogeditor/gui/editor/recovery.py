"""Crash recovery: unsaved homepage text kept in the user's data folder until it is saved.

One file per homepage, named by a hash of the homepage path so two sites never collide:
``state_dir()/recovery/<sha256 of the path>.md``, 0600 in a 0700 folder: it is unpublished
writing. A first line records the path so a human
looking in the folder knows what it is; the rest is the homepage bytes exactly.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from blogeditor.core import paths

_HEADER = b"<!-- BlogEditor recovery of: "


def recovery_dir() -> Path:
    return paths.state_dir() / "recovery"


def recovery_path(homepage_path: Path) -> Path:
    key = hashlib.sha256(str(Path(homepage_path).resolve()).encode("utf-8")).hexdigest()[:32]
    return recovery_dir() / f"{key}.md"


def write(homepage_path: Path, data: bytes) -> bool:
    """Store unsaved work; False (and nothing raised) when the folder cannot be written."""
    target = recovery_path(homepage_path)
    # JSON-quoted so no path (not even one holding a newline) can break the one-line header.
    name = json.dumps(str(homepage_path))
    header = _HEADER + name.encode("utf-8") + b" -->\n"
    tmp = target.with_suffix(".tmp")
    try:
        paths.private_dir(target.parent)
        with open(tmp, "wb", opener=paths.private_file_opener) as out:
            out.write(header + data)
        os.chmod(tmp, 0o600)  # an older draft's temp may exist with looser bits
        os.replace(tmp, target)
    except OSError:
        return False
    return True


def read(homepage_path: Path) -> bytes | None:
    try:
        raw = recovery_path(homepage_path).read_bytes()
    except OSError:
        return None
    if not raw.startswith(_HEADER):
        return None
    _, _, data = raw.partition(b"\n")
    return data


def discard(homepage_path: Path) -> None:
    try:
        recovery_path(homepage_path).unlink()
    except FileNotFoundError:
        pass
    except OSError:
        pass  # a recovery file we cannot delete is offered again; nothing is lost
