"""The demo site: where the shipped copy lives, and the user's own copy of it.

The shipped copy is read-only in an installed app (under /opt, Program Files or an .app
bundle), so the app only ever hands out a copy in the user's data folder.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from blogeditor.core.errors import SiteError
from blogeditor.core.storage import paths
from blogeditor.core.storage.resources import resource

DEMO_DIR_NAME = "demo-site"


def demo_site_source() -> Path:
    """The shipped demo site. Never write to it; use demo_site_path() instead."""
    candidate = resource(DEMO_DIR_NAME)
    if (candidate / "content" / "_index.md").is_file():
        return candidate
    raise SiteError("The demo site is missing from this installation; please reinstall BlogEditor.")


def _free_name(base: Path) -> Path:
    candidate, number = base, 1
    while candidate.exists():
        number += 1
        candidate = base.with_name(f"{base.name}-{number}")
    return candidate


def demo_site_path() -> Path:
    """The user's own copy of the demo site, made on first use and again only if it vanished."""
    dest = paths.data_dir() / DEMO_DIR_NAME
    if (dest / "content" / "_index.md").is_file():
        return dest
    source = demo_site_source()
    # Copy beside the destination first, so a half-finished copy is never taken for the site.
    partial = dest.with_name(DEMO_DIR_NAME + ".partial")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(partial, ignore_errors=True)
        shutil.copytree(source, partial)
        if dest.exists():
            # The author may have written in the broken copy: keep it aside, never delete it.
            dest.rename(_free_name(dest.with_name(DEMO_DIR_NAME + ".old")))
        partial.rename(dest)
    except OSError as exc:
        raise SiteError(f"Could not copy the demo site to {dest}: {exc.strerror or exc}") from exc
    # Files copied from a read-only install keep their read-only mode; the author must edit them.
    for item in [dest, *dest.rglob("*")]:
        mode = item.stat().st_mode
        item.chmod(mode | (0o700 if item.is_dir() else 0o600))
    return dest
