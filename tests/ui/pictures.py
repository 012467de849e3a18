"""Comparing pictures of pages in tests, without numpy: PDFium's rendering of a PDF (made
here, independently of the code under test) against what the window or a printer shows."""

from __future__ import annotations

import pypdfium2 as pdfium
from PySide6.QtGui import QImage


def render(data: bytes, index: int, scale: float) -> QImage:
    """Page ``index`` of the PDF ``data`` at ``scale`` pixels per point, straight from
    pypdfium2 (not through ``ui.cards.pdf_raster``)."""
    doc = pdfium.PdfDocument(data)
    try:
        bitmap = doc[index].render(scale=scale, rev_byteorder=True)
        image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                       QImage.Format.Format_RGB888)
        return image.copy()
    finally:
        doc.close()


def grey(image: QImage) -> list[bytes]:
    """The image's rows as grey levels, one byte a pixel."""
    image = image.convertToFormat(QImage.Format.Format_Grayscale8)
    data, stride, width = bytes(image.constBits()), image.bytesPerLine(), image.width()
    return [data[y * stride:y * stride + width] for y in range(image.height())]


def difference(a: QImage, b: QImage) -> tuple[float, float]:
    """How far apart two same-sized pictures are: the mean grey difference (0–255) and the
    share of pixels more than 32 grey levels apart."""
    assert (a.width(), a.height()) == (b.width(), b.height()), (a.size(), b.size())
    total = off = 0
    for row_a, row_b in zip(grey(a), grey(b), strict=True):
        for x, y in zip(row_a, row_b, strict=True):
            d = abs(x - y)
            total += d
            off += d > 32
    pixels = a.width() * a.height()
    return total / pixels, off / pixels


def ink(image: QImage) -> int:
    """How many pixels are darker than near-white."""
    return sum(v < 200 for row in grey(image) for v in row)


def pages(data: bytes, scale: float) -> list[QImage]:
    """Every page of the PDF ``data`` at ``scale``."""
    doc = pdfium.PdfDocument(data)
    count = len(doc)
    doc.close()
    return [render(data, i, scale) for i in range(count)]
