"""What the window shows when no site is open: a friendly start, not an empty frame."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from blogeditor.gui import icons


class WelcomePanel(QWidget):
    open_site_clicked = Signal()
    open_demo_clicked = Signal()
    open_recent_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.setSpacing(12)
        self.logo = QLabel(self)
        self.logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = QLabel("Welcome to BlogEditor", self)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(
            "Open the folder of your Hugo site to edit its homepage teasers,\n"
            "or try everything out on the demo site first.",
            self,
        )
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.open_button = QPushButton("Open Site…", self)
        self.demo_button = QPushButton("Open Demo Site", self)
        for button in (self.open_button, self.demo_button):
            button.setMinimumWidth(220)
            button.setMinimumHeight(34)
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.open_site_clicked)
        self.demo_button.clicked.connect(self.open_demo_clicked)
        self.recent_label = QLabel(self)
        self.recent_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.recent_label.setTextFormat(Qt.TextFormat.RichText)
        self.recent_label.linkActivated.connect(self.open_recent_clicked)
        for widget in (self.logo, title, text, self.open_button, self.demo_button,
                       self.recent_label):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        self.refresh_icons()

    def refresh_icons(self) -> None:
        self.open_button.setIcon(icons.icon("open"))
        self.demo_button.setIcon(icons.icon("demo"))
        logo = icons.icons_dir() / "blogeditor.svg"
        name = "blogeditor" if logo.is_file() else "preview"
        self.logo.setPixmap(icons.pixmap(name, 72, dpr=self.devicePixelRatioF()))

    def set_recent(self, sites: list[str]) -> None:
        if not sites:
            self.recent_label.setText("")
            return
        links = "<br>".join(
            f'<a href="{_escape(s)}">{_escape(Path(s).name or s)}</a>' for s in sites[:5]
        )
        self.recent_label.setText(f"<p>Recent sites:<br>{links}</p>")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
