"""A plain article preview, used only when the shared one (gui/preview/preview.py) is unavailable.

It renders the whole article on the GUI thread after a pause in typing: correct, but not
smooth for very large articles. It offers the small part of PreviewBrowser/PreviewController
that the article editor uses.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

from blogeditor.core.render import render_article_html

DELAY_MS = 300


class PlainPreviewBrowser(QTextBrowser):
    internal_link_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)


class PlainPreviewController(QObject):
    shown = Signal(int)

    def __init__(self, browser: QTextBrowser, *, mode: str = "article") -> None:
        super().__init__(browser)
        self.browser = browser
        self.mode = mode
        self.site: Any = None
        self.base_dir: Path | None = None
        self.revision = 0
        self.shown_revision = 0
        self._text = ""
        self._timer = QTimer(self, singleShot=True, interval=DELAY_MS)
        self._timer.timeout.connect(self.render_now)

    def set_text(self, text: str) -> None:
        self._text = text
        self.revision += 1
        self._timer.start()

    def set_source(self, *, mode: str, site: Any = None, base_dir: Path | None = None) -> None:
        self.mode, self.site, self.base_dir = mode, site, base_dir
        self.revision += 1
        self._timer.start()

    def render_now(self) -> None:
        self._timer.stop()
        bar = self.browser.verticalScrollBar()
        value = bar.value()
        self.browser.setHtml(
            render_article_html(self._text, site=self.site, base_dir=self.base_dir)
        )
        bar.setValue(value)
        self.shown_revision = self.revision
        self.shown.emit(self.revision)

    def is_idle(self) -> bool:
        return not self._timer.isActive() and self.shown_revision == self.revision

    def wait_for_done(self, msecs: int = 5000) -> bool:
        return True
