"""Test harness shared by tests/core and tests/gui.

Every test runs with its own user folders (settings, data, cache) under a temporary
directory, so nothing a test does reaches the developer's real settings, and Qt runs
offscreen so the suite needs no display.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

# Before anything imports enchant or Qt: both read HOME and the XDG folders once per process
# (libenchant creates ~/.config/enchant on its first broker), so a per-test monkeypatch is too
# late for them. The whole session gets a scratch home; each test then gets folders of its own.
REAL_HOME = Path(os.path.expanduser("~"))
_WATCHED = [".config", ".local/share", ".local/state", ".cache"]


def _real_home_entries() -> set[str]:
    found = set()
    for sub in _WATCHED:
        folder = REAL_HOME / sub
        if folder.is_dir():
            found.update(f"{sub}/{entry.name}" for entry in folder.iterdir())
    return found


_REAL_HOME_BEFORE = _real_home_entries()
_SESSION_HOME = Path(tempfile.mkdtemp(prefix="blogeditor-test-home-"))
os.environ["HOME"] = str(_SESSION_HOME)
for _var, _sub in (("XDG_CONFIG_HOME", ".config"), ("XDG_DATA_HOME", ".local/share"),
                   ("XDG_STATE_HOME", ".local/state"), ("XDG_CACHE_HOME", ".cache")):
    os.environ[_var] = str(_SESSION_HOME / _sub)

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# A timed test is a flaky test: no per-example deadlines (speed is measured in bench/).
# On CI the examples are derived from the test, so a run can be repeated exactly.
settings.register_profile("dev", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

REPO = Path(__file__).resolve().parent.parent
SEED = REPO.parent / "shared" / "seed" / "homepage-seed.md"
SEED_COPY = Path(__file__).resolve().parent / "fixtures" / "homepage-seed.md"
DEMO_SITE = REPO / "resources" / "demo-site"


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("home")
    for var, sub in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
        ("BLOGEDITOR_DATA_DIR", "data/blogeditor"),
        ("BLOGEDITOR_STATE_DIR", "state/blogeditor"),
        ("BLOGEDITOR_CACHE_DIR", "cache/blogeditor"),
        ("BLOGEDITOR_CONFIG_DIR", "config/blogeditor"),
    ):
        monkeypatch.setenv(var, str(home / sub))
    return home


@pytest.fixture
def seed_text() -> str:
    """The real homepage this product was created from (a copy lives in tests/fixtures)."""
    return SEED_COPY.read_text(encoding="utf-8")


@pytest.fixture
def demo_site(tmp_path: Path) -> Path:
    """A private copy of the embedded demo site, safe to modify."""
    dest = tmp_path / "demo-site"
    shutil.copytree(DEMO_SITE, dest)
    return dest


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    shutil.rmtree(_SESSION_HOME, ignore_errors=True)
    # The suite must leave the developer's own folders as it found them.
    new = sorted(_real_home_entries() - _REAL_HOME_BEFORE)
    if new:
        print(f"\nthe test run wrote into the real home folder: {', '.join(new)}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
