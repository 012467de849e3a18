"""Painting the grouped lists: section headers with a count, and cells of one or two lines.

The long reason of a suggestion wraps onto two lines and is cut with an ellipsis only after
that (the whole of it is in the tooltip and the side panel).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QPainter, QPalette, QTextLayout
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ui import theme
from ui.today.rows import HEADER_ROLE, SUB_ROLE, TONE_ROLE

# One height for every row: a view with uniform rows lays out 40,000 of them at once.
ROW_HEIGHT = 50
PAD_X = 10
ICON = 18
TONES = {"overdue": theme.ERROR, "today": theme.ACCENT}


class GroupedDelegate(QStyledItemDelegate):
    """Draws what :class:`ui.today.rows.GroupedModel` holds; ``wrap_columns`` may take two
    lines for their main text (no second line then)."""

    def __init__(self, wrap_columns: tuple[int, ...] = (), parent=None) -> None:
        super().__init__(parent)
        self._wrap = set(wrap_columns)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        return QSize(option.rect.width() or 100, ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        header = index.data(HEADER_ROLE)
        painter.save()
        try:
            if header is not None:
                self._paint_header(painter, option, *header)
            else:
                self._paint_item(painter, option, index)
        finally:
            painter.restore()

    def _paint_header(self, painter: QPainter, option: QStyleOptionViewItem, label: str,
                      count: int) -> None:
        """A band across the row. The words start in the first column and run on: each
        cell draws its own slice of them, so a long heading is never cut at a column."""
        rect = option.rect
        painter.fillRect(rect, QColor(theme.WINDOW))
        painter.setPen(QColor(theme.BORDER))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        painter.setClipRect(rect)
        header = getattr(option.widget, "header", None)
        left = header().sectionViewportPosition(0) if header is not None else rect.left()
        rect = QRect(left, rect.top(), max(rect.right() - left, 400), rect.height())
        font = QFont(option.font)
        font.setBold(True)
        font.setPointSizeF(option.font.pointSizeF() + 0.5)
        painter.setFont(font)
        painter.setPen(QColor(theme.TEXT))
        text_rect = rect.adjusted(PAD_X, 12, -PAD_X, 0)
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         label)
        width = QFontMetrics(font).horizontalAdvance(label)
        self._paint_count(painter, option, text_rect.adjusted(width + 8, 0, 0, 0), count)

    def _paint_count(self, painter: QPainter, option: QStyleOptionViewItem, rect: QRect,
                     count: int) -> None:
        text = str(count)
        metrics = QFontMetrics(option.font)
        pill = QRect(rect.left(), rect.center().y() - 9,
                     metrics.horizontalAdvance(text) + 14, 18)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(theme.ACCENT_SOFT))
        painter.drawRoundedRect(pill, 9, 9)
        painter.setPen(QColor(theme.ACCENT))
        painter.setFont(option.font)
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_item(self, painter: QPainter, option: QStyleOptionViewItem,
                    index: QModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        opt.icon = QIcon()
        style = opt.widget.style() if opt.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        rect = option.rect.adjusted(PAD_X, 0, -PAD_X, 0)
        icon = index.data(Qt.ItemDataRole.DecorationRole)
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        sub = index.data(SUB_ROLE) or ""
        metrics = QFontMetrics(option.font)
        if icon is not None and not icon.isNull():
            top = rect.top() + (rect.height() - ICON) // 2
            mode = QIcon.Mode.Selected if selected else QIcon.Mode.Normal
            icon.paint(painter, QRect(rect.left(), top, ICON, ICON),
                       Qt.AlignmentFlag.AlignCenter, mode)
            rect = rect.adjusted(ICON + 8, 0, 0, 0)
            if not sub and metrics.horizontalAdvance(text) > rect.width():
                return  # the icon alone says it ("Post…" said less); the tip has the word
        main_colour, muted = self._colours(option, index, selected)
        if index.column() in self._wrap:
            self._paint_wrapped(painter, option.font, rect, text, main_colour)
            return
        lines = [(text, main_colour)] + ([(sub, muted)] if sub else [])
        top = rect.top() + (rect.height() - metrics.height() * len(lines)) // 2
        for i, (line, colour) in enumerate(lines):
            font = QFont(option.font)
            font.setBold(i == 0 and index.column() == 0)
            painter.setFont(font)
            painter.setPen(colour)
            shown = QFontMetrics(font).elidedText(line, Qt.TextElideMode.ElideRight,
                                                   rect.width())
            painter.drawText(QRect(rect.left(), top + i * metrics.height(), rect.width(),
                                   metrics.height()), Qt.AlignmentFlag.AlignVCenter, shown)

    def _colours(self, option: QStyleOptionViewItem, index: QModelIndex,
                 selected: bool) -> tuple[QColor, QColor]:
        if selected:
            white = option.palette.color(QPalette.ColorRole.HighlightedText)
            return white, QColor(255, 255, 255, 200)
        tone = TONES.get(index.data(TONE_ROLE) or "")
        return QColor(tone or theme.TEXT), QColor(theme.MUTED)

    def _paint_wrapped(self, painter: QPainter, font: QFont, rect: QRect, text: str,
                       colour: QColor) -> None:
        """At most two lines; the second ends in an ellipsis when the text goes on."""
        metrics = QFontMetrics(font)
        layout = QTextLayout(text, font)
        layout.beginLayout()
        lines = []
        while len(lines) < 2:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(rect.width())
            lines.append((line.textStart(), line.textLength()))
        layout.endLayout()
        shown = [text[start:start + length].rstrip() for start, length in lines]
        if lines and sum(lines[-1]) < len(text):
            rest = text[lines[-1][0]:]
            shown[-1] = metrics.elidedText(rest, Qt.TextElideMode.ElideRight, rect.width())
        painter.setFont(font)
        painter.setPen(colour)
        top = rect.top() + (rect.height() - metrics.height() * len(shown)) // 2
        for i, line in enumerate(shown):
            painter.drawText(QRect(rect.left(), top + i * metrics.height(), rect.width(),
                                   metrics.height()), Qt.AlignmentFlag.AlignVCenter, line)
