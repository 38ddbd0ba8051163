"""The site watcher with the real watchdog observer on real temporary folders (no Qt)."""

from __future__ import annotations

import ctypes
import errno
import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from blogeditor.core.storage.watch import Change, SiteWatcher, filesystem_type, is_network_path

TIMEOUT = 10.0


class Collector:
    """Gathers changes from the observer thread; tests wait on a condition, never a sleep."""

    def __init__(self) -> None:
        self.changes: list[Change] = []
        self._cond = threading.Condition()

    def __call__(self, changes: list[Change]) -> None:
        with self._cond:
            self.changes.extend(changes)
            self._cond.notify_all()

    def wait_for(self, predicate: Callable[[list[Change]], bool]) -> list[Change]:
        with self._cond:
            ok = self._cond.wait_for(lambda: predicate(self.changes), timeout=TIMEOUT)
        assert ok, f"expected change never came; got {self.changes}"
        return list(self.changes)


def touches(path: Path) -> Callable[[list[Change]], bool]:
    return lambda changes: any(path in c.paths() for c in changes)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "content" / "ai" / "first-post").mkdir(parents=True)
    (root / "content" / "_index.md").write_text("# Latest Posts\n", encoding="utf-8")
    post = root / "content" / "ai" / "first-post" / "_index.md"
    post.write_text("+++\n+++\n", encoding="utf-8")
    (root / "hugo.toml").write_text("title = 'x'\n", encoding="utf-8")
    return root.resolve()


@pytest.fixture(params=[False, True], ids=["native", "polling"])
def watched(request: pytest.FixtureRequest, site: Path):  # type: ignore[no-untyped-def]
    collector = Collector()
    watcher = SiteWatcher(
        [site / "content", site / "hugo.toml"], collector, polling=request.param, poll_interval=0.1
    )
    watcher.start()
    yield site, collector, watcher
    watcher.stop()


def test_edit_in_place_is_noticed(watched) -> None:  # type: ignore[no-untyped-def]
    site, collector, _ = watched
    home = site / "content" / "_index.md"
    with home.open("a", encoding="utf-8") as f:
        f.write("more\n")
    changes = collector.wait_for(touches(home))
    assert {c.kind for c in changes if home in c.paths()} <= {"modified", "created"}


def test_temp_and_rename_over_is_a_move_onto_the_homepage(watched) -> None:  # type: ignore[no-untyped-def]
    site, collector, _ = watched
    home = site / "content" / "_index.md"
    tmp = site / "content" / ".~_index.md.tmp"
    tmp.write_text("# Latest Posts\nnew\n", encoding="utf-8")
    os.replace(tmp, home)
    changes = collector.wait_for(touches(home))
    assert any(c.dest_path == home or (c.path == home and c.kind != "deleted") for c in changes)


def test_vim_style_save_is_noticed(watched) -> None:  # type: ignore[no-untyped-def]
    site, collector, _ = watched
    home = site / "content" / "_index.md"
    backup = site / "content" / "_index.md~"
    os.rename(home, backup)
    home.write_text("# Latest Posts\nvim\n", encoding="utf-8")
    backup.unlink()
    collector.wait_for(
        lambda cs: any(c.path == home and c.kind in ("created", "modified") for c in cs)
    )


def test_delete_and_recreate_then_delete_for_good(watched) -> None:  # type: ignore[no-untyped-def]
    site, collector, _ = watched
    home = site / "content" / "_index.md"
    home.unlink()
    collector.wait_for(lambda cs: any(c.path == home and c.kind == "deleted" for c in cs))
    home.write_text("back\n", encoding="utf-8")
    collector.wait_for(lambda cs: any(c.path == home and c.kind == "created" for c in cs))
    home.unlink()
    collector.wait_for(lambda cs: [c.kind for c in cs if c.path == home].count("deleted") == 2)


def test_config_file_is_watched_but_not_its_neighbours(watched) -> None:  # type: ignore[no-untyped-def]
    site, collector, _ = watched
    (site / "README.md").write_text("not watched\n", encoding="utf-8")
    (site / "hugo.toml").write_text("title = 'y'\n", encoding="utf-8")
    changes = collector.wait_for(touches(site / "hugo.toml"))
    assert all(site / "README.md" not in c.paths() for c in changes)


def test_new_article_folder_and_image_are_noticed(watched) -> None:  # type: ignore[no-untyped-def]
    site, collector, _ = watched
    bundle = site / "content" / "misc" / "new-post"
    bundle.mkdir(parents=True)
    (bundle / "thumbnail.jpg").write_bytes(b"\xff\xd8\xff")
    collector.wait_for(touches(bundle / "thumbnail.jpg"))


def test_only_the_four_kinds_and_no_folder_modified_noise(watched) -> None:  # type: ignore[no-untyped-def]
    site, collector, _ = watched
    post = site / "content" / "ai" / "first-post" / "_index.md"
    post.read_text(encoding="utf-8")  # an open/close must not be reported
    (site / "content" / "ai" / "other.md").write_text("x\n", encoding="utf-8")
    changes = collector.wait_for(touches(site / "content" / "ai" / "other.md"))
    assert {c.kind for c in changes} <= {"created", "modified", "moved", "deleted"}
    assert not any(c.is_directory and c.kind == "modified" for c in changes)
    assert all(post not in c.paths() for c in changes)


def test_reading_files_wakes_no_one(watched) -> None:  # type: ignore[no-untyped-def]
    """The window reads thousands of files (index, checks, thumbnails); a read is not a change,
    and the kernel is not even asked to report it (it once overflowed inotify's queue)."""
    site, collector, watcher = watched
    post = site / "content" / "ai" / "first-post" / "_index.md"
    for _ in range(2000):
        post.read_bytes()
    marker = site / "content" / "marker.md"
    marker.write_text("x\n", encoding="utf-8")
    collector.wait_for(touches(marker))
    assert all(post not in c.paths() for c in collector.changes)
    assert watcher.events_seen < 20, f"{watcher.events_seen} events for one write"


def test_modes(site: Path) -> None:
    native = SiteWatcher([site / "content"], lambda _: None, polling=False)
    with native:
        assert native.mode == "native" and native.fallback_reason is None
    polled = SiteWatcher([site / "content"], lambda _: None, polling=True)
    with polled:
        assert polled.mode == "polling" and polled.fallback_reason


def test_stop_is_idempotent_and_joins(site: Path) -> None:
    before = threading.active_count()
    watcher = SiteWatcher([site / "content"], lambda _: None, polling=True, poll_interval=0.1)
    watcher.stop()  # before start: nothing to do
    watcher.start()
    watcher.stop()
    watcher.stop()
    assert not watcher.running
    assert threading.active_count() <= before + 1  # the shared inotify reader may stay


def test_refused_watches_fall_back_to_polling(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The kernel saying ENOSPC (watch limit) must leave the author with a polling watcher.

    Exhausting the real limit would break every other process of this user on the machine,
    so the refusal is produced at the one libc call watchdog makes, through its real
    error path.
    """
    from watchdog.observers import inotify_c

    def refuse(fd: int, path: bytes, mask: int) -> int:
        ctypes.set_errno(errno.ENOSPC)
        return -1

    monkeypatch.setattr(inotify_c, "inotify_add_watch", refuse)
    collector = Collector()
    watcher = SiteWatcher([site / "content"], collector, poll_interval=0.1)
    with watcher:
        assert watcher.mode == "polling"
        assert "limit" in (watcher.fallback_reason or "")
        monkeypatch.undo()
        home = site / "content" / "_index.md"
        home.write_text("changed\n", encoding="utf-8")
        collector.wait_for(touches(home))


def test_a_replaced_content_folder_makes_the_watcher_unhealthy(watched) -> None:  # type: ignore[no-untyped-def]
    site, _, watcher = watched
    assert watcher.healthy()
    os.rename(site / "content", site / "content.old")
    (site / "content").mkdir()
    # A rename of the watched folder itself reports no event: only this check tells.
    assert not watcher.healthy()


def test_other_os_errors_are_not_hidden_by_polling(tmp_path: Path) -> None:
    watcher = SiteWatcher([tmp_path / "missing" / "content"], lambda _: None)
    with pytest.raises(OSError):
        watcher.start()
    assert not watcher.running


MOUNTS = """\
sysfs /sys sysfs rw 0 0
/dev/sda1 / ext4 rw 0 0
server:/export /mnt/nas nfs4 rw 0 0
//host/share /media/my\\040share cifs rw 0 0
me@host:/blog /home/me/remote fuse.sshfs rw 0 0
/dev/sdb1 /media/usb fuseblk rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "fs", "network"),
    [
        ("/home/me/blog/content", "ext4", False),
        ("/mnt/nas/blog/content", "nfs4", True),
        ("/mnt/nasty/blog", "ext4", False),
        ("/media/my share/blog", "cifs", True),
        ("/home/me/remote/content", "fuse.sshfs", True),
        ("/media/usb/blog", "fuseblk", False),
    ],
)
def test_network_drives_are_recognised(path: str, fs: str, network: bool) -> None:
    assert filesystem_type(Path(path), MOUNTS) == fs
    assert is_network_path(Path(path), MOUNTS) is network


def test_start_in_background_reports_and_watches(site: Path) -> None:
    collector = Collector()
    done: list[OSError | None] = []
    watcher = SiteWatcher([site / "content"], collector, polling=False)
    try:
        watcher.start_in_background(done.append).join(timeout=10)
        assert done == [None] and watcher.running and watcher.mode == "native"
        (site / "content" / "_index.md").write_text("# Changed\n", encoding="utf-8")
        collector.wait_for(touches(site / "content" / "_index.md"))
    finally:
        watcher.stop()
    assert not watcher.running


def test_stop_during_a_background_start_leaves_nothing_running(site: Path) -> None:
    """Whichever comes first, the start or the stop, nothing watches after both."""
    before = {t for t in threading.enumerate() if "Observer" in type(t).__name__}
    watcher = SiteWatcher([site / "content"], lambda _: None, polling=True, poll_interval=0.1)
    for _ in range(20):
        starter = watcher.start_in_background()
        watcher.stop()
        starter.join(timeout=10)
        assert not watcher.running
    observers = {t for t in threading.enumerate() if "Observer" in type(t).__name__}
    assert all(not t.is_alive() for t in observers - before)
    watcher.start()  # a stopped watcher can still be started again
    assert watcher.running
    watcher.stop()
