"""The main window: post list | teaser editor | live preview, and the site's lifecycle.

Seams for other modules (see notes/gui-seams.md): ``document``, ``editor``, ``highlighter``,
``preview``, ``list_view``, ``list_model``, ``menus``, ``status()``, ``current_index()``,
``select_link()``, ``open_site()`` and the signals ``current_post_changed``, ``site_opened``,
``site_closing``. Integrations plug in through ``install(window)`` in their own module.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from blogeditor.core.errors import BlogEditorError
from blogeditor.core.site import Site
from blogeditor.gui import icons, settings
from blogeditor.gui.editor import recovery
from blogeditor.gui.editor.document import HomepageDocument
from blogeditor.gui.editor.editor import EditorBinding, MarkdownEditor, reading_minutes, word_count
from blogeditor.gui.editor.markdown_highlighter import MarkdownHighlighter
from blogeditor.gui.images.image_loader import ImageLoader
from blogeditor.gui.posts.post_list_model import PostListModel
from blogeditor.gui.posts.post_list_view import PostListView
from blogeditor.gui.posts.post_ops import PostOperations
from blogeditor.gui.preview.preview_pane import make_preview
from blogeditor.gui.window.actions import build_menus, build_toolbar, create_actions
from blogeditor.gui.window.closing import UnsavedSource
from blogeditor.gui.window.editor_status import EditorStatus
from blogeditor.gui.window.saving import SavingMixin
from blogeditor.gui.window.view_controls import ViewControls
from blogeditor.gui.window.welcome import WelcomePanel

log = logging.getLogger(__name__)

INTEGRATIONS = ("spelling.spell_ui", "sync.sync", "images.thumbnail_picker", "article.authoring", "sync.restore")
RECOVERY_INTERVAL_MS = 5000


class MainWindow(SavingMixin, QMainWindow):
    current_post_changed = Signal(int)  # homepage teaser index, -1 when none
    site_opened = Signal(object)  # the Site
    site_closing = Signal()
    closed = Signal()  # the window closed for good (after every document agreed)
    site_files_changed = Signal()  # articles or images changed on disk (the site watcher)

    def __init__(
        self, parent: QWidget | None = None, *, dark: bool = False, integrations: bool = True
    ) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.dark = dark
        self.document: HomepageDocument | None = None
        self.site: Site | None = None
        self._syncing = False
        self._shown_index = -1
        self._recovery_written: bytes | None = None
        # Features with documents of their own (the Article tab) add theirs: one close question.
        self.unsaved_sources: list[UnsavedSource] = []
        self.status_source: EditorStatus | None = None

        self.list_model = PostListModel(self)
        self.list_view = PostListView(self.list_model, self)
        self.image_loader = ImageLoader(self)
        self.list_model.set_image_loader(self.image_loader)
        self.editor = MarkdownEditor(self)
        self.highlighter = MarkdownHighlighter(self.editor.document(), dark=dark)
        self.binding = EditorBinding(self.editor, self)
        self.preview_pane = make_preview(self)
        self.preview = self.preview_pane.widget
        self.commands = create_actions(self)
        self.posts = PostOperations(self)
        self.recent_menu = QMenu("Open &Recent", self)
        self.menus: dict[str, QMenu] = build_menus(self, self.commands, self.recent_menu)
        self.toolbar = build_toolbar(self, self.commands)
        self.view_controls = ViewControls(self)

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

        self._words = QLabel(self)
        self._position = QLabel(self)
        self._save_state = QLabel(self)
        for label in (self._words, self._position, self._save_state):
            label.setContentsMargins(8, 0, 8, 0)
            self.statusBar().addPermanentWidget(label)

        self._recovery_timer = QTimer(self, interval=RECOVERY_INTERVAL_MS)
        self._recovery_timer.timeout.connect(self.write_recovery)
        self._recovery_timer.start()
        self._counts_timer = QTimer(self, singleShot=True, interval=250)
        self._counts_timer.timeout.connect(self._update_counts)

        self._connect()
        self._update_all()
        if integrations:
            self._install_integrations()
        # After the integrations: their docks and toolbars take part in the saved layout.
        self._restore_settings()

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
        a.about.triggered.connect(self._about)
        self.posts.connect_actions(a)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.welcome.open_site_clicked.connect(self.choose_site)
        self.welcome.open_demo_clicked.connect(self.open_demo_site)
        self.welcome.open_recent_clicked.connect(self.open_recent)
        self.list_view.selectionModel().currentChanged.connect(self._on_current_changed)
        self.list_model.move_requested.connect(self.posts.move)
        self.list_model.modelReset.connect(self._update_actions)
        self.editor.textChanged.connect(self._on_editor_text_changed)
        self.editor.cursorPositionChanged.connect(self._update_position)
        self.binding.commit_failed.connect(lambda msg: self.status(f"Not applied yet: {msg}", 0))
        self.binding.text_committed.connect(self.statusBar().clearMessage)
        self.preview_pane.link_clicked.connect(self._on_preview_link)
        self.editor.verticalScrollBar().valueChanged.connect(self._sync_preview_scroll)

    def _install_integrations(self) -> None:
        for name in INTEGRATIONS:
            module_name = f"blogeditor.gui.{name}"
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name == module_name:
                    continue  # not written yet
                log.exception("cannot import %s", module_name)
                continue
            except Exception:
                log.exception("cannot import %s", module_name)
                continue
            try:
                module.install(self)
            except Exception:  # one broken integration must not take the editor down
                log.exception("%s.install failed", module_name)
                self.status(f"Part of BlogEditor ({name}) failed to start; see the log.")
        tools = self.menus["tools"]
        tools.menuAction().setVisible(not tools.isEmpty())

    # ------------------------------------------------------------------ seams
    def status(self, message: str, timeout_ms: int = 5000) -> None:
        self.statusBar().showMessage(message, timeout_ms)

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
            from blogeditor.core.demo import demo_site_path

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
            settings.remove_recent_site(path)
            self.welcome.set_recent(settings.recent_sites())
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
        self._offer_recovery()
        settings.add_recent_site(site.root)
        settings.set_last_site(site.root)
        self.site_opened.emit(site)
        self.select_index(0 if len(document.homepage) else None)
        return True

    def close_site(self) -> bool:
        """Ask about unsaved work and close the site; False when the author cancels."""
        if self.document is None:
            return True
        if not self.maybe_save():
            return False
        self.site_closing.emit()
        recovery.discard(self.document.path)
        old = self.document
        self._set_document(None, None)
        old.deleteLater()
        return True

    def _set_document(self, site: Site | None, document: HomepageDocument | None) -> None:
        self.site = site
        self.document = document
        self._recovery_written = None
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
            self.current_post_changed.emit(value)

    def _on_editor_text_changed(self) -> None:
        self.preview_pane.schedule()
        self._counts_timer.start()

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
        settings.set_show_hidden(flag)
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
        doc = self.document
        if doc is None or self.site is None:
            self.setWindowTitle("BlogEditor")
            self.setWindowModified(False)
            self._save_state.setText("")
            return
        self.setWindowTitle(f"{self.site.root.name}[*] — BlogEditor")
        dirty = doc.is_dirty()
        source = self.status_source
        self.setWindowModified(dirty or (source is not None and source.dirty()))
        if source is not None:
            self._save_state.setText(f"{source.label}: unsaved changes" if source.dirty()
                                     else f"{source.label} saved")
        else:
            self._save_state.setText("Unsaved changes" if dirty else "Saved")

    def _update_actions(self, *_args: object) -> None:
        a = self.commands
        doc = self.document
        has_doc = doc is not None
        for action in (a.save, a.revert, a.new_post):
            action.setEnabled(has_doc)
        a.revert.setEnabled(has_doc and doc.is_dirty())  # type: ignore[union-attr]
        stack = doc.undo_stack if doc is not None else None
        a.undo.setEnabled(bool(stack and stack.canUndo()))
        a.redo.setEnabled(bool(stack and stack.canRedo()))
        a.undo.setText(f"&Undo {stack.undoText()}" if stack and stack.canUndo() else "&Undo")
        a.redo.setText(f"&Redo {stack.redoText()}" if stack and stack.canRedo() else "&Redo")
        self.posts.update_actions(a)

    def set_status_source(self, source: EditorStatus | None) -> None:
        """Let the status bar speak for another editor (the Article tab); None: the teaser's."""
        self.status_source = source
        self._update_title()
        self._update_counts()
        self._update_position()

    def status_source_changed(self, *, text: bool = False, dirty: bool = False) -> None:
        """The status source's text (counted after a pause), cursor or saved state changed."""
        if text:
            self._counts_timer.start()
        if dirty:
            self._update_title()
        self._update_position()

    def _update_counts(self) -> None:
        source = self.status_source
        if source is not None:
            from blogeditor.core.render import strip_front_matter  # loaded with the preview

            text = strip_front_matter(source.editor.toPlainText())
        elif self.binding.index is None:
            self._words.setText("")
            return
        else:
            text = self.editor.toPlainText()
        words = word_count(text)
        minutes = reading_minutes(words)
        self._words.setText(f"{words} words · {minutes} min read")

    def _update_position(self) -> None:
        source = self.status_source
        if source is None and self.binding.index is None:
            self._position.setText("")
            return
        line, column = (source.editor if source is not None else self.editor).cursor_position()
        self._position.setText(f"Ln {line}, Col {column}")

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        sites = settings.recent_sites()
        for site in sites:
            action = self.recent_menu.addAction(site)
            action.triggered.connect(lambda _=False, s=site: self.open_recent(s))
        if not sites:
            self.recent_menu.addAction("No recent sites").setEnabled(False)

    def refresh_site_state(self) -> None:
        """Articles or images changed on disk: re-read states, thumbnails and problems."""
        self.list_model.refresh_site_state()
        self.site_files_changed.emit()
        self.preview_pane.render()

    def apply_theme(self, dark: bool) -> None:
        """Follow a colour scheme change: icons, highlighting and preview."""
        self.dark = dark
        icons.clear_cache()
        self.commands.refresh_icons()
        self.welcome.refresh_icons()
        self.highlighter.set_dark(dark)
        self.preview_pane.set_dark(dark)
        self.list_view.viewport().update()

    # ------------------------------------------------------------------ settings & close
    def _restore_settings(self) -> None:
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
        settings.save_bytes("geometry", self.saveGeometry())
        settings.save_bytes("windowState", self.saveState())
        settings.set_splitter_sizes(self.splitter.sizes())

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self._save_settings()
        if self.document is not None:
            self.site_closing.emit()
            recovery.discard(self.document.path)
            self._set_document(None, None)
        self._recovery_timer.stop()
        self.image_loader.shutdown()
        self.closed.emit()
        event.accept()
