"""Per-user folders (data, cache, config) without Qt, following each platform's habit."""

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


def cache_dir() -> Path:
    """Where scaled thumbnails and other rebuildable files go."""
    if override := os.environ.get("BLOGEDITOR_CACHE_DIR"):
        return Path(override)
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA", _home() / "AppData" / "Local")) / APP_NAME / "cache"
    if sys.platform == "darwin":
        return _home() / "Library" / "Caches" / APP_NAME
    return Path(os.environ.get("XDG_CACHE_HOME") or _home() / ".cache") / _APP_DIR
