"""Live preview of the teaser being edited, beside the editor.

The preview renders the editor's text (not the document: it must not wait for the
editor's commit pause). gui/preview/preview.py (``PreviewBrowser`` + ``PreviewController``) does
the rendering, image loading and scroll keeping; until it is available a plain
QTextBrowser with core.render stands in. Internal links are reported through
``link_clicked(str)`` so the window can select that post; external ones open in the
system browser.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QTextBrowser

from blogeditor.core.render import html_document, render_teaser_html
from blogeditor.core.site import Site

if TYPE_CHECKING:
    from blogeditor.gui.window.main_window import MainWindow

log = logging.getLogger(__name__)

PREVIEW_DELAY_MS = 10


class PreviewPane(QObject):
    link_clicked = Signal(str)
    rendered = Signal()  # after every update (benchmarks and tests wait for it)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.site: Site | None = None
        self.dark = window.dark
        self._showing_text = False
        self.controller: Any = None
        try:
            from blogeditor.gui.preview.preview import PreviewBrowser, PreviewController
        except ImportError:
            self.widget: QTextBrowser = QTextBrowser(window)
            self.widget.setOpenLinks(False)
            self.widget.anchorClicked.connect(self._on_anchor)
        else:
            browser = PreviewBrowser(window)
            browser.internal_link_clicked.connect(self.link_clicked)
            self.widget = browser
            self.controller = PreviewController(
                browser, mode="teaser", delay_ms=PREVIEW_DELAY_MS
            )
            self.controller.shown.connect(lambda _revision: self.rendered.emit())
        self.widget.setObjectName("preview")
        self.widget.setMinimumWidth(240)
        self._timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.render)

    def set_site(self, site: Site | None) -> None:
        self.site = site
        if self.controller is not None:
            self.controller.set_source(mode="teaser", site=site)
        self.schedule()

    def set_dark(self, dark: bool) -> None:
        self.dark = dark
        if self.controller is not None:
            self.controller.set_dark(dark)
        self.render()

    def schedule(self) -> None:
        """Show the editor's current text soon (keystrokes arriving meanwhile coalesce)."""
        if self.controller is not None and self.window.binding.index is not None:
            self._showing_text = True
            self.controller.set_text(self.window.editor.toPlainText())
            return
        self._timer.start()

    def render(self) -> None:
        """Show the current text now."""
        self._timer.stop()
        if self.window.binding.index is None:
            self._show_placeholder()
            return
        if self.controller is not None:
            self._showing_text = True
            self.controller.set_text(self.window.editor.toPlainText())
            self.controller.render_now()
            return
        try:
            html = render_teaser_html(
                self.window.editor.toPlainText(), site=self.site, dark=self.dark
            )
        except Exception:  # a renderer bug shows as a note, never as a crash
            log.exception("preview render failed")
            html = html_document("<p>The preview cannot show this text.</p>", dark=self.dark)
        self._show_html(html)
        self.rendered.emit()

    def _show_placeholder(self) -> None:
        message = "Select a post to see its preview." if self.site else ""
        self._showing_text = False
        self._show_html(html_document(f'<p style="color:#888">{message}</p>', dark=self.dark))
        self.rendered.emit()

    def _show_html(self, html: str) -> None:
        show = getattr(self.widget, "show_html", None)
        if show is not None:
            show(html)
            return
        bar = self.widget.verticalScrollBar()
        value = bar.value()
        self.widget.setHtml(html)
        bar.setValue(value)

    def is_idle(self) -> bool:
        if self._timer.isActive():
            return False
        return self.controller is None or self.controller.is_idle()

    def plain_text(self) -> str:
        return self.widget.toPlainText()

    def scroll_to_fraction(self, fraction: float) -> None:
        follow = getattr(self.widget, "follow_ratio", None)
        if follow is not None:
            follow(fraction)
            return
        bar = self.widget.verticalScrollBar()
        bar.setValue(round(bar.minimum() + fraction * (bar.maximum() - bar.minimum())))

    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
        elif url.scheme() in ("", "file"):
            self.link_clicked.emit(url.path() if url.scheme() else url.toString())


def make_preview(window: MainWindow) -> PreviewPane:
    return PreviewPane(window)
