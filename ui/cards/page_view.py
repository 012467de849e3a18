"""Painting recorded pages (``ui/cards/recording.py``) on screen and on a printer.

The steps carry PDF coordinates (points, y up) and the bundled font files, so a page looks
here as it does in the PDF: same faces, sizes, line breaks and places. Strings are drawn
left to right exactly as recorded (they were put in visual order and shaped before the PDF
was drawn), so Qt must not reorder them again.
"""

from __future__ import annotations

import bisect
from functools import cache

from PySide6.QtCore import QEvent, QMarginsF, QPointF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QPageLayout,
    QPageSize,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QStackedWidget, QWidget

from ui import theme
from ui.cards.recording import Page

_LTR_OVERRIDE, _POP = "\u202d", "\u202c"
GAP = 18  # between pages on screen
PAD = 16  # around the pages


@cache
def font_family(path: str) -> str:
    """The family name Qt knows a bundled font file by ("" when it cannot load it)."""
    if not path:
        return ""
    font_id = QFontDatabase.addApplicationFont(path)
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families[0] if families else ""


class _Pen:
    """The drawing state the steps change, as the PDF canvas keeps it."""

    def __init__(self) -> None:
        self.font = QFont()
        self.fill = QColor(0, 0, 0)
        self.stroke = QColor(0, 0, 0)
        self.width = 1.0
        self.dash: tuple[float, ...] = ()

    def copy(self) -> _Pen:
        other = _Pen()
        other.font, other.fill, other.stroke = QFont(self.font), self.fill, self.stroke
        other.width, other.dash = self.width, self.dash
        return other

    def qpen(self) -> QPen:
        pen = QPen(self.stroke, self.width)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        if self.dash and self.width > 0:
            pen.setDashPattern([max(0.01, d / self.width) for d in self.dash])
        return pen


def _font(family: str, size: float, dpi: int) -> QFont:
    font = QFont(family) if family else QFont()
    # Sizes are in points of the page; the painter is already scaled to the page, so undo
    # the device's own points-to-pixels step.
    font.setPointSizeF(max(0.1, size * 72.0 / max(1, dpi)))
    font.setKerning(False)  # the PDF is set without kerning
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def paint_page(painter: QPainter, page: Page, target: QRectF, paper: bool = True) -> None:
    """Draw ``page`` scaled into ``target`` (device coordinates); ``paper``: white behind."""
    w, h = page.size
    painter.save()
    if paper:
        painter.fillRect(target, QColor("white"))
    painter.setClipRect(target)
    painter.translate(target.x(), target.y())
    painter.scale(target.width() / w, target.height() / h)
    painter.translate(0, h)
    painter.scale(1, -1)  # PDF space: origin bottom-left, y up
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    _replay(painter, page)
    painter.restore()


def _replay(painter: QPainter, page: Page) -> None:
    dpi = painter.device().logicalDpiY()
    pen, saved = _Pen(), []
    for step in page.steps:
        kind = step[0]
        if kind == "text":
            _text(painter, pen, step[1], step[2], step[3])
        elif kind in ("line", "rect", "circle"):
            _shape(painter, pen, step)
        elif kind == "font":
            pen.font = _font(font_family(step[3]), step[2], dpi)
        elif kind == "fill":
            pen.fill = QColor.fromRgbF(*step[1:4])
        elif kind == "stroke":
            pen.stroke = QColor.fromRgbF(*step[1:4])
        elif kind == "width":
            pen.width = step[1]
        elif kind == "dash":
            pen.dash = step[1]
        elif kind == "translate":
            painter.translate(step[1], step[2])
        elif kind == "save":
            saved.append(pen.copy())
            painter.save()
        elif kind == "restore" and saved:
            pen = saved.pop()
            painter.restore()


def _text(painter: QPainter, pen: _Pen, x: float, y: float, text: str) -> None:
    painter.save()
    painter.translate(x, y)
    painter.scale(1, -1)
    painter.setFont(pen.font)
    painter.setPen(pen.fill)
    painter.drawText(QPointF(0, 0), _LTR_OVERRIDE + text + _POP)
    painter.restore()


def _shape(painter: QPainter, pen: _Pen, step: tuple) -> None:
    painter.setPen(pen.qpen())
    painter.setBrush(Qt.BrushStyle.NoBrush)
    kind = step[0]
    if kind == "line":
        painter.drawLine(QPointF(step[1], step[2]), QPointF(step[3], step[4]))
    elif kind == "rect":
        painter.drawRect(QRectF(step[1], step[2], step[3], step[4]))
    else:
        painter.drawEllipse(QPointF(step[1], step[2]), step[3], step[3])


# --- printing ---------------------------------------------------------------------------

def page_layout(size: tuple[float, float]) -> QPageLayout:
    """A borderless layout of exactly ``size`` points (landscape when wider than tall)."""
    w, h = size
    exact = QPageSize(QSizeF(min(w, h), max(w, h)), QPageSize.Unit.Point, "",
                      QPageSize.SizeMatchPolicy.ExactMatch)
    turn = QPageLayout.Orientation.Landscape if w > h else QPageLayout.Orientation.Portrait
    return QPageLayout(exact, turn, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)


def print_pages(printer, pages: list[Page]) -> bool:
    """Paint ``pages`` on ``printer`` (a QPrinter) at its full resolution, page by page."""
    if not pages:
        return False
    printer.setFullPage(True)
    painter = QPainter()
    for number, page in enumerate(pages):
        printer.setPageLayout(page_layout(page.size))
        if number == 0:
            if not painter.begin(printer):
                return False
        else:
            printer.newPage()
        scale = printer.resolution() / 72.0
        paint_page(painter, page, QRectF(0, 0, page.size[0] * scale, page.size[1] * scale),
                   paper=False)
    painter.end()
    return True


# --- on screen --------------------------------------------------------------------------

class PageStrip(QWidget):
    """Pages one under another, each fitted to the view; only the visible ones are painted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pages: list[Page] = []
        self.fold = False  # a folded card: show where the sheet folds (on screen only)
        self.fit_all = False  # one card's few pages: all in view at once, one scale
        self._fit = QSize(400, 300)
        self._tops: list[float] = []
        self._rects: list[QRectF] = []

    def set_pages(self, pages: list[Page]) -> None:
        """Show ``pages`` (an empty list shows nothing)."""
        self.pages = list(pages)
        self._layout()

    def fit_to(self, size: QSize) -> None:
        """Each page as large as fits in ``size`` (the viewport)."""
        self._fit = size
        self._layout()

    def _layout(self) -> None:
        avail_w = max(60, self._fit.width() - 2 * PAD)
        avail_h = max(60, self._fit.height() - 2 * PAD)
        y, self._rects = PAD, []
        together = self._scale_together(avail_w, avail_h) if self.fit_all else None
        for page in self.pages:
            w, h = page.size
            scale = together or min(avail_w / w, avail_h / h)
            rect = QRectF((self._fit.width() - w * scale) / 2, y, w * scale, h * scale)
            self._rects.append(rect)
            y += rect.height() + GAP
        height = int(y - GAP + PAD) if self.pages else 0
        spare = (self._fit.height() - height) / 2
        if spare > 0:  # fewer pages than fill the view: centre them
            self._rects = [r.translated(0, spare) for r in self._rects]
        self._tops = [r.top() for r in self._rects]
        self.setFixedSize(max(1, self._fit.width()), max(height, self._fit.height()))
        self.update()

    def _scale_together(self, avail_w: float, avail_h: float) -> float | None:
        if not self.pages:
            return None
        widest = max(p.size[0] for p in self.pages)
        tall = sum(p.size[1] for p in self.pages)
        return max(0.05, min(avail_w / widest, (avail_h - GAP * (len(self.pages) - 1)) / tall))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        exposed = QRectF(event.rect())
        first = max(0, bisect.bisect_right(self._tops, exposed.top()) - 1)
        for i in range(first, len(self.pages)):
            rect = self._rects[i]
            if rect.top() > exposed.bottom():
                break
            painter.fillRect(rect.translated(2, 3), QColor(0, 0, 0, 28))  # a soft shadow
            paint_page(painter, self.pages[i], rect)
            painter.setPen(QColor(theme.BORDER))
            painter.drawRect(rect)
            if self.fold:
                painter.setPen(QPen(QColor("#c9c4b8"), 1, Qt.PenStyle.DashLine))
                painter.drawLine(QPointF(rect.center().x(), rect.top() + 1),
                                 QPointF(rect.center().x(), rect.bottom() - 1))
        painter.end()


class PagePreview(QStackedWidget):
    """A scrolling view of pages, or a short message while there are none to show."""

    def __init__(self, parent: QWidget | None = None, fit_all: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("pagePreview")
        self.setStyleSheet("#pagePreview, #pagePreview QScrollArea, #pagePreview QLabel "
                           "{ background: #e9e6df; border-radius: 6px; }")
        self.strip = PageStrip()
        self.strip.fit_all = fit_all
        self.area = QScrollArea()
        self.area.setWidgetResizable(False)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.area.setWidget(self.strip)
        self.area.viewport().installEventFilter(self)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setMargin(24)
        theme.set_role(self.message, "muted")
        self.addWidget(self.message)
        self.addWidget(self.area)
        self.setMinimumSize(220, 200)

    def set_pages(self, pages: list[Page], fold: bool = False) -> None:
        """Show ``pages``; ``fold``: mark the fold down the middle of each (folded cards)."""
        self.setCurrentWidget(self.area)
        self.strip.fold = fold
        self.strip.fit_to(self.area.viewport().size())
        self.strip.set_pages(pages)

    def pages(self) -> list[Page]:
        """The pages shown."""
        return self.strip.pages

    def set_message(self, text: str) -> None:
        """Show ``text`` instead of the pages ("Drawing the card…", a problem)."""
        self.message.setText(text)
        self.setCurrentWidget(self.message)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.area.viewport() and event.type() == QEvent.Type.Resize:
            self.strip.fit_to(event.size())
        return False
