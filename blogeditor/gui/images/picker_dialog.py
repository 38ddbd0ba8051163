"""The thumbnail picker: choose, import, drop or paste a post's thumbnail.

The dialog shows the images of the post's article folder (and sub-folders) as a grid, or,
on request, every image of the site. Choosing rewrites the teaser's thumbnail line through
the undoable document API. Menus, drops and pasting in the main window: thumbnail_picker.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QSize,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QDragEnterEvent,
    QDropEvent,
    QImage,
    QKeyEvent,
    QKeySequence,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from blogeditor.core.errors import BlogEditorError
from blogeditor.core.site import images
from blogeditor.core.site.imageinfo import read_info
from blogeditor.core.site.site import Site
from blogeditor.core.storage.confine import allowed_roots, confined
from blogeditor.gui.editor.document import HomepageDocument
from blogeditor.gui.images.image_loader import ImageLoader, image_key
from blogeditor.gui.images.picker_model import ImageGridModel, PathRole, placeholder, visible_range
from blogeditor.gui.images.picker_sources import (
    ListerBridge,
    SiteLister,
    clipboard_images,
    encode_pasted_image,
    human_size,
    image_paths_from_urls,
    matching_paths,
    src_for,
    warning_lines,
)

GRID_ICON = QSize(160, 90)
GRID_GUTTER = 12  # between two cells' icons; the cell is the icon plus the delegate's margins
GRID_COLUMNS = 3  # cells the grid shows side by side at its smallest
PREVIEW = QSize(480, 300)
IMAGE_FILTER = "Images (*.jpg *.jpeg *.png *.gif *.webp)"


class ThumbnailPicker(QDialog):
    """Pick teaser `index`'s thumbnail among its article's images (or the whole site's)."""

    chosen = Signal(object)  # the Path chosen, or None for "No thumbnail"

    def __init__(self, document: HomepageDocument, index: int, loader: ImageLoader,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.index = index
        self.loader = loader
        self.site: Site = document.site
        teaser = document.homepage.teasers[index]
        self.link = teaser.link
        self.bundle = self.site.bundle_dir(teaser.link)
        self.current_src = teaser.thumbnail
        self._roots = allowed_roots(self.site.root)
        current = self.site.resolve_image(teaser.thumbnail) if teaser.thumbnail else None
        # An image that leads out of the site (a symlink, ../) is never shown or decoded.
        self.current_path = current if current is not None and self._inside(current) else None
        self.setWindowTitle(f"Thumbnail for “{teaser.title}”")
        self.setAcceptDrops(True)
        self._usual: float | None = None
        self._usual_done = False
        self._preview_key = ""
        self._lister_generation = 0
        self._lister_cancel = [False]
        self._lister_pool = QThreadPool(self)
        self._lister_pool.setMaxThreadCount(1)
        self._lister_bridge = ListerBridge(self)
        self._lister_bridge.batch.connect(self._on_site_batch)
        self._lister_bridge.done.connect(self._on_site_done)
        # Every image of the scope shown ("Show:"), before the filter box narrows it.
        self._scope_paths: list[Path] = []
        # The image to select once it is listed (the site's images arrive in batches).
        self._pending_select: Path | None = None
        self._build()
        self.show_article_images()
        self._show_current()
        loader.loaded.connect(self._on_loaded)
        loader.failed.connect(self._on_failed)

    # -- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.scope = QComboBox()
        self.scope.addItems(["This article's folder", "All images in the site"])
        self.scope.currentIndexChanged.connect(self._on_scope)
        self.model = ImageGridModel(self.loader, GRID_ICON, base_dir=self.bundle, parent=self)
        self.view = QListView()
        self.view.setViewMode(QListView.ViewMode.IconMode)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setMovement(QListView.Movement.Static)
        self.view.setUniformItemSizes(True)
        self.view.setIconSize(GRID_ICON)
        self.view.setGridSize(QSize(GRID_ICON.width() + GRID_GUTTER, GRID_ICON.height() + 40))
        self.view.setWordWrap(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setModel(self.model)
        # IconMode lays out as if the vertical scroll bar were there: leave it room, or the
        # last column wraps to a second row although the cells would fit.
        bar = self.view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        grid_width = GRID_COLUMNS * self.view.gridSize().width()
        self.view.setMinimumSize(max(560, grid_width + bar + 2 * self.view.frameWidth() + 4), 360)
        self.view.viewport().setAcceptDrops(True)
        self.view.viewport().installEventFilter(self)
        # The big preview shows the selected image only (never the one under the mouse), so
        # what it shows is always what "Use as Thumbnail" will use.
        self.view.selectionModel().currentChanged.connect(lambda cur, _prev: self._show_preview(cur))
        self.view.activated.connect(lambda _i: self.accept_choice())  # double-click or Enter
        self.view.setLayoutMode(QListView.LayoutMode.Batched)  # 20,000 cells lay out in slices
        self.view.setBatchSize(400)
        # While the grid scrolls, decoding waits (it would hold the GIL the painting needs);
        # once it settles, only what is on screen (and a screen either side) is loaded.
        self._settle_timer = QTimer(self, singleShot=True, interval=120)
        self._settle_timer.timeout.connect(self._settled)
        self.view.verticalScrollBar().valueChanged.connect(self._scrolling)

        self.preview = QLabel()
        self.preview.setFixedSize(PREVIEW)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("background: #f0f0f0; border: 1px solid #ccc;")
        self.info = QLabel()
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.info.setWordWrap(True)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #a04000;")
        side = QVBoxLayout()
        side.addWidget(self.preview)
        side.addWidget(self.info)
        side.addWidget(self.warnings)
        side.addStretch(1)

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter by name or folder")
        self.filter_edit.setClearButtonEnabled(True)
        self._filter_timer = QTimer(self, singleShot=True, interval=150)
        self._filter_timer.timeout.connect(self._apply_filter)
        self.filter_edit.textChanged.connect(lambda _t: self._filter_timer.start())
        top = QHBoxLayout()
        top.addWidget(QLabel("Show:"))
        top.addWidget(self.scope)
        top.addWidget(self.filter_edit, 1)
        self.import_button = QPushButton("Import Image…")
        self.import_button.clicked.connect(self.import_dialog)
        top.addWidget(self.import_button)

        body = QHBoxLayout()
        body.addWidget(self.view, 1)
        body.addLayout(side)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Use as Thumbnail")
        self.buttons.accepted.connect(self.accept_choice)
        self.buttons.rejected.connect(self.reject)
        self.current_label = QLabel()
        self.current_label.setWordWrap(True)
        self.current_label.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addWidget(self.current_label)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        hint = QLabel("Drop image files here, or paste an image (Ctrl+V), to copy it into the "
                      "article's folder.")
        hint.setStyleSheet("color: gray;")
        layout.addWidget(hint)
        layout.addWidget(self.buttons)

    # -- content --------------------------------------------------------------------------

    def _inside(self, path: Path) -> bool:
        return confined(path, self._roots) is not None

    def article_images(self) -> list[Path]:
        found = [p for p in (images.bundle_images(self.bundle) if self.bundle.is_dir() else [])
                 if self._inside(p)]
        # A thumbnail borrowed from another folder is shown too, so it can be seen and kept.
        if self.current_path is not None and self.current_path not in found:
            found.insert(0, self.current_path)
        return found

    def show_article_images(self, select: Path | None = None) -> None:
        self._stop_lister()
        self._scope_paths = self.article_images()
        self.model.set_paths(self._filtered(self._scope_paths), self.bundle)
        self.model.set_current(self.current_path)
        self._select(select if select is not None else self.current_path)

    def show_site_images(self) -> None:
        """Stream every image of the site into the grid (off the GUI thread)."""
        wanted = self.selected_path() or self.current_path
        self._stop_lister()
        self._scope_paths = []
        self.model.set_paths([], self.site.content_dir)
        self.model.set_current(self.current_path)
        self._pending_select = wanted
        self._lister_cancel = [False]
        self._lister_generation += 1
        self._lister_pool.start(SiteLister(self.site.content_dir, self._lister_bridge,
                                            self._lister_generation, self._lister_cancel))

    def _stop_lister(self) -> None:
        self._lister_cancel[0] = True
        self._lister_generation += 1

    def _on_site_batch(self, generation: int, paths: list[Path]) -> None:
        if generation != self._lister_generation:
            return
        paths = [p for p in paths if self._inside(p)]
        self._scope_paths.extend(paths)
        self.model.append_paths(self._filtered(paths))
        # Keep the selection on the image that was selected (or is the thumbnail) until it
        # arrives, unless the author picked another one meanwhile.
        wanted = self._pending_select
        if wanted is not None and self.model.row_of(wanted) is not None:
            if self.view.currentIndex().row() <= 0:
                self._select(wanted)
            self._pending_select = None

    # -- filter ---------------------------------------------------------------------------

    def _filtered(self, paths: list[Path]) -> list[Path]:
        return matching_paths(paths, self.filter_edit.text(), self.site.content_dir)

    def _apply_filter(self) -> None:
        keep = self.selected_path()
        self.model.set_paths(self._filtered(self._scope_paths))
        self.model.set_current(self.current_path)
        if keep is not None and self.model.row_of(keep) is not None:
            self._select(keep)
        else:
            self._select(self.model.path(1) if self.model.rowCount() > 1 else None)

    def refresh_images(self) -> None:
        """Files changed in the site (the watcher): list the article's images again."""
        if self.scope.currentIndex() == 0:
            keep = self.selected_path()
            self._scope_paths = self.article_images()
            self.model.set_paths(self._filtered(self._scope_paths), self.bundle)
            self.model.set_current(self.current_path)
            self._select(keep if keep is not None and self.model.row_of(keep) is not None
                         else self.current_path)

    def _on_site_done(self, generation: int) -> None:
        if generation == self._lister_generation:
            self.info.setText(self.info.text() or f"{self.model.rowCount() - 1:,} images")

    def _on_scope(self, which: int) -> None:
        if which == 1:
            self.show_site_images()
        else:
            self.show_article_images()

    def _select(self, path: Path | None) -> None:
        row = self.model.row_of(path)
        if row is None:
            row = 0
        index = self.model.index(row)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        self._show_preview(index)  # also when the row number did not change

    def _scrolling(self, _value: int) -> None:
        if not self._settle_timer.isActive():
            self.model.set_held(True)
            self.loader.set_paused(True)
        self._settle_timer.start()

    def _settled(self) -> None:
        lo, hi = visible_range(self.view)
        span = max(1, hi - lo)
        self.model.retain(max(0, lo - span), hi + span)
        self.model.set_held(False)
        self.loader.set_paused(False)

    # -- preview and warnings -------------------------------------------------------------

    def selected_path(self) -> Path | None:
        return self.view.currentIndex().data(PathRole)

    def _usual_ratio(self) -> float | None:
        # Computed on first need from the other teasers' thumbnails (headers only).
        if not self._usual_done:
            others = [t.thumbnail for i, t in enumerate(self.document.homepage.teasers)
                      if i != self.index and t.thumbnail]
            self._usual = images.usual_ratio(self.site.resolve_image(s) for s in others[:40])
            self._usual_done = True
        return self._usual

    def _show_current(self) -> None:
        """What the teaser uses now, with what is wrong with it (missing, elsewhere, heavy...)."""
        if not self.current_src:
            self.current_label.setText("Current thumbnail: none")
            return
        found = images.image_warnings(self.current_path, src=self.current_src, link=self.link,
                                      usual=self._usual_ratio())
        lines = [f"Current thumbnail: {self.current_src}"]
        lines += [f"⚠ {w.message}" for w in found]
        self.current_label.setText("\n".join(lines))

    def _show_preview(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        path: Path | None = index.data(PathRole)
        if path is None:
            self.preview.setPixmap(placeholder(QSize(PREVIEW.width() - 2, PREVIEW.height() - 2),
                                               none=True))
            self.info.setText("No thumbnail: the teaser shows text only.")
            self.warnings.setText("")
            self._preview_key = ""
            return
        try:
            size = human_size(path.stat().st_size)
        except OSError:
            size = "unreadable"
        header = read_info(path)
        pixels = f"{header.width:,} × {header.height:,} px" if header else "size unknown"
        marker = "  (current thumbnail)" if path == self.current_path else ""
        self.info.setText(f"<b>{self._label(path)}</b>{marker}<br>{pixels} · {size}")
        self._show_warnings(path, self.model.error(index.row()))
        image = self.loader.cached(path, PREVIEW)
        if image is not None:
            self._preview_key = ""
            self.preview.setPixmap(QPixmap.fromImage(image))
        else:
            self.preview.setPixmap(placeholder(PREVIEW - QSize(2, 2)))
            self._preview_key = self.loader.request(path, PREVIEW)

    def _label(self, path: Path) -> str:
        try:
            return src_for(self.site, path)
        except BlogEditorError:
            return str(path)

    def _show_warnings(self, path: Path, load_error: str | None) -> None:
        lines = warning_lines(self.site, path, link=self.link, usual=self._usual_ratio(),
                              load_error=load_error)
        self.warnings.setText("\n".join(f"⚠ {line}" for line in lines))

    def _on_loaded(self, key: str, image: QImage) -> None:
        if key and key == self._preview_key:
            self.preview.setPixmap(QPixmap.fromImage(image))

    def _on_failed(self, key: str, message: str) -> None:
        if key and key == self._preview_key:
            self.preview.setPixmap(placeholder(PREVIEW - QSize(2, 2), broken=True))
            path = self.selected_path()
            if path is not None and image_key(path, PREVIEW) == key:
                self._show_warnings(path, message)

    # -- choosing -------------------------------------------------------------------------

    def choose(self, path: Path | None) -> bool:
        """Make `path` (None: no thumbnail) the teaser's thumbnail, as one undoable step."""
        try:
            src = None if path is None else src_for(self.site, path)
        except BlogEditorError as exc:
            self.warnings.setText(f"⚠ {exc}")
            return False
        index = self._teaser_index()
        if index is None:
            self.warnings.setText(f"⚠ {self.link} is no longer on the homepage.")
            return False
        if not self.document.apply("Change thumbnail", lambda hp: hp.set_thumbnail(index, src)):
            return False
        self.current_src, self.current_path = src, path
        self.model.set_current(path)
        self._show_current()
        self.chosen.emit(path)
        return True

    def _teaser_index(self) -> int | None:
        """The teaser's index now: the homepage may have changed (say, reloaded from disk)."""
        teasers = self.document.homepage.teasers
        if 0 <= self.index < len(teasers) and teasers[self.index].link == self.link:
            return self.index
        found = self.document.homepage.index_of_link(self.link)
        if found is not None:
            self.index = found
        return found

    def accept_choice(self) -> None:
        if self.choose(self.selected_path()):
            self.accept()

    # -- bringing images in ---------------------------------------------------------------

    def import_files(self, files: Iterable[Path]) -> list[Path]:
        """Copy image files into the article folder; the last one is selected. Errors shown."""
        created: list[Path] = []
        errors: list[str] = []
        for file in files:
            try:
                created.append(images.import_image(Path(file), self.bundle))
            except BlogEditorError as exc:
                errors.append(str(exc))
        if created:
            if self.scope.currentIndex() != 0:
                self.scope.setCurrentIndex(0)
            self.show_article_images(select=created[-1])
        if errors:
            self.warnings.setText("\n".join(f"⚠ {e}" for e in errors))
        return created

    def import_dialog(self) -> list[Path]:
        files, _filter = QFileDialog.getOpenFileNames(
            self, "Import Image", str(Path.home()), IMAGE_FILTER)
        return self.import_files(Path(f) for f in files)

    def paste(self) -> list[Path]:
        """Ctrl+V in the picker: the clipboard's image (or image files) join the folder."""
        files, image = clipboard_images()
        if files:
            return self.import_files(files)
        if image is None:
            self.warnings.setText("⚠ The clipboard holds no image.")
            return []
        data, ext = encode_pasted_image(image)
        try:
            created = images.add_image_bytes(data, self.bundle, ext)
        except BlogEditorError as exc:
            self.warnings.setText(f"⚠ {exc}")
            return []
        if self.scope.currentIndex() != 0:
            self.scope.setCurrentIndex(0)
        self.show_article_images(select=created)
        return [created]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.viewport() and event.type() in (
                QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            if event.type() == QEvent.Type.Drop:
                self.dropEvent(event)  # type: ignore[arg-type]
            else:
                self.dragEnterEvent(event)  # type: ignore[arg-type]
            return True
        return super().eventFilter(watched, event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # also DragMove
        if image_paths_from_urls(event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = image_paths_from_urls(event.mimeData().urls())
        if files:
            event.acceptProposedAction()
            self.import_files(files)

    def done(self, result: int) -> None:
        self._settle_timer.stop()
        self.loader.set_paused(False)
        self._stop_lister()
        self.model.set_paths([])
        super().done(result)
