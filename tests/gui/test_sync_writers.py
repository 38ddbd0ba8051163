"""The window and other programs writing the homepage at the same time, for real.

A separate process writes the homepage in place, slowly, chunk by chunk (as an editor that
streams its buffer out does): the window must never show the half-written version, nor
merge with it. And a Save racing another writer must lose neither edit.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from blogeditor.core.homepage.homepage import Homepage
from blogeditor.core.homepage.merge import merge_homepages
from blogeditor.core.storage.locking import file_lock
from blogeditor.core.storage.storage import atomic_write
from tests.gui.test_sync import armed, controller, edited, homepage

WAIT = 15_000  # ms; generous for a loaded machine, never a timing assertion

SLOW_WRITER = textwrap.dedent("""
    import os, sys, time
    path, source, chunks, pause = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    data = open(source, "rb").read()
    step = -(-len(data) // chunks)
    fd = os.open(path, os.O_WRONLY | os.O_TRUNC)  # in place: readers see every prefix
    for start in range(0, len(data), step):
        os.write(fd, data[start:start + step])
        time.sleep(pause)
    os.close(fd)
""")


def theirs_of(old: bytes) -> bytes:
    """Another program's version: a retitled post and two new ones (8 posts become 10)."""
    def change(hp: Homepage) -> None:
        hp.set_title(5, "Retitled elsewhere")
        for n in (1, 2):
            hp.insert(len(hp.teasers), title=f"Written elsewhere {n}", link=f"/posts/else-{n}/",
                      body=f"Body {n} from the other program.", hidden=False)
    return edited(old, change)


# 20 chunks 50 ms apart (a second in all), and 5 chunks a quarter second apart: longer than
# the watcher's coalescing delay, so only the settling in core/storage/settled.py keeps those out.
PACES = [(20, 0.05), (5, 0.25)]


def write_slowly(tmp_path: Path, target: Path, data: bytes, pace: tuple[int, float]
                 ) -> subprocess.Popen[bytes]:
    source = tmp_path / "theirs.md"
    source.write_bytes(data)
    chunks, pause = pace
    return subprocess.Popen([sys.executable, "-c", SLOW_WRITER, str(target), str(source),
                             str(chunks), str(pause)])


@pytest.fixture
def window(qtbot, main_window):  # type: ignore[no-untyped-def]
    armed(qtbot, controller(main_window))
    return main_window


def watch_until_done(qtbot, window, proc, done) -> tuple[set[int], set[bytes]]:  # type: ignore[no-untyped-def]
    """Everything the author could have seen (rows in the list, document text) meanwhile."""
    rows: set[int] = set()
    texts: set[bytes] = set()

    def look() -> bool:
        rows.add(window.list_model.rowCount())
        texts.add(window.document.to_bytes())
        return proc.poll() is not None and done()

    qtbot.waitUntil(look, timeout=WAIT)
    assert proc.returncode == 0
    qtbot.wait(700)  # a late look would still be seen
    look()
    return rows, texts


@pytest.mark.parametrize("pace", PACES)
def test_a_slow_writer_is_never_shown_half_written(
        qtbot, window, demo_site, tmp_path, pace) -> None:
    old = homepage(demo_site).read_bytes()
    theirs = theirs_of(old)
    ctl = controller(window)
    assert window.list_model.rowCount() == 8
    proc = write_slowly(tmp_path, homepage(demo_site), theirs, pace)
    rows, texts = watch_until_done(qtbot, window, proc,
                                   lambda: window.document.to_bytes() == theirs)
    assert rows <= {8, 10}, f"the list showed a torn homepage: {sorted(rows)} posts"
    assert texts <= {old, theirs}
    assert ctl.bar.mode is None and not window.document.is_dirty()


@pytest.mark.parametrize("pace", PACES)
def test_a_slow_writer_merges_with_unsaved_edits_only_once_it_is_done(
        qtbot, window, demo_site, tmp_path, pace) -> None:
    old = homepage(demo_site).read_bytes()
    theirs = theirs_of(old)
    ctl = controller(window)
    merges, conflicts = [], []
    ctl.merged.connect(merges.append)
    ctl.conflict_detected.connect(conflicts.append)
    window.document.apply("Mine", lambda hp: hp.set_body(2, "My unsaved words."))
    mine = window.document.to_bytes()
    expected = merge_homepages(old, mine, theirs).merged
    assert expected is not None
    proc = write_slowly(tmp_path, homepage(demo_site), theirs, pace)
    rows, texts = watch_until_done(qtbot, window, proc,
                                   lambda: window.document.to_bytes() == expected)
    assert rows <= {8, 10}, f"the list showed a torn merge: {sorted(rows)} posts"
    assert texts <= {mine, expected}
    assert len(merges) == 1 and conflicts == []  # one merge, with the finished file
    assert window.document.is_dirty()  # merged, not saved: the author saves
    assert window.save()
    assert homepage(demo_site).read_bytes() == expected


@pytest.mark.parametrize("delay_ms", [0, 20, 50, 100, 200])
def test_a_save_racing_another_writer_loses_neither_edit(
        qtbot, window, demo_site, delay_ms) -> None:
    """The other writer reads, changes and replaces (os.replace) under the site's file lock,
    as BlogEditor's command line does; whichever comes first, both edits end up on disk."""
    path = homepage(demo_site)
    ctl = controller(window)
    window.document.apply("Mine", lambda hp: hp.set_body(2, "Saved from the window."))
    started = threading.Event()

    def other_writer() -> None:
        started.set()
        time.sleep(delay_ms / 1000)
        with file_lock(path):
            data = edited(path.read_bytes(), lambda hp: hp.set_title(6, "Title from elsewhere"))
            atomic_write(path, data)  # temp file + os.replace

    thread = threading.Thread(target=other_writer)
    thread.start()
    started.wait()
    saved = window.save()
    thread.join()

    def both_kept(data: bytes) -> bool:
        hp = Homepage.parse(data)
        return ("Saved from the window." in hp.teaser(2).body
                and hp.teaser(6).title == "Title from elsewhere")

    if saved:
        qtbot.waitUntil(lambda: both_kept(path.read_bytes())
                        or (window.document.is_dirty() and window.save()), timeout=WAIT)
        assert both_kept(path.read_bytes())
        qtbot.waitUntil(lambda: both_kept(window.document.to_bytes()), timeout=WAIT)
    else:  # refused: the window still holds the edit and says why; the disk keeps theirs
        assert "Saved from the window." in window.document.homepage.teaser(2).body
        assert Homepage.parse(path.read_bytes()).teaser(6).title == "Title from elsewhere"
    assert ctl.bar.mode is None or "changed" in ctl.bar.label.text()
