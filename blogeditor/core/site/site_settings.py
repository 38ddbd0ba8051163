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
from blogeditor.core.storage.storage import atomic_write

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


# Warnings an author may dismiss for one post ("hidden on purpose"), by kind.
DISMISSED = "dismissed"


def dismissed_problems(site_root: Path) -> set[tuple[str, str]]:
    """(kind, link) pairs the authors dismissed; kept with the site, so the team shares them."""
    table = read_settings(site_root).get(DISMISSED, {})
    if not isinstance(table, dict):
        return set()
    return {(str(kind), str(link)) for kind, links in table.items()
            if isinstance(links, list) for link in links}


def dismiss_problem(site_root: Path, kind: str, link: str, dismissed: bool = True) -> None:
    """Dismiss (or bring back) the warning ``kind`` for the post linking ``link``."""
    table = read_settings(site_root).get(DISMISSED, {})
    table = dict(table) if isinstance(table, dict) else {}
    links = [str(x) for x in table.get(kind, []) if str(x) != link]
    if dismissed:
        links.append(link)
    if links:
        table[kind] = sorted(links)
    else:
        table.pop(kind, None)
    write_setting(site_root, DISMISSED, table or None)
