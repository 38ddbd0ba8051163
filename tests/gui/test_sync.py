"""The window kept in step with the site folder: real observer, real window, real files.

Every outside change is made the way another program makes it (in place, temp + rename,
vim's rename-away, delete + recreate, delete) and the tests wait for what an author would
see: the list, the editor, the preview, the conflict bar, the file on disk.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from blogeditor.core.homepage.homepage import Homepage
from blogeditor.gui.sync.sync import RESCAN_THRESHOLD, SyncController

WAIT = 10_000  # ms; generous for a loaded CI machine, never a timing assertion


def homepage(site: Path) -> Path:
    return site / "content" / "_index.md"


def edited(data: bytes, op: Callable[[Homepage], object]) -> bytes:
    hp = Homepage.parse(data)
    op(hp)
    return hp.to_bytes()


def write_in_place(path: Path, data: bytes) -> None:
    with path.open("r+b") as f:
        f.truncate(0)
        f.write(data)


def controller(window) -> SyncController:  # type: ignore[no-untyped-def]
    return window.features.sync


class Counter:
    def __init__(self, signal) -> None:  # type: ignore[no-untyped-def]
        self.calls: list[tuple[object, ...]] = []
        signal.connect(lambda *args: self.calls.append(args))

    def __len__(self) -> int:
        return len(self.calls)


def armed(qtbot, ctl: SyncController) -> None:  # type: ignore[no-untyped-def]
    """Arming runs on a thread of its own (a big site takes a second); wait for it."""
    qtbot.waitUntil(lambda: ctl.watching, timeout=WAIT)


@pytest.fixture
def window(qtbot, main_window):  # type: ignore[no-untyped-def]
    assert controller(main_window).watcher is not None
    armed(qtbot, controller(main_window))
    assert controller(main_window).watcher.mode == "native"
    return main_window


def select(qtbot, window, index: int) -> None:  # type: ignore[no-untyped-def]
    window.select_index(index)
    qtbot.waitUntil(lambda: window.current_index() == index, timeout=WAIT)


# ----- a clean document follows the disk -----------------------------------------------

def test_edit_in_place_reloads_list_editor_and_preview(qtbot, window, demo_site) -> None:
    window.resize(900, 420)  # small enough for the list and the editor to scroll
    select(qtbot, window, 2)
    link = window.document.homepage.teaser(2).link
    cursor = window.editor.textCursor()
    cursor.setPosition(10)
    window.editor.setTextCursor(cursor)
    list_bar, editor_bar = window.list_view.verticalScrollBar(), window.editor.verticalScrollBar()
    qtbot.waitUntil(lambda: list_bar.maximum() > 0 and editor_bar.maximum() > 0, timeout=WAIT)
    list_bar.setValue(list_bar.maximum() // 2 + 1)
    editor_bar.setValue(editor_bar.maximum())
    scrolls = list_bar.value(), editor_bar.value()
    before = homepage(demo_site).read_bytes()
    longer = window.document.homepage.teaser(2).body + "\n\nPipelines that talk back."
    after = edited(before, lambda hp: (hp.set_body(2, longer),
                                       hp.set_title(3, "Reviewing Code, Again")))
    write_in_place(homepage(demo_site), after)

    qtbot.waitUntil(lambda: window.list_model.row(3).teaser.title == "Reviewing Code, Again",
                    timeout=WAIT)
    qtbot.waitUntil(lambda: "Pipelines that talk back." in window.preview.toPlainText(),
                    timeout=WAIT)
    assert "Pipelines that talk back." in window.editor.toPlainText()
    assert window.binding.link == link and window.current_index() == 2
    assert window.editor.textCursor().position() == 10
    assert (list_bar.value(), editor_bar.value()) == scrolls
    assert window.document.saved_bytes == after and not window.isWindowModified()
    assert controller(window).bar.mode is None


def test_temp_file_renamed_over_the_homepage(qtbot, window, demo_site) -> None:
    after = edited(homepage(demo_site).read_bytes(), lambda hp: hp.show(0))
    tmp = demo_site / "content" / ".~_index.md.tmp"
    tmp.write_bytes(after)
    os.replace(tmp, homepage(demo_site))
    qtbot.waitUntil(lambda: window.document.to_bytes() == after, timeout=WAIT)
    assert not window.document.homepage.teaser(0).hidden
    assert not window.isWindowModified()


def test_vim_style_save(qtbot, window, demo_site) -> None:
    after = edited(homepage(demo_site).read_bytes(), lambda hp: hp.move(4, 2))
    backup = demo_site / "content" / "_index.md~"
    os.rename(homepage(demo_site), backup)
    homepage(demo_site).write_bytes(after)
    backup.unlink()
    qtbot.waitUntil(lambda: window.document.to_bytes() == after, timeout=WAIT)
    qtbot.waitUntil(lambda: controller(window).bar.mode is None, timeout=WAIT)


def test_delete_and_recreate(qtbot, window, demo_site) -> None:
    after = edited(homepage(demo_site).read_bytes(), lambda hp: hp.remove(7))
    homepage(demo_site).unlink()
    homepage(demo_site).write_bytes(after)
    qtbot.waitUntil(lambda: window.document.to_bytes() == after, timeout=WAIT)
    qtbot.waitUntil(lambda: controller(window).bar.mode is None, timeout=WAIT)
    assert window.list_model.rowCount() == 7


def test_deleted_for_good_keeps_the_text_and_offers_to_save_it_back(
        qtbot, window, demo_site) -> None:
    ctl = controller(window)
    text = window.document.to_bytes()
    homepage(demo_site).unlink()
    qtbot.waitUntil(lambda: ctl.bar.mode == "missing", timeout=WAIT)
    assert ctl.bar.isVisible() and "deleted" in ctl.bar.label.text()
    assert window.document.to_bytes() == text and window.list_model.rowCount() == 8
    qtbot.mouseClick(ctl.bar.save_back_button, Qt.MouseButton.LeftButton)
    assert homepage(demo_site).read_bytes() == text
    assert ctl.bar.mode is None and not ctl.bar.isVisible()


def test_unreadable_file_on_disk_keeps_the_window_as_it_is(qtbot, window, demo_site) -> None:
    ctl = controller(window)
    text = window.document.to_bytes()
    broken = text + b"\n<!-- an opened comment that never closes\n"
    write_in_place(homepage(demo_site), broken)
    qtbot.waitUntil(lambda: ctl.bar.mode == "conflict", timeout=WAIT)
    assert "cannot be read" in ctl.bar.label.text() and "line" in ctl.bar.label.text()
    assert not ctl.bar.take_theirs_button.isVisible()
    assert window.document.to_bytes() == text and window.list_model.rowCount() == 8
    ctl.bar.keep_mine_button.click()
    assert ctl.bar.mode is None
    with qtbot.waitSignal(ctl.refreshed, timeout=WAIT):  # the same bytes again: no new question
        write_in_place(homepage(demo_site), broken)
    assert ctl.bar.mode is None
    assert window.save()
    assert homepage(demo_site).read_bytes() == text


def test_unreadable_file_while_editing_can_be_compared_as_a_whole(qtbot, window, demo_site) -> None:
    ctl = controller(window)
    window.document.apply("Mine", lambda hp: hp.set_body(2, "Mine."))
    mine = window.document.to_bytes()
    broken = homepage(demo_site).read_bytes() + b"\n<!-- never closed\n"
    with qtbot.waitSignal(ctl.conflict_detected, timeout=WAIT):
        write_in_place(homepage(demo_site), broken)
    assert not ctl.bar.take_theirs_button.isVisible()
    ctl.bar.compare_button.click()
    [page] = ctl.compare_dialog.pages
    assert "never closed" in page.theirs.edit.toPlainText()
    ctl.compare_dialog.accept()  # "Keep yours" is chosen by default
    assert window.document.to_bytes() == mine and ctl.bar.mode is None
    assert window.isWindowModified()


# ----- our own saves ---------------------------------------------------------------------

def test_own_save_is_not_a_change_on_disk_but_an_edit_right_after_it_is(
        qtbot, window, demo_site) -> None:
    ctl = controller(window)
    reloads, conflicts, merges = (Counter(ctl.homepage_reloaded), Counter(ctl.conflict_detected),
                                  Counter(ctl.merged))
    window.document.apply("Hide", lambda hp: hp.hide(2))
    with qtbot.waitSignal(ctl.refreshed, timeout=WAIT):
        assert window.save()
    assert (len(reloads), len(conflicts), len(merges)) == (0, 0, 0)
    assert "changed on disk" not in window.statusBar().currentMessage()

    # Straight after a save, another program writes: that must not be swallowed.
    window.document.apply("Show", lambda hp: hp.show(2))
    assert window.save()
    theirs = edited(homepage(demo_site).read_bytes(), lambda hp: hp.set_title(5, "Theirs"))
    write_in_place(homepage(demo_site), theirs)
    qtbot.waitUntil(lambda: window.document.to_bytes() == theirs, timeout=WAIT)
    assert len(reloads) >= 1 and len(conflicts) == 0


# ----- a storm -----------------------------------------------------------------------------

def test_a_thousand_file_checkout_gives_one_refresh(qtbot, window, demo_site) -> None:
    """Another process (like git) rewrites 1,000 files over a few hundred milliseconds while
    the window's event loop runs: longer than the coalescing delay, so only a timer that
    restarts on every event gives a single refresh."""
    ctl = controller(window)
    # A checkout on a window that has settled: the site-wide work that starts after opening
    # (once the author pauses) is done, so the storm is the only thing the window is doing.
    qtbot.waitUntil(lambda: not window.ctx.waiting_for_pause, timeout=WAIT)
    window.features.spell.wait_learned()
    window.ctx.jobs.wait_idle(10_000)
    window.list_model.wait_for_extras()
    window.features.authoring.problems.wait()
    qtbot.wait(200)
    start = ctl.refresh_count
    files = Counter(ctl.site_files_changed)
    # When the batches reach the window, in its own thread and in the order it handles them. A
    # loaded machine can pause the writer (or the watcher) for longer than the coalescing delay;
    # the timer then rightly fires in that gap, so the test counts such gaps instead of assuming
    # a machine that never pauses (CI once saw two refreshes that way).
    arrivals: list[float] = []
    ctl._bridge.changes.connect(lambda *_: arrivals.append(time.monotonic()),
                                Qt.ConnectionType.QueuedConnection)
    after = edited(homepage(demo_site).read_bytes(), lambda hp: hp.set_title(1, "After checkout"))
    script = textwrap.dedent(f"""
        import pathlib, time
        storm = pathlib.Path({str(demo_site / "content" / "storm")!r})
        storm.mkdir()
        for i in range(1000):
            (storm / f"post-{{i:04}}.md").write_text(f"+++\\ntitle = 'Post {{i}}'\\n+++\\n")
            time.sleep(0.0004)
        pathlib.Path({str(homepage(demo_site))!r}).write_bytes({after!r})
    """)
    process = subprocess.Popen([sys.executable, "-c", script])
    qtbot.waitUntil(lambda: process.poll() is not None, timeout=60_000)
    assert process.returncode == 0
    qtbot.waitUntil(lambda: window.document.to_bytes() == after, timeout=WAIT)
    qtbot.wait(1000)  # let any straggling event arrive: there must be none that refresh again
    assert len(list((demo_site / "content" / "storm").iterdir())) == 1000
    delay = ctl._timer.interval() / 1000
    gaps = sum(1 for a, b in pairwise(arrivals) if b - a > delay)
    assert len(arrivals) > 10  # the storm came in many batches: it needed coalescing
    # At most one refresh per gap: the timer may also be overdue when the next batch comes in.
    refreshes = ctl.refresh_count - start
    assert 1 <= refreshes <= 1 + gaps, f"{refreshes} refreshes, {gaps} gaps in {len(arrivals)} batches"
    if gaps == 0:
        assert ctl.last_rescan
        assert files.calls == [([demo_site / "content"],)]
    else:  # each refresh reported its part; a rescan covers the whole folder
        reported = {Path(p) for (paths,) in files.calls for p in paths}
        storm = demo_site / "content" / "storm"
        assert demo_site / "content" in reported or all(
            storm / f"post-{i:04}.md" in reported for i in range(1000))
    assert RESCAN_THRESHOLD < 1000


# ----- unsaved edits meet changes on disk ---------------------------------------------------

def test_typing_here_and_a_change_on_disk_to_another_post_merge_byte_for_byte(
        qtbot, window, demo_site) -> None:
    ctl = controller(window)
    select(qtbot, window, 2)
    base = homepage(demo_site).read_bytes()
    window.editor.setFocus()
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.StartOfBlock)
    qtbot.keyClicks(window.editor, "Typed here. ")  # not yet committed to the document
    theirs = edited(base, lambda hp: hp.set_body(4, "Rewritten by another program."))
    with qtbot.waitSignal(ctl.merged, timeout=WAIT):
        write_in_place(homepage(demo_site), theirs)

    mine_text = window.document.homepage.teaser(2).markdown
    assert "Typed here. **[Full article" in mine_text
    expected = edited(base, lambda hp: (hp.set_markdown(2, mine_text),
                                        hp.set_body(4, "Rewritten by another program.")))
    assert window.document.to_bytes() == expected
    assert window.document.saved_bytes == theirs and window.isWindowModified()
    assert homepage(demo_site).read_bytes() == theirs  # nothing written until the author saves
    assert "merged" in window.statusBar().currentMessage()
    assert ctl.bar.mode is None
    assert window.save()
    assert homepage(demo_site).read_bytes() == expected


def conflict_on_teaser_2(qtbot, window, demo_site) -> tuple[bytes, bytes]:  # type: ignore[no-untyped-def]
    ctl = controller(window)
    base = homepage(demo_site).read_bytes()
    window.document.apply("Mine", lambda hp: hp.set_body(2, "Mine: a better opening."))
    mine = window.document.to_bytes()
    theirs = edited(base, lambda hp: (hp.set_body(2, "Theirs: a different opening."),
                                      hp.show(1)))
    with qtbot.waitSignal(ctl.conflict_detected, timeout=WAIT):
        write_in_place(homepage(demo_site), theirs)
    return mine, theirs


def test_same_post_changed_on_both_sides_keeps_both_texts(qtbot, window, demo_site) -> None:
    ctl = controller(window)
    mine, theirs = conflict_on_teaser_2(qtbot, window, demo_site)
    assert ctl.bar.isVisible() and ctl.bar.mode == "conflict"
    assert "changed on disk" in ctl.bar.label.text()
    assert ctl.bar.take_theirs_button.isVisible() and ctl.bar.compare_button.isVisible()
    assert window.document.to_bytes() == mine  # nothing overwritten
    assert homepage(demo_site).read_bytes() == theirs
    ctl.bar.compare_button.click()
    dialog = ctl.compare_dialog
    assert dialog is not None and dialog.isVisible()
    [page] = dialog.pages
    assert "Mine: a better opening." in page.mine.edit.toPlainText()
    assert "Theirs: a different opening." in page.theirs.edit.toPlainText()
    dialog.reject()
    assert window.document.to_bytes() == mine and ctl.bar.isVisible()


def test_compare_and_choose_theirs_for_the_post_keeps_the_rest_merged(
        qtbot, window, demo_site) -> None:
    ctl = controller(window)
    mine, theirs = conflict_on_teaser_2(qtbot, window, demo_site)
    ctl.bar.compare_button.click()
    dialog = ctl.compare_dialog
    dialog.choose(dialog.pages[0].conflict.key, "theirs")
    dialog.accept()
    assert window.document.to_bytes() == theirs
    assert not window.isWindowModified() and ctl.bar.mode is None


def test_compare_and_edit_a_version_by_hand(qtbot, window, demo_site) -> None:
    ctl = controller(window)
    conflict_on_teaser_2(qtbot, window, demo_site)
    ctl.bar.compare_button.click()
    page = ctl.compare_dialog.pages[0]
    page.theirs.edit.setPlainText(
        page.theirs.edit.toPlainText().replace("a different opening", "the best of both"))
    ctl.compare_dialog.accept()
    teaser = window.document.homepage.teaser(2)
    assert "Theirs: the best of both." in teaser.markdown
    assert not window.document.homepage.teaser(1).hidden  # their other change merged
    assert window.isWindowModified()


def test_keep_mine_then_save_overwrites_knowingly(qtbot, window, demo_site) -> None:
    ctl = controller(window)
    mine, theirs = conflict_on_teaser_2(qtbot, window, demo_site)
    assert ctl.pending_conflict()
    ctl.bar.keep_mine_button.click()
    assert not ctl.pending_conflict()
    assert ctl.bar.mode is None and window.document.to_bytes() == mine
    assert window.document.saved_bytes == theirs and window.isWindowModified()
    assert window.save()
    assert homepage(demo_site).read_bytes() == mine


def test_take_theirs_can_be_undone(qtbot, window, demo_site) -> None:
    ctl = controller(window)
    mine, theirs = conflict_on_teaser_2(qtbot, window, demo_site)
    ctl.bar.take_theirs_button.click()
    assert window.document.to_bytes() == theirs and not window.isWindowModified()
    window.undo()
    assert window.document.to_bytes() == mine and window.isWindowModified()


# ----- other files -----------------------------------------------------------------------------

def test_article_removed_and_added_update_the_list(qtbot, window, demo_site) -> None:
    ctl = controller(window)
    link = window.document.homepage.teaser(2).link
    article = window.document.site.article_path(link)
    assert window.list_model.row(2).article_state != "missing"
    with qtbot.waitSignal(ctl.site_files_changed, timeout=WAIT) as blocker:
        article.unlink()
    assert article in blocker.args[0]
    qtbot.waitUntil(lambda: window.list_model.row(2).article_state == "missing", timeout=WAIT)
    with qtbot.waitSignal(ctl.site_files_changed, timeout=WAIT):
        article.write_text("+++\ntitle = 'Back'\ndraft = false\n+++\n", encoding="utf-8")
    qtbot.waitUntil(lambda: window.list_model.row(2).article_state != "missing", timeout=WAIT)


def test_config_change_reloads_site_settings(qtbot, window, demo_site) -> None:
    ctl = controller(window)
    assert window.document.site.language_code() == "en-us"
    config = demo_site / "hugo.toml"
    with qtbot.waitSignal(ctl.site_config_changed, timeout=WAIT):
        config.write_text(config.read_text(encoding="utf-8").replace("en-us", "en-gb"),
                          encoding="utf-8")
    assert window.document.site.language_code() == "en-gb"


# ----- how it watches -----------------------------------------------------------------------------

def test_polling_fallback_notices_changes_and_says_so(qtbot, window, demo_site) -> None:
    ctl = controller(window)
    ctl.polling, ctl.poll_interval = True, 0.2
    ctl.start()
    armed(qtbot, ctl)
    assert ctl.watcher.mode == "polling"
    assert "polling" in window.statusBar().currentMessage()
    after = edited(homepage(demo_site).read_bytes(), lambda hp: hp.set_title(3, "Polled"))
    write_in_place(homepage(demo_site), after)
    qtbot.waitUntil(lambda: window.document.to_bytes() == after, timeout=WAIT)


def test_refused_watches_fall_back_to_polling_and_say_so(
        qtbot, window, demo_site, monkeypatch) -> None:
    """The kernel's ENOSPC (inotify watch limit) is produced at the one libc call watchdog
    makes: exhausting the real limit would break every other program of this user."""
    import ctypes
    import errno

    from watchdog.observers import inotify_c

    def refuse(fd: int, path: bytes, mask: int) -> int:
        ctypes.set_errno(errno.ENOSPC)
        return -1

    ctl = controller(window)
    ctl.poll_interval = 0.2
    monkeypatch.setattr(inotify_c, "inotify_add_watch", refuse)
    ctl.start()
    armed(qtbot, ctl)
    monkeypatch.undo()
    assert ctl.watcher.mode == "polling"
    message = window.statusBar().currentMessage()
    assert "polling" in message and "limit" in message
    after = edited(homepage(demo_site).read_bytes(), lambda hp: hp.set_title(3, "Still seen"))
    write_in_place(homepage(demo_site), after)
    qtbot.waitUntil(lambda: window.document.to_bytes() == after, timeout=WAIT)


def test_a_replaced_content_folder_is_watched_again(qtbot, window, demo_site) -> None:
    """Checking out a branch that replaces content/ (or restoring a backup) ends the old
    watch without an event; the periodic check re-arms it and catches up."""
    import shutil

    ctl = controller(window)
    first = ctl.watcher
    content = demo_site / "content"
    after = edited(homepage(demo_site).read_bytes(), lambda hp: hp.set_title(2, "New branch"))
    shutil.copytree(content, demo_site / "content.new")
    (demo_site / "content.new" / "_index.md").write_bytes(after)
    os.rename(content, demo_site / "content.old")
    os.rename(demo_site / "content.new", content)
    qtbot.waitUntil(lambda: ctl.watcher is not first, timeout=WAIT)  # the periodic check
    armed(qtbot, ctl)
    assert ctl.watcher.healthy() and not first.running
    assert window.document.to_bytes() == after  # the change made while unwatched
    again = edited(after, lambda hp: hp.set_title(3, "Watched again"))
    write_in_place(homepage(demo_site), again)
    qtbot.waitUntil(lambda: window.document.to_bytes() == again, timeout=WAIT)


def test_switching_sites_and_closing_stop_and_join_the_observer(
        qtbot, window, demo_site, tmp_path) -> None:
    import shutil

    ctl = controller(window)
    first = ctl.watcher
    other = tmp_path / "other-site"
    shutil.copytree(demo_site, other)
    assert window.open_site(other)
    assert ctl.watcher is not first and ctl.watcher is not None
    assert not first.running
    assert str(other) in str(ctl.watcher.paths[0])
    # Changes to the old site no longer reach the window.
    old_text = window.document.to_bytes()
    write_in_place(homepage(demo_site), b"# Latest Posts\n")
    after = edited(homepage(other).read_bytes(), lambda hp: hp.set_title(0, "Other site"))
    write_in_place(homepage(other), after)
    qtbot.waitUntil(lambda: window.document.to_bytes() == after, timeout=WAIT)
    assert old_text != after
    observers = [t for t in threading.enumerate() if "Observer" in type(t).__name__]
    window.close()
    assert ctl.watcher is None
    assert all(not t.is_alive() for t in observers)


def test_a_window_destroyed_without_closing_still_stops_its_observer(qtbot, demo_site) -> None:
    from blogeditor.gui.window.main_window import MainWindow

    window = MainWindow()
    assert window.open_site(demo_site)
    watcher = controller(window).watcher
    armed(qtbot, controller(window))
    assert watcher.running
    gone: list[bool] = []
    window.destroyed.connect(lambda *_: gone.append(True))
    window.deleteLater()
    qtbot.waitUntil(lambda: bool(gone), timeout=WAIT)
    assert not watcher.running


def test_a_change_made_before_the_watch_is_armed_is_not_lost(qtbot, window, demo_site) -> None:
    """Between opening a site and the watcher being armed nothing reports changes; once
    armed, the window looks at the homepage once."""
    ctl = controller(window)
    ctl.stop()  # what a site opening looks like until the arming thread is done
    after = edited(homepage(demo_site).read_bytes(), lambda hp: hp.set_title(1, "Unreported"))
    write_in_place(homepage(demo_site), after)
    ctl.start()
    qtbot.waitUntil(lambda: window.document.to_bytes() == after, timeout=WAIT)
    assert window.list_model.index(1, 0).data(Qt.ItemDataRole.DisplayRole).startswith("Unreported")


def observer_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if "Observer" in type(t).__name__ and t.is_alive()]


@pytest.mark.parametrize("how", ["close", "switch", "destroy"])
def test_closing_or_switching_while_still_arming_leaves_no_observer(
        qtbot, make_window, demo_site, tmp_path, how) -> None:  # type: ignore[no-untyped-def]
    """A site with many folders takes a while to arm; closing, switching or destroying the
    window meanwhile must neither leak a running observer nor arm the old site later."""
    import shutil

    from blogeditor.gui.window.main_window import MainWindow

    big = tmp_path / "big-site"
    shutil.copytree(demo_site, big)
    for i in range(1500):
        (big / "content" / "bulk" / f"post-{i:04}").mkdir(parents=True)
    small = tmp_path / "small-site"
    shutil.copytree(demo_site, small)
    before = observer_threads()
    window = MainWindow() if how == "destroy" else make_window()
    assert window.open_site(big)
    ctl = controller(window)
    first = ctl.watcher
    assert first is not None
    if how == "close":
        window.close()
        assert ctl.watcher is None
    elif how == "switch":
        assert window.open_site(small)
        assert ctl.watcher is not first
    else:
        gone: list[bool] = []
        window.destroyed.connect(lambda *_: gone.append(True))
        window.deleteLater()
        qtbot.waitUntil(lambda: bool(gone), timeout=WAIT)
    assert not first.running
    qtbot.wait(300)  # a start not yet begun must not begin later
    assert not first.running
    if how == "switch":
        armed(qtbot, ctl)
        assert str(small) in str(ctl.watcher.paths[0])
        assert len(observer_threads()) == len(before) + 1
    else:
        assert observer_threads() == before


def test_compare_highlights_what_differs_and_takes_a_side_in_one_click(qtbot, window, demo_site) -> None:
    ctl = controller(window)
    _mine, theirs = conflict_on_teaser_2(qtbot, window, demo_site)
    ctl.bar.compare_button.click()
    page = ctl.compare_dialog.pages[0]

    def highlighted(edit) -> set[str]:
        return {s.cursor.selectedText() for s in edit.extraSelections()}

    assert "Mine" in highlighted(page.mine.edit) and "Theirs" in highlighted(page.theirs.edit)
    assert "a better opening." not in highlighted(page.theirs.edit)
    # Lines the two share are not marked.
    shared = page.mine.edit.toPlainText().splitlines()[0]
    assert shared == page.theirs.edit.toPlainText().splitlines()[0]
    assert shared not in highlighted(page.mine.edit)
    page.theirs.take_button.click()  # one click: taken and applied (the only conflict)
    assert window.document.to_bytes() == theirs


# ----- a large site -------------------------------------------------------------------------

def test_a_large_site_is_watched_after_a_pause_and_misses_nothing(qtbot, make_window,
                                                                 demo_site) -> None:
    """On a site with a long homepage the watcher arms once the author pauses (its walk of
    every folder would take the GIL from key presses); what changed before it was armed is
    still reported, as one look at everything."""
    from blogeditor.gui.sync.sync import LARGE_SITE_POSTS

    home = homepage(demo_site)
    more = "".join(f"\n---\n\n## [Archive {n}](/archive/post-{n})\n\nFrom the archive.\n\n"
                   f"**[Full article >>](/archive/post-{n})**\n" for n in range(LARGE_SITE_POSTS))
    home.write_text(home.read_text(encoding="utf-8").rstrip("\n") + "\n" + more, encoding="utf-8")
    assert len(Homepage.parse(home.read_bytes())) == 8 + LARGE_SITE_POSTS
    window = make_window(demo_site)
    ctl = controller(window)
    reported = Counter(ctl.site_files_changed)
    image = demo_site / "content" / "ai" / "fresh-from-the-camera.jpg"
    image.write_bytes(b"\xff\xd8\xff")  # before the watcher is armed
    assert ctl.watcher is None  # not yet: the window waits for a pause in typing
    armed(qtbot, ctl)
    qtbot.waitUntil(lambda: len(reported) > 0, timeout=WAIT)
    assert reported.calls[0] == ([demo_site / "content"],)
