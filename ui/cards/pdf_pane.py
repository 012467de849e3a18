"""A finished PDF in the window: its pages, "Save PDF…" and "Print…".

``PdfPane`` is one PDF (the batch dialog shows two); ``PdfDialog`` is a pane in a window of
its own (the writing aid, the calibration page). Saving and printing run on the worker.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
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
from ui.cards.recording import Page, Rendered
from ui.operations import Operations

Rerender = Callable[[str], Rendered]  # a printer's name → the PDF with its offsets


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
        self.rendered: Rendered | None = None
        self.printer_name = printing.ANY_PRINTER
        self._rerender: Rerender | None = None
        self.preview = PagePreview()
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

    def set_rendered(self, rendered: Rendered | None, message: str = "",
                     fold: bool = False) -> None:
        """Show ``rendered`` (None: show ``message`` instead); ``fold``: folded cards."""
        self.rendered = rendered
        # Folded cards are Rapport's two-sided format: printed flipping on its edge.
        self.duplex = FoldedA2Card.duplex if fold else ""
        if rendered is None:
            self.preview.set_message(message)
        else:
            self.preview.set_pages(rendered.pages, fold)
        self._enable(rendered is not None)

    def set_printer(self, name: str, rerender: Rerender | None = None) -> None:
        """The printer whose offsets the PDF has; ``rerender`` draws it for another one."""
        self.printer_name, self._rerender = name, rerender

    def pages(self) -> list[Page]:
        """The pages shown."""
        return self.rendered.pages if self.rendered else []

    def save(self) -> None:
        """Ask where, then write the PDF there (on the worker)."""
        if self.rendered is None:
            return
        path = printing.choose_save_path(self, f"Save {self.title}", self.file_name)
        if path is None:
            return
        data = self.rendered.pdf
        self._ops.run(lambda: write_atomic(path, data), alive(self, lambda _r: self._saved(
            str(path))), alive(self, lambda exc: self.note.setText(f"Not saved: {exc}")),
            label="save PDF")

    def _saved(self, path: str) -> None:
        self.note.setText(f"Saved to {path}")
        self.saved.emit(path)

    def paper(self) -> Paper | None:
        """What the pages print on (every page of a PDF has the first one's size)."""
        if self.rendered is None or not self.rendered.pages:
            return None
        return Paper(self.rendered.pages[0].size, self.stock, self.duplex)

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
                          alive(self, lambda r: self._print(printer, r.pages)),
                          alive(self, self._print_failed), label="draw for printer")
        else:
            self._print(printer, self.rendered.pages)

    def _print(self, printer, pages: list[Page]) -> None:
        printing.prepare(pages)
        paper = self.paper()
        if paper is not None and paper.needs_manual_duplex(printer):
            self._print_fronts(printer, pages, paper)
            return
        self.note.setText("Sending to the printer…")
        self._ops.run(lambda: printing.print_on(printer, pages), alive(self, self._printed),
                      alive(self, self._print_failed), label="print")

    def _print_fronts(self, printer, pages: list[Page], paper: Paper) -> None:
        """Two-sided pages on a printer printing one side: the fronts, then (once the owner
        has fed the stack again) the backs, as two jobs."""
        fronts, backs = manual_duplex.sides(len(pages))
        self.note.setText("Sending the fronts to the printer…")
        self._ops.run(lambda: printing.print_on(printer, [pages[i] for i in fronts]),
                      alive(self, lambda n: self._print_backs(printer, [pages[i] for i in backs],
                                                              paper, n)),
                      alive(self, self._print_failed), label="print fronts")

    def _print_backs(self, printer, backs: list[Page], paper: Paper, fronts: int) -> None:
        if not printing.ask_refeed(self, paper, fronts):
            self.note.setText(f"Printed the fronts of {fronts} sheet"
                              f"{'s' if fronts != 1 else ''}; the backs were not printed.")
            return
        self.note.setText("Sending the backs to the printer…")
        self._ops.run(lambda: printing.print_on(printer, backs),
                      alive(self, lambda n: self._printed(fronts + n)),
                      alive(self, self._print_failed), label="print backs")

    def _printed(self, count: int) -> None:
        self.note.setText(f"Sent {count} page{'s' if count != 1 else ''} to the printer."
                          + (f" {self._changed}" if self._changed else ""))
        self.printed.emit(count)

    def _print_failed(self, exc: BaseException) -> None:
        self.note.setText(f"Not printed: {exc}")


class PdfDialog(QDialog):
    """A PDF in a window of its own, drawn on the worker by ``make``."""

    def __init__(self, ops: Operations, title: str, file_name: str,
                 make: Callable[[], Rendered], parent: QWidget | None = None) -> None:
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
        ops.run(make, alive(self.pane, self.pane.set_rendered),
                alive(self.pane, lambda exc: self.pane.set_rendered(
                    None, f"It could not be drawn: {exc}")), label=title)
