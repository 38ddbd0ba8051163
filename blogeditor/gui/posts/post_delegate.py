"""Paints one teaser row: thumbnail, title, section, state chips, problem and unsaved markers."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QImage, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from blogeditor.core.git.post_state import PostState
from blogeditor.gui import icons
from blogeditor.gui.posts.post_list_model import (
    THUMB_SIZE,
    ArticleStateRole,
    DirtyRole,
    GitStateRole,
    HiddenRole,
    ProblemsRole,
    SectionRole,
    ThumbnailRole,
    TitleDriftRole,
)

PAD = 8
MIN_WIDTH = THUMB_SIZE.width() + 3 * PAD + 60
CHIP_COLOURS = {
    "Hidden": "#7a7f87",
    "Visible": "#2e8b57",
    "Draft": "#c7791b",
    "Scheduled": "#3b7dd8",
    "Title differs": "#b8577a",
}
# Git marks at the top right (the tooltip says them in words): conflict, uncommitted,
# committed but not pushed, changed upstream.
GIT_COLOURS = {"!": "#d64545", "M": "#b8860b", "↑": "#3b7dd8", "↓": "#8e5bd0"}


class PostDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        # A small width: the view stretches rows to its width, and a wider hint would give a
        # narrow list a horizontal scroll bar with titles cut off instead of elided.
        return QSize(MIN_WIDTH, THUMB_SIZE.height() + 2 * PAD)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        opt.icon = QIcon()  # the style draws only the selection background
        widget = opt.widget
        style = widget.style() if widget else None
        painter.save()
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        palette = opt.palette
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text = palette.color(text_role)
        muted = QColor(text)
        muted.setAlphaF(0.6)
        hidden = bool(index.data(HiddenRole))
        rect = opt.rect.adjusted(PAD, PAD, -PAD, -PAD)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)

        thumb_rect = QRect(rect.left(), rect.top(), THUMB_SIZE.width(), THUMB_SIZE.height())
        painter.setOpacity(0.45 if hidden else 1.0)
        self._paint_thumbnail(painter, thumb_rect, index.data(ThumbnailRole), palette)
        painter.setOpacity(1.0)

        left = thumb_rect.right() + PAD + 2
        right = rect.right()
        # Markers on the right: problem triangle, unsaved dot.
        problems = index.data(ProblemsRole) or []
        if index.data(DirtyRole):
            dot = QRectF(right - 8, rect.top() + 5, 8, 8)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#e0a100"))
            painter.drawEllipse(dot)
            right -= 14
        if problems:
            dpr = widget.devicePixelRatioF() if widget else 1.0
            painter.drawPixmap(right - 16, rect.top() + 1, icons.pixmap("problem", 16, dpr=dpr))
            right -= 20
        git = index.data(GitStateRole)
        if git is not None:
            right = self._paint_git(painter, git, right, rect.top(), opt.font,
                                    text if selected else None)

        title_font = QFont(opt.font)
        title_font.setBold(True)
        title_font.setItalic(hidden)
        painter.setFont(title_font)
        painter.setPen(muted if hidden else text)
        metrics = QFontMetrics(title_font)
        title_rect = QRect(left, rect.top(), max(0, right - left), metrics.height() * 2)
        title = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        painter.drawText(
            title_rect,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap),
            _elide_two_lines(title, metrics, title_rect.width()),
        )

        small = QFont(opt.font)
        small.setPointSizeF(max(7.0, opt.font.pointSizeF() * 0.85))
        painter.setFont(small)
        small_metrics = QFontMetrics(small)
        chip_height = small_metrics.height() + 2
        y = rect.bottom() - chip_height + 1
        x = left
        dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
        chips = ["Hidden" if hidden else "Visible"]
        state = index.data(ArticleStateRole)
        if state == "draft":
            chips.append("Draft")
        elif state == "scheduled":
            chips.append("Scheduled")
        if index.data(TitleDriftRole) is not None:
            chips.append("Title differs")
        for chip in chips:
            if x + small_metrics.horizontalAdvance(chip) + 10 > right:
                break  # a narrow list shows the first chips whole rather than all cut off
            x = self._paint_chip(painter, chip, x, y, small_metrics,
                                 text if selected else None, dark=dark) + 4
        section = str(index.data(SectionRole) or "")
        # A section cut to a letter or two says nothing: leave it to the tooltip then.
        if section and right - x - 2 >= small_metrics.horizontalAdvance(section[:4] + "…"):
            painter.setPen(muted)
            painter.drawText(
                QRect(x + 2, y, max(0, right - x - 2), chip_height),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                small_metrics.elidedText(section, Qt.TextElideMode.ElideRight,
                                         max(0, right - x - 2)),
            )
        painter.restore()

    def _paint_thumbnail(self, painter: QPainter, rect: QRect, image: object, palette: QPalette) -> None:
        if isinstance(image, QImage) and not image.isNull():
            scaled = image.size().scaled(rect.size(), Qt.AspectRatioMode.KeepAspectRatioByExpanding)
            source = QRectF(
                (scaled.width() - rect.width()) / 2 * image.width() / max(1, scaled.width()),
                (scaled.height() - rect.height()) / 2 * image.height() / max(1, scaled.height()),
                rect.width() * image.width() / max(1, scaled.width()),
                rect.height() * image.height() / max(1, scaled.height()),
            )
            painter.drawImage(QRectF(rect), image, source)
            return
        painter.setPen(Qt.PenStyle.NoPen)
        base = palette.color(QPalette.ColorRole.Mid)
        base.setAlphaF(0.35)
        painter.setBrush(base)
        painter.drawRoundedRect(QRectF(rect), 4, 4)
        size = 20
        colour = palette.color(QPalette.ColorRole.WindowText).name()
        painter.drawPixmap(
            rect.center().x() - size // 2 + 1,
            rect.center().y() - size // 2 + 1,
            icons.pixmap("image", size, colour=colour, dpr=painter.device().devicePixelRatioF()),
        )

    def _paint_git(self, painter: QPainter, state: PostState, right: int, top: int, font: QFont,
                   on_selection: QColor | None) -> int:
        """One small tinted disc per git state, right to left; returns the space left."""
        bold = QFont(font)
        bold.setBold(True)
        painter.setFont(bold)
        size = QFontMetrics(bold).height()
        flags = {"!": state.conflicted, "M": state.uncommitted, "↑": state.unpushed,
                 "↓": state.upstream}
        for glyph in reversed([g for g, on in flags.items() if on]):
            colour = QColor(on_selection or GIT_COLOURS[glyph])
            fill = QColor(colour)
            fill.setAlphaF(0.18)
            disc = QRectF(right - size, top, size, size)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawEllipse(disc)
            painter.setPen(colour)
            painter.drawText(disc, int(Qt.AlignmentFlag.AlignCenter), glyph)
            right -= size + 3
        return right

    def _paint_chip(
        self, painter: QPainter, label: str, x: int, y: int, metrics: QFontMetrics,
        on_selection: QColor | None = None, *, dark: bool = False,
    ) -> int:
        width = metrics.horizontalAdvance(label) + 10
        rect = QRectF(x, y, width, metrics.height() + 2)
        # On the selection colour the chip takes the selected text colour to stay legible;
        # on a dark background the chip colours are lightened to keep their contrast.
        colour = QColor(on_selection or CHIP_COLOURS.get(label, "#777777"))
        if dark and on_selection is None:
            colour = colour.lighter(150)
        fill = QColor(colour)
        fill.setAlphaF(0.22 if dark else 0.16)
        painter.setPen(colour)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), label)
        return int(rect.right())


def _elide_two_lines(text: str, metrics: QFontMetrics, width: int) -> str:
    if width <= 0 or metrics.horizontalAdvance(text) <= width:
        return text
    # Break at a word for the first line, elide the rest onto the second.
    words = text.split()
    first = ""
    for word in words:
        candidate = f"{first} {word}".strip()
        if metrics.horizontalAdvance(candidate) > width:
            break
        first = candidate
    if not first:
        return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width * 2)
    rest = text[len(first) :].strip()
    return first + "\n" + metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)
