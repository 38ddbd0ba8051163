"""The post list widget: a QListView with drag-and-drop reordering, a hidden-posts filter
and friendly text when there is nothing to show."""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QContextMenuEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QAbstractItemView, QListView, QMenu, QWidget

from blogeditor.gui.posts.post_delegate import PostDelegate
from blogeditor.gui.posts.post_list_model import HiddenRole, PostListModel


class PostFilterModel(QSortFilterProxyModel):
    """Leaves hidden teasers out when "Show hidden posts" is off; keeps file order."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._show_hidden = True

    @property
    def show_hidden(self) -> bool:
        return self._show_hidden

    def set_show_hidden(self, flag: bool) -> None:
        if flag != self._show_hidden:
            self._show_hidden = flag
            self.beginFilterChange()
            self.endFilterChange()

    def moveRows(
        self,
        source_parent: QModelIndex | QPersistentModelIndex,
        source_row: int,
        count: int,
        destination_parent: QModelIndex | QPersistentModelIndex,
        destination_child: int,
    ) -> bool:
        """QListView moves its own dragged rows with moveRow(); map it to the teasers.

        Without this the proxy refuses the move and an internal drag does nothing.
        """
        if count != 1 or source_parent.isValid() or destination_parent.isValid():
            return False
        source = self.sourceModel()
        src = self.mapToSource(self.index(source_row, 0)).row()
        if destination_child < self.rowCount():
            dst = self.mapToSource(self.index(destination_child, 0)).row()
        else:
            dst = source.rowCount()
        return source.moveRows(QModelIndex(), src, 1, QModelIndex(), dst)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if self._show_hidden:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        return not bool(index.data(HiddenRole))


class PostListView(QListView):
    """Emits ``context_menu_requested(QMenu)`` so integrations can add entries to the menu."""

    context_menu_requested = Signal(QMenu)

    def __init__(self, model: PostListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source_model = model
        self.proxy = PostFilterModel(self)
        self.proxy.setSourceModel(model)
        # Row changes come from whole-document refreshes; the filter must re-run on them.
        self.proxy.setDynamicSortFilter(True)
        self.setModel(self.proxy)
        self.setItemDelegate(PostDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setUniformItemSizes(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setMouseTracking(True)
        self.setMinimumWidth(240)
        self.menu_actions: list = []
        self.empty_text = "No site open."

    # -- mapping between teaser indices (document) and view rows ------------------------
    def teaser_index(self, view_index: QModelIndex) -> int | None:
        if not view_index.isValid():
            return None
        return self.proxy.mapToSource(view_index).row()

    def view_index(self, teaser_index: int) -> QModelIndex:
        return self.proxy.mapFromSource(self.source_model.index(teaser_index))

    def current_teaser(self) -> int | None:
        return self.teaser_index(self.currentIndex())

    def select_teaser(self, teaser_index: int | None) -> None:
        if teaser_index is None:
            self.clearSelection()
            self.setCurrentIndex(QModelIndex())
            return
        index = self.view_index(teaser_index)
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(index)

    # -- painting and menu ---------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.model() is not None and self.model().rowCount() == 0:
            painter = QPainter(self.viewport())
            colour = self.palette().color(QPalette.ColorRole.PlaceholderText)
            painter.setPen(colour)
            painter.drawText(
                self.viewport().rect().adjusted(16, 16, -16, -16),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap),
                self.empty_text,
            )
            painter.end()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        index = self.indexAt(event.pos())
        if index.isValid():
            self.setCurrentIndex(index)
        menu = QMenu(self)
        for action in self.menu_actions:
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        self.context_menu_requested.emit(menu)
        menu.exec(event.globalPos())
