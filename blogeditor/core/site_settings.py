"""Per-site BlogEditor settings, kept in ``<site>/.blogeditor/settings.toml``.

They travel with the site (in its repository, beside hugo.toml) because they describe the
site, not the author's machine: e.g. how many posts its homepage shows. The folder is
outside ``content/``, so Hugo never publishes it. tomlkit keeps comments an author adds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import tomlkit

from blogeditor.core.errors import SiteError
from blogeditor.core.storage import atomic_write

FOLDER = ".blogeditor"
FILE = "settings.toml"


def settings_path(site_root: Path) -> Path:
    return Path(site_root) / FOLDER / FILE


def read_settings(site_root: Path) -> dict[str, Any]:
    """The site's settings; {} when there are none. A broken file reads as none (and says so
    only when written over), because a settings typo must never stop the author working."""
    path = settings_path(site_root)
    try:
        return tomlkit.parse(path.read_text(encoding="utf-8")).unwrap()
    except (OSError, UnicodeDecodeError, tomlkit.exceptions.TOMLKitError):
        return {}


def write_setting(site_root: Path, key: str, value: Any) -> None:
    """Set one key (``None`` removes it), keeping the rest of the file as written."""
    path = settings_path(site_root)
    try:
        doc = tomlkit.parse(path.read_text(encoding="utf-8")) if path.exists() else None
    except (OSError, UnicodeDecodeError, tomlkit.exceptions.TOMLKitError) as exc:
        raise SiteError(f"cannot update {path}: it does not read as TOML ({exc}); "
                        "fix or delete it") from None
    if doc is None:
        doc = tomlkit.document()
        doc.add(tomlkit.comment("BlogEditor settings for this site (not published by Hugo)"))
    if value is None:
        doc.pop(key, None)
    else:
        doc[key] = value
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SiteError(f"cannot create {path.parent}: {exc.strerror or exc}") from None
    atomic_write(path, tomlkit.dumps(doc).encode("utf-8"))
