"""The PDF itself, on screen and on a printer: its pages rendered by PDFium (pypdfium2).

The reportlab PDF is the single truth. The preview shows its pages rendered at screen
resolution and Print… paints the same pages rendered at the printer's resolution, so what
the owner sees, what the file holds and what comes out of the printer are one drawing.

PDFium is not thread-safe: every call into it holds one lock, so the preview (on the worker)
and a print job never render at the same time.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import pypdfium2 as pdfium
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter

_LOCK = threading.Lock()
POINTS_PER_INCH = 72.0


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
            sizes = tuple(tuple(map(float, doc[i].get_size())) for i in range(len(doc)))
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
    """Paint pages ``indexes`` (all by default) of ``pdf`` on ``printer``, one page per sheet,
    rendered at the printer's resolution and placed at the paper's full size.

    Returns how many pages were painted. Raises OSError when the printer refuses to start
    (``QPainter.begin`` returns False silently) or to take a new page.
    """
    chosen = list(range(len(pdf)) if indexes is None else indexes)
    if not chosen:
        return 0
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not be started")
    try:
        dpi = float(printer.resolution())
        for n, index in enumerate(chosen):
            if n and not printer.newPage():
                raise OSError("the printer refused a new page")
            (image,) = render(pdf.data, [index], dpi)
            paper = printer.paperRect(QPrinter.Unit.DevicePixel)
            # The painter's origin is the printable area's corner; the page goes on the paper.
            page = printer.pageRect(QPrinter.Unit.DevicePixel)
            target = QRectF(paper.x() - page.x(), paper.y() - page.y(),
                            paper.width(), paper.height())
            painter.drawImage(target, image)
    finally:
        painter.end()
    return len(chosen)
