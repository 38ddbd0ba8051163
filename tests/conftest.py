"""Test harness shared by tests/core and tests/gui.

Every test runs with its own user folders (settings, data, cache) under a temporary
directory, so nothing a test does reaches the developer's real settings, and Qt runs
offscreen so the suite needs no display.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

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
        ("BLOGEDITOR_DATA_DIR", "data/blogeditor"),
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
