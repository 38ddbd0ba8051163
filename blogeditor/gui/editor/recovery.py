"""Crash recovery: unsaved homepage text kept in the user's data folder until it is saved.

One file per homepage, named by a hash of the homepage path so two sites never collide:
``state_dir()/recovery/<site_key of the path>.md`` (core/site/site_key.py), 0600 in a 0700
folder: it is unpublished writing. A first line records the path so a human looking in the
folder knows what it is; the rest is the homepage bytes exactly.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from blogeditor.core.site.site_key import legacy_site_keys, site_key
from blogeditor.core.storage import paths

_HEADER = b"<!-- BlogEditor recovery of: "


def recovery_dir() -> Path:
    return paths.state_dir() / "recovery"


def recovery_path(homepage_path: Path) -> Path:
    return recovery_dir() / f"{site_key(homepage_path)}.md"


def _earlier_path(homepage_path: Path) -> Path:
    # Drafts written before the one per-site key: still offered after an upgrade.
    return recovery_dir() / f"{legacy_site_keys(homepage_path)[0]}.md"


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
    raw = None
    for path in (recovery_path(homepage_path), _earlier_path(homepage_path)):
        try:
            raw = path.read_bytes()
            break
        except OSError:
            continue
    if raw is None:
        return None
    if not raw.startswith(_HEADER):
        return None
    _, _, data = raw.partition(b"\n")
    return data


def discard(homepage_path: Path) -> None:
    for path in (recovery_path(homepage_path), _earlier_path(homepage_path)):
        # A recovery file we cannot delete is offered again; nothing is lost.
        with contextlib.suppress(OSError):
            path.unlink()
