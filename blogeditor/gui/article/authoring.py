"""The authoring cycle in the main window: article tab, Publish/Unpublish, teaser from
article, titles in line, New Post, and the Problems dock.

Built by gui/window/features.py, it puts a tab bar over the editor column (Teaser |
Article), a matching switch in the preview column, the actions in the Post/View/Tools
menus, New Post…, and the Problems dock at the bottom. The homepage changes go through
``window.document.apply`` (one undo step each); article files are written atomically
with a backup. Every question goes through an ``ask_*`` method so tests can answer it.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence, QTextCursor
from PySide6.QtWidgets import QMessageBox, QStackedWidget, QTabWidget

from blogeditor.core.article.article import Article
from blogeditor.core.errors import BlogEditorError
from blogeditor.core.homepage.publish import (
    save_article,
    set_visible_limit,
    teaser_body_from_summary,
    visible_limit,
)
from blogeditor.gui.article import authoring_dialogs as dialogs
from blogeditor.gui.article import publishing
from blogeditor.gui.article.article_editor import ArticleEditor
from blogeditor.gui.context import AppContext
from blogeditor.gui.images.thumbnail_picker import ThumbnailActions
from blogeditor.gui.posts.new_post_dialog import NewPostDialog
from blogeditor.gui.problems.problems_panel import DockPlacement, Entry, ProblemsPanel, line_in_teaser
from blogeditor.gui.spelling.spell_source import SpellSource
from blogeditor.gui.spelling.spell_ui import SpellController
from blogeditor.gui.sync.sync import SyncController
from blogeditor.gui.window.closing import UnsavedDocument
from blogeditor.gui.window.editor_status import EditorStatus

if TYPE_CHECKING:
    from blogeditor.gui.window.main_window import MainWindow

log = logging.getLogger(__name__)

TEASER_TAB, ARTICLE_TAB = 0, 1


class Authoring(QObject):
    def __init__(self, ctx: AppContext, window: MainWindow, *, spell: SpellController,
                 sync: SyncController, thumbnails: ThumbnailActions) -> None:
        super().__init__(window)
        self.ctx, self.window = ctx, window
        self.spell, self.thumbnails = spell, thumbnails
        self.article = ArticleEditor(window, dark=ctx.dark)
        # The one site watcher also tells the open article that it changed on disk.
        sync.site_files_changed.connect(self.article.files_changed)
        self.problems = ProblemsPanel(window, defer=ctx.when_typing_pauses)
        self._article_index: int | None = None
        self.article_spell: SpellSource | None = None
        self._build_layout()
        self._create_actions()
        self._connect()
        self.update_actions()

    # -- layout --------------------------------------------------------------------------
    def _build_layout(self) -> None:
        w = self.window
        splitter = w.splitter
        self.tabs = QTabWidget(w)
        self.tabs.setObjectName("editorTabs")
        self.tabs.setDocumentMode(True)
        index = splitter.indexOf(w.editor)
        splitter.replaceWidget(index, self.tabs)
        self.tabs.addTab(w.editor, "Teaser")
        self.tabs.addTab(self.article, "Article")
        self.preview_stack = QStackedWidget(w)
        index = splitter.indexOf(w.preview)
        splitter.replaceWidget(index, self.preview_stack)
        self.preview_stack.addWidget(w.preview)
        self.preview_stack.addWidget(self.article.preview_widget)
        self.problems_placement = DockPlacement(self.ctx, w, self.problems, self.spell)
        self.highlight_spelling()
        self.spell.vocabulary_learned.connect(self.highlight_spelling)

    def highlight_spelling(self) -> None:
        """Underline misspellings in the article too, with the window's checker.

        A SpellSource tracks one document's line states, so the article editor gets its own,
        fed the same checker (language, word lists, site vocabulary) as the teaser editor.
        """
        checker = self.spell.checker
        if self.article_spell is None:
            self.article_spell = SpellSource(self.article.editor, self.article.highlighter,
                                             checker, self)
            self.article.highlighter.spell_source = self.article_spell
        elif self.article_spell.checker is not checker:
            self.article_spell.set_checker(checker)

    def _create_actions(self) -> None:
        w = self.window

        def action(text: str, slot: Any, tip: str, shortcut: str | None = None) -> QAction:
            act = QAction(text, w)
            act.setStatusTip(tip)
            if shortcut:
                act.setShortcut(QKeySequence(shortcut))
            act.triggered.connect(slot)
            return act

        self.publish_action = action("&Publish", self.publish,
                                     "Show the teaser and mark the article as not a draft",
                                     "Ctrl+Shift+P")
        self.unpublish_action = action("U&npublish", self.unpublish,
                                       "Hide the teaser and mark the article as a draft")
        self.fill_action = action("&Fill Teaser from Article", self.fill_teaser,
                                  "Replace the teaser text with the article's summary "
                                  "(the text above <!--more-->)")
        self.article_title_action = action("Use &Article Title", self.use_article_title,
                                           "Give the teaser the article's title")
        self.teaser_title_action = action("Use &Teaser Title", self.use_teaser_title,
                                          "Give the article the teaser's title")
        self.save_article_action = action("Save &Article", self.save_article,
                                          "Save the article being edited", "Ctrl+Alt+S")
        self.show_article_action = action("Edit A&rticle", self.toggle_article_tab,
                                          "Switch between the teaser and its article",
                                          "Ctrl+Shift+A")
        self.limit_action = action("&Visible Posts on Homepage…", self.edit_visible_limit,
                                   "How many posts the homepage shows; Publish offers to hide "
                                   "the oldest beyond it")
        post = w.menus["post"]
        post.addSeparator()
        for act in (self.publish_action, self.unpublish_action, None, self.fill_action,
                    self.article_title_action, self.teaser_title_action):
            if act is None:
                post.addSeparator()
            else:
                post.addAction(act)
        file_menu = w.menus["file"]
        actions = file_menu.actions()
        at = actions.index(w.commands.save) + 1 if w.commands.save in actions else len(actions)
        if at < len(actions):  # right after Save
            file_menu.insertAction(actions[at], self.save_article_action)
        else:
            file_menu.addAction(self.save_article_action)
        view = w.menus["view"]
        view.addSeparator()
        view.addAction(self.show_article_action)
        toggle = self.problems.toggleViewAction()
        toggle.setText("&Problems")
        toggle.setShortcut(QKeySequence("Ctrl+Shift+M"))
        view.addAction(toggle)
        w.menus["tools"].addAction(self.limit_action)
        w.list_view.menu_actions += [None, self.publish_action, self.unpublish_action]

    def _connect(self) -> None:
        w, ctx = self.window, self.ctx
        ctx.current_post_changed.connect(self._on_current_post)
        ctx.site_opened.connect(self._on_site_opened)
        ctx.site_closing.connect(self._on_site_closing)
        w.commands.save.triggered.connect(self._save_article_too)
        w.commands.new_post.triggered.connect(self.new_post)
        self.tabs.currentChanged.connect(self._on_tab)
        self.problems.problem_activated.connect(self.jump_to)
        self.article.status_message.connect(lambda m: w.status(m, 8000))
        self.article.dirty_changed.connect(self._on_article_dirty)
        self.article.editor.textChanged.connect(lambda: self._status_follows(text=True))
        self.article.editor.textChanged.connect(ctx.typed)
        self.article.editor.cursorPositionChanged.connect(self._status_follows)
        self.article.saved.connect(self._on_article_saved)
        self.article.preview_widget.internal_link_clicked.connect(w.select_link)
        ctx.unsaved_sources.append(self._unsaved_article)
        ctx.site_files_changed.connect(self.problems.files_changed)
        ctx.closed.connect(self._shutdown)

    def _status_follows(self, *, text: bool = False) -> None:
        if self._article_tab():
            self.window.status_source_changed(text=text)

    # -- state ---------------------------------------------------------------------------
    def current_index(self) -> int | None:
        return self.window.current_index()

    def _teaser(self, index: int) -> Any:
        doc = self.window.document
        assert doc is not None
        return doc.homepage.teaser(index)

    def update_actions(self) -> None:
        index = self.current_index()
        doc = self.window.document
        has = doc is not None and index is not None
        hidden = bool(has and self._teaser(index).hidden)  # type: ignore[arg-type]
        self.publish_action.setEnabled(has)
        self.unpublish_action.setEnabled(has and not hidden)
        for act in (self.fill_action, self.article_title_action, self.teaser_title_action,
                    self.show_article_action):
            act.setEnabled(has)
        self.limit_action.setEnabled(doc is not None)
        self.save_article_action.setEnabled(self.article.is_dirty())

    def _on_article_dirty(self, dirty: bool) -> None:
        self.tabs.setTabText(ARTICLE_TAB, "Article •" if dirty else "Article")
        self.save_article_action.setEnabled(dirty)
        if self._article_tab():
            self.window.status_source_changed(dirty=True)

    def _article_tab(self) -> bool:
        return self.tabs.currentIndex() == ARTICLE_TAB

    def _on_article_saved(self, _path: Path) -> None:
        self.problems.schedule()
        self._refresh_list()

    def _refresh_list(self) -> None:
        """An article changed: the list's draft badges, drift marks and problems follow."""
        model = self.window.list_model
        model.refresh_extras_soon()
        rows = model.rowCount()
        if rows:
            model.dataChanged.emit(model.index(0, 0), model.index(rows - 1, 0))

    # -- site lifecycle ------------------------------------------------------------------
    def _on_site_opened(self, site: Any) -> None:
        self.problems.set_source(site, self.window.document)
        doc = self.window.document
        if doc is not None:
            doc.changed.connect(self.update_actions)
        self.highlight_spelling()

    def _unsaved_article(self) -> list[UnsavedDocument]:
        if not self.article.is_dirty():
            return []
        name = self.article.path.parent.name if self.article.path else "article"
        # Discarding needs nothing more: the article is closed with the site right after.
        return [UnsavedDocument(f"the article {name}", self.article.save, lambda: None)]

    def _on_site_closing(self) -> None:
        # The window's close question (maybe_save) has already covered an unsaved article.
        self.article.close_article()
        self._article_index = None
        self.problems.set_source(None, None)

    def _shutdown(self) -> None:
        self.problems.shutdown()
        self.article.shutdown()
        if self.article_spell is not None:
            self.article_spell.shutdown()

    # -- the article tab -----------------------------------------------------------------
    def _on_current_post(self, index: int) -> None:
        self.update_actions()
        if self.tabs.currentIndex() == ARTICLE_TAB:
            self.load_article(None if index < 0 else index)

    def _on_tab(self, tab: int) -> None:
        self.preview_stack.setCurrentIndex(tab)
        if tab == ARTICLE_TAB:
            self.load_article(self.current_index())
            self.article.editor.setFocus()
        # The status bar speaks for the tab in front: the article's words and saved state.
        self.window.set_status_source(
            EditorStatus("Article", self.article.editor, self.article.is_dirty)
            if tab == ARTICLE_TAB else None)

    def show_article_tab(self) -> None:
        self.tabs.setCurrentIndex(ARTICLE_TAB)
        self.load_article(self.current_index())

    def toggle_article_tab(self) -> None:
        if self.tabs.currentIndex() == ARTICLE_TAB:
            self.tabs.setCurrentIndex(TEASER_TAB)
        else:
            self.show_article_tab()

    def load_article(self, index: int | None) -> None:
        """Open teaser ``index``'s article in the tab (asking about unsaved edits first)."""
        w = self.window
        site, doc = w.site, w.document
        path = None
        if site is not None and doc is not None and index is not None:
            path = site.article_path(self._teaser(index).link)
        if path is not None and path == self.article.path:
            self._article_index = index
            return
        if self.article.is_dirty() and self.ask_save_article() == QMessageBox.StandardButton.Save:
            self.article.save()
        self._article_index = index
        if index is None or site is None or doc is None:
            self.article.close_article("Select a post to edit its article.")
        elif path is None:
            link = self._teaser(index).link
            where = site.bundle_dir(link)
            with contextlib.suppress(ValueError):
                where = where.relative_to(site.root)
            self.article.close_article(f"No article for {link}: nothing at {where}/_index.md, "
                                       "index.md or .md.")
        else:
            self.article.open(site, path)

    def save_article(self) -> bool:
        return self.article.save()

    def _save_article_too(self) -> None:
        if self.article.is_dirty():
            self.article.save()

    # -- reading the article behind a teaser ---------------------------------------------
    def _article_for(self, index: int) -> tuple[Path | None, Article | None]:
        """The teaser's article, as the editor shows it when open there, else from disk."""
        w = self.window
        if w.site is None:
            return None, None
        path = w.site.article_path(self._teaser(index).link)
        if path is None:
            return None, None
        if path == self.article.path:
            article = self.article.current_article()
            if article is None:
                raise BlogEditorError("the article's front matter is broken; fix it first")
            return path, article
        return path, Article.load(path)

    def _write_article(self, path: Path, fields: dict[str, object], new_text: str | None) -> bool:
        """Change an article: through the editor when it is open there, else on disk."""
        w = self.window
        if path == self.article.path:
            return self.article.set_fields(**fields) and self.article.save()
        if new_text is None:
            new_text = Article.load(path).with_fields(**fields)
        if w.site is None:
            return False
        try:
            save_article(w.site, path, new_text)
        except BlogEditorError as exc:
            w.show_error("Cannot save the article", str(exc))
            return False
        self._on_article_saved(path)
        return True

    # -- publishing (gui/article/publishing.py) --------------------------------------------
    def publish(self) -> bool:
        return publishing.publish(self)

    def unpublish(self) -> bool:
        return publishing.unpublish(self)

    def article_saved_first(self) -> bool:
        """Publishing writes the article from disk: unsaved edits of it in the tab go first."""
        self.article.form.flush()
        return not self.article.is_dirty() or self.article.save()

    def edit_visible_limit(self) -> None:
        w = self.window
        if w.site is None or w.document is None:
            return
        current = visible_limit(w.site, w.document.homepage)
        value = self.ask_visible_limit(current)
        if value is None:
            return
        try:
            set_visible_limit(w.site, value)
        except BlogEditorError as exc:
            w.show_error("Cannot change the setting", str(exc))
            return
        w.status(f"The homepage shows {value} posts; Publish offers to hide older ones.")

    # -- teaser and article in line ------------------------------------------------------
    def _selected_article(self) -> tuple[int, Article | None] | None:
        """The selected post and its article; None (with the error shown) when there is none."""
        index = self.current_index()
        if index is None or self.window.document is None:
            return None
        try:
            return index, self._article_for(index)[1]
        except BlogEditorError as exc:
            self.window.show_error("Cannot read the article", str(exc))
            return None

    def fill_teaser(self) -> bool:
        w, doc = self.window, self.window.document
        found = self._selected_article()
        if found is None or doc is None:
            return False
        index, article = found
        if article is None:
            w.status("This post has no article to take the summary from.")
            return False
        if article.summary is None:
            w.status("The article has no <!--more--> line, so it has no summary to copy.", 8000)
            return False
        teaser = self._teaser(index)
        body = teaser_body_from_summary(article.summary, teaser.link)
        ok = doc.apply(f"Fill “{teaser.title}” from its article",
                       lambda hp: hp.set_body(index, body))
        if ok:
            w.status("The teaser text is now the article's summary.")
        return ok

    def use_article_title(self) -> bool:
        doc = self.window.document
        found = self._selected_article()
        if found is None or doc is None:
            return False
        index, article = found
        if article is None or not article.title:
            self.window.status("The article has no title to use.")
            return False
        title = article.title
        return doc.apply(f"Use the article title “{title}”", lambda hp: hp.set_title(index, title))

    def use_teaser_title(self) -> bool:
        w = self.window
        index = self.current_index()
        if index is None or w.site is None:
            return False
        teaser = self._teaser(index)
        path = w.site.article_path(teaser.link)
        if path is None:
            w.status("This post has no article to rename.")
            return False
        if path == self.article.path and self.article.is_dirty():
            return self.article.set_fields(title=teaser.title)  # joins the unsaved edits
        try:
            return self._write_article(path, {"title": teaser.title}, None)
        except BlogEditorError as exc:
            w.show_error("Cannot change the article", str(exc))
            return False

    # -- problems ------------------------------------------------------------------------
    def jump_to(self, entry: Entry) -> None:
        """Select the problem's post and put the cursor on the spot."""
        w = self.window
        doc = w.document
        if doc is None:
            return
        if entry.position is None or not 0 < entry.position <= len(doc.homepage):
            w.status(entry.message, 8000)
            return
        index = entry.position - 1
        w.select_index(index)
        if entry.in_article:
            self.show_article_tab()
            article = self.article.current_article()
            if article is not None:
                key = "draft" if entry.kind == "draft-visible" or entry.kind == "ready-hidden" \
                    else "date"
                line = article.line_of(key) or article.line_of("draft") or 1
                self.article.go_to_line(line)
            w.status(entry.message, 8000)
            return
        self.tabs.setCurrentIndex(TEASER_TAB)
        teaser = doc.homepage.teaser(index)
        line, column = line_in_teaser(entry, teaser)
        block = w.editor.document().findBlockByNumber(max(line - 1, 0))
        if block.isValid():
            cursor = QTextCursor(block)
            cursor.movePosition(QTextCursor.MoveOperation.Right,
                                n=min(max(column - 1, 0), max(block.length() - 1, 0)))
            w.editor.setTextCursor(cursor)
            w.editor.ensureCursorVisible()
        w.editor.setFocus()
        w.status(entry.message, 8000)

    # -- New Post… -----------------------------------------------------------------------
    def new_post_dialog(self) -> NewPostDialog:
        """The New Post dialog, wired to open what it creates (not shown yet)."""
        dialog = NewPostDialog(self.ctx, self.window, can_pick=True)
        dialog.post_created.connect(self._on_post_created)
        return dialog

    def new_post(self) -> None:
        if self.ctx.site is not None and self.ctx.homepage is not None:
            self.new_post_dialog().exec()

    def _on_post_created(self, link: str, pick_thumbnail: bool) -> None:
        self.window.select_index(0)
        self.show_article_tab()
        self.ctx.status(f"Created {link} (hidden on the homepage until you publish it)")
        if pick_thumbnail:
            self.thumbnails.open_picker(0)

    # -- questions (tests replace these) -------------------------------------------------
    def ask_save_article(self, cancel: bool = False) -> QMessageBox.StandardButton:
        name = self.article.path.parent.name if self.article.path else "the article"
        return dialogs.ask_save_article(self.window, name, cancel=cancel)

    def ask_set_date(self, issue: str) -> bool | None:
        """True: set the date to now; False: keep it; None: cancel publishing."""
        return dialogs.ask_set_date(self.window, issue)

    def ask_retire(self, titles: list[str]) -> str | None:
        """"hide", "remove" or None (keep them) for the oldest posts beyond the limit."""
        return dialogs.ask_retire(self.window, titles)

    def ask_visible_limit(self, current: int) -> int | None:
        return dialogs.ask_visible_limit(self.window, current)
