"""Post list commands: move, hide/show, remove, create. Each is one undoable step.

(New Post… with its dialog belongs to the Article tab's feature, gui/article/authoring.py:
it opens the new article; ``create_post`` is the plain way, used by scripts and tests.)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QWidget,
)

from blogeditor.core.errors import BlogEditorError
from blogeditor.core.homepage.homepage import Homepage
from blogeditor.gui import icons
from blogeditor.gui.context import AppContext
from blogeditor.gui.posts.post_list_view import PostListView

if TYPE_CHECKING:
    from blogeditor.gui.window.actions import Actions


class PostOperations:
    def __init__(self, ctx: AppContext, list_view: PostListView, editor: QWidget,
                 current: Callable[[], int | None], select: Callable[[int | None], None]) -> None:
        self.ctx, self.list_view, self.editor = ctx, list_view, editor
        self._current_index, self._select = current, select

    def connect_actions(self, a: Actions) -> None:
        a.move_up.triggered.connect(lambda: self.move_by(-1))
        a.move_down.triggered.connect(lambda: self.move_by(1))
        a.move_top.triggered.connect(self.move_to_top)
        a.toggle_hidden.triggered.connect(self.toggle_hidden)
        a.remove.triggered.connect(self.remove)
        view = self.list_view
        view.menu_actions = [a.toggle_hidden, None, a.move_top, a.move_up, a.move_down, None,
                             a.remove]
        # Delete removes a post only from the list: in the editor it deletes text.
        a.remove.setShortcuts(QKeySequence.StandardKey.Delete)
        a.remove.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        view.addAction(a.remove)

    # -- helpers -----------------------------------------------------------------------
    def _current(self) -> int | None:
        return self._current_index()

    def _title(self, index: int) -> str:
        doc = self.ctx.homepage
        assert doc is not None
        return doc.homepage.teaser(index).title or "untitled post"

    def _apply(self, description: str, operation: Callable[[Homepage], object]) -> bool:
        doc = self.ctx.homepage
        return doc is not None and doc.apply(description, operation)

    def _neighbour(self, index: int, step: int) -> int | None:
        """The teaser index of the list row ``step`` rows away (hidden rows may be filtered out)."""
        view = self.list_view
        row = view.view_index(index).row() + step
        if not 0 <= row < view.model().rowCount():
            return None
        return view.teaser_index(view.model().index(row, 0))

    # -- commands ------------------------------------------------------------------------
    def move(self, src: int, dst: int) -> bool:
        if src == dst:
            return False
        ok = self._apply(f"Move “{self._title(src)}”", lambda hp: hp.move(src, dst))
        if ok:
            self._select(dst)
        return ok

    def move_by(self, step: int) -> None:
        index = self._current()
        if index is None:
            return
        target = self._neighbour(index, step)
        if target is not None:
            self.move(index, target)

    def move_to_top(self) -> None:
        index = self._current()
        if index:
            self.move(index, 0)

    def toggle_hidden(self) -> None:
        index = self._current()
        doc = self.ctx.homepage
        if index is None or doc is None:
            return
        hidden = not doc.homepage.teaser(index).hidden
        verb = "Hide" if hidden else "Show"
        if self._apply(f"{verb} “{self._title(index)}”", lambda hp: hp.set_hidden(index, hidden)):
            self.ctx.status(
                f"“{self._title(index)}” is now {'hidden on' if hidden else 'visible on'} the homepage"
            )

    def remove(self) -> None:
        index = self._current()
        if index is None:
            return
        title = self._title(index)
        if self._apply(f"Remove “{title}”", lambda hp: hp.remove(index)):
            self.ctx.status(f"Removed “{title}” from the homepage (Undo brings it back)")

    def create_post(self, section: str, title: str) -> bool:
        """Create the article and its hidden teaser at the top, and select it."""
        site = self.ctx.site
        if site is None:
            return False
        try:
            _path, link = site.new_post(section, title)
        except BlogEditorError as exc:
            self.ctx.dialogs.show_error("Cannot create the post", str(exc))
            return False
        title = " ".join(title.split())
        ok = self._apply(
            f"New post “{title}”", lambda hp: hp.insert(0, title=title, link=link, hidden=True)
        )
        if ok:
            self._select(0)
            self.editor.setFocus()
            self.ctx.status(f"Created {link} (hidden on the homepage until you show it)")
        return ok

    def update_actions(self, a: Actions) -> None:
        doc = self.ctx.homepage
        index = self._current()
        has = doc is not None and index is not None
        for action in (a.toggle_hidden, a.remove, a.move_up, a.move_down, a.move_top):
            action.setEnabled(has)
        if not has or doc is None or index is None:
            return
        hidden = doc.homepage.teaser(index).hidden
        a.toggle_hidden.setText("&Show on Homepage" if hidden else "&Hide from Homepage")
        a.toggle_hidden.setIconText("Show" if hidden else "Hide")
        a.toggle_hidden.setIcon(icons.icon("visible" if hidden else "hidden"))
        a.move_up.setEnabled(self._neighbour(index, -1) is not None)
        a.move_down.setEnabled(self._neighbour(index, 1) is not None)
        a.move_top.setEnabled(index > 0)
