"""The main window: post list | teaser editor | live preview, and the site's lifecycle.

The window builds its own widgets (list, editor, preview, menus, status bar), keeps the
open site and its homepage session in the AppContext (``gui/context.py``) and announces the
site's lifecycle through the context's signals. The features (spell-check, the disk watcher,
the picker, the Article tab, history) are built once, after the widgets, by
``gui/window/features.py``; the window knows them only as ``self.features``.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from blogeditor.core.errors import BlogEditorError
from blogeditor.core.site.site import Site
from blogeditor.gui import icons
from blogeditor.gui.context import AppContext
from blogeditor.gui.editor import recovery
from blogeditor.gui.editor.document import HomepageDocument
from blogeditor.gui.editor.editor import EditorBinding, MarkdownEditor
from blogeditor.gui.editor.markdown_highlighter import MarkdownHighlighter
from blogeditor.gui.images.image_loader import ImageLoader
from blogeditor.gui.posts.post_list_model import PostListModel
from blogeditor.gui.posts.post_list_view import PostListView
from blogeditor.gui.posts.post_ops import PostOperations
from blogeditor.gui.preview.preview_pane import PreviewPane
from blogeditor.gui.window.actions import build_menus, build_toolbar, create_actions
from blogeditor.gui.window.editor_status import EditorStatus, EditorStatusFields
from blogeditor.gui.window.features import Features, install_features
from blogeditor.gui.window.saving import HomepageSaving
from blogeditor.gui.window.view_controls import ViewControls
from blogeditor.gui.window.welcome import WelcomePanel

log = logging.getLogger(__name__)

RECOVERY_INTERVAL_MS = 5000


class MainWindow(QMainWindow):
    def __init__(
        self, parent: QWidget | None = None, *, ctx: AppContext | None = None,
        dark: bool = False, features: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.ctx = ctx if ctx is not None else AppContext(parent=self)
        self.ctx.dark = dark
        self.ctx.dialogs.parent = self
        self.ctx.status_message.connect(self.status)
        self._syncing = False
        self._shown_index = -1

        self.list_model = PostListModel(self, defer=self.ctx.when_typing_pauses)
        self.list_view = PostListView(self.list_model, self)
        self.image_loader = ImageLoader(self)
        self.list_model.set_image_loader(self.image_loader)
        self.editor = MarkdownEditor(self)
        self.highlighter = MarkdownHighlighter(self.editor.document(), dark=dark)
        self.binding = EditorBinding(self.editor, self)
        self.saving = HomepageSaving(self.ctx, self.binding, self)
        self.preview_pane = PreviewPane(self.editor, self.binding, dark=dark, parent=self)
        self.preview = self.preview_pane.widget
        self.commands = create_actions(self)
        self.posts = PostOperations(self.ctx, self.list_view, self.editor, self.current_index,
                                    self.select_index)
        self.recent_menu = QMenu("Open &Recent", self)
        self.menus: dict[str, QMenu] = build_menus(self, self.commands, self.recent_menu)
        self.toolbar = build_toolbar(self, self.commands)
        self.view_controls = ViewControls(self.ctx, self, self.menus["view"], [
            ("Go to Post &List", "Ctrl+1", lambda: self.list_view),
            ("Go to &Editor", "Ctrl+2", self._visible_editor),
            ("Go to &Preview", "Ctrl+3", lambda: self.preview),
        ], self.apply_theme)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.list_view)
        self.splitter.addWidget(self.editor)
        self.splitter.addWidget(self.preview)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 1)
        self.welcome = WelcomePanel(self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.splitter)
        self.setCentralWidget(self.stack)

        self.status_fields = EditorStatusFields(
            self.statusBar(), self.editor, lambda: self.binding.index is not None)

        self._recovery_timer = QTimer(self, interval=RECOVERY_INTERVAL_MS)
        self._recovery_timer.timeout.connect(self.saving.write_recovery)
        self._recovery_timer.start()

        self._connect()
        self._update_all()
        self.features: Features | None = install_features(self.ctx, self) if features else None
        # After the features: their docks and toolbars take part in the saved layout.
        self._restore_settings()

    @property
    def site(self) -> Site | None:
        return self.ctx.site

    @property
    def document(self) -> HomepageDocument | None:
        """The homepage session being edited (kept in the context, the one place for it)."""
        return self.ctx.homepage

    @property
    def dark(self) -> bool:
        return self.ctx.dark

    # ------------------------------------------------------------------ wiring
    def _connect(self) -> None:
        a = self.commands
        a.open_site.triggered.connect(self.choose_site)
        a.open_demo.triggered.connect(self.open_demo_site)
        a.save.triggered.connect(self.save)
        a.revert.triggered.connect(self.revert)
        a.quit.triggered.connect(self.close)
        a.undo.triggered.connect(self.undo)
        a.redo.triggered.connect(self.redo)
        a.show_hidden.toggled.connect(self.set_show_hidden)
        a.about.triggered.connect(self.ctx.dialogs.about)
        self.posts.connect_actions(a)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.welcome.open_site_clicked.connect(self.choose_site)
        self.welcome.open_demo_clicked.connect(self.open_demo_site)
        self.welcome.open_recent_clicked.connect(self.open_recent)
        self.list_view.selectionModel().currentChanged.connect(self._on_current_changed)
        self.list_model.move_requested.connect(self.posts.move)
        self.list_model.modelReset.connect(self._update_actions)
        self.editor.textChanged.connect(self._on_editor_text_changed)
        self.editor.textChanged.connect(self.ctx.typed)
        self.editor.cursorPositionChanged.connect(self.status_fields.update_position)
        self.binding.commit_failed.connect(lambda msg: self.status(f"Not applied yet: {msg}", 0))
        self.binding.text_committed.connect(self.statusBar().clearMessage)
        self.preview_pane.link_clicked.connect(self._on_preview_link)
        self.editor.verticalScrollBar().valueChanged.connect(self._sync_preview_scroll)

    # ------------------------------------------------------------------ what features ask
    def status(self, message: str, timeout_ms: int = 5000) -> None:
        self.statusBar().showMessage(message, timeout_ms)

    def show_error(self, title: str, message: str) -> None:
        self.ctx.dialogs.show_error(title, message)

    def save(self) -> bool:
        return self.saving.save()

    def maybe_save(self) -> bool:
        return self.saving.maybe_save()

    def revert(self) -> None:
        self.saving.revert()

    def undo(self) -> None:
        self.saving.undo()

    def redo(self) -> None:
        self.saving.redo()

    def current_index(self) -> int | None:
        """The edited teaser's position, or None while it is not (or no longer) on the homepage.

        Between a change to the homepage and the binding following it (other slots of the same
        signal run first), the binding's position can name another post or none at all.
        """
        doc, index = self.document, self.binding.index
        if doc is None or index is None or index >= len(doc.homepage):
            return None
        if doc.homepage.teaser(index).link != self.binding.link:
            return None
        return index

    def select_index(self, index: int | None) -> None:
        """Select homepage teaser ``index`` in the list (showing hidden posts if needed)."""
        if (index is not None and self.document is not None
                and not self.list_view.view_index(index).isValid()):
            self.commands.show_hidden.setChecked(True)
        self.list_view.select_teaser(index)

    def select_link(self, link: str) -> None:
        if self.document is None:
            return
        index = self.document.homepage.index_of_link(link)
        if index is None:
            self.status(f"No teaser on the homepage links to {link}")
            return
        self.select_index(index)

    # ------------------------------------------------------------------ sites
    def choose_site(self) -> bool:
        start = str(self.site.root) if self.site else str(Path.home())
        folder = QFileDialog.getExistingDirectory(self, "Open Hugo Site", start)
        return self.open_site(folder) if folder else False

    def open_demo_site(self) -> bool:
        try:
            from blogeditor.core.site.demo import demo_site_path

            path = demo_site_path()
        except BlogEditorError as exc:
            self.show_error("Cannot open the demo site", str(exc))
            return False
        return self.open_site(path)

    def open_recent(self, path: str) -> bool:
        """Open a site from Open Recent; one that is gone leaves the list."""
        if self.open_site(path):
            return True
        if not Path(path).exists():
            self.ctx.settings.remove_recent_site(path)
            self.welcome.set_recent(self.ctx.settings.recent_sites())
        return False

    def open_site(self, path: str | Path) -> bool:
        """Open the site at ``path``; False (with a message, nothing changed) if it cannot be."""
        try:
            site = Site.find(path)
            document = HomepageDocument(site)
        except BlogEditorError as exc:
            self.show_error("Cannot open this site", str(exc))
            return False
        except OSError as exc:
            self.show_error("Cannot open this site", f"{path}: {exc.strerror or exc}")
            return False
        if not self.close_site():
            document.deleteLater()
            return False
        self._set_document(site, document)
        self.saving.offer_recovery()
        self.ctx.settings.add_recent_site(site.root)
        self.ctx.settings.set_last_site(site.root)
        self.ctx.site_opened.emit(site)
        self.select_index(0 if len(document.homepage) else None)
        return True

    def close_site(self) -> bool:
        """Ask about unsaved work and close the site; False when the author cancels."""
        if self.document is None:
            return True
        if not self.maybe_save():
            return False
        self.ctx.site_closing.emit()
        recovery.discard(self.document.path)
        old = self.document
        self._set_document(None, None)
        old.deleteLater()
        return True

    def _set_document(self, site: Site | None, document: HomepageDocument | None) -> None:
        self.ctx.site = site
        self.ctx.homepage = document
        self.saving.recovery_written = None
        self.list_model.set_document(document)
        self.binding.set_document(document)
        self.preview_pane.set_site(site)
        if document is not None:
            document.changed.connect(self._on_document_changed)
            document.dirty_changed.connect(self._update_title)
            document.error.connect(lambda msg: self.status(msg, 8000))
            document.saved.connect(lambda: self.status("Saved", 3000))
            stack = document.undo_stack
            stack.canUndoChanged.connect(self._update_actions)
            stack.canRedoChanged.connect(self._update_actions)
            stack.undoTextChanged.connect(self._update_actions)
            stack.redoTextChanged.connect(self._update_actions)
            self.list_view.empty_text = (
                "This homepage has no teasers yet.\nUse Post ▸ New Post… to add the first."
            )
        else:
            self.list_view.empty_text = "No site open."
        self.stack.setCurrentIndex(1 if document is not None else 0)
        self._set_current(None)
        self._update_all()

    # ------------------------------------------------------------------ selection & sync
    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing:
            return
        index = self.list_view.teaser_index(current)
        if index != self.binding.index:
            if self.binding.pending and not self.binding.commit():
                # Keep the author on the text the homepage refused rather than lose it.
                QTimer.singleShot(0, self._reselect_edited)
                self.status(f"Fix this teaser first: {self.binding.last_error}", 8000)
                return
            self.binding.load(index)
        self._set_current(self.binding.index)

    def _reselect_edited(self) -> None:
        self._syncing = True
        try:
            self.list_view.select_teaser(self.binding.index)
        finally:
            self._syncing = False

    def _on_document_changed(self) -> None:
        if self.binding.committing:
            self._update_all()
            return
        previous = self.binding.index
        index = self.binding.follow()
        doc = self.document
        if index is None and previous is not None and doc is not None and len(doc.homepage):
            index = min(previous, len(doc.homepage) - 1)
        self._syncing = True
        try:
            self.list_view.select_teaser(index)
        finally:
            self._syncing = False
        shown = self.list_view.current_teaser()
        if shown != self.binding.index:
            self.binding.load(shown)
        self._update_title()
        self._set_current(self.binding.index)
        self.preview_pane.schedule()

    def _set_current(self, index: int | None) -> None:
        value = -1 if index is None else index
        self.preview_pane.schedule()
        self._update_actions()
        self._update_counts()
        self._update_position()
        if value != self._shown_index:
            self._shown_index = value
            self.ctx.current_post_changed.emit(value)

    def _on_editor_text_changed(self) -> None:
        self.preview_pane.schedule()
        self.status_fields.count_soon()

    def _on_preview_link(self, link: str) -> None:
        if self.site is not None and link.startswith("/") and Path(link).is_absolute():
            # A file path (an image or article in the content folder) names a post too.
            with contextlib.suppress(ValueError):
                link = "/" + Path(link).relative_to(self.site.content_dir).as_posix()
        self.select_link(link)

    def _sync_preview_scroll(self) -> None:
        bar = self.editor.verticalScrollBar()
        span = bar.maximum() - bar.minimum()
        self.preview_pane.scroll_to_fraction((bar.value() - bar.minimum()) / span if span else 0.0)

    def set_show_hidden(self, flag: bool) -> None:
        self.list_view.proxy.set_show_hidden(flag)
        self.ctx.settings.set_show_hidden(flag)
        if self.commands.show_hidden.isChecked() != flag:
            self.commands.show_hidden.setChecked(flag)
        if self.binding.index is not None:
            self._syncing = True
            try:
                self.list_view.select_teaser(self.binding.index)
            finally:
                self._syncing = False
            if self.list_view.current_teaser() != self.binding.index:
                self.binding.load(self.list_view.current_teaser())
                self._set_current(self.binding.index)

    # ------------------------------------------------------------------ display
    def _update_all(self) -> None:
        self._update_title()
        self._update_actions()
        self._update_counts()
        self._update_position()

    def _update_title(self, *_args: object) -> None:
        doc, fields = self.document, self.status_fields
        if doc is None or self.site is None:
            self.setWindowTitle("BlogEditor")
            self.setWindowModified(False)
            fields.show_saved_state(None)
            return
        self.setWindowTitle(f"{self.site.root.name}[*] — BlogEditor")
        source = fields.source
        self.setWindowModified(doc.is_dirty() or (source is not None and source.dirty()))
        fields.show_saved_state(doc.is_dirty())

    def _update_actions(self, *_args: object) -> None:
        a = self.commands
        doc = self.document
        has_doc = doc is not None
        for action in (a.save, a.revert, a.new_post):
            action.setEnabled(has_doc)
        a.revert.setEnabled(doc is not None and doc.is_dirty())
        stack = doc.undo_stack if doc is not None else None
        a.undo.setEnabled(bool(stack and stack.canUndo()))
        a.redo.setEnabled(bool(stack and stack.canRedo()))
        a.undo.setText(f"&Undo {stack.undoText()}" if stack and stack.canUndo() else "&Undo")
        a.redo.setText(f"&Redo {stack.redoText()}" if stack and stack.canRedo() else "&Redo")
        self.posts.update_actions(a)

    def set_status_source(self, source: EditorStatus | None) -> None:
        """Let the status bar speak for another editor (the Article tab); None: the teaser's."""
        self.status_fields.source = source
        self._update_title()
        self._update_counts()
        self._update_position()

    def status_source_changed(self, *, text: bool = False, dirty: bool = False) -> None:
        """The status source's text (counted after a pause), cursor or saved state changed."""
        if text:
            self.status_fields.count_soon()
        if dirty:
            self._update_title()
        self._update_position()

    def _update_counts(self) -> None:
        self.status_fields.update_counts()

    def _update_position(self) -> None:
        self.status_fields.update_position()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        sites = self.ctx.settings.recent_sites()
        for site in sites:
            action = self.recent_menu.addAction(site)
            action.triggered.connect(lambda _=False, s=site: self.open_recent(s))
        if not sites:
            self.recent_menu.addAction("No recent sites").setEnabled(False)

    def refresh_site_state(self) -> None:
        """Articles or images changed on disk: re-read states, thumbnails and problems."""
        self.list_model.refresh_site_state()
        self.ctx.site_files_changed.emit()
        self.preview_pane.render()

    def _visible_editor(self) -> QWidget | None:
        # The homepage editor, or the article's when the Article tab has taken its place.
        if self.editor.isVisible():
            return self.editor
        for editor in self.stack.findChildren(QPlainTextEdit):
            if editor.isVisible() and not editor.isReadOnly():
                return editor
        return None

    def apply_theme(self, dark: bool) -> None:
        """Follow a colour scheme change: icons, highlighting and preview."""
        self.ctx.dark = dark
        icons.clear_cache()
        self.commands.refresh_icons()
        self.welcome.refresh_icons()
        self.highlighter.set_dark(dark)
        self.preview_pane.set_dark(dark)
        self.list_view.viewport().update()

    # ------------------------------------------------------------------ settings & close
    def _restore_settings(self) -> None:
        settings = self.ctx.settings
        geometry = settings.load_bytes("geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 800)
        state = settings.load_bytes("windowState")
        if state is not None:
            self.restoreState(state)
        sizes = settings.splitter_sizes()
        self.splitter.setSizes(sizes or [320, 480, 480])
        show_hidden = settings.show_hidden()
        self.commands.show_hidden.setChecked(show_hidden)
        self.list_view.proxy.set_show_hidden(show_hidden)
        self.welcome.set_recent(settings.recent_sites())

    def _save_settings(self) -> None:
        settings = self.ctx.settings
        settings.save_bytes("geometry", self.saveGeometry())
        settings.save_bytes("windowState", self.saveState())
        settings.set_splitter_sizes(self.splitter.sizes())

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self._save_settings()
        if self.document is not None:
            self.ctx.site_closing.emit()
            recovery.discard(self.document.path)
            self._set_document(None, None)
        self._recovery_timer.stop()
        self.image_loader.shutdown()
        self.ctx.closed.emit()
        event.accept()
