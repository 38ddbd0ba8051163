"""Where the author was (post, cursor, scroll positions), kept across a reload from disk."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from blogeditor.gui.window.main_window import MainWindow


@dataclass(frozen=True)
class ViewState:
    link: str | None
    cursor: int
    editor_scroll: int
    list_scroll: int

    @classmethod
    def capture(cls, w: MainWindow) -> ViewState:
        return cls(w.binding.link, w.editor.textCursor().position(),
                   w.editor.verticalScrollBar().value(), w.list_view.verticalScrollBar().value())

    def restore(self, w: MainWindow) -> None:
        doc = w.document
        if doc is None:
            return
        if self.link is not None and w.binding.link != self.link:
            if doc.homepage.index_of_link(self.link) is None:
                return  # the post is gone on disk; the window picked a neighbour
            w.select_link(self.link)
            cursor = w.editor.textCursor()
            cursor.setPosition(min(self.cursor, len(w.editor.toPlainText())))
            w.editor.setTextCursor(cursor)
        # The editor follows its teaser by a minimal text diff, which keeps the cursor;
        # scroll bars can still jump when the widgets re-layout, so put them back.
        w.editor.verticalScrollBar().setValue(self.editor_scroll)
        w.list_view.verticalScrollBar().setValue(self.list_scroll)
