"""The PDF itself on screen: its pages, rendered by PDFium (``ui/cards/pdf_raster.py``).

The view is handed a finished PDF (a ``PdfPages``: its bytes and page sizes) and lays its
pages out one under another, each fitted to the view. Only the pages in sight (and a few
around them) are rendered, on the worker, at exactly the pixels they take on this screen
(logical size × device pixel ratio), so text is sharp on HiDPI screens; a bounded cache
keeps the latest ones. A 1,000-page batch opens as fast as a card.
"""

from __future__ import annotations

import bisect
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QStackedWidget, QWidget

from ui import theme
from ui.cards import alive
from ui.operations import Operations

if TYPE_CHECKING:  # PDFium loads only when a PDF is shown or printed
    from ui.cards.pdf_raster import PdfPages

GAP = 18  # between pages on screen
PAD = 16  # around the pages
AROUND = 2  # pages rendered beyond the visible ones, each way, so scrolling finds them ready
PER_JOB = 4  # pages per trip to the worker: short jobs keep the worker free for the rest
CACHE_BYTES = 64 * 1024 * 1024  # rendered pages kept (the visible ones always are)


@dataclass(slots=True)
class _Image:
    """A rendered page: which PDF it came from and for how many device pixels wide."""

    generation: int
    width: int
    image: QImage


class PageImages:
    """Rendered pages by index, least recently used dropped first beyond ``budget`` bytes."""

    def __init__(self, budget: int = CACHE_BYTES) -> None:
        self.budget = budget
        self._images: OrderedDict[int, _Image] = OrderedDict()

    def get(self, index: int) -> _Image | None:
        """The image kept for page ``index`` (maybe of an older PDF or size), or None."""
        found = self._images.get(index)
        if found is not None:
            self._images.move_to_end(index)
        return found

    def put(self, index: int, entry: _Image, keep: range) -> None:
        """Keep ``entry``; drop the least recently used beyond the budget, except ``keep``
        (the pages in sight and about to be) and ``entry`` itself, so what is wanted is
        never dropped as soon as it is rendered."""
        self._images[index] = entry
        self._images.move_to_end(index)
        total = sum(e.image.sizeInBytes() for e in self._images.values())
        for old in list(self._images):
            if total <= self.budget:
                break
            if old not in keep and old != index:
                total -= self._images.pop(old).image.sizeInBytes()

    def keep_only(self, wanted: Callable[[int], bool]) -> None:
        """Forget every page for which ``wanted(index)`` is false."""
        for index in [i for i in self._images if not wanted(i)]:
            del self._images[index]

    def __len__(self) -> int:
        return len(self._images)


class PageStrip(QWidget):
    """Pages one under another, each fitted to the view; only the visible ones are painted,
    and only those (with a few around them) are rendered."""

    drawn = Signal()  # every visible page shows the current PDF at its current size
    failed = Signal(str)  # PDFium could not render the PDF

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pdf: PdfPages | None = None
        self.ops: Operations | None = None
        self.fold = False  # a folded card: show where the sheet folds (on screen only)
        self.fit_all = False  # one card's few pages: all in view at once, one scale
        self.images = PageImages()
        self.generation = 0
        self.failure = ""
        self._fit = QSize(400, 300)
        self._tops: list[int] = []
        self._rects: list[QRect] = []
        self._busy = False

    # --- what is shown --------------------------------------------------------------------

    def set_pdf(self, pdf: PdfPages | None) -> None:
        """Show ``pdf``'s pages (None shows nothing). Pages already rendered stay on screen
        as placeholders where the new PDF has a page of the same size, until their new
        rendering arrives, so a preview redrawn as the owner types does not flash."""
        old = self.pdf.sizes if self.pdf else ()
        self.pdf, self.failure = pdf, ""
        self.generation += 1
        sizes = pdf.sizes if pdf else ()
        self.images.keep_only(lambda i: i < len(sizes) and i < len(old) and sizes[i] == old[i])
        self._layout()

    def fit_to(self, size: QSize) -> None:
        """Each page as large as fits in ``size`` (the viewport)."""
        self._fit = size
        self._layout()

    def page_rect(self, index: int) -> QRect:
        """Where page ``index`` is drawn, in this widget's coordinates."""
        return QRect(self._rects[index])

    def image(self, index: int) -> QImage | None:
        """The rendering of page ``index`` shown now, when it is the current one."""
        entry = self.images.get(index)
        return entry.image if entry is not None and self._fresh(index, entry) else None

    def is_drawn(self) -> bool:
        """Whether every visible page shows the current PDF at its current size."""
        return not self._busy and not self._missing(self._visible())

    # --- layout ---------------------------------------------------------------------------

    def _sizes(self) -> tuple[tuple[float, float], ...]:
        return self.pdf.sizes if self.pdf else ()

    def _layout(self) -> None:
        avail_w = max(60, self._fit.width() - 2 * PAD)
        avail_h = max(60, self._fit.height() - 2 * PAD)
        y, self._rects = PAD, []
        together = self._scale_together(avail_w, avail_h) if self.fit_all else None
        for w, h in self._sizes():
            scale = together or min(avail_w / w, avail_h / h)
            # Whole pixels: a page image then lands 1:1 on the screen's pixels, unscaled.
            pw, ph = max(1, round(w * scale)), max(1, round(h * scale))
            self._rects.append(QRect((self._fit.width() - pw) // 2, y, pw, ph))
            y += ph + GAP
        height = y - GAP + PAD if self._rects else 0
        spare = (self._fit.height() - height) // 2
        if spare > 0:  # fewer pages than fill the view: centre them
            self._rects = [r.translated(0, spare) for r in self._rects]
        self._tops = [r.top() for r in self._rects]
        self.setFixedSize(max(1, self._fit.width()), max(height, self._fit.height()))
        self.update()
        self._want()

    def _scale_together(self, avail_w: float, avail_h: float) -> float | None:
        sizes = self._sizes()
        if not sizes:
            return None
        widest = max(w for w, _h in sizes)
        tall = sum(h for _w, h in sizes)
        return max(0.05, min(avail_w / widest, (avail_h - GAP * (len(sizes) - 1)) / tall))

    def _between(self, top: int, bottom: int) -> range:
        """The pages that reach into the rows ``top`` to ``bottom``."""
        first = max(0, bisect.bisect_right(self._tops, top) - 1)
        if first < len(self._rects) and self._rects[first].bottom() < top:
            first += 1  # ``top`` is in the gap below that page
        last = bisect.bisect_right(self._tops, bottom)
        return range(first, max(first, last))

    def _visible(self) -> range:
        seen = self.visibleRegion().boundingRect()
        if seen.isEmpty():
            return range(0)
        return self._between(seen.top(), seen.bottom())

    def _near(self) -> range:
        seen = self._visible()
        return range(max(0, seen.start - AROUND), min(len(self._rects), seen.stop + AROUND))

    # --- rendering on the worker ----------------------------------------------------------

    def _pixels(self, index: int) -> int:
        return max(1, round(self._rects[index].width() * self.devicePixelRatioF()))

    def _fresh(self, index: int, entry: _Image) -> bool:
        return entry.generation == self.generation and entry.width == self._pixels(index)

    def _missing(self, indexes: range) -> list[int]:
        if self.pdf is None or self.failure:
            return []
        return [i for i in indexes
                if (e := self.images.get(i)) is None or not self._fresh(i, e)]

    def _want(self) -> None:
        """Render what is in sight and lacks a current image: one job at a time, the pages
        chosen when it starts, so pages scrolled past on the way are never rendered."""
        if self._busy or self.ops is None or self.pdf is None or not self.isVisible():
            return
        seen, near = self._visible(), self._near()
        todo = list(dict.fromkeys(self._missing(seen) + self._missing(near)))[:PER_JOB]
        if not todo:
            return
        wanted = [(i, self._pixels(i)) for i in todo]
        data, sizes, generation = self.pdf.data, self.pdf.sizes, self.generation
        self._busy = True
        self.ops.run(lambda: _render(data, sizes, wanted),
                     alive(self, lambda got: self._arrived(generation, got)),
                     alive(self, lambda exc: self._failed(generation, exc)), label="draw pages")

    def _arrived(self, generation: int, got: list[tuple[int, int, QImage]]) -> None:
        self._busy = False
        if generation == self.generation:
            keep = self._near()
            for index, width, image in got:
                image.setDevicePixelRatio(self.devicePixelRatioF())
                self.images.put(index, _Image(generation, width, image), keep)
            self.update()
        self._want()
        if self.is_drawn():
            self.drawn.emit()

    def _failed(self, generation: int, exc: BaseException) -> None:
        self._busy = False
        if generation != self.generation:  # a PDF no longer shown
            self._want()
            return
        self.failure = f"The pages could not be shown: {exc}"
        self.failed.emit(self.failure)

    # --- painting -------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._want()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        exposed = event.rect()
        for i in self._between(exposed.top(), exposed.bottom()):
            self._paint_page(painter, i)
        painter.end()
        self._want()

    def _paint_page(self, painter: QPainter, index: int) -> None:
        rect = self._rects[index]
        painter.fillRect(rect.translated(2, 3), QColor(0, 0, 0, 28))  # a soft shadow
        entry = self.images.get(index)
        if entry is not None and self._fresh(index, entry):
            painter.drawImage(rect.topLeft(), entry.image)  # 1:1 with the screen's pixels
        elif entry is not None:  # an older rendering, until the new one is back
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(QRectF(rect), entry.image)
            painter.restore()
        else:
            painter.fillRect(rect, QColor("white"))
        painter.setPen(QColor(theme.BORDER))
        painter.drawRect(rect.adjusted(0, 0, -1, -1))
        if self.fold:
            painter.setPen(QPen(QColor("#c9c4b8"), 1, Qt.PenStyle.DashLine))
            middle = rect.left() + rect.width() / 2
            painter.drawLine(QPointF(middle, rect.top() + 1), QPointF(middle, rect.bottom() - 1))


def _render(data: bytes, sizes: tuple[tuple[float, float], ...],
            wanted: list[tuple[int, int]]) -> list[tuple[int, int, QImage]]:
    """On the worker: each page ``(index, width in pixels)`` rendered that wide."""
    from ui.cards import pdf_raster

    done = []
    for index, width in wanted:
        # A hair under the width: PDFium rounds the pixel size up.
        dpi = pdf_raster.POINTS_PER_INCH * (width - 1e-3) / sizes[index][0]
        (image,) = pdf_raster.render(data, [index], dpi)
        done.append((index, width, image))
    return done


class PagePreview(QStackedWidget):
    """A scrolling view of a PDF's pages, or a short message while there are none to show.

    Pages are rendered on ``ops``' worker (given here or with ``set_worker``)."""

    def __init__(self, parent: QWidget | None = None, fit_all: bool = False,
                 ops: Operations | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pagePreview")
        self.setStyleSheet("#pagePreview, #pagePreview QScrollArea, #pagePreview QLabel "
                           "{ background: #e9e6df; border-radius: 6px; }")
        self.strip = PageStrip()
        self.strip.fit_all = fit_all
        self.strip.ops = ops
        self.area = QScrollArea()
        self.area.setWidgetResizable(False)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.area.setWidget(self.strip)
        self.area.viewport().installEventFilter(self)
        self.strip.failed.connect(self.set_message)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setMargin(24)
        theme.set_role(self.message, "muted")
        self.addWidget(self.message)
        self.addWidget(self.area)
        self.setMinimumSize(220, 200)

    def set_worker(self, ops: Operations) -> None:
        """Render pages on ``ops``' worker."""
        self.strip.ops = ops

    def set_pdf(self, pdf: PdfPages, fold: bool = False) -> None:
        """Show ``pdf``'s pages; ``fold``: mark the fold down the middle of each (folded
        cards)."""
        self.setCurrentWidget(self.area)
        self.strip.fold = fold
        self.strip.fit_to(self.area.viewport().size())
        self.strip.set_pdf(pdf)

    def pdf(self) -> PdfPages | None:
        """The PDF shown (None while a message is)."""
        return self.strip.pdf if self.currentWidget() is self.area else None

    def is_drawn(self) -> bool:
        """Whether the pages in sight show the current PDF (tests)."""
        return self.pdf() is not None and self.strip.is_drawn()

    def set_message(self, text: str) -> None:
        """Show ``text`` instead of the pages ("Drawing the card…", a problem)."""
        self.message.setText(text)
        self.setCurrentWidget(self.message)
        self.strip.set_pdf(None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.area.viewport() and isinstance(event, QResizeEvent):
            self.strip.fit_to(event.size())
        return False
