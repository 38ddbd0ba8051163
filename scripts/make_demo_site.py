"""Draw the demo site's images (thumbnails and one article diagram) with Qt, offscreen.

The demo site's text is written by hand and committed; only its pictures come from here so
that they can be regenerated in the same style. Run it after changing a title or adding a post:

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_demo_site.py

The outputs are committed too (the app never runs this script).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
    QPen,
)

CONTENT = Path(__file__).resolve().parent.parent / "resources" / "demo-site" / "content"
WIDTH, HEIGHT = 640, 360
# Committed images stay small: the whole demo site must stay well under 1 MB.
MAX_BYTES = 40_000


@dataclass(frozen=True)
class Post:
    link: str  # "section/slug"
    title: str
    colors: tuple[str, str]
    # File names of the thumbnail candidates; "-small" ones are drawn at half size.
    files: tuple[str, ...]


POSTS = (
    Post("ai/teaching-a-small-model-to-write-release-notes",
         "Teaching a Small Model to Write Release Notes", ("#5b2a86", "#f28f3b"),
         ("thumbnail.jpg", "thumbnail-01.jpg", "thumbnail-02-small.png")),
    Post("kubernetes/quiet-clusters-alerts-people-actually-read",
         "Quiet Clusters: Alerts People Actually Read", ("#0b3954", "#43aa8b"),
         ("thumbnail.jpg",)),
    Post("ci-cd/pipelines-that-explain-themselves",
         "Pipelines That Explain Themselves", ("#1d3557", "#e63946"),
         ("thumbnail.jpg", "thumbnail-01.jpg")),
    Post("ai/reviewing-code-with-a-language-model",
         "Reviewing Code with a Language Model", ("#22577a", "#80ed99"),
         ("thumbnail-01.jpg", "thumbnail-02-small.png")),
    Post("kubernetes/rolling-updates-without-the-drama",
         "Rolling Updates Without the Drama", ("#264653", "#e9c46a"),
         ("thumbnail.jpg",)),
    Post("misc/a-tidy-desk-for-a-tidy-project",
         "A Tidy Desk for a Tidy Project", ("#3d405b", "#f2cc8f"),
         ("thumbnail.jpg",)),
    Post("ci-cd/caching-dependencies-the-boring-way",
         "Caching Dependencies the Boring Way", ("#14213d", "#fca311"),
         ("thumbnail-01.jpg", "thumbnail-02-small.png")),
    Post("misc/writing-in-plain-text",
         "Writing in Plain Text", ("#6d597a", "#b56576"),
         ("thumbnail.jpg",)),
)


def _thumbnail(title: str, colors: tuple[str, str], variant: int, scale: float) -> QImage:
    width, height = int(WIDTH * scale), int(HEIGHT * scale)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    # Each candidate runs its gradient in another direction, so the picker shows a real choice.
    ends = [
        (QPointF(0, 0), QPointF(width, height)),
        (QPointF(width, 0), QPointF(0, height)),
        (QPointF(0, height), QPointF(width, 0)),
    ][variant % 3]
    gradient = QLinearGradient(*ends)
    gradient.setColorAt(0.0, QColor(colors[0]))
    gradient.setColorAt(1.0, QColor(colors[1]))
    painter.fillRect(0, 0, width, height, gradient)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(255, 255, 255, 40))
    painter.drawEllipse(QPointF(width * 0.85, height * 0.2), height * 0.35, height * 0.35)
    painter.setBrush(QColor(0, 0, 0, 60))
    painter.drawRect(QRectF(0, height * 0.62, width, height * 0.38))

    font = QFont("DejaVu Sans")
    font.setBold(True)
    font.setPixelSize(max(12, int(34 * scale)))
    painter.setFont(font)
    painter.setPen(QColor("white"))
    margin = 24 * scale
    text_rect = QRectF(margin, height * 0.62, width - 2 * margin, height * 0.38)
    flags = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap
    painter.drawText(text_rect, int(flags), title)
    painter.end()
    return image


def _rollout_diagram() -> QImage:
    """The figure in the rolling-update article: old copies giving way to new ones."""
    image = QImage(WIDTH, 200, QImage.Format.Format_RGB32)
    image.fill(QColor("#fafafa"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont("DejaVu Sans")
    font.setPixelSize(14)
    painter.setFont(font)
    phases = (("Start", 3, 0), ("Surge", 3, 1), ("Swap", 2, 2), ("Done", 0, 3))
    for column, (label, old, new) in enumerate(phases):
        x = 20 + column * 155
        painter.setPen(QPen(QColor("#333333")))
        painter.drawText(QRectF(x, 10, 140, 20), int(Qt.AlignmentFlag.AlignCenter), label)
        for row in range(old + new):
            color = QColor("#9aa5b1") if row < old else QColor("#2a9d8f")
            painter.setBrush(color)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(QRectF(x + 20, 40 + row * 36, 100, 28), 6, 6)
    painter.end()
    return image


def _save(image: QImage, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".png":
        # A palette keeps the gradients small enough to commit.
        image = image.convertToFormat(QImage.Format.Format_Indexed8)
        ok = image.save(str(path), "PNG")
    else:
        ok = image.save(str(path), "JPEG", 80)
    if not ok:
        raise SystemExit(f"could not write {path}")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise SystemExit(f"{path} is {size} bytes; keep demo images under {MAX_BYTES}")
    print(f"{path.relative_to(CONTENT.parent)}  {image.width()}x{image.height()}  {size} B")


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv)
    for post in POSTS:
        bundle = CONTENT / post.link
        for variant, name in enumerate(post.files):
            scale = 0.5 if "-small" in name else 1.0
            _save(_thumbnail(post.title, post.colors, variant, scale), bundle / name)
    _save(_rollout_diagram(),
          CONTENT / "kubernetes/rolling-updates-without-the-drama/img/rollout-steps.png")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
