"""Live preview of the teaser being edited, beside the editor.

Renders the editor's text (not the document: the preview must not wait for the editor's
commit delay) with core.render, coalescing keystrokes with a very short timer, keeping
the scroll position across updates. Links: external ones open in the system browser,
internal ones are reported through ``link_clicked`` so the window can select that post.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

from blogeditor.core.render import html_document, render_teaser_html
from blogeditor.core.site import Site

if TYPE_CHECKING:
    from blogeditor.gui.main_window import MainWindow

log = logging.getLogger(__name__)

PREVIEW_DELAY_MS = 10


class FallbackPreviewBrowser(QTextBrowser):
    """A read-only browser that never follows links itself and never loads remote files."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)


def _browser_class() -> type[QTextBrowser]:
    try:
        from blogeditor.gui.preview import PreviewBrowser
    except ImportError:
        return FallbackPreviewBrowser
    return PreviewBrowser


class PreviewPane(QObject):
    link_clicked = Signal(QUrl)
    rendered = Signal()  # after every update (benchmarks and tests wait for it)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.widget: QTextBrowser = _browser_class()(window)
        self.widget.setOpenLinks(False)
        self.widget.setMinimumWidth(240)
        self.widget.anchorClicked.connect(self.link_clicked)
        self.site: Site | None = None
        self.dark = window.dark
        self._last_html: str | None = None
        self._timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.render)

    def set_site(self, site: Site | None) -> None:
        self.site = site
        self.schedule()

    def set_dark(self, dark: bool) -> None:
        self.dark = dark
        self._last_html = None
        self.render()

    def schedule(self) -> None:
        self._timer.start()

    def render(self) -> None:
        self._timer.stop()
        binding = self.window.binding
        if binding.index is None:
            message = "Select a post to see its preview." if self.site else ""
            html = html_document(f'<p class="empty">{message}</p>', dark=self.dark)
        else:
            try:
                html = render_teaser_html(
                    self.window.editor.toPlainText(), site=self.site, dark=self.dark
                )
            except Exception:  # a renderer bug shows as a note, never as a crash
                log.exception("preview render failed")
                html = html_document("<p>The preview cannot show this text.</p>", dark=self.dark)
        if html != self._last_html:
            self._last_html = html
            bar = self.widget.verticalScrollBar()
            value = bar.value()
            self.widget.setHtml(html)
            bar.setValue(value)
        self.rendered.emit()

    def html(self) -> str:
        return self.widget.toHtml()

    def plain_text(self) -> str:
        return self.widget.toPlainText()

    def scroll_to_fraction(self, fraction: float) -> None:
        bar = self.widget.verticalScrollBar()
        bar.setValue(round(bar.minimum() + fraction * (bar.maximum() - bar.minimum())))


def make_preview(window: MainWindow) -> PreviewPane:
    return PreviewPane(window)
