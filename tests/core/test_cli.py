"""The command line, as an author or a CI job runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from blogeditor.cli import main

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "homepage-seed.md"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_posts_json_lists_the_seed_exactly_as_written(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "posts", SEED, "--json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 8
    assert all(list(r) == ["position", "title", "link", "thumbnail", "hidden"] for r in rows)
    assert [r["hidden"] for r in rows] == [True, True, False, False, False, False, False, False]
    assert rows[0] == {
        "position": 1,
        "title": "Say Goodbye to Direct Communication! Event-Driven Pub/Sub With NATS",
        "link": "/kubernetes/master-kubernetes-backups-with-velero-step-by-step-guide",
        "thumbnail": "/kubernetes/master-kubernetes-backups-with-velero-step-by-step-guide/thumbnail-03.jpg",
        "hidden": True,
    }
    assert rows[3]["title"] == "Save Hours with DevEx for Crossplane"


def test_check_reports_the_seeds_first_teaser_mismatch(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", SEED)
    assert code == 1
    first = [line for line in out.splitlines() if line.startswith("1:")]
    assert first and "master-kubernetes-backups-with-velero" in first[0]


def test_weekly_cycle_on_the_demo_site(demo_site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = demo_site / "content" / "_index.md"
    original = home.read_bytes()
    code, out, _ = run(capsys, "new", demo_site, "--section", "ai", "--title", "Stop Wasting Time: A Test")
    assert code == 0
    article = demo_site / "content" / "ai" / "stop-wasting-time-a-test" / "_index.md"
    assert article.read_text().startswith("+++\ntitle = 'Stop Wasting Time: A Test'\n")
    assert "draft = true" in article.read_text()
    _, out, _ = run(capsys, "posts", demo_site, "--json")
    rows = json.loads(out)
    assert rows[0]["title"] == "Stop Wasting Time: A Test" and rows[0]["hidden"]
    assert rows[0]["link"] == "/ai/stop-wasting-time-a-test"
    after_new = home.read_bytes()
    assert after_new.endswith(original[original.index(b"<!-- "):])  # everything below is untouched

    assert run(capsys, "show", demo_site, "1")[0] == 0
    assert not json.loads(run(capsys, "posts", demo_site, "--json")[1])[0]["hidden"]
    assert run(capsys, "hide", demo_site, "1")[0] == 0
    assert home.read_bytes() == after_new  # hide after show gives back the same bytes

    n = len(rows)
    assert run(capsys, "move", demo_site, "1", str(n))[0] == 0
    assert json.loads(run(capsys, "posts", demo_site, "--json")[1])[-1]["title"] == "Stop Wasting Time: A Test"
    assert run(capsys, "move", demo_site, str(n), "1")[0] == 0
    assert home.read_bytes() == after_new

    code, out, _ = run(capsys, "remove", demo_site, str(n))
    assert code == 0 and "Removed" in out
    assert len(json.loads(run(capsys, "posts", demo_site, "--json")[1])) == n - 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"+++\ntitle = 'x'\n\n# Latest Posts\n", "never closes"),
        (b"# Latest\n\n<!-- <img src='/a/b.jpg'>\n\n## [A](/a/b)\n", "never closes"),
        (b"# Latest\n\n## [Caf\xe9](/a/b)\n", "not UTF-8"),
    ],
)
def test_bad_homepages_give_one_clear_line_and_touch_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    (tmp_path / "hugo.toml").write_text("title = 'x'\n")
    (tmp_path / "content").mkdir()
    home = tmp_path / "content" / "_index.md"
    home.write_bytes(content)
    for args in (["posts", tmp_path], ["hide", tmp_path, "1"], ["check", tmp_path]):
        code, out, err = run(capsys, *args)
        assert code == 2
        assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert home.read_bytes() == content


def test_not_a_site_and_bad_positions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "posts", tmp_path)
    assert code == 2 and "not a Hugo site" in err
    before = SEED.read_bytes()
    copy = tmp_path / "home.md"
    copy.write_bytes(before)
    code, _, err = run(capsys, "hide", copy, "3", "42")
    assert code == 2 and "no post 42" in err
    assert copy.read_bytes() == before  # the valid position was not applied either
    code, _, err = run(capsys, "move", copy, "x", "1")
    assert code == 2 and "not a number" in err


def test_the_real_command_answers_without_importing_qt(demo_site: Path) -> None:
    probe = (
        "import sys, runpy; sys.argv=['blogeditor','posts',sys.argv[1]];"
        "from blogeditor.cli import main; code = main(sys.argv[1:]);"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt imported';"
        "sys.exit(code)"
    )
    result = subprocess.run([sys.executable, "-c", probe, str(demo_site)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    version = subprocess.run([sys.executable, "-m", "blogeditor", "--version"], capture_output=True, text=True)
    assert version.stdout.startswith("BlogEditor ")


def test_opening_the_window_without_a_display_or_on_a_missing_site_says_why(tmp_path: Path) -> None:
    env = {k: v for k, v in __import__("os").environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    for args in ([], [str(tmp_path / "nowhere")]):
        result = subprocess.run([sys.executable, "-m", "blogeditor", *args], capture_output=True,
                                text=True, env=env, timeout=60)
        assert result.returncode == 2
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert "does not exist" in result.stderr


def test_history_lists_earlier_versions_and_restores_one(demo_site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = demo_site / "content" / "_index.md"
    original = home.read_bytes()
    code, out, _ = run(capsys, "history", demo_site)
    assert code == 0 and "No earlier versions" in out
    assert run(capsys, "hide", demo_site, "3")[0] == 0
    hidden = home.read_bytes()
    assert run(capsys, "move", demo_site, "1", "2")[0] == 0
    code, out, _ = run(capsys, "history", demo_site)
    lines = out.strip().splitlines()
    assert code == 0 and len(lines) == 2  # the original, then the one with post 3 hidden
    assert lines[0].split()[0] == "1" and f"{len(hidden)} bytes" in lines[0]
    code, out, _ = run(capsys, "history", demo_site, "--restore", "2")
    assert code == 0 and "Restored" in out
    assert home.read_bytes() == original
    code, _, err = run(capsys, "history", demo_site, "--restore", "9")
    assert code == 2 and "no version 9" in err
    assert home.read_bytes() == original
