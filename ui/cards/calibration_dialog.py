"""Printer calibration: print the calibration page, measure where cross A landed, and keep
the offsets that move every card back into place, per printer and paper kind (card stock,
envelopes and plain paper take different paths through a printer).

The page is printed with the printer's current offsets, so what is measured is what is still
off: the new offsets are the current ones plus that.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from domain.printer_offsets import CARD_STOCK, ENVELOPE, PAPER_KINDS
from exports import cards as formats
from exports.cards.geometry import MM
from exports.cards.offsets import calibration_papers, kind_name
from ui import theme
from ui.cards import alive, printing
from ui.cards.pdf_pane import PdfDialog
from ui.cards.print_dialog import printer_combo
from ui.cards.service import CardService
from ui.operations import Operations

INSET_MM = 25.4  # each corner cross is 1 in from both edges
STEPS = ("1. Choose the paper in the printer (each kind feeds differently and keeps its own "
         "offsets) and print the calibration page on it at 100 % (turn off “fit to page”). "
         "Each bar must measure what it says; if not, the page was scaled.\n"
         "2. With your own ruler (the page's rulers sit at the paper's edge and cannot "
         "measure the printer's shift), measure how far the centre of cross A (top left) is "
         "from the left edge and from the top edge of the paper.\n"
         "3. Enter both distances: Rapport works out how far to move everything.")


def _spin(low: float, high: float, empty: str = "") -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(low, high)
    spin.setDecimals(1)
    spin.setSingleStep(0.5)
    spin.setSuffix(" mm")
    if empty:
        spin.setSpecialValueText(empty)  # shown at the minimum: "not measured"
    spin.setMinimumWidth(150)
    return spin


class CalibrationDialog(QDialog):
    """x/y offsets per printer and paper kind, entered as measured on the calibration
    page."""

    def __init__(self, service: CardService, ops: Operations, read_only: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Printer calibration")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(580)
        self._service, self._ops, self._read_only = service, ops, read_only
        self._base = (0.0, 0.0)  # the printer's offsets (points) the page was printed with
        self._build()
        self._connect_callbacks()
        self._load_offsets()

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        # never smaller than its contents: the wrapped steps keep all their lines
        outer.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        outer.setContentsMargins(20, 16, 20, 12)
        outer.setSpacing(10)
        outer.addWidget(theme.label("Printer calibration", "section"))
        steps = theme.label(STEPS, "muted")
        steps.setWordWrap(True)
        outer.addWidget(steps)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.printer = printer_combo()
        self.kind = QComboBox()
        for kind in PAPER_KINDS:
            self.kind.addItem(kind_name(kind).capitalize(), kind)
        self.paper = QComboBox()
        self.print_button = QPushButton("Calibration page…")
        size_row = QHBoxLayout()
        size_row.addWidget(self.paper)
        size_row.addWidget(self.print_button)
        self.left = _spin(0.0, 80.0, "not measured")
        self.top = _spin(0.0, 80.0, "not measured")
        self.x = _spin(-30.0, 30.0)
        self.y = _spin(-30.0, 30.0)
        for title, field in (("Printer", self.printer), ("Paper in the printer", self.kind),
                             ("Size", size_row), ("Cross A from the left edge", self.left),
                             ("Cross A from the top edge", self.top),
                             ("Move everything right by", self.x),
                             ("Move everything up by", self.y)):
            form.addRow(title, field)
        outer.addLayout(form)
        self._fill_papers()
        self.default = QCheckBox("Also use these for printers without their own calibration")
        self.default.setChecked(self.printer.currentData() in ("", printing.default_printer()))
        self.default.setVisible(bool(self.printer.currentData()))  # no printers: one set
        outer.addWidget(self.default)
        self.note = theme.label("", "muted")
        self.note.setWordWrap(True)
        outer.addWidget(self.note)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.close_button = QPushButton("Close")
        self.save_button = QPushButton("Save offsets")
        self.save_button.setProperty("primary", True)
        self.save_button.setEnabled(not self._read_only)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.save_button)
        outer.addLayout(buttons)

    def _connect_callbacks(self) -> None:
        self.printer.currentIndexChanged.connect(lambda _i: self._load_offsets())
        self.kind.currentIndexChanged.connect(lambda _i: self._on_kind())
        self.left.valueChanged.connect(lambda _v: self._work_out())
        self.top.valueChanged.connect(lambda _v: self._work_out())
        self.print_button.clicked.connect(self.print_page)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)

    def _fill_papers(self) -> None:
        """The sizes of the chosen kind's paper; the usual one first chosen."""
        kind = self.kind.currentData()
        self.paper.clear()
        for name, label in calibration_papers(kind):
            self.paper.addItem(label, name)
        usual = {CARD_STOCK: formats.DEFAULT["card"],
                 ENVELOPE: formats.DEFAULT["envelope"]}.get(kind, "letter")
        self.paper.setCurrentIndex(max(0, self.paper.findData(usual)))

    def _on_kind(self) -> None:
        self._fill_papers()
        self._load_offsets()

    def _load_offsets(self) -> None:
        name, kind, service = self.printer.currentData(), self.kind.currentData(), \
            self._service
        self._ops.run(lambda: service.printer_offsets(name, kind),
                      alive(self, lambda xy: self._show_offsets(name, kind, xy)),
                      label="load printer offsets")

    def _show_offsets(self, name: str, kind: str, xy: tuple[float, float]) -> None:
        if (name, kind) != (self.printer.currentData(), self.kind.currentData()):
            return
        self._base = xy
        self.left.setValue(self.left.minimum())
        self.top.setValue(self.top.minimum())
        self.x.setValue(xy[0] / MM)
        self.y.setValue(xy[1] / MM)

    def _work_out(self) -> None:
        """New offsets from the distances measured (each one only once entered)."""
        if self.left.value() > self.left.minimum():
            self.x.setValue(self._base[0] / MM + INSET_MM - self.left.value())
        if self.top.value() > self.top.minimum():
            self.y.setValue(self._base[1] / MM + self.top.value() - INSET_MM)

    def offsets(self) -> tuple[float, float]:
        """The offsets entered, in points."""
        return self.x.value() * MM, self.y.value() * MM

    def print_page(self) -> PdfDialog:
        """The calibration page on the chosen paper, to print (or save) from its own
        window."""
        kind, paper, name = self.kind.currentData(), self.paper.currentData(), \
            self.printer.currentData()
        service = self._service
        dialog = PdfDialog(self._ops, f"Calibration page — {kind_name(kind)}",
                           f"calibration-{paper}.pdf",
                           lambda: service.calibration_page(kind, paper, name), self)
        dialog.pane.set_printer(name)
        dialog.show()
        return dialog

    def save(self) -> None:
        """Keep the offsets for this printer and paper kind (on the worker)."""
        if self._read_only:
            return
        name, kind, (x, y), default = self.printer.currentData(), self.kind.currentData(), \
            self.offsets(), self.default.isChecked()
        service = self._service
        self._ops.run(lambda: service.save_printer_offsets(name, kind, x, y, default),
                      alive(self, lambda _r: self._saved(name, kind, (x, y))),
                      alive(self, lambda exc: self.note.setText(f"Not saved: {exc}")),
                      label="save printer offsets")

    def _saved(self, name: str, kind: str, xy: tuple[float, float]) -> None:
        self._show_offsets(name, kind, xy)
        where = f"for {name}" if name else "for your printer"
        self.note.setText(f"Saved {where}, {kind_name(kind)}: right {self.x.value():+.1f} mm, "
                          f"up {self.y.value():+.1f} mm. Print the page again to check.")
