"""Spell-check in the main window: underlines, context menu, F7, Language menu, vocabulary.

Built by gui/window/features.py with the context (the site's lifecycle, settings, the
status bar) and the window (its teaser editor, highlighter and Tools menu). Everything else
lives here and in ``spell_source`` / ``spell_worker``; the checking itself is
``blogeditor.core.spelling``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QContextMenuEvent, QFont, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from blogeditor.core.background.site_tasks import learn_vocabulary
from blogeditor.core.errors import BlogEditorError
from blogeditor.core.spelling.checker import (
    DEFAULT_LANGUAGE,
    SpellChecker,
    available_languages,
    language_from_code,
)
from blogeditor.core.spelling.vocabulary import (
    read_struck,
    site_vocabulary,
    write_struck,
)
from blogeditor.core.spelling.wordlists import (
    add_word,
    personal_words_path,
    read_words,
    site_words_path,
)
from blogeditor.gui.context import AppContext
from blogeditor.gui.spelling.spell_source import SpellSource

if TYPE_CHECKING:
    from blogeditor.gui.window.main_window import MainWindow

log = logging.getLogger(__name__)

MAX_SUGGESTIONS = 7
STATUS_MS = 15000


def site_default_language(site: Any | None) -> str:
    """The site's languageCode as a dictionary name (en-us -> en_US); en_US without one."""
    code = None
    if site is not None:
        try:
            code = site.language_code()
        except Exception:  # a broken config is reported elsewhere; spell-check still works
            code = None
    return language_from_code(code) or DEFAULT_LANGUAGE


class VocabularyDialog(QDialog):
    """The words learned from the site's articles; unticking one strikes it out."""

    def __init__(self, learned: dict[str, int], struck: set[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Site Vocabulary")
        layout = QVBoxLayout(self)
        text = (
            "Words the site's articles use in three or more articles, which spell-check "
            "therefore accepts. Untick a word to have it checked again."
            if learned else "No vocabulary learned from this site's articles (yet)."
        )
        note = QLabel(text, self)
        note.setWordWrap(True)
        layout.addWidget(note)
        self.list = QListWidget(self)
        for word, count in learned.items():
            item = QListWidgetItem(f"{word}  ({count} articles)", self.list)
            item.setData(Qt.ItemDataRole.UserRole, word)
            item.setCheckState(_check_state(word not in struck))
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(360, 420)

    def struck(self) -> set[str]:
        return {
            str(self.list.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.list.count())
            if self.list.item(i).checkState() != Qt.CheckState.Checked
        }


def _check_state(checked: bool) -> Qt.CheckState:
    return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked


class SpellController(QObject):
    """Owns the checker and the source, and the menu entries and actions of spell-check."""

    vocabulary_learned = Signal()
    #: The checker was replaced (language or site changed); carries the new SpellChecker.
    checker_changed = Signal(object)

    def __init__(self, ctx: AppContext, window: MainWindow) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.editor = window.editor
        self.site: Any | None = None
        self.learned: dict[str, int] = {}
        self.sources: list[SpellSource] = []
        self._editors: dict[QObject, tuple[Any, SpellSource]] = {}  # viewport -> editor, source
        self._learn_token = 0
        # Learning reads every article: in the helper process (core/background), where it
        # never takes the GIL from the typing.
        self._learner = ctx.jobs.lane("vocabulary", parent=self)
        self.language = self._chosen_language(None)
        self.checker = self._make_checker(self.language)
        self._build_actions()
        self.source = self.attach(self.editor, window.highlighter)
        ctx.site_opened.connect(self.set_site)
        if ctx.site is not None:
            self.set_site(ctx.site)
        else:
            self._report_problem()

    def attach(self, editor: Any, highlighter: Any) -> SpellSource:
        """Spell-check another editor (the article editor) with the same checker, context
        menu and F7; it follows language and word-list changes like the teaser editor."""
        source = SpellSource(editor, highlighter, self.checker, self)
        source.set_enabled(self.toggle_action.isChecked())
        highlighter.spell_source = source
        editor.viewport().installEventFilter(self)
        self._editors[editor.viewport()] = (editor, source)
        self.sources.append(source)
        return source

    def _all_sources(self) -> list[SpellSource]:
        """Attached sources, and any other SpellSource in the window (an integration may have
        made its own): all use the window's checker."""
        found = list(self.sources)
        found += [s for s in self.window.findChildren(SpellSource) if s not in found]
        return found

    def _recheck(self) -> None:
        for source in self._all_sources():
            source.recheck_all()

    def set_enabled(self, enabled: bool) -> None:
        for source in self.sources:
            source.set_enabled(enabled)
        if not enabled:
            self.window.status("Spell-check is off (Tools > Check Spelling turns it on)")

    # -- checker and site ------------------------------------------------------------------

    def _chosen_language(self, site: Any | None) -> str:
        chosen = self.ctx.settings.spelling_language(site.root if site is not None else None)
        return chosen or site_default_language(site)

    def _make_checker(self, language: str) -> SpellChecker:
        checker = SpellChecker(language)
        checker.set_layer("personal", read_words(personal_words_path()))
        if self.site is not None:
            checker.set_layer("site", read_words(site_words_path(self.site.root)))
            struck = read_struck(self.site.root)
            checker.set_layer("vocabulary", site_vocabulary(self.learned, struck))
        return checker

    def set_site(self, site: Any | None) -> None:
        """A site was opened: its language, its word list, and (in the background) its
        vocabulary."""
        if site is not self.site:
            self.learned = {}
        self.site = site
        self.set_language(self._chosen_language(site), remember=False)
        if site is not None:
            self._learn_token += 1
            token = self._learn_token
            self.ctx.when_typing_pauses(lambda: self._learn(token, site))

    def _learn(self, token: int, site: Any) -> None:
        if token == self._learn_token:  # not superseded by another site or language
            layers = {"personal": read_words(personal_words_path()),
                      "site": read_words(site_words_path(site.root))}
            self._learner.run_task(learn_vocabulary, (site, self.language, layers),
                                   lambda learned: self._on_learned(token, learned),
                                   lambda message: self._on_learned(token, {}))

    def set_language(self, language: str, remember: bool = True) -> None:
        if remember:
            self.ctx.settings.set_spelling_language(
                self.site.root if self.site is not None else None, language)
        self.language = language
        self.checker = self._make_checker(language)
        for source in self._all_sources():
            source.set_checker(self.checker)
        self._report_problem()
        self.checker_changed.emit(self.checker)

    def _report_problem(self) -> None:
        self.toggle_action.setEnabled(self.checker.available)
        if not self.checker.available:
            self.window.status(self.checker.problem, STATUS_MS)

    def _on_learned(self, token: int, learned: object) -> None:
        if token != self._learn_token or self.site is None or not isinstance(learned, dict):
            return
        self.learned = learned
        struck = read_struck(self.site.root)
        self.checker.set_layer("vocabulary", site_vocabulary(learned, struck))
        self._recheck()
        self.vocabulary_learned.emit()

    # -- actions ---------------------------------------------------------------------------

    def _build_actions(self) -> None:
        tools: QMenu = self.window.menus["tools"]
        self.toggle_action = QAction("Check &Spelling", self, checkable=True, checked=True)
        self.toggle_action.toggled.connect(self.set_enabled)
        self.next_action = QAction("&Next Misspelling", self)
        self.next_action.setShortcut(QKeySequence("F7"))
        self.next_action.triggered.connect(self.next_misspelling)
        self.window.addAction(self.next_action)  # F7 works with the menu closed, too
        self.language_menu = QMenu("&Language", self.window)
        self.language_menu.aboutToShow.connect(self._fill_language_menu)
        self.vocabulary_action = QAction("Site &Vocabulary…", self)
        self.vocabulary_action.triggered.connect(self.open_vocabulary_dialog)
        tools.addSeparator()
        tools.addAction(self.toggle_action)
        tools.addAction(self.next_action)
        tools.addMenu(self.language_menu)
        tools.addAction(self.vocabulary_action)
        tools.menuAction().setVisible(True)

    def _fill_language_menu(self) -> None:
        menu = self.language_menu
        menu.clear()
        group = QActionGroup(menu)
        languages = available_languages()
        if self.language not in languages:
            languages.append(self.language)
        for tag in sorted(languages):
            action = QAction(tag, menu, checkable=True, checked=tag == self.language)
            action.triggered.connect(lambda _=False, t=tag: self.set_language(t))
            group.addAction(action)
            menu.addAction(action)
        if not available_languages():
            menu.addSeparator()
            menu.addAction("No dictionaries installed").setEnabled(False)
        elif self.checker.provider:
            menu.addSeparator()
            menu.addAction(f"Checked with {self.checker.provider}").setEnabled(False)

    def next_misspelling(self) -> bool:
        """F7: select the next misspelled word after the cursor (wrapping); False if none."""
        if not self.checker.available:
            self.window.status(self.checker.problem, STATUS_MS)
            return False
        editor, source = self._focused()
        position = editor.textCursor().selectionEnd()
        found = source.next_misspelling(position)
        if found is None:
            self.window.status("No misspellings")
            return False
        editor.setTextCursor(found[0])
        editor.ensureCursorVisible()
        return True

    def _focused(self) -> tuple[Any, SpellSource]:
        """The attached editor with the keyboard focus (the teaser editor otherwise)."""
        focus = QApplication.focusWidget()
        for editor, source in self._editors.values():
            if focus is not None and (focus is editor or editor.isAncestorOf(focus)):
                return editor, source
        return self.editor, self.source

    # -- context menu ----------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        attached = self._editors.get(watched)
        if isinstance(event, QContextMenuEvent) and attached is not None:
            menu = self.context_menu(event.pos(), attached[0])
            if menu is not None:
                menu.exec(event.globalPos())
                menu.deleteLater()
                return True
        return super().eventFilter(watched, event)

    def context_menu(self, viewport_pos: QPoint, editor: Any = None) -> QMenu | None:
        """The editor's menu with suggestions on top, or None when no misspelling is there."""
        editor = editor or self.editor
        source = self._editors[editor.viewport()][1]
        position = editor.cursorForPosition(viewport_pos).position()
        found = source.misspelled_at(position)
        if found is None:
            return None
        cursor, word = found
        menu = QMenu(editor)
        # The standard menu's actions (Undo, Cut, Copy...) go below ours. A fresh QMenu of our
        # own holds them: shiboken may hand back createStandardContextMenu()'s result under a
        # stale wrapper typed QWidget when its address was used before.
        standard = editor.createStandardContextMenu()
        menu.destroyed.connect(standard.deleteLater)
        top: list[QAction] = []
        suggestions = self.checker.suggest(word, limit=MAX_SUGGESTIONS)
        bold = QFont(menu.font())
        bold.setBold(True)
        for suggestion in suggestions:
            action = QAction(suggestion, menu)
            action.setFont(bold)
            action.triggered.connect(
                lambda _=False, s=suggestion: self.replace(QTextCursor(cursor), s)
            )
            top.append(action)
        if not suggestions:
            none = QAction("(no suggestions)", menu)
            none.setEnabled(False)
            top.append(none)
        add = QAction("Add to Dictionary", menu)
        add.setToolTip("Accept this word in this site (in .blogeditor/words.txt) or, "
                       "without a site, in your personal word list")
        add.triggered.connect(lambda _=False, w=word: self.add_to_dictionary(w))
        ignore = QAction("Ignore All", menu)
        ignore.triggered.connect(lambda _=False, w=word: self.ignore_all(w))
        menu.addActions(top)
        menu.addSeparator()
        menu.addActions([add, ignore])
        if standard.actions():
            menu.addSeparator()
            menu.addActions(standard.actions())
        return menu

    def replace(self, cursor: QTextCursor, suggestion: str) -> None:
        cursor.insertText(suggestion)

    def add_to_dictionary(self, word: str) -> None:
        """Accept the word for good: in the site's list when a site is open, else personally."""
        if self.site is not None:
            path, layer = site_words_path(self.site.root), "site"
        else:
            path, layer = personal_words_path(), "personal"
        try:
            words = add_word(path, word)
        except BlogEditorError as exc:
            self.window.status(str(exc), STATUS_MS)
            return
        self.checker.set_layer(layer, words)
        self._recheck()
        self.window.status(f"“{word}” added to {path}")

    def ignore_all(self, word: str) -> None:
        """Accept the word until the app closes."""
        self.checker.ignore(word)
        self._recheck()

    # -- vocabulary ------------------------------------------------------------------------

    def vocabulary_dialog(self) -> VocabularyDialog | None:
        if self.site is None:
            self.window.status("Open a site to see the vocabulary learned from its articles")
            return None
        dialog = VocabularyDialog(self.learned, read_struck(self.site.root), self.window)
        dialog.accepted.connect(lambda: self.apply_struck(dialog.struck()))
        return dialog

    def open_vocabulary_dialog(self) -> None:
        dialog = self.vocabulary_dialog()
        if dialog is not None:
            dialog.finished.connect(dialog.deleteLater)
            dialog.open()

    def apply_struck(self, struck: set[str]) -> None:
        if self.site is None:
            return
        # Struck words no longer learned stay struck: a future article may bring them back.
        previous = read_struck(self.site.root)
        keep = {w for w in previous if w not in self.learned}
        try:
            write_struck(self.site.root, keep | struck)
        except BlogEditorError as exc:
            self.window.status(str(exc), STATUS_MS)
            return
        self.checker.set_layer("vocabulary", site_vocabulary(self.learned, keep | struck))
        self._recheck()

    def wait_learned(self, timeout_ms: int = 10000) -> bool:
        """Let a vocabulary learn in progress finish (tests and benchmarks)."""
        return self._learner.wait_idle(timeout_ms)

    def shutdown(self) -> None:
        for source in self.sources:
            source.shutdown()
        self._learner.cancel()  # a learn running in the helper ends there; nobody waits for it
