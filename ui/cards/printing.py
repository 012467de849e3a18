"""The system's printers, its print dialog and its save dialog, in one module.

Call them as ``printing.choose_printer(...)`` (and ``printing.ask_refeed``) so a test's
``monkeypatch.setattr(printing, ...)`` answers them without a modal dialog. Printing paints
the PDF's own pages, rendered by PDFium at the printer's resolution, on the worker (Qt paints
on a QPrinter from any thread). The printer is set up for the job's paper before the print
dialog opens (``ui/cards/printer_setup.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QFileDialog, QWidget

from ui import ask
from ui.cards import printer_setup
from ui.cards.printer_setup import Paper

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


def choose_printer(parent: QWidget | None, printer_name: str, title: str,
                   paper: Paper | None = None) -> QPrinter | None:
    """The system print dialog, ``printer_name`` chosen; the set-up printer, or None.

    ``paper`` (the job's page size, stock and duplex) is set up before the dialog opens;
    raises PrinterError when the printer cannot take it. The caller checks the size again
    afterwards (``printer_setup.keep_size``): Qt's dialog for a CUPS driver puts the
    driver's default paper back when it is accepted.
    """
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if printer_name:
        printer.setPrinterName(printer_name)
    printer.setDocName(title)
    if paper is not None:
        printer_setup.set_up(printer, paper)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(title)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return None
    return printer


def ask_refeed(parent: QWidget | None, paper: Paper, sheets: int) -> bool:
    """After the fronts of a two-sided job printed by hand: how to feed the stack again;
    True when the owner wants the backs printed."""
    from ui.cards.manual_duplex import RefeedDialog

    dialog = RefeedDialog(parent, paper, sheets)
    return dialog.exec() == RefeedDialog.DialogCode.Accepted


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
