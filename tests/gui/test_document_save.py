"""The window's Save goes through the core's locked save path (core/storage/session.py)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from blogeditor.core.homepage.homepage import Homepage
from blogeditor.core.site.site import Site
from blogeditor.core.storage.storage import atomic_write
from blogeditor.gui.editor.document import HomepageDocument


def other_program(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    homepage = Homepage.load(path)
    change(homepage)
    atomic_write(path, homepage.to_bytes())


def test_save_merges_a_change_made_on_disk_meanwhile(qtbot: QtBot, demo_site: Path) -> None:
    document = HomepageDocument(Site.find(demo_site))
    assert document.apply("Show", lambda hp: hp.show(0))
    other_program(document.path, lambda hp: hp.show(1))  # before the watcher could say so
    assert document.save()
    on_disk = Homepage.load(document.path).teasers
    assert [t.hidden for t in on_disk][:2] == [False, False]  # ours and theirs
    assert document.to_bytes() == document.path.read_bytes() and not document.is_dirty()
    assert document.undo_stack.undoText() == "Merge changes made on disk"


def test_save_over_a_conflicting_change_is_refused(qtbot: QtBot, demo_site: Path) -> None:
    document = HomepageDocument(Site.find(demo_site))
    errors: list[str] = []
    document.error.connect(errors.append)
    assert document.apply("Title", lambda hp: hp.set_title(2, "Ours"))
    other_program(document.path, lambda hp: hp.set_title(2, "Theirs"))
    theirs = document.path.read_bytes()
    assert not document.save()
    assert document.path.read_bytes() == theirs and document.is_dirty()
    assert errors and "changed on disk" in errors[0]
