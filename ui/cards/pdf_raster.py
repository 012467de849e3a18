"""The PDF itself, on screen and on a printer: its pages rendered by PDFium (pypdfium2).

The reportlab PDF is the single truth. The preview shows its pages rendered at screen
resolution and Print… paints the same pages rendered at the printer's resolution, so what
the owner sees, what the file holds and what comes out of the printer are one drawing.

PDFium is not thread-safe: every call into it holds one lock, so the preview (on the worker)
and a print job never render at the same time.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import pypdfium2 as pdfium
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter

_LOCK = threading.Lock()
POINTS_PER_INCH = 72.0
# A printer asked for more gets pages at this resolution, scaled up by Qt: a 5.5 × 8.5 in page
# at 1,200 dpi (Qt's PDF output) is a 270 MB image taking 1.5 s; at 600 dpi, 68 MB and 0.36 s,
# and 600 dpi is what card printers' engines really lay down.
MAX_PRINT_DPI = 600.0


@dataclass(frozen=True, slots=True)
class PdfPages:
    """A PDF's bytes and the size of each page in points (width, height)."""

    data: bytes
    sizes: tuple[tuple[float, float], ...]

    def __len__(self) -> int:
        return len(self.sizes)


@contextmanager
def _document(data: bytes) -> Iterator[pdfium.PdfDocument]:
    with _LOCK:
        doc = pdfium.PdfDocument(data)
        try:
            yield doc
        finally:
            doc.close()


def read(data: bytes) -> PdfPages:
    """The pages of the PDF ``data``; ValueError when it is not a PDF PDFium can read."""
    try:
        with _document(data) as doc:
            # By index: PDFium reads the size without loading each page (3.5× faster at
            # 2,000 pages).
            sizes = tuple(tuple(map(float, doc.get_page_size(i))) for i in range(len(doc)))
    except pdfium.PdfiumError as exc:
        raise ValueError(f"the PDF could not be read: {exc}") from exc
    return PdfPages(data, sizes)  # type: ignore[arg-type]


def render(data: bytes, indexes: Sequence[int], dpi: float) -> list[QImage]:
    """Pages ``indexes`` of the PDF as opaque images at ``dpi`` (white paper, no alpha)."""
    scale = dpi / POINTS_PER_INCH
    images: list[QImage] = []
    with _document(data) as doc:
        for i in indexes:
            images.append(_image(doc[i], scale))
    return images


def _image(page: pdfium.PdfPage, scale: float) -> QImage:
    # BGRx in memory is what QImage calls RGB32 on a little-endian machine; copy() detaches
    # the image from PDFium's buffer, which is freed with the bitmap.
    bitmap = page.render(scale=scale, rev_byteorder=False, prefer_bgrx=True,
                         may_draw_forms=False)
    try:
        width, height, stride = bitmap.width, bitmap.height, bitmap.stride
        image = QImage(bitmap.buffer, width, height, stride, QImage.Format.Format_RGB32)
        return image.copy()
    finally:
        bitmap.close()


def paint_on(printer: QPrinter, pdf: PdfPages, indexes: Sequence[int] | None = None) -> int:
    """Paint pages ``indexes`` (all by default) of ``pdf`` on ``printer`` in one go (see
    :class:`PrintJob`); return how many were painted."""
    job = PrintJob(printer, pdf)
    try:
        job.paint(range(len(pdf)) if indexes is None else indexes)
    finally:
        job.finish()
    return job.painted


class PrintJob:
    """``pdf``'s pages painted on ``printer`` a few at a time, so a long job can share the
    worker (a page takes about 0.35 s at 600 dpi): one page per sheet, rendered at the
    printer's resolution (at most ``MAX_PRINT_DPI``) and placed at the paper's full size. A
    page whose size differs from the printer's paper gets its own paper size first (a
    writing aid's card pages, then its Letter sheets).

    Calls come one at a time (from any one thread at a time). ``paint`` raises OSError when
    the printer refuses to start (``QPainter.begin`` returns False silently), a page's size
    or a new page; ``finish`` must follow, also after a failure, to close the job.
    """

    def __init__(self, printer: QPrinter, pdf: PdfPages,
                 pages: Sequence[int] | None = None) -> None:
        self.printer, self.pdf = printer, pdf
        # The job's pages, in order: all of them, or some (the fronts of a manual duplex).
        self.pages = list(range(len(pdf))) if pages is None else list(pages)
        self.painted = 0
        self._painter = QPainter()

    def __len__(self) -> int:
        return len(self.pages)

    def paint(self, indexes: Iterable[int]) -> int:
        """Paint the job's pages at ``indexes`` (all pages: the PDF's page numbers from 0),
        each on a sheet of its own; return how many so far."""
        for index in (self.pages[i] for i in indexes):
            use_paper(self.printer, self.pdf.sizes[index])
            if self.painted == 0 and not self._painter.begin(self.printer):
                raise OSError("the printer could not be started")
            if self.painted and not self.printer.newPage():
                raise OSError("the printer refused a new page")
            _paint_page(self._painter, self.printer, self.pdf.data, index)
            self.painted += 1
        return self.painted

    def finish(self) -> None:
        """End the job: what was painted goes to the printer."""
        if self._painter.isActive():
            self._painter.end()


def use_paper(printer: QPrinter, size: tuple[float, float]) -> None:
    """Make ``printer``'s paper ``size`` points unless it already is (then the set-up chosen
    before the print dialog stays), by the one printer set-up rule (``printer_setup``: the
    driver's own size, full page; ``setPageLayout`` is refused by drivers without custom
    sizes); PrinterError (an OSError) when the printer cannot take it."""
    from ui.cards import printer_setup  # late: it reads the card formats

    paper = printer_setup.Paper(size)
    if not printer_setup.same_size(printer, paper):
        printer_setup.set_size(printer, paper)


def _paint_page(painter: QPainter, printer: QPrinter, data: bytes, index: int) -> None:
    dpi = min(float(printer.resolution()), MAX_PRINT_DPI)
    (image,) = render(data, [index], dpi)
    paper = printer.paperRect(QPrinter.Unit.DevicePixel)
    # The painter's origin is the printable area's corner; the page goes on the paper.
    page = printer.pageRect(QPrinter.Unit.DevicePixel)
    target = QRectF(paper.x() - page.x(), paper.y() - page.y(), paper.width(), paper.height())
    painter.drawImage(target, image)
