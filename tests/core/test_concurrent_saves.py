"""No edit is ever lost: real ``blogeditor`` processes saving one site at the same time.

Each test starts the command line as an author (or cron) does, a fresh Python per call, on a
private copy of the demo site, and looks at the files afterwards.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from blogeditor.core.homepage.homepage import Homepage, Teaser
from blogeditor.core.storage.backups import BackupHistory, site_backup_dir

REPO = Path(__file__).resolve().parents[2]
TEASERS = 55


def blogeditor(*args: str | Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "blogeditor", *map(str, args)], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(procs: list[subprocess.Popen[str]]) -> list[tuple[int, str, str]]:
    results = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        results.append((p.returncode, out, err))
    return results


def teaser(n: int) -> str:
    link = f"/ai/generated-post-{n:02d}"
    return (f'<img src="{link}/thumbnail.jpg" style="width:50%; float:right; padding: 10px">\n\n'
            f"## [Generated Post {n:02d}]({link})\n\nThe body of post {n}.\n\n"
            f"**[Full article >>]({link})**\n\n---\n\n")


@pytest.fixture
def big_site(demo_site: Path) -> Path:
    """The demo site with a homepage of 55 visible teasers."""
    home = demo_site / "content" / "_index.md"
    text = '+++\narchetype = "home"\ntitle = ""\n+++\n\n# Latest Posts\n\n'
    home.write_text(text + "".join(teaser(n) for n in range(1, TEASERS + 1)), encoding="utf-8")
    return demo_site


def posts(site: Path) -> list[Teaser]:
    return Homepage.load(site / "content" / "_index.md").teasers


def test_fifty_parallel_hides_all_apply(big_site: Path) -> None:
    procs = [blogeditor("hide", big_site, str(i)) for i in range(1, 51)]
    results = finish(procs)
    assert [code for code, _, _ in results] == [0] * 50, [err for _, _, err in results if err]
    hidden = [t.hidden for t in posts(big_site)]
    assert hidden == [True] * 50 + [False] * (TEASERS - 50)
    assert all(f"{i}: hid 'Generated Post {i:02d}'" in out
               for i, (_, out, _) in enumerate(results, 1))
    content = big_site / "content"
    assert not [p for p in content.iterdir() if p.name.endswith(".tmp")]


def test_twenty_parallel_news_give_twenty_posts_and_no_orphans(big_site: Path) -> None:
    titles = [f"Parallel Post Number {n}" for n in range(20)]
    procs = [blogeditor("new", big_site, "--section", "ml", "--title", t) for t in titles]
    results = finish(procs)
    assert [code for code, _, _ in results] == [0] * 20, [err for _, _, err in results if err]
    folders = sorted(p.name for p in (big_site / "content" / "ml").iterdir())
    assert folders == sorted(f"parallel-post-number-{n}" for n in range(20))
    teasers = posts(big_site)
    links = [t.link for t in teasers[:20]]
    assert sorted(links) == sorted(f"/ml/{f}" for f in folders)
    assert all(t.hidden for t in teasers[:20]) and len(teasers) == TEASERS + 20


def test_new_whose_homepage_save_fails_leaves_no_folder(big_site: Path) -> None:
    home = big_site / "content" / "_index.md"
    home.chmod(0o444)  # refused even for root: the author's own "do not touch"
    code, _, err = finish([blogeditor("new", big_site, "--section", "ml", "--title", "Orphan")])[0]
    assert code == 2 and err.count("\n") == 1 and "read-only" in err
    assert not (big_site / "content" / "ml").exists() or not any(
        (big_site / "content" / "ml").iterdir())


_KILLED_SAVE = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    calls = 0
    real_fsync = os.fsync
    def fsync(fd):
        global calls
        calls += 1
        real_fsync(fd)
        if calls == int(sys.argv[2]):
            print("ready", flush=True)
            time.sleep(60)
    os.fsync = fsync
    from blogeditor.cli import main
    main(["hide", sys.argv[1], "1"])
""")


def stopped_save(site: Path, at_fsync: int) -> subprocess.Popen[str]:
    """A hide that stops at its ``at_fsync``-th fsync (1: the backup copy, 2: the homepage)."""
    return subprocess.Popen([sys.executable, "-c", _KILLED_SAVE, str(site), str(at_fsync)],
                            cwd=REPO, stdout=subprocess.PIPE, text=True)


def wait_ready(proc: subprocess.Popen[str]) -> None:
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"


def kill(proc: subprocess.Popen[str]) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)


def test_kill_9_mid_save_then_check_lists_and_next_open_removes_leftovers(
        big_site: Path) -> None:
    home = big_site / "content" / "_index.md"
    before = home.read_bytes()
    first = stopped_save(big_site, 1)  # killed inside the backup copy: a .part
    wait_ready(first)
    # Opened while the first still writes: its .part is not taken for a leftover. Its own
    # save then waits for the lock, and is killed inside the homepage's temp: a .tmp.
    second = stopped_save(big_site, 2)
    time.sleep(1.0)
    kill(first)
    wait_ready(second)
    kill(second)
    assert home.read_bytes() == before  # a killed save changes nothing
    history = BackupHistory(site_backup_dir(big_site))
    parts = history.leftovers(home)
    temps = [p for p in home.parent.iterdir() if p.name.endswith(".tmp")]
    assert len(parts) == 1 and len(temps) == 1

    code, out, _ = finish([blogeditor("check", big_site)])[0]
    assert code == 1 and out.count("leftover of an interrupted save") == 2

    code, _, err = finish([blogeditor("hide", big_site, "2")])[0]  # the next open tidies
    assert code == 0, err
    assert history.leftovers(home) == []
    assert not [p for p in home.parent.iterdir() if p.name.endswith(".tmp")]
    assert [t.hidden for t in posts(big_site)][:3] == [False, True, False]
    code, out, _ = finish([blogeditor("check", big_site)])[0]
    assert "leftover" not in out


def test_a_concurrent_saves_temp_is_never_removed(big_site: Path) -> None:
    content = big_site / "content"
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        busy = content / f"._index.md.{sleeper.pid}-0123abcd.tmp"  # its process is writing
        busy.write_bytes(b"half")
        dead = content / "._index.md.999999999-0123abcd.tmp"  # no such process
        dead.write_bytes(b"half")
        old = content / f"._index.md.{sleeper.pid}-4567cdef.tmp"  # alive, but long untouched
        old.write_bytes(b"half")
        past = time.time() - 3600
        os.utime(old, (past, past))
        code, _, err = finish([blogeditor("posts", big_site, "--json")])[0]
        assert code == 0, err
        assert busy.exists() and not dead.exists() and not old.exists()
    finally:
        sleeper.kill()
        sleeper.wait()


def test_hide_that_cannot_save_prints_no_hid_line(big_site: Path) -> None:
    home = big_site / "content" / "_index.md"
    home.chmod(0o444)
    code, out, err = finish([blogeditor("hide", big_site, "3")])[0]
    assert code == 2 and "hid" not in out
    assert err.startswith("blogeditor: cannot save") and err.count("\n") == 1
    assert not [t for t in posts(big_site) if t.hidden]


def test_parallel_publish_due_and_hides_keep_every_change(big_site: Path) -> None:
    # A hidden, due post for publish-due to show while hides run.
    art = big_site / "content" / "ai" / "generated-post-55"
    art.mkdir(parents=True)
    (art / "_index.md").write_text("+++\ntitle = 'Generated Post 55'\n"
                                   "date = 2020-01-01T00:00:00Z\ndraft = false\n+++\nBody\n")
    assert finish([blogeditor("hide", big_site, "55")])[0][0] == 0
    procs = [blogeditor("publish-due", big_site)] + [
        blogeditor("hide", big_site, str(i)) for i in range(1, 11)]
    results = finish(procs)
    assert [code for code, _, _ in results] == [0] * 11, [e for _, _, e in results if e]
    hidden = [t.hidden for t in posts(big_site)]
    assert hidden[:10] == [True] * 10 and hidden[10:] == [False] * (TEASERS - 10)


# -- who may save ------------------------------------------------------------------------------

NOBODY = 65534


def as_nobody(site_file: Path, data: bytes) -> str:
    """Save ``data`` over ``site_file`` through the save path as user nobody: "ok" or the error."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        os.close(read)
        message = "ok"
        try:
            os.setgid(NOBODY)
            os.setgroups([])
            os.setuid(NOBODY)
            from blogeditor.core.storage.session import save_checked

            save_checked(site_file, data, base=site_file.read_bytes(), backup_dir=None)
        except BaseException as exc:  # everything goes back to the parent
            message = f"{type(exc).__name__}: {exc}"
        os.write(write, message.encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        answer = pipe.read().decode()
    os.waitpid(pid, 0)
    return answer


@pytest.fixture
def shared_folder(tmp_path: Path) -> Iterator[Path]:
    if os.geteuid() != 0:
        pytest.skip("needs root, to act as another user")
    folder = Path("/tmp") / f"blogeditor-shared-{os.getpid()}-{tmp_path.name}"
    folder.mkdir(mode=0o777)
    folder.chmod(0o777)  # anyone may create files here, so only the file's mode decides
    yield folder
    for p in folder.iterdir():
        p.unlink()
    folder.rmdir()


def test_a_file_the_user_may_not_write_is_refused_and_kept(shared_folder: Path) -> None:
    target = shared_folder / "_index.md"
    target.write_bytes(b"root's text\n")
    target.chmod(0o644)
    answer = as_nobody(target, b"nobody's text\n")
    assert answer.startswith("StorageError") and "permission to change this file" in answer
    assert target.read_bytes() == b"root's text\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644 and target.stat().st_uid == 0
    assert [p.name for p in shared_folder.iterdir()] == ["_index.md"]


def test_a_file_the_user_may_write_keeps_its_owner_group_and_mode(shared_folder: Path) -> None:
    target = shared_folder / "_index.md"
    target.write_bytes(b"root's text\n")
    target.chmod(0o666)
    assert as_nobody(target, b"nobody's text\n") == "ok"
    st = target.stat()
    assert target.read_bytes() == b"nobody's text\n"
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (0, 0, 0o666)

