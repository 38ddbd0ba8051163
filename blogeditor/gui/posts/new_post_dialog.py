"""New Post: section, title, the slug previewed as it is typed, date, thumbnail.

Accepting creates ``content/SECTION/SLUG/_index.md`` from the site's archetype, copies the
chosen thumbnail into the new folder, inserts the hidden teaser at the top of the homepage
(one undoable step) and says so by ``post_created`` (the Article tab's feature opens the
post). The slug follows the title until the author edits it; then it is theirs.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from blogeditor.core.article.archetype import create_article
from blogeditor.core.article.slug import slugify
from blogeditor.core.errors import BlogEditorError
from blogeditor.core.site import images
from blogeditor.core.site.sections import default_section, post_sections
from blogeditor.gui.context import AppContext

IMAGE_FILTER = "Images (*.jpg *.jpeg *.png *.gif *.webp)"


class NewPostDialog(QDialog):
    post_created = Signal(str, bool)  # the link, and whether to pick its thumbnail next

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 can_pick: bool = False) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.site = ctx.site
        self.document = ctx.homepage
        self.created: tuple[Path, str] | None = None
        self.setWindowTitle("New Post")
        self.setMinimumWidth(520)

        self.section = QComboBox(self)
        self.section.setEditable(True)
        sections = post_sections(self.site.content_dir) if self.site is not None else []
        self.section.addItems(sections)
        newest = [t.link for t in self.document.homepage.teasers] if self.document else []
        preferred = default_section(sections, newest)
        if preferred is not None:
            self.section.setCurrentText(preferred)
        self.title_edit = QLineEdit(self)
        self.title_edit.setPlaceholderText("The title of the new post")
        self.slug_edit = QLineEdit(self)
        self.slug_edit.setPlaceholderText("folder name, made from the title")
        self.link_label = QLabel(self)
        self.date_edit = QDateTimeEdit(QDateTime.currentDateTime(), self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.thumbnail_edit = QLineEdit(self)
        self.thumbnail_edit.setPlaceholderText("optional image file, copied into the post's folder")
        browse = QPushButton("Browse…", self)
        browse.clicked.connect(self.browse_thumbnail)
        thumb_row = QHBoxLayout()
        thumb_row.addWidget(self.thumbnail_edit, 1)
        thumb_row.addWidget(browse)
        self.pick_after = QCheckBox("Choose the thumbnail in the picker after creating", self)
        self.pick_after.setVisible(can_pick)
        self.message = QLabel(self)
        self.message.setWordWrap(True)

        form = QFormLayout(self)
        form.addRow("Section:", self.section)
        form.addRow("Title:", self.title_edit)
        form.addRow("Folder (slug):", self.slug_edit)
        form.addRow("", self.link_label)
        form.addRow("Date:", self.date_edit)
        form.addRow("Thumbnail:", thumb_row)
        form.addRow("", self.pick_after)
        form.addRow(QLabel("The article is created as a draft and its teaser hidden at the top "
                           "of the homepage.", self))
        form.addRow(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

        self._slug_touched = False
        self.title_edit.textChanged.connect(self._on_title)
        self.slug_edit.textEdited.connect(self._on_slug_edited)
        self.slug_edit.textChanged.connect(self._validate)
        self.section.currentTextChanged.connect(self._validate)
        self._validate()

    # -- live slug -------------------------------------------------------------------------
    def _on_title(self, title: str) -> None:
        if not self._slug_touched:
            self.slug_edit.setText(slugify(title))
        self._validate()

    def _on_slug_edited(self, text: str) -> None:
        self._slug_touched = bool(text)  # clearing it hands it back to the title

    def values(self) -> tuple[str, str, str]:
        return (self.section.currentText().strip().strip("/"),
                " ".join(self.title_edit.text().split()), self.slug_edit.text().strip())

    def _validate(self) -> None:
        section, title, slug = self.values()
        problem = ""
        if not section:
            problem = "Choose or type a section."
        elif not title:
            problem = ""
        elif not slug:
            problem = "The folder name needs at least one letter or digit."
        elif "/" in slug or "\\" in slug or " " in slug:
            problem = "The folder name cannot hold slashes or spaces."
        elif self.site is not None and (self.site.content_dir / section / slug).exists():
            problem = f"/{section}/{slug} already exists; change the title or the folder name."
        self.link_label.setText(f"Link: /{section}/{slug}" if section and slug else "")
        self.message.setText(problem)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(section and title and slug) and not problem)

    def browse_thumbnail(self) -> None:
        start = str(Path.home())
        path, _filter = QFileDialog.getOpenFileName(self, "Thumbnail image", start, IMAGE_FILTER)
        if path:
            self.thumbnail_edit.setText(path)

    def date_value(self) -> dt.datetime:
        value = self.date_edit.dateTime()
        d, t = value.date(), value.time()
        return dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute()).astimezone()

    # -- creating ---------------------------------------------------------------------------
    def accept(self) -> None:
        if self.create_post() is not None:
            super().accept()

    def create_post(self) -> tuple[Path, str] | None:
        """Create the article, the thumbnail copy and the hidden teaser; None with a message."""
        section, title, slug = self.values()
        if self.site is None or self.document is None or not title:
            return None
        thumb_file = self.thumbnail_edit.text().strip()
        if thumb_file and not Path(thumb_file).is_file():
            self.message.setText(f"There is no image file at {thumb_file}.")
            return None
        try:
            path, link = create_article(self.site, section, title, slug=slug,
                                        date=self.date_value())
        except BlogEditorError as exc:
            self.message.setText(str(exc))
            return None
        src = None
        if thumb_file:
            try:
                copied = images.import_image(Path(thumb_file), path.parent)
                src = images.site_src(self.site.content_dir, copied)
            except BlogEditorError as exc:
                self._status(f"The post was created without its thumbnail: {exc}")
        ok = self.document.apply(
            f"New post “{title}”",
            lambda hp: hp.insert(0, title=title, link=link, thumbnail=src, hidden=True),
        )
        if not ok:
            self.message.setText("The article was created, but its teaser could not be added.")
        self.created = (path, link)
        self._open_created()
        return self.created

    def _open_created(self) -> None:
        if self.created is not None:
            self.post_created.emit(self.created[1], self.pick_after.isChecked())

    def _status(self, message: str) -> None:
        self.ctx.status(message)
