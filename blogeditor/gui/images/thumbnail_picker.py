"""Thumbnails in the main window: the picker's menu entries, and dropping or pasting images.

``ThumbnailActions`` (built by gui/window/features.py) adds:
- Post > Choose Thumbnail… (Ctrl+T), also in the post list's context menu and in the
  editor's context menu when the editor offers a hook for it;
- Post > Paste Image as Thumbnail;
- dropping image files on a post in the list, or on the editor;
- Ctrl+V in the editor when the clipboard holds an image (or image files) but no text.

What dropping and pasting do (the choice, documented): on the homepage an image is a
teaser's thumbnail, so an image brought onto a post is copied (never moved) into that
post's article folder under the site's naming habit (``thumbnail.jpg``, else the next
``thumbnail-NN.ext``) and made the post's thumbnail, as one undoable step; the file stays
on disk after an undo. A pasted image is saved as PNG (sharp for screenshots) unless that
would pass 1 MB, then as JPEG. Ordinary text pasting is untouched.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QMimeData, QObject, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QDropEvent,
    QGuiApplication,
    QImage,
    QKeyEvent,
    QKeySequence,
)
from PySide6.QtWidgets import QMenu

from blogeditor.core.errors import BlogEditorError
from blogeditor.core.site import images
from blogeditor.gui.context import AppContext
from blogeditor.gui.editor.document import HomepageDocument
from blogeditor.gui.images.image_loader import ImageLoader
from blogeditor.gui.images.picker_dialog import ThumbnailPicker
from blogeditor.gui.images.picker_sources import (
    clipboard_images,
    encode_pasted_image,
    image_paths_from_urls,
    src_for,
)

if TYPE_CHECKING:
    from blogeditor.gui.window.main_window import MainWindow

__all__ = ["ThumbnailActions", "ThumbnailPicker", "encode_pasted_image"]

class ThumbnailActions(QObject):
    """Everything thumbnail-related the main window offers; one per window."""

    def __init__(self, ctx: AppContext, window: MainWindow) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.dialog: ThumbnailPicker | None = None
        self.loader: ImageLoader = window.image_loader
        self.choose_action = QAction("Choose &Thumbnail…", window)
        self.choose_action.setShortcut(QKeySequence("Ctrl+T"))
        self.choose_action.setStatusTip("Pick the selected post's thumbnail among its images")
        self.choose_action.triggered.connect(lambda: self.open_picker())
        self.paste_action = QAction("Paste Image as Thumbnail", window)
        self.paste_action.setStatusTip(
            "Save the image on the clipboard in the post's folder and use it as its thumbnail")
        self.paste_action.triggered.connect(lambda: self.paste_image())
        window.addAction(self.choose_action)
        post_menu = window.menus["post"]
        post_menu.addSeparator()
        post_menu.addAction(self.choose_action)
        post_menu.addAction(self.paste_action)
        window.list_view.context_menu_requested.connect(self._extend_menu)
        window.list_view.viewport().installEventFilter(self)
        # The editor's context menu is built by the editor (or by spell-check, which shows
        # its own); both are QMenus parented to the editor or its viewport, so entries are
        # added to any such menu as soon as it exists, whoever built it.
        window.editor.installEventFilter(self)
        window.editor.viewport().installEventFilter(self)

    def _extend_menu(self, menu: QMenu) -> None:
        if menu.property("blogeditorThumbnail"):
            return
        menu.setProperty("blogeditorThumbnail", True)
        menu.addSeparator()
        menu.addAction(self.choose_action)
        files, image = self._clipboard_images()
        if files or image is not None:
            menu.addAction(self.paste_action)

    # -- the picker -----------------------------------------------------------------------

    def _status(self, message: str) -> None:
        self.ctx.status(message)

    def _target(self, index: int | None = None) -> int | None:
        document = self.ctx.homepage
        if document is None:
            self._status("Open a site first.")
            return None
        if index is None:
            index = self.window.current_index()
        if index is None or not 0 <= index < len(document.homepage):
            self._status("Select a post first.")
            return None
        if document.site is None:
            self._status("This homepage is not inside a Hugo site, so it has no article folders.")
            return None
        return index

    def open_picker(self, index: int | None = None) -> ThumbnailPicker | None:
        """Open the picker for a teaser (default: the selected one), window-modal."""
        index = self._target(index)
        if index is None:
            return None
        if self.dialog is not None:
            self.dialog.reject()
        self.dialog = ThumbnailPicker(self._document(), index, self.loader, self.window)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.destroyed.connect(self._forget_dialog)
        self.ctx.site_files_changed.connect(self.dialog.refresh_images)
        self.dialog.open()
        return self.dialog

    def _forget_dialog(self) -> None:
        self.dialog = None

    # -- bringing images in ---------------------------------------------------------------

    def add_files(self, files: list[Path], index: int | None = None) -> Path | None:
        """Copy image files into teaser `index`'s folder; the last becomes its thumbnail."""
        index = self._target(index)
        if index is None or not files:
            return None
        bundle = self._bundle(index)
        created: Path | None = None
        for file in files:
            try:
                created = images.import_image(file, bundle)
            except BlogEditorError as exc:
                self._status(str(exc))
        return self._use(index, created) if created is not None else None

    def add_image(self, image: QImage, index: int | None = None) -> Path | None:
        """Save a (pasted) image into teaser `index`'s folder and make it the thumbnail."""
        index = self._target(index)
        if index is None or image.isNull():
            return None
        data, ext = encode_pasted_image(image)
        try:
            created = images.add_image_bytes(data, self._bundle(index), ext)
        except BlogEditorError as exc:
            self._status(str(exc))
            return None
        return self._use(index, created)

    def paste_image(self, index: int | None = None) -> Path | None:
        files, image = self._clipboard_images()
        if files:
            return self.add_files(files, index)
        if image is not None:
            return self.add_image(image, index)
        self._status("The clipboard holds no image.")
        return None

    def _document(self) -> HomepageDocument:
        document = self.ctx.homepage
        assert document is not None  # the commands are reached only with a site open (_target)
        return document

    def _bundle(self, index: int) -> Path:
        document = self._document()
        return document.site.bundle_dir(document.homepage.teasers[index].link)

    def _use(self, index: int, created: Path) -> Path:
        document = self._document()
        src = src_for(document.site, created)
        self.loader.forget(created)
        if document.apply("Set thumbnail", lambda hp: hp.set_thumbnail(index, src)):
            self._status(f"Copied {created.name} into the post's folder and made it the "
                         "thumbnail (Undo keeps the file).")
        return created

    @staticmethod
    def _clipboard_images(mime: QMimeData | None = None) -> tuple[list[Path], QImage | None]:
        return clipboard_images(mime)

    # -- events ---------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            return self._drag(watched, event)  # type: ignore[arg-type]
        editor = self.window.editor
        if kind == QEvent.Type.ChildAdded and (
                watched is editor or watched is editor.viewport()):
            # The child is still being constructed here (and wrapping it now would fix its
            # Python type too early): look for new menus once the event loop runs.
            QTimer.singleShot(0, self, self._extend_editor_menus)
        if kind == QEvent.Type.KeyPress and watched is editor:
            key_event: QKeyEvent = event  # type: ignore[assignment]
            if key_event.matches(QKeySequence.StandardKey.Paste):
                mime = QGuiApplication.clipboard().mimeData()
                files, image = self._clipboard_images(mime)
                # Text wins: an image with text alongside (e.g. from a web page) pastes as text.
                if files or (image is not None and not (mime and mime.hasText())):
                    self.paste_image()
                    return True
        return super().eventFilter(watched, event)

    def _extend_editor_menus(self) -> None:
        if self.ctx.homepage is None:
            return
        for menu in self.window.editor.findChildren(QMenu):
            if menu.isVisible():
                self._extend_menu(menu)

    def _drag(self, watched: QObject, event: QDropEvent) -> bool:
        mime = event.mimeData()
        files = image_paths_from_urls(mime.urls()) if mime.hasUrls() else []
        if not files:
            return False  # not ours: internal moves, text drags and the like
        index = self._drop_target(watched, event)
        if index is None:
            event.ignore()
            return True
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        if event.type() == QEvent.Type.Drop:
            self.add_files(files, index)
        return True

    def _drop_target(self, watched: QObject, event: QDropEvent) -> int | None:
        if self.ctx.homepage is None:
            return None
        list_view = self.window.list_view
        if watched is list_view.viewport():
            view_index = list_view.indexAt(event.position().toPoint())
            return list_view.teaser_index(view_index) if view_index.isValid() else None
        return self.window.current_index()
