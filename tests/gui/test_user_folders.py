"""Per-user folders: where the window keeps settings, log and drafts, and who may read them."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from blogeditor.core.storage import paths
from blogeditor.gui import settings
from blogeditor.gui.editor import recovery


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_folders_follow_xdg_and_share_one_name(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for var in ("BLOGEDITOR_CONFIG_DIR", "BLOGEDITOR_DATA_DIR", "BLOGEDITOR_STATE_DIR",
                "BLOGEDITOR_CACHE_DIR"):
        monkeypatch.delenv(var, raising=False)
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(tmp_path / var.lower()))
    found = [paths.config_dir(), paths.data_dir(), paths.state_dir(), paths.cache_dir()]
    assert found == [tmp_path / v.lower() / "blogeditor"
                     for v in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")]
    monkeypatch.delenv("XDG_STATE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert paths.state_dir() == tmp_path / "home" / ".local" / "state" / "blogeditor"
    assert settings.settings_path().parent == paths.config_dir()


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_recovery_drafts_are_private(tmp_path: Path) -> None:
    os.umask(0o022)
    homepage = tmp_path / "content" / "_index.md"
    assert recovery.write(homepage, b"an unpublished draft\n")
    draft = recovery.recovery_path(homepage)
    assert draft.parent == paths.state_dir() / "recovery"
    assert _mode(draft) == 0o600
    assert _mode(draft.parent) == 0o700
    assert recovery.read(homepage) == b"an unpublished draft\n"


def test_self_test_leaves_the_authors_settings_alone(tmp_path: Path) -> None:
    settings.Settings().set_last_site(tmp_path)
    settings.Settings().add_recent_site(tmp_path)
    before = settings.settings_path().read_bytes()
    result = subprocess.run([sys.executable, "-m", "blogeditor", "--self-test"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert settings.settings_path().read_bytes() == before
    assert settings.Settings().last_site() == str(tmp_path)


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_backups_are_private(tmp_path: Path) -> None:
    from blogeditor.core.storage.backups import BackupHistory

    os.umask(0o022)
    history = BackupHistory.for_site(tmp_path)
    page = tmp_path / "content" / "_index.md"
    version = history.save_version(page, b"an unpublished draft\n")
    assert version is not None
    assert _mode(version.path) == 0o600
    assert _mode(version.path.parent) == 0o700 and _mode(history.root) == 0o700
    assert all(_mode(p) == 0o600 for p in version.path.parent.iterdir())
