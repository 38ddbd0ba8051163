"""Live preview of the teaser being edited, beside the editor.

The preview renders the editor's text (not the document: it must not wait for the
editor's commit pause). ``PreviewBrowser`` + ``PreviewController`` (gui/preview/preview.py,
gui/preview/preview_controller.py) do the rendering, image loading and scroll keeping.
Internal links are reported through ``link_clicked(str)`` so the window can select that
post; external ones open in the system browser.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from blogeditor.core.render.render import html_document
from blogeditor.core.site.site import Site
from blogeditor.gui.editor.editor import EditorBinding, MarkdownEditor
from blogeditor.gui.preview.preview import PreviewBrowser
from blogeditor.gui.preview.preview_controller import PreviewController

PREVIEW_DELAY_MS = 10


class PreviewPane(QObject):
    link_clicked = Signal(str)
    rendered = Signal()  # after every update (benchmarks and tests wait for it)

    def __init__(self, editor: MarkdownEditor, binding: EditorBinding, *, dark: bool,
                 parent: QWidget) -> None:
        super().__init__(parent)
        self.editor, self.binding = editor, binding
        self.site: Site | None = None
        self.dark = dark
        self.widget = PreviewBrowser(parent)
        self.widget.internal_link_clicked.connect(self.link_clicked)
        self.widget.setObjectName("preview")
        self.widget.setMinimumWidth(240)
        self.controller = PreviewController(self.widget, mode="teaser", delay_ms=PREVIEW_DELAY_MS)
        self.controller.shown.connect(lambda _revision: self.rendered.emit())
        self._timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.render)

    def set_site(self, site: Site | None) -> None:
        self.site = site
        self.controller.set_source(mode="teaser", site=site)
        self.schedule()

    def set_dark(self, dark: bool) -> None:
        self.dark = dark
        self.controller.set_dark(dark)
        self.render()

    def schedule(self) -> None:
        """Show the editor's current text soon (keystrokes arriving meanwhile coalesce)."""
        if self.binding.index is not None:
            self.controller.set_text(self.editor.toPlainText())
            return
        self._timer.start()

    def render(self) -> None:
        """Show the current text now."""
        self._timer.stop()
        if self.binding.index is None:
            self._show_placeholder()
            return
        self.controller.set_text(self.editor.toPlainText())
        self.controller.render_now()

    def _show_placeholder(self) -> None:
        message = "Select a post to see its preview." if self.site else ""
        self.widget.show_html(html_document(f'<p style="color:#888">{message}</p>', dark=self.dark))
        self.rendered.emit()

    def is_idle(self) -> bool:
        return not self._timer.isActive() and self.controller.is_idle()

    def plain_text(self) -> str:
        return self.widget.toPlainText()

    def scroll_to_fraction(self, fraction: float) -> None:
        self.widget.follow_ratio(fraction)
