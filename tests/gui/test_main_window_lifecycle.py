"""Opening, closing, saving questions, crash recovery and bad input."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtWidgets import QMessageBox

from blogeditor.gui.editor import recovery

Button = QMessageBox.StandardButton
REPO = Path(__file__).resolve().parents[2]


def homepage(site: Path) -> Path:
    return site / "content" / "_index.md"


@pytest.mark.parametrize("answer", [Button.Save, Button.Discard, Button.Cancel])
def test_close_with_unsaved_changes(main_window, dialogs, demo_site: Path, answer) -> None:
    original = homepage(demo_site).read_bytes()
    main_window.list_view.setCurrentIndex(main_window.list_view.view_index(4))
    main_window.commands.move_top.trigger()
    changed = main_window.document.to_bytes()
    dialogs.save_answer = answer
    closed = main_window.close()
    assert dialogs.kinds() == ["question"]
    if answer == Button.Cancel:
        assert not closed
        assert main_window.isVisible()
        assert main_window.document is not None and main_window.document.is_dirty()
        assert homepage(demo_site).read_bytes() == original
        return
    assert closed
    assert homepage(demo_site).read_bytes() == (changed if answer == Button.Save else original)
    assert not recovery.recovery_path(homepage(demo_site)).exists()


def test_close_without_changes_asks_nothing(main_window, dialogs) -> None:
    assert main_window.close()
    assert dialogs.asked == []


def test_switching_site_with_unsaved_changes_asks_first(make_window, dialogs, demo_site, tmp_path):
    import shutil

    other = tmp_path / "other-site"
    shutil.copytree(demo_site, other)
    window = make_window(demo_site)
    window.commands.remove.trigger()
    dialogs.save_answer = Button.Cancel
    assert not window.open_site(other)
    assert window.site.root == demo_site
    dialogs.save_answer = Button.Discard
    assert window.open_site(other)
    assert window.site.root == other
    assert len(window.document.homepage) == 8


def test_reopen_after_a_crash_offers_the_unsaved_work(make_window, dialogs, demo_site: Path):
    # A real crash: another process edits, lets the recovery timer run, then dies hard.
    script = textwrap.dedent(
        f"""
        import os, sys
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        from blogeditor.gui.window import main_window as mw
        mw.RECOVERY_INTERVAL_MS = 100
        app = QApplication([])
        window = mw.MainWindow()
        assert window.open_site({str(demo_site)!r})
        window.list_view.setCurrentIndex(window.list_view.view_index(6))
        window.commands.move_top.trigger()
        QTimer.singleShot(600, lambda: os._exit(3))
        app.exec()
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, env=os.environ.copy(), capture_output=True,
        timeout=60,
    )
    assert result.returncode == 3, result.stderr.decode()
    on_disk = homepage(demo_site).read_bytes()
    assert recovery.recovery_path(homepage(demo_site)).exists()

    dialogs.restore_answer = Button.Yes
    window = make_window(demo_site)
    assert [t for k, t, _ in dialogs.asked if k == "question"] == ["Restore unsaved changes?"]
    assert window.isWindowModified()
    assert window.document.homepage.teaser(0).title == "Caching Dependencies the Boring Way"
    assert homepage(demo_site).read_bytes() == on_disk  # restored into the window, not the file
    window.save()
    assert not recovery.recovery_path(homepage(demo_site)).exists()


def test_declining_the_recovery_offer_forgets_it(make_window, dialogs, demo_site: Path) -> None:
    recovery.write(homepage(demo_site), homepage(demo_site).read_bytes() + b"\nextra\n")
    dialogs.restore_answer = Button.No
    window = make_window(demo_site)
    assert dialogs.kinds() == ["question"]
    assert not window.isWindowModified()
    assert not recovery.recovery_path(homepage(demo_site)).exists()


def test_unsaved_work_is_written_for_recovery_and_removed_on_save(main_window, demo_site):
    main_window.commands.remove.trigger()
    main_window.saving.write_recovery()
    path = recovery.recovery_path(homepage(demo_site))
    assert recovery.read(homepage(demo_site)) == main_window.document.to_bytes()
    main_window.save()
    assert not path.exists()


def test_a_folder_that_is_not_a_site_gives_a_message(make_window, dialogs, tmp_path) -> None:
    window = make_window()
    assert not window.open_site(tmp_path)
    assert dialogs.kinds() == ["warning"]
    assert "not a Hugo site" in dialogs.texts("warning")[0]
    assert "\n" not in dialogs.texts("warning")[0]
    assert window.document is None
    assert window.stack.currentWidget() is window.welcome


def test_a_malformed_homepage_gives_a_message_and_keeps_the_open_site(
    make_window, dialogs, demo_site, tmp_path
) -> None:
    import shutil

    broken = tmp_path / "broken"
    shutil.copytree(demo_site, broken)
    homepage(broken).write_bytes(b"+++\ntitle = ''\n+++\n\n<!-- never closed\n\n## [A](/a)\n")
    window = make_window(demo_site)
    assert not window.open_site(broken)
    assert dialogs.kinds() == ["warning"]
    assert window.site.root == demo_site
    assert len(window.document.homepage) == 8


def test_bad_utf8_homepage_gives_a_message(make_window, dialogs, demo_site) -> None:
    homepage(demo_site).write_bytes(b"+++\n+++\n\n## [Caf\xe9](/a)\n")
    window = make_window()
    assert not window.open_site(demo_site)
    assert dialogs.kinds() == ["warning"]


def test_save_into_a_vanished_folder_is_a_message_not_a_crash(main_window, demo_site, dialogs):
    import shutil

    main_window.commands.remove.trigger()
    shutil.rmtree(demo_site / "content")
    assert not main_window.save()
    assert main_window.isWindowModified()
    assert "no longer exists" in main_window.statusBar().currentMessage()


def test_open_recent_remembers_sites(make_window, demo_site) -> None:
    from blogeditor.gui import settings

    make_window(demo_site)
    assert settings.Settings().recent_sites()[0] == str(demo_site)
    assert settings.Settings().last_site() == str(demo_site)


def test_unexpected_errors_are_logged_and_shown_not_fatal(qtbot, dialogs, monkeypatch) -> None:
    from blogeditor.gui import app

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    app.install_excepthook()
    try:
        raise ValueError("the sky fell")
    except ValueError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    # Shown once control is back in the event loop (one dialog for a burst of errors).
    qtbot.waitUntil(lambda: dialogs.kinds() == ["critical"], timeout=2000)
    assert "the sky fell" in dialogs.texts("critical")[0]


def test_start_opens_the_given_site_else_the_last_one(make_window, dialogs, demo_site, monkeypatch):
    from blogeditor.gui import app, settings

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    assert app.initial_site(None, settings.Settings()) == (None, True)  # nothing remembered: the demo site
    _qapp, window = app.start(str(demo_site))
    try:
        assert window.site is not None and window.site.root == demo_site
        assert app.initial_site(None, settings.Settings()) == (str(demo_site), False)
        assert settings.Settings().last_site() == str(demo_site)
    finally:
        window.close()
        window.image_loader.wait_idle()


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=4000), name=st.text(min_size=1, max_size=30))
def test_recovery_files_give_back_exactly_what_was_kept(tmp_path_factory, data: bytes, name: str):
    folder = tmp_path_factory.mktemp("site")
    page = folder / (name.replace("/", "_").replace("\x00", "_") + ".md")
    assert recovery.write(page, data)
    assert recovery.read(page) == data
    recovery.discard(page)
    assert recovery.read(page) is None


def test_a_recent_site_that_is_gone_leaves_the_list(make_window, dialogs, demo_site, tmp_path):
    from blogeditor.gui import settings

    gone = tmp_path / "gone-site"
    settings.Settings().add_recent_site(gone)
    settings.Settings().add_recent_site(demo_site)
    window = make_window()
    window._fill_recent_menu()
    entries = [a.text() for a in window.recent_menu.actions()]
    assert entries == [str(demo_site), str(gone)]
    assert not window.open_recent(str(gone))
    assert dialogs.kinds() == ["warning"]
    assert settings.Settings().recent_sites() == [str(demo_site)]
    assert window.open_recent(str(demo_site))


def test_dark_mode_uses_a_dark_palette_and_back(qtbot) -> None:
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    from blogeditor.gui import theme as app

    qapp = QApplication.instance()
    try:
        app.apply_color_scheme(qapp, True)
        assert qapp.palette().color(QPalette.ColorRole.Window).lightness() < 80
        assert qapp.style().name().lower() == "fusion"
    finally:
        app.apply_color_scheme(qapp, False)
    assert qapp.palette().color(QPalette.ColorRole.Window).lightness() > 150


def test_a_file_open_event_opens_its_site(make_window, dialogs, demo_site, tmp_path, qtbot) -> None:
    # macOS "Open with BlogEditor" arrives as a QFileOpenEvent, not as a command-line argument.
    from PySide6.QtGui import QFileOpenEvent
    from PySide6.QtWidgets import QApplication

    from blogeditor.gui.app import FileOpenHandler

    other = tmp_path / "other-site"
    shutil.copytree(demo_site, other)
    window = make_window(demo_site)
    app = QApplication.instance()
    handler = FileOpenHandler(window)
    app.installEventFilter(handler)
    try:
        article = next((other / "content").glob("*/*/_index.md"))
        QApplication.sendEvent(app, QFileOpenEvent(str(article)))
        assert window.site is not None and window.site.root == other
        QApplication.sendEvent(app, QFileOpenEvent(str(other / "content" / "_index.md")))
        assert window.site.root == other
        assert dialogs.asked == []
    finally:
        app.removeEventFilter(handler)
