"""What the preview may read: files inside the open site (and BlogEditor's own resources).

An article is text anyone may have written, and its HTML names files by path. Shown in the
preview, ``<img src="file:///home/me/.ssh/id_rsa">``, ``../../../secret.png``, a symlink in
the site leading out of it, or ``\\\\host\\share\\x.png`` (which makes Windows connect to
that host, and hand it the user's credentials) would read or reveal files the site does not
hold. So every path the preview is about to read is checked here first: network paths are
refused outright, anything else is resolved (symlinks and ``..`` followed) and must then lie
inside one of the allowed folders, themselves resolved the same way.

Qt-free and string-based, so it is the same check whichever widget asks.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path, PurePosixPath, PureWindowsPath
from urllib.parse import urlsplit

from blogeditor.core.storage.resources import resources_dir

OUTSIDE = "outside the site"  # what the preview shows instead of a refused image


def allowed_roots(*folders: Path | str | None) -> tuple[Path, ...]:
    """The folders the preview may read from, resolved: the given ones (site root, article
    folder) and BlogEditor's resources."""
    roots: list[Path] = []
    for folder in (*folders, _resources()):
        if folder is not None:
            roots.append(Path(os.path.realpath(folder)))
    return tuple(dict.fromkeys(roots))


def _resources() -> Path | None:
    try:
        return resources_dir()
    except Exception:  # a broken install: then nothing of ours is shown, nothing else either
        return None


def is_network_path(path: str) -> bool:
    """``\\\\host\\share``, ``//host/share``, ``file://host/...`` and the ``\\\\?\\UNC`` forms."""
    text = path.strip()
    if text[:2] in ("\\\\", "//", "\\/", "/\\"):
        return True
    if text.lower().startswith("file:"):
        host = urlsplit(text).netloc
        return host not in ("", "localhost")
    return bool(PureWindowsPath(text).drive.startswith(("\\\\", "//")))


def confined(path: str | Path, roots: Sequence[Path] | None) -> Path | None:
    """``path`` resolved, when it lies inside one of ``roots``; else None (not to be read).

    A relative path is refused: it would be read relative to the working directory, which
    is not the site. ``roots`` None (no site open) allows nothing but the resources.
    """
    text = os.fspath(path)
    if not text or "\0" in text or is_network_path(text):
        return None
    if not (PurePosixPath(text).is_absolute() or PureWindowsPath(text).is_absolute()):
        return None
    real = Path(os.path.realpath(text))
    if is_network_path(str(real)):  # a symlink or junction to a share
        return None
    for root in roots if roots is not None else allowed_roots():
        if real == root or real.is_relative_to(root):
            return real
    return None
