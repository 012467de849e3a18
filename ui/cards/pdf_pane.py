"""A finished PDF in the window: its pages, "Save PDF…" and "Print…".

``PdfPane`` is one PDF (the batch dialog shows two); ``PdfDialog`` is a pane in a window of
its own (the writing aid, the calibration page). The pane shows the PDF itself (rendered by
PDFium) and prints the same pages; saving, rendering and printing run on the worker.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from exports.atomic import write_atomic
from exports.cards import FoldedA2Card
from ui import ask, theme
from ui.cards import alive, manual_duplex, printer_setup, printing
from ui.cards.page_view import PagePreview
from ui.cards.printer_setup import Paper, PrinterError
from ui.operations import Operations
from ui.widgets.fit import fit_to_screen

if TYPE_CHECKING:  # PDFium loads only when a PDF is shown or printed
    from ui.cards.pdf_raster import PdfPages, PrintJob

Rerender = Callable[[str], "PdfPages"]  # a printer's name → the PDF with its offsets
PRINT_CHUNK = 4  # pages per worker job: other work waits at most about 1.5 s behind a print


class PdfPane(QWidget):
    """Pages of one PDF with buttons to save it or send it to a printer."""

    printed = Signal(int)  # pages sent to the printer
    saved = Signal(str)  # the path written

    def __init__(self, ops: Operations, title: str, file_name: str,
                 parent: QWidget | None = None, stock: str = "paper") -> None:
        super().__init__(parent)
        self._ops, self.title, self.file_name = ops, title, file_name
        self.stock, self.duplex = stock, ""  # what the printer is loaded with; sides
        self._changed = ""  # what the print dialog had changed in the paper, in words
        self.rendered: PdfPages | None = None
        self.printer_name = printing.ANY_PRINTER
        self._rerender: Rerender | None = None
        self.preview = PagePreview(ops=ops)
        self.preview.set_message("Drawing…")
        self.save_button = QPushButton("Save PDF…")
        self.print_button = QPushButton("Print…")
        self.note = theme.label("", "muted")
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.preview, 1)
        self.buttons = QHBoxLayout()
        self.buttons.addWidget(self.note, 1)
        self.buttons.addWidget(self.save_button)
        self.buttons.addWidget(self.print_button)
        layout.addLayout(self.buttons)
        self.save_button.clicked.connect(self.save)
        self.print_button.clicked.connect(self.print_pages)
        self._enable(False)

    def _enable(self, on: bool) -> None:
        self.save_button.setEnabled(on)
        self.print_button.setEnabled(on)

    def set_rendered(self, rendered: PdfPages | None, message: str = "",
                     fold: bool = False) -> None:
        """Show ``rendered`` (None: show ``message`` instead); ``fold``: folded cards."""
        self.rendered = rendered
        # Folded cards are Rapport's two-sided format: printed flipping on its edge.
        self.duplex = FoldedA2Card.duplex if fold else ""
        if rendered is None:
            self.preview.set_message(message)
        else:
            self.preview.set_pdf(rendered, fold)
        self._enable(rendered is not None)

    def set_printer(self, name: str, rerender: Rerender | None = None) -> None:
        """The printer whose offsets the PDF has; ``rerender`` draws it for another one."""
        self.printer_name, self._rerender = name, rerender

    def save(self) -> None:
        """Ask where, then write the PDF there (on the worker)."""
        if self.rendered is None:
            return
        path = printing.choose_save_path(self, f"Save {self.title}", self.file_name)
        if path is None:
            return
        data = self.rendered.data
        self._ops.run(lambda: write_atomic(path, data), alive(self, lambda _r: self._saved(
            str(path))), alive(self, lambda exc: self.note.setText(f"Not saved: {exc}")),
            label="save PDF")

    def _saved(self, path: str) -> None:
        self.note.setText(f"Saved to {path}")
        self.saved.emit(path)

    def paper(self) -> Paper | None:
        """What the pages print on (every page of a PDF has the first one's size)."""
        if self.rendered is None or not len(self.rendered):
            return None
        return Paper(self.rendered.sizes[0], self.stock, self.duplex)

    def print_pages(self) -> None:
        """The system print dialog (the printer set up for the paper first), then the pages
        to the printer chosen there; a printer that cannot take the paper offers the PDF."""
        if self.rendered is None:
            return
        paper = self.paper()
        try:
            printer = printing.choose_printer(self, self.printer_name, self.title, paper)
            self._changed = printer_setup.keep_size(printer, paper) if printer and paper \
                else ""
        except PrinterError as exc:
            if ask.confirm(self, "Print", str(exc), "Save PDF…"):
                self.save()
            return
        if printer is None:
            return
        chosen = printer.printerName()
        if self._rerender is not None and chosen != self.printer_name:
            rerender = self._rerender  # that printer has offsets of its own
            self.note.setText(f"Drawing again for {chosen}…")
            self._ops.run(lambda: rerender(chosen),
                          alive(self, lambda pdf: self._print(printer, pdf)),
                          alive(self, self._print_failed), label="draw for printer")
        else:
            self._print(printer, self.rendered)

    def _print(self, printer: QPrinter, pdf: PdfPages) -> None:
        from ui.cards.pdf_raster import PrintJob

        paper = self.paper()
        if paper is not None and paper.needs_manual_duplex(printer):
            self._print_side(printer, pdf, paper, fronts=0)
            return
        self.note.setText("Sending to the printer…")
        send_pages(self._ops, PrintJob(printer, pdf), 0, alive(self, self._sending),
                   alive(self, self._printed), alive(self, self._print_failed))

    def _print_side(self, printer: QPrinter, pdf: PdfPages, paper: Paper, fronts: int) -> None:
        """Two-sided pages on a printer printing one side: the fronts (``fronts`` 0), then,
        once the owner has fed the stack again, the backs; two jobs."""
        from ui.cards.pdf_raster import PrintJob

        side = manual_duplex.sides(len(pdf))[1 if fronts else 0]
        self.note.setText(f"Sending the {'backs' if fronts else 'fronts'} to the printer…")
        done = (lambda n: self._printed(fronts + n)) if fronts else \
            (lambda n: self._fronts_printed(printer, pdf, paper, n))
        send_pages(self._ops, PrintJob(printer, pdf, side), 0, alive(self, self._sending),
                   alive(self, done), alive(self, self._print_failed))

    def _fronts_printed(self, printer: QPrinter, pdf: PdfPages, paper: Paper,
                        count: int) -> None:
        if not printing.ask_refeed(self, paper, count):
            self.note.setText(f"Printed the fronts of {count} sheet"
                              f"{'s' if count != 1 else ''}; the backs were not printed.")
            return
        self._print_side(printer, pdf, paper, fronts=count)

    def _sending(self, done: int, total: int) -> None:
        self.note.setText(f"Sending to the printer… {done} of {total} pages")

    def _printed(self, count: int) -> None:
        self.note.setText(f"Sent {count} page{'s' if count != 1 else ''} to the printer."
                          + (f" {self._changed}" if self._changed else ""))
        self.printed.emit(count)

    def _print_failed(self, exc: BaseException) -> None:
        self.note.setText(f"Not printed: {exc}")


def send_pages(ops: Operations, job: PrintJob, start: int, told: Callable[[int, int], None],
               done: Callable[[int], None], failed: Callable[[BaseException], None]) -> None:
    """Paint ``job``'s pages from ``start`` on, ``PRINT_CHUNK`` per worker job, then finish
    it: a 2,000-page print (about 0.35 s a page at 600 dpi) never holds the worker for more
    than a few pages, and goes on to the end even if the window that started it closes."""
    total = len(job)
    stop = min(total, start + PRINT_CHUNK)

    def painted(_count: int) -> None:
        if stop < total:
            told(stop, total)
            send_pages(ops, job, stop, told, done, failed)
        else:
            ops.run(job.finish, lambda _r: done(job.painted), failed, label="print")

    def refused(exc: BaseException) -> None:
        ops.run(job.finish, lambda _r: failed(exc), lambda _e: failed(exc), label="print")

    ops.run(lambda: job.paint(range(start, stop)), painted, refused, label="print")


class PdfDialog(QDialog):
    """A PDF in a window of its own, drawn on the worker by ``make``."""

    def __init__(self, ops: Operations, title: str, file_name: str,
                 make: Callable[[], PdfPages], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(820, 760)
        self.pane = PdfPane(ops, title, file_name)
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.addWidget(theme.label(title, "section"))
        layout.addWidget(self.pane, 1)
        self.pane.buttons.addWidget(close)
        fit_to_screen(self)  # 760 px tall: a 700 px laptop gets what it has
        ops.run(make, alive(self.pane, self.pane.set_rendered),
                alive(self.pane, lambda exc: self.pane.set_rendered(
                    None, f"It could not be drawn: {exc}")), label=title)
