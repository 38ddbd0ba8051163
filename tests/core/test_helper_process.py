"""The helper process that runs the site-wide work (core/background): a real child process,
real files, real killing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from blogeditor.core.background import site_tasks
from blogeditor.core.background.helper_process import HelperProcess
from blogeditor.core.homepage.homepage import Homepage
from blogeditor.core.site.checks import check
from blogeditor.core.site.post_extras import compute_extras
from blogeditor.core.site.site import Site

ROOT = Path(__file__).resolve().parents[2]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is dead for our purpose: it holds no memory and runs nothing.
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def _wait_gone(pid: int, seconds: float = 15.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not _alive(pid):
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def helper():  # type: ignore[no-untyped-def]
    h = HelperProcess()
    yield h
    h.shutdown()


def test_tasks_run_in_another_process_and_answer(helper: HelperProcess) -> None:
    assert helper.call(os.getpid) != os.getpid()
    assert not helper.in_process
    with pytest.raises(ZeroDivisionError):
        helper.call(divmod, 1, 0)


def test_the_site_work_answers_as_it_does_here(helper: HelperProcess, demo_site: Path) -> None:
    site = Site(demo_site)
    data = site.homepage_path.read_bytes()
    homepage = Homepage.parse(data)
    found = helper.call(site_tasks.homepage_findings, site, data)
    assert found.error is None
    assert list(found.problems) == check(site, homepage)
    assert helper.call(site_tasks.post_extras, site, data) == compute_extras(site, homepage)


def test_the_helper_sees_an_article_change_once_told(helper: HelperProcess,
                                                     demo_site: Path) -> None:
    site = Site(demo_site)
    data = site.homepage_path.read_bytes()
    homepage = Homepage.parse(data)
    before = helper.call(site_tasks.homepage_findings, site, data)
    position, article = next(
        (i, path) for i, t in enumerate(homepage.teasers, start=1)
        if not t.hidden and (path := site.article_path(t.link)) is not None
        and "draft: false" in path.read_text(encoding="utf-8"))
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("draft: false", "draft: true", 1), encoding="utf-8")
    helper.call(site_tasks.refresh_index, site, [article])
    after = helper.call(site_tasks.homepage_findings, site, data)
    assert after.problems != before.problems
    assert any(p.position == position and p.kind == "draft-visible" for p in after.problems)


def test_a_killed_helper_is_replaced(helper: HelperProcess) -> None:
    first = helper.call(os.getpid)
    os.kill(first, signal.SIGKILL)
    assert _wait_gone(first)
    # The task that meets the dead helper may fail; the next one gets a new helper.
    for _ in range(3):
        try:
            second = helper.call(os.getpid)
            break
        except Exception:  # BrokenProcessPool: told to the caller, like any failure
            continue
    assert second not in (first, os.getpid())


@pytest.mark.parametrize("ending", ["os._exit(0)", "os.kill(os.getpid(), signal.SIGKILL)"])
def test_the_helper_ends_with_the_window_that_started_it(ending: str) -> None:
    """A window that crashes, is killed or leaves by os._exit never shuts its helper down;
    the helper must not stay behind holding a site's caches."""
    script = textwrap.dedent(f"""
        import os, signal, sys
        sys.path.insert(0, {str(ROOT)!r})
        from blogeditor.core.background.helper_process import HelperProcess

        if __name__ == "__main__":
            helper = HelperProcess()
            print(helper.call(os.getpid), flush=True)
            {ending}
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60)
    pid = int(done.stdout.strip())
    assert _wait_gone(pid), f"helper {pid} outlived its parent"


def test_a_task_cancelled_while_it_waits_never_runs(helper: HelperProcess, tmp_path: Path) -> None:
    """Newest wins: while the helper is busy, an older request dropped by a newer one is
    never started (the helper would spend seconds on an answer nobody reads)."""
    busy = helper.submit(time.sleep, 0.5)
    dropped = helper.submit(Path.write_text, tmp_path / "dropped.txt", "ran")
    kept = helper.submit(Path.write_text, tmp_path / "kept.txt", "ran")
    assert dropped.cancel()
    kept.result(timeout=60)
    assert busy.done() and dropped.cancelled()
    assert (tmp_path / "kept.txt").exists() and not (tmp_path / "dropped.txt").exists()
