"""Run in a process of its own with ``QT_SCALE_FACTOR`` set (Qt reads it once, at start):
show a PDF in a ``PagePreview`` and print how far the screen's device pixels are from
PDFium's own rendering of each page at that many pixels (0.0: copied, never resampled)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

from tests.ui import pictures


def main(path: str) -> None:
    app = QApplication([])
    from ui.cards import pdf_raster
    from ui.cards.page_view import PagePreview
    from ui.operations import Operations

    data = Path(path).read_bytes()
    ops = Operations()
    preview = PagePreview(fit_all=True, ops=ops)
    preview.resize(501, 603)  # odd sizes: page corners fall between device pixels
    preview.show()
    preview.set_pdf(pdf_raster.read(data))
    start = time.perf_counter()
    while not preview.is_drawn() and time.perf_counter() - start < 10:
        app.processEvents()
    strip = preview.strip
    shot, dpr = strip.grab().toImage(), strip.devicePixelRatioF()
    for index, (width, _height) in enumerate(preview.pdf().sizes):
        rect = strip.page_rect(index)
        pixels = round(rect.width() * dpr)
        page = pictures.render(data, index, (pixels - 1e-3) / width)
        w, h = page.width() - 8, page.height() - 8  # inside the window's border and shadow
        seen = shot.copy(round(rect.x() * dpr) + 4, round(rect.y() * dpr) + 4, w, h)
        print(f"{dpr} {index} {pixels} {pictures.difference(seen, page.copy(4, 4, w, h))[0]}")
    ops.wait_idle()
    ops.shutdown()


if __name__ == "__main__":
    main(sys.argv[1])
