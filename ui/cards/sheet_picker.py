"""A small picture of a label sheet: click the first free label of a part-used sheet.

Labels are numbered as the sheet's maker numbers them: row by row from the top left. Those
before the first free one show as taken; those the run will fill show in the accent colour.
The arrow keys move the first free label too.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui import theme

Slot = tuple[float, float, float, float]  # x, y (PDF: from the bottom), width, height in points
MARGIN = 6.0


class SheetPicker(QWidget):
    """The sheet of one label stock; ``start_changed(n)`` when another first label is chosen."""

    start_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.setToolTip("Click the first free label of the sheet: the ones before it are "
                        "taken and stay empty.")
        self._page = (612.0, 792.0)
        self._slots: list[Slot] = []
        self._cols = 1
        self._start, self._filled = 1, 0

    # --- our API --------------------------------------------------------------------------

    def set_sheet(self, page: tuple[float, float], slots: Sequence[Slot], cols: int) -> None:
        """The stock's page size and label positions (in points), ``cols`` labels a row."""
        self._page, self._slots, self._cols = page, list(slots), max(1, cols)
        self._start = min(self._start, len(self._slots)) or 1
        self.update()

    def count(self) -> int:
        """How many labels a sheet holds."""
        return len(self._slots)

    def start(self) -> int:
        """The first free label, from 1."""
        return self._start

    def set_start(self, number: int) -> None:
        """Choose label ``number`` as the first free one (kept within the sheet)."""
        number = max(1, min(number, self.count() or 1))
        if number != self._start:
            self._start = number
            self.update()
            self.start_changed.emit(number)

    def set_filled(self, count: int) -> None:
        """How many labels the run prints (shown from the first free one)."""
        self._filled = count
        self.update()

    def label_rect(self, number: int) -> QRectF:
        """Where label ``number`` is drawn, in the widget's coordinates."""
        x, y, w, h = self._slots[number - 1]
        scale, paper = self._scale(), self._paper_rect()
        return QRectF(paper.left() + x * scale, paper.top() + (self._page[1] - y - h) * scale,
                      w * scale, h * scale)

    def label_at(self, point: QPointF) -> int:
        """The label under ``point`` (0: none)."""
        for number in range(1, self.count() + 1):
            if self.label_rect(number).contains(point):
                return number
        return 0

    # --- Qt -------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(230, 290)

    def minimumSizeHint(self) -> QSize:
        return QSize(150, 190)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        number = self.label_at(event.position())
        if number:
            self.set_start(number)
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -self._cols,
                Qt.Key.Key_Down: self._cols}.get(Qt.Key(event.key()))
        if step is None:
            super().keyPressEvent(event)
            return
        self.set_start(self._start + step)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paper = self._paper_rect()
        painter.setPen(QPen(QColor(theme.BORDER), 1))
        painter.setBrush(QColor("#ffffff"))
        painter.drawRect(paper)
        font = QFont(self.font())
        font.setPointSizeF(max(6.0, min(9.0, self.label_rect(1).height() * 0.32))
                           if self._slots else 8.0)
        painter.setFont(font)
        for number in range(1, self.count() + 1):
            self._paint_label(painter, number)
        painter.end()

    # --- drawing --------------------------------------------------------------------------

    def _scale(self) -> float:
        room_w, room_h = self.width() - 2 * MARGIN, self.height() - 2 * MARGIN
        return max(0.01, min(room_w / self._page[0], room_h / self._page[1]))

    def _paper_rect(self) -> QRectF:
        scale = self._scale()
        w, h = self._page[0] * scale, self._page[1] * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def _paint_label(self, painter: QPainter, number: int) -> None:
        rect = self.label_rect(number).adjusted(0.8, 0.8, -0.8, -0.8)
        used = number < self._start
        filled = self._start <= number < self._start + self._filled
        fill = QColor(theme.BORDER) if used else QColor(theme.ACCENT_SOFT) if filled \
            else QColor("#ffffff")
        painter.setBrush(fill)
        edge = QColor(theme.ACCENT) if number == self._start else QColor(theme.BORDER)
        painter.setPen(QPen(edge, 2 if number == self._start else 1))
        painter.drawRoundedRect(rect, 2, 2)
        if used:  # a cross: this one is gone
            painter.setPen(QPen(QColor(theme.MUTED), 1))
            painter.drawLine(rect.topLeft(), rect.bottomRight())
            painter.drawLine(rect.topRight(), rect.bottomLeft())
            return
        painter.setPen(QColor(theme.ACCENT if filled else theme.MUTED))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(number))
