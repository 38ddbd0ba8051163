"""What the window remembers between runs: an INI file in the user's BlogEditor config folder.

One file in ``paths.config_dir()`` on every platform (not the registry, not a second folder
spelled another way), so settings sit beside the other per-user folders and a test or the
self-test can point them elsewhere with ``BLOGEDITOR_CONFIG_DIR``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from blogeditor.core.site.site_key import site_key
from blogeditor.core.storage import paths

ORGANIZATION = "BlogEditor"
APPLICATION = "BlogEditor"
MAX_RECENT = 8


def settings_path() -> Path:
    return paths.config_dir() / "settings.ini"


def qsettings() -> QSettings:
    # The folder is read on every call, so a changed BLOGEDITOR_CONFIG_DIR takes effect at once.
    return QSettings(str(settings_path()), QSettings.Format.IniFormat)


class Settings:
    """The window's remembered state; one per application, handed round in the AppContext.

    Reads and writes go straight to the INI file (QSettings caches and syncs it), so two
    Settings objects never disagree and a test's BLOGEDITOR_CONFIG_DIR takes effect at once.
    """

    def recent_sites(self) -> list[str]:
        value = qsettings().value("recentSites", [])
        if isinstance(value, str):  # QSettings returns a bare string for a one-item list
            value = [value]
        return [str(v) for v in value if v] if isinstance(value, list) else []

    def add_recent_site(self, path: str | Path) -> list[str]:
        entry = str(Path(path))
        sites = [entry] + [s for s in self.recent_sites() if s != entry]
        sites = sites[:MAX_RECENT]
        qsettings().setValue("recentSites", sites)
        return sites

    def remove_recent_site(self, path: str | Path) -> None:
        entry = str(Path(path))
        qsettings().setValue("recentSites", [s for s in self.recent_sites() if s != entry])

    def last_site(self) -> str | None:
        value = qsettings().value("lastSite", "")
        return str(value) if value else None

    def set_last_site(self, path: str | Path | None) -> None:
        qsettings().setValue("lastSite", str(path) if path else "")

    def load_bytes(self, key: str) -> QByteArray | None:
        value = qsettings().value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def save_bytes(self, key: str, value: QByteArray) -> None:
        qsettings().setValue(key, value)

    def spelling_language(self, site_root: Path | None) -> str | None:
        """The language the author chose for this site (or for no site), if any."""
        value = qsettings().value(_language_key(site_root), "")
        return str(value) if value else None

    def set_spelling_language(self, site_root: Path | None, language: str) -> None:
        qsettings().setValue(_language_key(site_root), language)

    def problems_visible(self) -> bool:
        return _bool(qsettings().value("problems/visible", True))

    def set_problems_visible(self, visible: bool) -> None:
        qsettings().setValue("problems/visible", "true" if visible else "false")

    def show_hidden(self) -> bool:
        return _bool(qsettings().value("showHidden", True))

    def set_show_hidden(self, flag: bool) -> None:
        qsettings().setValue("showHidden", flag)

    def theme(self) -> str:
        """"system" (follow the desktop), "light" or "dark"."""
        value = str(qsettings().value("theme", "system"))
        return value if value in ("system", "light", "dark") else "system"

    def set_theme(self, value: str) -> None:
        qsettings().setValue("theme", value)

    def git_setup_offered(self, site_root: Path) -> bool:
        """Whether the window already offered this site's merge drivers (asked once)."""
        return _bool(qsettings().value(_site_key("git/setupOffered", site_root), False))

    def set_git_setup_offered(self, site_root: Path) -> None:
        qsettings().setValue(_site_key("git/setupOffered", site_root), "true")

    def splitter_sizes(self) -> list[int] | None:
        value = qsettings().value("splitterSizes")
        if not value:
            return None
        try:
            sizes = [int(v) for v in value]
        except (TypeError, ValueError):
            return None
        return sizes if len(sizes) == 3 and all(s >= 0 for s in sizes) else None

    def set_splitter_sizes(self, sizes: list[int]) -> None:
        qsettings().setValue("splitterSizes", [int(s) for s in sizes])


def _language_key(site_root: Path | None) -> str:
    """Where the language choice for a site is remembered (a path is hashed: slashes and
    drive colons make poor settings keys)."""
    if site_root is None:
        return "spelling/language"
    return _site_key("spelling/siteLanguage", site_root)


def _site_key(prefix: str, site_root: Path) -> str:
    # The one per-site key, cut to the length these keys always had (the same value).
    return f"{prefix}/{site_key(site_root)[:16]}"


def _bool(value: object) -> bool:
    # INI-backed QSettings hands booleans back as the strings "true"/"false".
    if isinstance(value, str):
        return value.lower() in ("1", "true", "yes")
    return bool(value)
