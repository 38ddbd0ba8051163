"""The git subcommands as a script or git itself runs them: status, git-setup, the drivers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from blogeditor.cli import main
from blogeditor.core.homepage.homepage import Homepage
from tests.core.test_git_support import article, edit_homepage, homepage, index_of, make_team


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_status_json_and_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    team = make_team(tmp_path)
    edit_homepage(team.a, lambda hp: hp.hide(index_of(hp, 2)))
    (team.a / "content" / "ai" / "post-4" / "_index.md").write_text(article(4, "tags = ['x']\n"))
    code, out, _ = run(capsys, "status", team.a, "--json")
    assert code == 0
    doc = json.loads(out)
    assert (doc["branch"], doc["upstream"], doc["ahead"], doc["behind"]) == (
        "main", "origin/main", 0, 0)
    assert [p["link"] for p in doc["posts"]] == ["/ai/post-2", "/ai/post-4"]
    assert doc["posts"][1]["paths"] == ["content/ai/post-4/_index.md"]
    assert {f["path"] for f in doc["files"]} == {"content/_index.md", "content/ai/post-4/_index.md"}
    code, out, _ = run(capsys, "status", team.a)
    assert out.splitlines()[0] == "main → origin/main, 0 ahead, 0 behind"
    assert "uncommitted" in out and "Post 4" in out and "Post 1" not in out
    code, out, _ = run(capsys, "status", team.a, "--all")
    assert "Post 1" in out


def test_status_outside_a_repository_is_one_line_on_stderr(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "hugo.toml").write_text("title = 'x'\n")
    code, _, err = run(capsys, "status", tmp_path)
    assert code == 2 and "not in a git repository" in err and "Traceback" not in err


def test_git_setup_then_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    team = make_team(tmp_path)
    assert run(capsys, "git-setup", team.a, "--check")[0] == 1
    code, out, _ = run(capsys, "git-setup", team.a)
    assert code == 0 and "committed" in out
    code, out, _ = run(capsys, "git-setup", team.a, "--check")
    assert (code, out.strip()) == (0, "set up")
    code, out, _ = run(capsys, "git-setup", team.b, "--no-commit")
    assert code == 0 and (team.b / ".gitattributes").exists()


def _files(tmp_path: Path, base: str, ours: str, theirs: str) -> list[Path]:
    paths = [tmp_path / n for n in ("O", "A", "B")]
    for path, text in zip(paths, (base, ours, theirs), strict=True):
        path.write_text(text)
    return paths


def test_merge_homepage_conflict_exits_1_and_names_the_post(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = homepage([1, 2, 3])
    sides = []
    for words in ("Ours.", "Theirs."):
        hp = Homepage.parse(base)
        hp.set_body(1, words)
        sides.append(hp.to_text())
    o, a, b = _files(tmp_path, base, *sides)
    code, _, err = run(capsys, "merge-homepage", o, a, b, "content/_index.md")
    assert code == 1
    assert "content/_index.md: conflict in “Post 2”" in err
    assert a.read_text().count("<<<<<<< ours") == 1


def test_merge_article_as_git_calls_it(tmp_path: Path) -> None:
    base = article(1)
    o, a, b = _files(tmp_path, base, base.replace("draft = false", "draft = true"),
                     base.replace("More.", "More, and more."))
    # The way git runs it: a shell line, this Python, -m blogeditor.
    proc = subprocess.run([sys.executable, "-m", "blogeditor", "merge-article", str(o), str(a),
                           str(b), "content/ai/post-1/_index.md"], capture_output=True, text=True,
                          check=False)
    assert proc.returncode == 0, proc.stderr
    assert "draft = true" in a.read_text() and "More, and more." in a.read_text()


def test_a_driver_that_cannot_read_its_files_exits_2(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "merge-article", tmp_path / "x", tmp_path / "y", tmp_path / "z")
    assert code == 2 and "cannot read" in err
