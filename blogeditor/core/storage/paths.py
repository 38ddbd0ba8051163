"""Per-user folders (config, data, state, cache) without Qt, following each platform's habit.

On Linux they follow the XDG base directories, each named ``blogeditor``; on Windows and
macOS they are named ``BlogEditor``. Folders that hold the author's unpublished writing
(recovery drafts, backups) are private: 0700 folders, 0600 files.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "BlogEditor"
_APP_DIR = "blogeditor"


def _home() -> Path:
    return Path(os.path.expanduser("~"))


def data_dir() -> Path:
    """Where BlogEditor keeps the demo site copy, personal word list and backups."""
    if override := os.environ.get("BLOGEDITOR_DATA_DIR"):
        return Path(override)
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", _home() / "AppData" / "Roaming")) / APP_NAME
    if sys.platform == "darwin":
        return _home() / "Library" / "Application Support" / APP_NAME
    return Path(os.environ.get("XDG_DATA_HOME") or _home() / ".local" / "share") / _APP_DIR


def config_dir() -> Path:
    """Where the window's settings (recent sites, layout, theme) are kept."""
    if override := os.environ.get("BLOGEDITOR_CONFIG_DIR"):
        return Path(override)
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", _home() / "AppData" / "Roaming")) / APP_NAME
    if sys.platform == "darwin":
        return _home() / "Library" / "Preferences" / APP_NAME
    return Path(os.environ.get("XDG_CONFIG_HOME") or _home() / ".config") / _APP_DIR


def state_dir() -> Path:
    """Where the log and crash-recovery drafts go: worth keeping, not worth backing up."""
    if override := os.environ.get("BLOGEDITOR_STATE_DIR"):
        return Path(override)
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA", _home() / "AppData" / "Local")) / APP_NAME / "state"
    if sys.platform == "darwin":
        return _home() / "Library" / "Application Support" / APP_NAME / "state"
    return Path(os.environ.get("XDG_STATE_HOME") or _home() / ".local" / "state") / _APP_DIR


def private_dir(path: Path) -> Path:
    """``path`` made (with its parents) and closed to other users: it holds unpublished text."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix" and (path.stat().st_mode & 0o077):
        path.chmod(0o700)
    return path


def private_file_opener(file: str, flags: int) -> int:
    """An ``opener`` for open() that creates the file 0600 from the start (no window at 0644)."""
    return os.open(file, flags, 0o600)


def cache_dir() -> Path:
    """Where scaled thumbnails and other rebuildable files go."""
    if override := os.environ.get("BLOGEDITOR_CACHE_DIR"):
        return Path(override)
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA", _home() / "AppData" / "Local")) / APP_NAME / "cache"
    if sys.platform == "darwin":
        return _home() / "Library" / "Caches" / APP_NAME
    return Path(os.environ.get("XDG_CACHE_HOME") or _home() / ".cache") / _APP_DIR
