"""A pull that stopped on a conflict in the homepage: the Compare view on the posts both
sides changed, then the merged homepage written and the merge finished.

git leaves three versions of the file (the common one, ours, the pulled one). They are
merged post by post as the window merges a disk change (core/homepage/merge.py): what that settles
needs no question; what it cannot is shown in the same Compare dialog as a disk conflict
(gui/sync/compare_dialog.py), "yours" against "the pulled version". Nothing is written
before the author applies their choices; closing the dialog leaves the merge open
(Git ▸ Resolve Homepage Conflict… asks again, Git ▸ Abort Merge undoes the pull).
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from blogeditor.core.errors import BlogEditorError
from blogeditor.core.storage.backups import site_backup_dir
from blogeditor.core.storage.session import save_checked
from blogeditor.gui.context import AppContext
from blogeditor.gui.git.git_work import HomepageConflict
from blogeditor.gui.sync.compare_dialog import CompareDialog

if TYPE_CHECKING:
    from blogeditor.gui.window.main_window import MainWindow


class PullConflict(QObject):
    resolved = Signal(str)  # the merged homepage is written: what to say when finishing

    def __init__(self, ctx: AppContext, window: MainWindow) -> None:
        super().__init__(window)
        self.ctx, self.window = ctx, window
        self.dialog: CompareDialog | None = None

    def offer(self, conflict: HomepageConflict) -> None:
        """Settle what merges post by post; ask about the rest in the Compare view."""
        if conflict.merge.merged is not None:
            if self._write(conflict.merge.merged):
                self.resolved.emit("git could not merge the homepage line by line; "
                                   "BlogEditor merged it post by post.")
            return
        self.close()
        dialog = CompareDialog(conflict.conflicts, self.window)
        dialog.setWindowTitle("The pull stopped: compare your version with the pulled one")
        for page in dialog.pages:
            page.theirs.choice.setText("Keep the pulled version")
        dialog.accepted.connect(lambda: self._apply(conflict, dialog.resolutions()))
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()  # window-modal, never exec(): the watcher and the lanes go on

    def close(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            with contextlib.suppress(RuntimeError):  # already gone with its window
                dialog.reject()

    def _apply(self, conflict: HomepageConflict, resolutions: dict[str, str | None]) -> None:
        self.dialog = None
        merged = conflict.resolve(resolutions)
        if merged is None:
            self.ctx.status("The homepage still has open conflicts: Git ▸ Resolve Homepage "
                            "Conflict… asks again.", 10000)
            return
        if self._write(merged):
            self.resolved.emit("Merged the homepage with your choices.")

    def _write(self, data: bytes) -> bool:
        site = self.ctx.site
        if site is None:
            return False
        try:
            save_checked(site.homepage_path, data, base=None,
                         backup_dir=site_backup_dir(site.root))
        except (BlogEditorError, OSError) as exc:
            self.ctx.dialogs.show_error("The merged homepage was not written", str(exc))
            return False
        return True
