"""Draw a preview on the worker a moment after the last change, and show only the latest.

Typing fires many requests; the timer waits for a pause, one render runs at a time, and a
request made meanwhile runs once the current one is back (its stale pages never show).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from ui.cards.page_view import PagePreview
from ui.operations import Operations

if TYPE_CHECKING:  # PDFium loads only when a PDF is shown or printed
    from ui.cards.pdf_raster import PdfPages

Make = Callable[[], "PdfPages"]


class PreviewRunner(QObject):
    """Feeds a :class:`PagePreview` from work run on the operations worker (which renders
    the pages too)."""

    shown = Signal()  # pages (or a problem) are on screen for the latest request

    def __init__(self, ops: Operations, view: PagePreview, delay_ms: int = 350,
                 parent: QObject | None = None) -> None:
        super().__init__(parent or view)
        self._ops, self._view = ops, view
        view.set_worker(ops)
        self._make: Make | None = None
        self._fold = self._drawing_fold = False
        self._busy = self._again = False
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._timer.timeout.connect(self._start)

    def request(self, make: Make, now: bool = False, fold: bool = False) -> None:
        """Draw with ``make`` (run on the worker) after the pause, or at once; ``fold``:
        the pages are folded cards."""
        self._make, self._fold = make, fold
        if now:
            self._timer.stop()
            self._start()
        else:
            self._timer.start()

    def clear(self, message: str) -> None:
        """Forget pending work and show ``message``."""
        self._make = None
        self._timer.stop()
        self._view.set_message(message)

    def is_idle(self) -> bool:
        """Nothing waiting or being drawn (tests)."""
        return not (self._busy or self._timer.isActive())

    def _start(self) -> None:
        if self._make is None:
            return
        if self._busy:
            self._again = True
            return
        self._busy, make, self._drawing_fold = True, self._make, self._fold
        self._ops.run(make, self._done, self._failed, label="draw preview")

    def _finish(self) -> bool:
        """Whether this result is still wanted (else the next render starts)."""
        self._busy = False
        if not shiboken6.isValid(self) or not shiboken6.isValid(self._view):
            return False  # the window went away while the worker drew
        if self._again:
            self._again = False
            self._start()
            return False
        return True

    def _done(self, pdf: PdfPages) -> None:
        if self._finish():
            self._view.set_pdf(pdf, self._drawing_fold)
            self.shown.emit()

    def _failed(self, exc: BaseException) -> None:
        if self._finish():
            self._view.set_message(f"The preview could not be drawn: {exc}")
            self.shown.emit()
