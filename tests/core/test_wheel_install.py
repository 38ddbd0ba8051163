"""A plain (not editable) wheel is a complete app: demo site, icons, stylesheets, word lists.

The wheel is built from a copy of the repository, installed into a fresh venv and the copy
deleted, so nothing can be found by a path into a source tree. The fresh venv borrows the
third-party packages of the test run's own environment (a path line, not a site folder, so no
editable finder of ours comes along): the test is about what our wheel carries, and stays
offline and quick.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# Every kind of data file the app reads at run time, as the wheel must hold it.
EXPECTED = [
    "blogeditor/resources/__init__.py",
    "blogeditor/resources/demo-site/hugo.toml",
    "blogeditor/resources/demo-site/content/_index.md",
    "blogeditor/resources/preview.css",
    "blogeditor/resources/preview-dark.css",
    "blogeditor/resources/icons/blogeditor.svg",
    "blogeditor/resources/spelling/tech-words.txt",
    "blogeditor/py.typed",
]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".hypothesis", "bench"))
    out = work / "dist"
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(out), str(source)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    shutil.rmtree(source)
    (built,) = out.glob("blogeditor-*.whl")
    return built


def test_the_wheel_carries_every_resource(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [name for name in EXPECTED if name not in names]
    assert not missing
    shipped = {p.relative_to(REPO / "resources").as_posix() for p in (REPO / "resources").rglob("*")
               if p.is_file() and "__pycache__" not in p.parts}
    in_wheel = {n.removeprefix("blogeditor/resources/") for n in names
                if n.startswith("blogeditor/resources/")}
    assert shipped <= in_wheel


def test_an_installed_wheel_passes_its_self_test(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    site_packages = Path(subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True, text=True, check=True).stdout.strip())
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q",
         "--target", str(site_packages), str(wheel)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    (site_packages / "borrowed-deps.pth").write_text(sysconfig.get_path("purelib") + "\n")

    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = subprocess.run(
        [str(python), "-c", "import blogeditor, blogeditor.core.storage.resources as r; "
         "print(blogeditor.__file__); print(r.resources_dir())"],
        capture_output=True, text=True, cwd=elsewhere, env=env, timeout=60,
    )
    assert where.returncode == 0, where.stderr
    for line in where.stdout.split():
        assert Path(line).is_relative_to(site_packages), where.stdout

    test = subprocess.run(
        [str(python), "-m", "blogeditor", "--self-test"],
        capture_output=True, text=True, cwd=elsewhere, env=env, timeout=120,
    )
    assert test.returncode == 0, test.stdout + test.stderr
    assert "self-test passed" in test.stdout
    assert "[FAIL]" not in test.stdout
    demo = subprocess.run(
        [str(python), "-m", "blogeditor", "posts", "--json",
         str(Path(os.environ["BLOGEDITOR_DATA_DIR"]) / "demo-site")],
        capture_output=True, text=True, cwd=elsewhere, env=env, timeout=60,
    )
    assert demo.returncode == 0, demo.stderr
    assert '"position"' in demo.stdout
