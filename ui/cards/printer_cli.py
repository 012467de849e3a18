"""``print-cards --printer`` and ``print-labels --printer``: the window's printer set-up
(``printer_setup``) and painting (``pdf_raster``, the PDF itself at the printer's
resolution), without a window. main.py imports this only when ``--printer`` is given, so the
other commands never load Qt.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from ui.cards import manual_duplex, pdf_raster
from ui.cards.printer_setup import Paper, PrinterError, set_up

_app: QGuiApplication | None = None


def _application() -> None:
    """A QGuiApplication for the printer (off screen where there is no display)."""
    global _app
    if QGuiApplication.instance() is None:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _app = QGuiApplication([sys.argv[0] if sys.argv else "rapport"])


class CliPrinter:
    """One system printer (``name``; "" the default one) for a command's print jobs."""

    def __init__(self, name: str, manual: bool = False) -> None:
        _application()
        names = list(QPrinterInfo.availablePrinterNames())
        if not names:
            raise PrinterError("There is no printer on this computer; print to a PDF instead.")
        name = name or QPrinterInfo.defaultPrinterName()
        if not name:
            raise PrinterError("There is no default printer; name one with --printer NAME "
                               f"({', '.join(names)}).")
        if name not in names:
            raise PrinterError(f"There is no printer '{name}'; choose one of: "
                               f"{', '.join(names)}.")
        self.name, self.manual = name, manual

    def _printer(self, paper: Paper, title: str) -> QPrinter:
        printer = QPrinter(QPrinterInfo.printerInfo(self.name),
                           QPrinter.PrinterMode.HighResolution)
        printer.setDocName(title)
        set_up(printer, paper)
        return printer

    def check(self, paper: Paper) -> None:
        """Raise PrinterError now, before any work, when ``paper`` cannot be printed here."""
        printer = self._printer(paper, "check")
        if paper.needs_manual_duplex(printer) and not self.manual:
            raise PrinterError(f"The printer '{self.name}' cannot print both sides; add "
                               "--manual-duplex to print the backs after turning the stack "
                               "over, or print to a PDF instead.")

    def send(self, data: bytes, paper: Paper, title: str,
             wait: Callable[[str], str] = input) -> int:
        """Print the PDF ``data`` on ``paper``; return how many pages went to the printer.

        A two-sided job on a printer printing one side (or with ``--manual-duplex``) goes as
        two jobs: the fronts, then ``wait`` (Enter on the terminal) while the owner turns
        the stack over, then the backs.
        """
        pages = pdf_raster.read(data)
        printer = self._printer(paper, title)
        if not paper.duplex or not (self.manual or paper.needs_manual_duplex(printer)):
            return _paint(printer, pages, None)
        if self.manual:
            printer.setDuplex(QPrinter.DuplexMode.DuplexNone)
        fronts, backs = manual_duplex.sides(len(pages))
        done = _paint(printer, pages, fronts)
        print(manual_duplex.refeed_text(paper, len(fronts)))
        try:
            wait("Press Enter to print the backs (Ctrl+C stops): ")
        except EOFError:
            raise PrinterError(f"The fronts went to '{self.name}' but the backs were not "
                               "printed (no Enter came).") from None
        return done + _paint(printer, pages, backs)


def _paint(printer: QPrinter, pages: pdf_raster.PdfPages, indexes: list[int] | None) -> int:
    try:
        return pdf_raster.paint_on(printer, pages, indexes)
    except OSError as exc:
        raise PrinterError(f"The printer '{printer.printerName()}' did not take the job: "
                           f"{exc}.") from None
