"""The system's printers, its print dialog and its save dialog, in one module.

Call them as ``printing.choose_printer(...)`` so a test's ``monkeypatch.setattr(printing,
...)`` answers them without a modal dialog. Printing paints the PDF's own pages, rendered by
PDFium at the printer's resolution, on the worker (Qt paints on a QPrinter from any thread).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QFileDialog, QWidget

from ui import ask

if TYPE_CHECKING:  # PDFium loads only when a PDF is shown or printed
    from ui.cards.pdf_raster import PdfPages

ANY_PRINTER = ""  # offsets for "the default printer" are kept under this name


def printer_names() -> list[str]:
    """The printers the system knows, the default one first."""
    names = list(QPrinterInfo.availablePrinterNames())
    default = default_printer()
    return sorted(names, key=lambda n: (n != default, n.casefold()))


def default_printer() -> str:
    """The system's default printer ("" when there is none)."""
    return QPrinterInfo.defaultPrinterName()


def choose_printer(parent: QWidget | None, printer_name: str, title: str) -> QPrinter | None:
    """The system print dialog, ``printer_name`` chosen; the set-up printer, or None."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if printer_name:
        printer.setPrinterName(printer_name)
    printer.setDocName(title)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(title)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return None
    return printer


def choose_save_path(parent: QWidget | None, title: str, file_name: str) -> Path | None:
    """Ask where to save a PDF; None when the owner changes their mind.

    ``.pdf`` is added when the name lacks it. A name that would replace a notebook, a backup
    or a file that is not a PDF is refused with a message (the command line's rule) and the
    dialog asks again.
    """
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    suggested = str(Path(folder) / file_name)
    while True:
        chosen, _filter = QFileDialog.getSaveFileName(parent, title, suggested,
                                                      "PDF files (*.pdf)")
        if not chosen:
            return None
        try:
            from exports.output_path import output_path  # late: only when saving

            return output_path(chosen, ".pdf")
        except OSError as exc:
            ask.inform(parent, "Choose another file", exc.strerror or str(exc))
            suggested = chosen


def print_on(printer: QPrinter, pdf: PdfPages, indexes: Sequence[int] | None = None) -> int:
    """Paint pages ``indexes`` (all by default) of ``pdf`` on ``printer``, rendered at the
    printer's resolution (run it on a worker); return how many."""
    from ui.cards import pdf_raster

    return pdf_raster.paint_on(printer, pdf, indexes)
