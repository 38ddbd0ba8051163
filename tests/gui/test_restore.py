"""Restoring an earlier homepage version from the backup history, in the real window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog

from blogeditor.gui.sync.restore import RestoreDialog


def test_restore_an_earlier_version_is_undoable_and_saved_only_on_save(main_window, demo_site: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    home = demo_site / "content" / "_index.md"
    original = home.read_bytes()
    window = main_window
    window.document.apply("Hide", lambda hp: hp.hide(2))
    assert window.save()
    hidden = home.read_bytes()
    assert hidden != original

    history, versions = window.features.restore.history()
    assert len(versions) == 1
    dialog = RestoreDialog(versions, history, window)
    assert dialog.view.toPlainText() == original.decode()  # the author sees what comes back
    dialog.deleteLater()

    def pick_first(self: RestoreDialog) -> int:
        self._accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RestoreDialog, "exec", pick_first)
    window.features.restore.action.trigger()
    assert window.document.homepage.to_bytes() == original
    assert window.document.is_dirty()
    assert home.read_bytes() == hidden  # nothing written yet
    window.document.undo_stack.undo()
    assert window.document.homepage.to_bytes() == hidden
    window.document.undo_stack.redo()
    assert window.save()
    assert home.read_bytes() == original


def test_no_versions_yet_says_so(main_window) -> None:  # type: ignore[no-untyped-def]
    main_window.features.restore.action.trigger()
    assert "No earlier versions" in main_window.statusBar().currentMessage()
