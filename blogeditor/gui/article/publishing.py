"""Publish and Unpublish as one step: the article and the homepage change together or not at all.

Publishing touches two files: the article (``draft``) and the homepage (the teaser shown).
Written apart, a quit without saving leaves a published article behind a hidden teaser (or a
visible teaser linking to a draft). So the step writes both at once, through the core's
locked save path: the article first (with a backup, merging a change another program made
meanwhile), then the homepage; when the homepage cannot be saved the article is put back as
it was and a dialog says why and what to do. Deferring the article write to the next homepage
Save was the alternative, but it makes every later Save (and every quit) a two-file write
the author did not ask for, and leaves a window where the article in the tab and on disk
disagree; writing at once keeps what the author sees and what is on disk the same.

Undo and Redo of the step do the same in reverse: the homepage goes back in the window and
both files are saved together again. The writes run just after the undo stack has moved
(a queued call), never inside QUndoCommand.undo(): a save may push a merge step of its own
and marks the stack clean, neither of which may happen while the stack is moving.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoCommand

from blogeditor.core.article.article import Article
from blogeditor.core.article.article_merge import merge_article
from blogeditor.core.errors import BlogEditorError
from blogeditor.core.homepage.homepage import Homepage
from blogeditor.core.homepage.publish import publish as core_publish
from blogeditor.core.homepage.publish import unpublish as core_unpublish
from blogeditor.core.storage.backups import site_backup_dir
from blogeditor.core.storage.session import save_checked
from blogeditor.core.storage.storage import read_bytes

if TYPE_CHECKING:
    from blogeditor.gui.article.authoring import Authoring

HomepageChange = Callable[[Homepage], object]


class PublishStep(QUndoCommand):
    """The window's one undo step for a Publish or Unpublish already written to disk."""

    def __init__(self, together: Together, forward: Together) -> None:
        super().__init__(together.description)
        self._undo, self._redo = together, forward
        self._first = True  # pushed after the writes: the first redo has nothing to do

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._redo.show_then_save()

    def undo(self) -> None:
        self._undo.show_then_save()


class Together:
    """One direction of the step: these article fields and this homepage change, saved both."""

    def __init__(self, authoring: Authoring, description: str, path: Path | None,
                 fields: dict[str, object], change: HomepageChange) -> None:
        self.authoring = authoring
        self.description = description
        self.path, self.fields, self.change = path, fields, change
        self.snapshot: tuple[bytes, bytes] | None = None  # (homepage after the step, before)

    # -- the two writes --------------------------------------------------------------------
    def write(self) -> str | None:
        """Write the article, then save the homepage the window now shows; on failure put the
        article back and return why (the homepage is left to the caller)."""
        w: Any = self.authoring.window
        site = w.site
        before = written = None
        if self.path is not None and self.fields:
            try:
                before = read_bytes(self.path)
                new = Article.parse(before.decode("utf-8"), self.path).with_fields(**self.fields)
                written = save_checked(self.path, new.encode("utf-8"), base=before,
                                       backup_dir=site_backup_dir(site.root),
                                       rebase=merge_article).data
            except (BlogEditorError, UnicodeDecodeError) as exc:
                return f"the article could not be saved: {exc}"
        errors: list[str] = []
        doc = w.document
        doc.error.connect(errors.append)
        try:
            saved = w.save()
        finally:
            doc.error.disconnect(errors.append)
        if saved:
            return None
        why = f"the homepage could not be saved: {errors[-1] if errors else 'not saved'}"
        if self.path is not None and before is not None and written is not None:
            try:  # our own write is the base: a change made since is merged, not lost
                save_checked(self.path, before, base=written,
                             backup_dir=site_backup_dir(site.root), rebase=merge_article)
            except BlogEditorError as exc:
                why += (f". The article could not be put back either ({exc}); it is "
                        "published on disk: Unpublish it, or save the homepage")
        return why

    def show_then_save(self) -> None:
        """From undo/redo: show the homepage change now, write both once the stack is still."""
        doc = self.authoring.window.document
        if doc is None:
            return
        candidate = doc.homepage.copy()
        try:
            if self.snapshot is not None and doc.to_bytes() == self.snapshot[0]:
                candidate = Homepage.parse(self.snapshot[1])  # nothing changed since: exactly back
            else:
                self.change(candidate)  # a merge came in meanwhile: only this post, by its link
        except BlogEditorError as exc:
            self.authoring.window.show_error(f"Cannot {self.description}", str(exc))
            return
        doc.set_bytes(candidate.to_bytes(), self.description, undoable=False)
        QTimer.singleShot(0, self._save_both)

    def _save_both(self) -> None:
        why = self.write()
        after_write(self.authoring, self.path)
        if why is not None:
            _report(self.authoring, self.description, why)


def run(authoring: Authoring, *, description: str, path: Path | None,
        fields: dict[str, object], undo_fields: dict[str, object],
        change: HomepageChange, inverse: HomepageChange) -> bool:
    """Do the step now (article, then homepage) and push it as one undo step; False (with a
    dialog saying what to do) when it could not be saved, with both files as they were."""
    w: Any = authoring.window
    doc = w.document
    before = doc.to_bytes()
    candidate = doc.homepage.copy()
    change(candidate)
    doc.set_bytes(candidate.to_bytes(), description, undoable=False)
    forward = Together(authoring, description, path, fields, change)
    why = forward.write()
    if why is not None:
        if doc.to_bytes() == candidate.to_bytes():
            doc.set_bytes(before, description, undoable=False)
        after_write(authoring, path)
        _report(authoring, description, why)
        return False
    back = Together(authoring, f"Undo {description}", path, undo_fields, inverse)
    back.description = description
    back.snapshot = (doc.to_bytes(), before)
    doc.undo_stack.push(PublishStep(back, forward))
    doc.undo_stack.setClean()  # both files are saved: nothing is unsaved
    after_write(authoring, path)
    return True


def by_link(link: str, *, hidden: bool) -> HomepageChange:
    def change(hp: Homepage) -> None:
        index = hp.index_of_link(link)
        if index is None:
            raise BlogEditorError(f"the post {link} is no longer on the homepage")
        hp.set_hidden(index, hidden)
    return change


def after_write(authoring: Authoring, path: Path | None) -> None:
    """The article tab and the list's badges follow the article just written (or put back)."""
    editor = authoring.article
    if path is not None and path == editor.path and not editor.is_dirty():
        editor.reload()
    if path is not None:
        authoring._on_article_saved(path)


def _report(authoring: Authoring, description: str, why: str) -> None:
    authoring.window.show_error(
        f"{description}: not saved",
        f"{description} did not happen: {why}.\n\nThe article and the homepage on disk are "
        "as they were before. Fix the cause (a file another program holds or changed, a full "
        "disk, a folder you may not write), then try again; your other unsaved changes are "
        "still in the window.")


def publish(authoring: Authoring) -> bool:
    """Show the teaser and make its article no draft, both files saved together."""
    w = authoring.window
    index, doc, site = authoring.current_index(), w.document, w.site
    if index is None or doc is None or site is None or not authoring.article_saved_first():
        return False
    now = dt.datetime.now(dt.UTC)
    try:
        result = core_publish(site, doc.homepage, index, now=now)
        set_date = False
        if result.date_issue:
            answer = authoring.ask_set_date(result.date_issue)
            if answer is None:
                return False
            if answer:
                set_date = True
                result = core_publish(site, doc.homepage, index, now=now, set_date=True)
    except BlogEditorError as exc:
        w.show_error("Cannot publish", str(exc))
        return False
    title = result.homepage.teaser(index).title
    mode = authoring.ask_retire([doc.homepage.teaser(i).title for i in result.retire]) \
        if result.retire else None
    fields: dict[str, object] = {}
    if result.article_path is not None and result.article_changed:
        fields = {"draft": False}
        if set_date and result.article_text is not None:
            fields["date"] = Article.parse(result.article_text).date
    retire, link = list(result.retire), doc.homepage.teaser(index).link

    def operation(hp: Homepage) -> None:
        hp.show(index)
        if mode == "hide":
            for j in retire:
                hp.hide(j)
        elif mode == "remove":
            for j in sorted(retire, reverse=True):
                hp.remove(j)

    if not run(authoring, description=f"Publish “{title}”",
                          path=result.article_path, fields=fields,
                          undo_fields={"draft": True} if fields else {},
                          change=operation, inverse=by_link(link, hidden=True)):
        return False
    done = "visible" + ("" if result.article_path is None else ", the article is no draft")
    w.status(f"Published “{title}”: {done}; the article and the homepage are saved.", 8000)
    authoring.update_actions()
    return True

def unpublish(authoring: Authoring) -> bool:
    """Hide the teaser and make its article a draft again, both saved together."""
    w = authoring.window
    index, doc, site = authoring.current_index(), w.document, w.site
    if index is None or doc is None or site is None or not authoring.article_saved_first():
        return False
    try:
        result = core_unpublish(site, doc.homepage, index)
    except BlogEditorError as exc:
        w.show_error("Cannot unpublish", str(exc))
        return False
    changed = result.article_path is not None and result.article_changed
    title, link = result.homepage.teaser(index).title, doc.homepage.teaser(index).link
    if not run(authoring, description=f"Unpublish “{title}”",
                          path=result.article_path, fields={"draft": True} if changed else {},
                          undo_fields={"draft": False} if changed else {},
                          change=lambda hp: hp.hide(index),
                          inverse=by_link(link, hidden=False)):
        return False
    w.status(f"Unpublished “{title}”: hidden, and the article is a draft again (saved).", 8000)
    authoring.update_actions()
    return True
