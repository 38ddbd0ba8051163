"""The homepage teasers as a list model: one row per teaser, in file order.

Rows are rebuilt from the document on every change (a homepage holds a dozen teasers);
per-row extras that touch the disk (article state, problems) are cached or debounced.
"""

from __future__ import annotations

import functools
import logging
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import compress
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QImage

from blogeditor.core.background.site_tasks import post_extras
from blogeditor.core.errors import BlogEditorError
from blogeditor.core.git.post_state import PostState
from blogeditor.core.homepage.changed_posts import changed_since_saved
from blogeditor.core.homepage.homepage import Teaser
from blogeditor.core.site.post_extras import Extras
from blogeditor.core.storage.confine import allowed_roots, confined
from blogeditor.gui.editor.document import HomepageDocument
from blogeditor.gui.jobs import JobLane

log = logging.getLogger(__name__)

MIME_TYPE = "application/x-blogeditor-teaser-row"
THUMB_SIZE = QSize(96, 54)

TeaserRole = Qt.ItemDataRole.UserRole + 1
SectionRole = Qt.ItemDataRole.UserRole + 2
HiddenRole = Qt.ItemDataRole.UserRole + 3
ArticleStateRole = Qt.ItemDataRole.UserRole + 4  # "draft", "scheduled", "missing" or ""
ProblemsRole = Qt.ItemDataRole.UserRole + 5  # list[str]
DirtyRole = Qt.ItemDataRole.UserRole + 6
ThumbnailRole = Qt.ItemDataRole.UserRole + 7  # QImage or None (placeholder)
LinkRole = Qt.ItemDataRole.UserRole + 8
TitleDriftRole = Qt.ItemDataRole.UserRole + 9  # the article's title when it differs, else None
GitStateRole = Qt.ItemDataRole.UserRole + 10  # core.git PostState, None outside a git work tree

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass
class Row:
    teaser: Teaser
    section: str
    dirty: bool
    article_state: str = ""
    problems: list[str] = field(default_factory=list)
    title_drift: str | None = None


@functools.lru_cache(maxsize=65536)  # asked for every row after every commit
def section_of(link: str) -> str:
    parts = [p for p in link.strip().strip("/").split("/") if p]
    return parts[0] if len(parts) > 1 else ""


def _runs(indexes: list[int]) -> list[tuple[int, int]]:
    """Consecutive indexes as (first, last) pairs."""
    runs: list[tuple[int, int]] = []
    for i in indexes:
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


class PostListModel(QAbstractListModel):
    """Teasers of the open document. ``move_requested(src, dst)`` asks the window to move one."""

    move_requested = Signal(int, int)

    def __init__(self, parent: QObject | None = None, *,
                 defer: Callable[[Callable[[], None]], None] | None = None) -> None:
        super().__init__(parent)
        # When the first look at a site's articles may start (the window: a pause in typing).
        self._defer = defer if defer is not None else (lambda work: work())
        self.document: HomepageDocument | None = None
        self._rows: list[Row] = []
        self._thumbs: dict[Path, QImage | None] = {}
        self._thumbnail_paths: dict[str, Path | None] = {}
        self._thumb_keys: dict[str, Path] = {}
        self._asked: dict[Path, set[int]] = {}  # a thumbnail on its way -> the rows showing it
        self._coming: set[Path] = set()  # thumbnails asked of the loader, not yet here
        self._stale: dict[Path, QImage] = {}  # shown until their fresh decode arrives
        self._saved_key: str | None = ""
        self._saved: list[Teaser] = []
        self._loader: Any = None
        self._git: dict[str, PostState] = {}  # teaser link -> its git state (gui/git fills it)
        # Article states and problems read files: they follow shortly after the rows, so a
        # site opens (and a keystroke commits) without waiting for the disk.
        # They are worked out on a thread of their own (files and checks), so the first key
        # press after opening a site, or after a commit, never waits for them.
        # Article states, title drift and problems read files: worked out on a lane of
        # their own, applied only to the list they were made for.
        self._extras_lane = JobLane("list extras", self)
        self._extras_generation = 0
        self._extras_timer = QTimer(self, singleShot=True, interval=250)
        self._extras_timer.timeout.connect(self._refresh_extras_in_background)

    # -- document ------------------------------------------------------------------------
    def set_document(self, document: HomepageDocument | None) -> None:
        if self.document is not None:
            self.document.changed.disconnect(self._on_changed)
            self.document.saved.disconnect(self._on_changed)
        self.document = document
        self._thumbnail_paths.clear()
        self._asked.clear()
        self._coming.clear()
        self._stale.clear()
        if document is not None:
            document.changed.connect(self._on_changed)
            document.saved.connect(self._on_changed)
        self.beginResetModel()
        self._rows = self._build_rows()[0]
        self.endResetModel()
        self._defer(lambda: self._extras_timer.start(0))

    def set_image_loader(self, loader: Any) -> None:
        """Use the shared off-thread image loader (gui/images/image_loader.py) for thumbnails."""
        self._loader = loader
        loader.loaded.connect(self._on_thumbnail_loaded)
        self._thumbs.clear()

    def _on_changed(self) -> None:
        old = self._rows
        rows, touched = self._build_rows()
        if len(rows) == len(old):
            self._rows = rows
            # Only the rows that changed: on a 10,000-post list a change to every row makes
            # the filter proxy and the view look at 10,000 rows after each typing pause.
            changed = [i for i in touched
                       if old[i].dirty != rows[i].dirty or old[i].teaser != rows[i].teaser]
            for first, last in _runs(changed):
                self.dataChanged.emit(self.index(first), self.index(last))
        else:
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()
        self._extras_timer.start(250)

    def _build_rows(self) -> tuple[list[Row], list[int]]:
        """The rows for the document now, and the positions where a row was made anew."""
        doc = self.document
        if doc is None:
            return [], []
        teasers = doc.homepage.teasers
        changed = (changed_since_saved(self._saved_teasers(doc), teasers) if doc.is_dirty()
                   else [False] * len(teasers))
        old_rows = self._rows
        if len(old_rows) == len(teasers):
            # Typing changes one teaser: every other row stays the very same object (the
            # model hands out the same Teaser while its text is unchanged). Found by
            # comparisons made in C: a Python loop over 10,000 rows per pause cost 10 ms.
            rows = list(old_rows)
            touched = list(compress(range(len(rows)), map(
                operator.or_, map(operator.is_not, [r.teaser for r in old_rows], teasers),
                map(operator.ne, [r.dirty for r in old_rows], changed))))
        else:  # posts added or removed: every row is made again (rare: not typing)
            rows = [Row(t, section_of(t.link), d) for t, d in zip(teasers, changed, strict=True)]
            touched = list(range(len(teasers)))
        by_link: dict[str, Row] | None = None
        for i in touched:
            teaser = teasers[i]
            row = Row(teaser, section_of(teaser.link), changed[i])
            # Problems found for the old list are kept by link until the next check runs;
            # states and drift are re-read with the extras (in the helper process), not on
            # every keystroke: until then a row keeps what its post showed before.
            kept = old_rows[i] if i < len(old_rows) and old_rows[i].teaser.link == teaser.link \
                else None
            if kept is None:
                if by_link is None:
                    by_link = {r.teaser.link: r for r in old_rows}
                kept = by_link.get(teaser.link)
            if kept is not None:
                row.problems, row.article_state = kept.problems, kept.article_state
                row.title_drift = kept.title_drift
            rows[i] = row
        return rows, touched

    def _saved_teasers(self, doc: HomepageDocument) -> list[Teaser]:
        # Parsed once per save, not once per keystroke commit.
        if self._saved_key != doc.saved_hash:
            self._saved_key = doc.saved_hash
            self._saved = doc.saved_homepage().teasers
        return self._saved

    # -- per-row extras ------------------------------------------------------------------
    def thumbnail_path(self, row: Row) -> Path | None:
        return self._thumbnail_path(row.teaser.thumbnail)

    def _thumbnail_path(self, src: str | None) -> Path | None:
        if not src or self.document is None:
            return None
        # Asked for every row after every commit: resolved once per src (the file system is
        # asked again after the watcher reports a change, refresh_site_state).
        if src in self._thumbnail_paths:
            return self._thumbnail_paths[src]
        try:
            path = self.document.site.resolve_image(src)
        except BlogEditorError:
            path = None
        # A thumbnail that leads out of the site ("../", a symlink) is not read: core/storage/confine.py.
        site_root = self.document.site.root
        if path is not None and confined(path, allowed_roots(site_root)) is None:
            path = None
        self._thumbnail_paths[src] = path
        return path

    def refresh_extras_soon(self) -> None:
        """Re-read article states and run the checks on the lane; rows that change repaint."""
        self._extras_timer.start(0)

    def _refresh_extras_in_background(self) -> None:
        doc = self.document
        if doc is None or not self._rows:
            return
        self._extras_generation += 1
        # In the helper process, which parses the bytes the document already holds: reading
        # 10,000 articles' states on a thread here took the GIL from the typing.
        generation = self._extras_generation
        self._extras_lane.run_task(post_extras, (doc.site, doc.to_bytes()),
                                   lambda extras: self._apply_extras(generation, extras))

    def wait_for_extras(self, msecs: int = 10_000) -> None:
        """Let a background refresh finish and its result arrive (tests, benchmarks)."""
        self._extras_lane.wait_idle(msecs)
        QCoreApplication.sendPostedEvents(self._extras_lane)

    def _apply_extras(self, generation: int, extras: Extras) -> None:
        # A newer homepage asked for newer extras meanwhile: these belong to an older list.
        if generation != self._extras_generation or len(extras.states) != len(self._rows):
            return
        for i, row in enumerate(self._rows):
            changed = []
            if extras.states[i] != row.article_state:
                row.article_state = extras.states[i]
                changed.append(ArticleStateRole)
            if extras.drifts[i] != row.title_drift:
                row.title_drift = extras.drifts[i]
                changed.append(TitleDriftRole)
            problems = extras.problems.get(i, [])
            if problems != row.problems:
                row.problems = problems
                changed.append(ProblemsRole)
            if changed:
                self.dataChanged.emit(self.index(i), self.index(i), changed)

    def set_git_states(self, states: dict[str, PostState]) -> None:
        """Per teaser link, its git state; {} outside a git work tree."""
        old, self._git = self._git, dict(states)
        for i, row in enumerate(self._rows):
            if old.get(row.teaser.link) != self._git.get(row.teaser.link):
                self.dataChanged.emit(self.index(i), self.index(i), [GitStateRole])

    def _thumbnail(self, path: Path | None) -> QImage | None:
        if path is None:
            return None
        if path in self._thumbs:
            return self._thumbs[path]
        # Until the loader answers: the image shown before the files changed (no flash of
        # placeholders after every outside change), else the placeholder (for good if none).
        stale = self._stale.pop(path, None)
        self._thumbs[path] = stale
        if self._loader is not None:
            image = self._loader.cached(path, THUMB_SIZE * 2)
            if image is not None:
                self._thumbs[path] = image
                return image
            self._thumb_keys[self._loader.request(path, THUMB_SIZE * 2)] = path
            self._coming.add(path)
        return stale

    def refresh_site_state(self) -> None:
        """Articles or images changed on disk: re-read article states, thumbnails, problems."""
        if self._loader is not None:
            for path in self._thumbs:
                self._loader.forget(path)
        self._stale = {p: image for p, image in self._thumbs.items() if image is not None}
        self._thumbs.clear()
        self._thumbnail_paths.clear()
        self._asked.clear()
        self._coming.clear()
        self._on_changed()
        if self._rows:  # the painted rows ask again: the stale image stays until the new one
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1), [ThumbnailRole])
        # On the lane, never here: the GUI thread must not wait for the site index while a
        # worker is checking the same version.
        self.refresh_extras_soon()

    def _on_thumbnail_loaded(self, key: str, image: QImage) -> None:
        path = self._thumb_keys.pop(key, None)
        if path is None:
            return
        self._coming.discard(path)
        if image.isNull():
            return
        self._thumbs[path] = image
        # Only the rows that asked (the painted ones): looking through 10,000 rows for each
        # thumbnail that arrives cost the GUI thread 3 ms a thumbnail right after opening.
        asked = sorted(self._asked.pop(path, ()))
        if not all(i < len(self._rows) and self.thumbnail_path(self._rows[i]) == path
                   for i in asked):  # the rows moved meanwhile: find them
            asked = [i for i, row in enumerate(self._rows)
                     if self._thumbnail_paths.get(row.teaser.thumbnail or "") == path]
        for i in asked:
            self.dataChanged.emit(self.index(i), self.index(i), [ThumbnailRole])

    # -- Qt model API --------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def row(self, i: int) -> Row:
        return self._rows[i]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        teaser = row.teaser
        if role == Qt.ItemDataRole.DisplayRole:
            return teaser.title or "(untitled)"
        if role == Qt.ItemDataRole.ToolTipRole:
            git = self._git.get(teaser.link)
            return _tooltip(row) + (f"\nGit: {git.words}" if git is not None else "")
        if role == GitStateRole:
            return self._git.get(teaser.link)
        if role == TeaserRole:
            return teaser
        if role == SectionRole:
            return row.section
        if role == HiddenRole:
            return teaser.hidden
        if role == ArticleStateRole:
            return row.article_state
        if role == ProblemsRole:
            return row.problems
        if role == DirtyRole:
            return row.dirty
        if role == ThumbnailRole:
            # Resolved when a row is first painted: a 10,000-post list opens without
            # asking the file system about 10,000 images.
            path = self.thumbnail_path(row)
            image = self._thumbnail(path)
            if path in self._coming:  # repainted when it comes (_on_thumbnail_loaded)
                self._asked.setdefault(path, set()).add(index.row())
            return image
        if role == LinkRole:
            return teaser.link
        if role == TitleDriftRole:
            return row.title_drift
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid():
            return base | Qt.ItemFlag.ItemIsDragEnabled
        return Qt.ItemFlag.ItemIsDropEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        data.setData(MIME_TYPE, QByteArray(",".join(map(str, rows)).encode()))
        return data

    def dropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: AnyIndex,
    ) -> bool:
        """A drop of one of our rows: ask for a move; the document change updates the rows."""
        if action == Qt.DropAction.IgnoreAction:
            return True
        if not data.hasFormat(MIME_TYPE):
            return False
        try:
            sources = [int(s) for s in bytes(data.data(MIME_TYPE).data()).decode().split(",")]
        except ValueError:
            return False
        if len(sources) != 1:
            return False
        if row < 0:
            row = parent.row() if parent.isValid() else len(self._rows)
        target = _final_index(sources[0], row)
        if target != sources[0]:
            self.move_requested.emit(sources[0], target)
        # False: the move is done through the document, so the view must not remove rows.
        return False

    def moveRows(
        self,
        source_parent: AnyIndex,
        source_row: int,
        count: int,
        destination_parent: AnyIndex,
        destination_child: int,
    ) -> bool:
        if count != 1 or source_parent.isValid() or destination_parent.isValid():
            return False
        target = _final_index(source_row, destination_child)
        if target == source_row:
            return False
        self.move_requested.emit(source_row, target)
        # True tells the view the rows moved, so it does not also remove the dragged row.
        return True


def _final_index(source: int, insert_before: int) -> int:
    """Where a row ends up when dropped before row ``insert_before`` (of the unchanged list)."""
    return insert_before - 1 if source < insert_before else insert_before


def _tooltip(row: Row) -> str:
    lines = [row.teaser.title or "(untitled)", row.teaser.link]
    state = {
        "draft": "Article is a draft",
        "scheduled": "Article is scheduled for a future date",
        "missing": "Article file not found",
    }.get(row.article_state)
    lines.append("Hidden on the homepage" if row.teaser.hidden else "Visible on the homepage")
    if state:
        lines.append(state)
    if row.title_drift is not None:
        lines.append(f"The article's title is “{row.title_drift}”")
    if row.dirty:
        lines.append("Changed since the last save")
    lines.extend(f"⚠ {p}" for p in row.problems)
    return "\n".join(lines)
