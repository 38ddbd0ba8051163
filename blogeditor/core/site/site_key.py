"""One key per site (or per file) for the folders BlogEditor keeps outside the site.

Backups, locks, recovery drafts, the learned vocabulary and the window's per-site settings
all live in per-user folders and need a name for "this site" that survives being opened
by another path (a symlink, a relative path). Each used to hash the resolved path its own
way; this is the one way now. It is the backups' scheme (SHA-1 of the resolved path, full
hex) because backups are the one keyed store that must never be lost: every existing
backup folder is found under the same name. The older schemes are kept in
``legacy_site_keys`` so a reader can still find what was written under them.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


def _resolved(path: Path | str) -> str:
    # resolve() (not absolute()) so every name of a site, symlinks included, shares one key;
    # str() of the resolved path, exactly as the backups have always hashed it.
    return str(Path(os.fspath(path)).resolve())


def site_key(root: Path | str) -> str:
    """The key of a site root (or of one file): 40 lowercase hex digits, stable across runs."""
    return hashlib.sha1(_resolved(root).encode("utf-8")).hexdigest()


def legacy_site_keys(root: Path | str) -> tuple[str, ...]:
    """The keys earlier versions wrote under, newest scheme first, for readers migrating.

    sha256[:32]: lock files and recovery drafts; sha256[:16]: the vocabulary cache;
    sha1 of the POSIX form [:16]: the window's per-site spelling language.
    """
    resolved = _resolved(root)
    sha256 = hashlib.sha256(resolved.encode("utf-8")).hexdigest()
    posix = hashlib.sha1(Path(resolved).as_posix().encode("utf-8")).hexdigest()
    return (sha256[:32], sha256[:16], posix[:16])
