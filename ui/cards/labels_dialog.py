"""Address labels from the window: the stock, whose labels, and the first free label of a
part-used sheet (clicked on a picture of the sheet); the PDF previewed, saved or printed.

The labels are drawn on the worker by ``LabelService`` through the rule ``print-labels``
uses, so ``print-labels --start N`` writes the PDF this dialog shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from exports import cards as formats
from exports.cards.label_run import skipped_sentence
from exports.cards.labels import LabelSheet
from storage.mailing import LabelChoice
from ui import theme
from ui.cards import CARDS, alive, printing
from ui.cards.label_service import LabelOptions, LabelService, LabelSheets
from ui.cards.pdf_pane import PdfPane
from ui.cards.sheet_picker import SheetPicker
from ui.events import CUSTOMERS, DELETED, AppEvents
from ui.operations import Operations
from ui.widgets.fit import fit_to_screen


def stock_text(name: str) -> str:
    """"Avery 5160 labels, Letter — 30 a sheet": short enough for the choice's width."""
    cls = cast(type[LabelSheet], formats.get(name, "label"))
    return f"{cls.title or name} — {cls.per_sheet()} a sheet"


def unprintable_text(described: str) -> str:
    """Characters no font draws, as the print dialog says them ("" for none): they are left
    out of the labels, never drawn as boxes."""
    if not described:
        return ""
    return (described[0].upper() + described[1:] + " Such characters are left out of the "
            "labels, never printed as boxes; change the address to print them.")


def skipped_text(names: Sequence[str]) -> str:
    """Who was skipped, and what to do about it ("" for nobody)."""
    if not names:
        return ""
    return f"{skipped_sentence(names)} Add an address on their page to print their label."


class LabelsDialog(QDialog):
    """Print address labels; ``ids`` (with ``title``): the customers chosen in the list."""

    def __init__(self, service: LabelService, ops: Operations, ids: Sequence[int] = (),
                 title: str = "", parent: QWidget | None = None,
                 events: AppEvents | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Address labels")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(1060, 740)  # shrunk to a small screen by open_labels
        self._service, self._ops = service, ops
        self._ids, self._title = tuple(ids), title
        self.result_: LabelSheets | None = None
        self._generation, self._pending = 0, True
        self._build()
        self._connect_callbacks()
        if events is not None:
            events.data_changed.connect(self._on_data_changed)
        self._on_stock()
        ops.run(service.options, alive(self, self._got_options),
                alive(self, self._failed), label="label choices")

    # --- layout -------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QHBoxLayout(self)
        outer.setContentsMargins(18, 14, 18, 12)
        outer.setSpacing(16)
        outer.addLayout(self._build_choices(), 0)
        self.pane = PdfPane(self._ops, "address labels", "labels.pdf", stock="label sheets")
        self.close_button = QPushButton("Close")
        self.close_button.setAutoDefault(False)
        self.pane.buttons.addWidget(self.close_button)
        outer.addWidget(self.pane, 1)

    def _build_choices(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(6)
        column.addWidget(theme.label("Address labels", "heading"))
        self.stock = QComboBox()
        for name in formats.names("label"):
            self.stock.addItem(stock_text(name), name)
            self.stock.setItemData(self.stock.count() - 1, formats.get(name).description,
                                   Qt.ItemDataRole.ToolTipRole)
        self.who = QComboBox()
        self.tag = QComboBox()
        self.start_spin = QSpinBox()
        self.start_spin.setPrefix("Label ")
        self.sheet = SheetPicker()
        self.summary = theme.label("", "muted")
        self.skipped = self._warning()
        for title, widget in (("Label stock", self.stock), ("Whose labels", self.who)):
            column.addWidget(theme.label(title, "muted"))
            column.addWidget(widget)
        column.addWidget(self.tag)
        row = QHBoxLayout()
        row.addWidget(theme.label("First free label", "muted"), 1)
        row.addWidget(self.start_spin)
        column.addSpacing(6)
        column.addLayout(row)
        column.addWidget(self.sheet, 1)
        for text in (self.summary, self.skipped):
            text.setWordWrap(True)
            text.setFixedWidth(300)
            column.addWidget(text)
        # Two lines kept for the summary, so the sheet does not jump as it changes.
        self.summary.setMinimumHeight(2 * self.summary.fontMetrics().lineSpacing())
        self.stock.setFixedWidth(300)
        return column

    @staticmethod
    def _warning() -> QLabel:
        warning = QLabel()
        warning.setTextFormat(Qt.TextFormat.PlainText)
        warning.setStyleSheet(f"color: {theme.WARNING_TEXT}; background: "
                              f"{theme.WARNING_SOFT}; border-radius: 6px; padding: 6px;")
        warning.hide()
        return warning

    def _connect_callbacks(self) -> None:
        self.stock.currentIndexChanged.connect(lambda _i: self._on_stock())
        self.who.currentIndexChanged.connect(lambda _i: self._on_who())
        self.tag.currentIndexChanged.connect(lambda _i: self.draw())
        self.start_spin.valueChanged.connect(self.sheet.set_start)
        self.sheet.start_changed.connect(self._on_start)
        self.close_button.clicked.connect(self.reject)

    # --- choices ------------------------------------------------------------------------

    def _got_options(self, options: LabelOptions) -> None:
        self.who.blockSignals(True)
        self.who.addItem(f"Recipients of the queued cards ({options.queued})", "queued")
        if self._ids:
            self.who.addItem(self._title or f"The {len(self._ids)} chosen customers",
                             "customers")
        if options.tags:
            self.who.addItem("Customers with the tag…", "tag")
        self.who.addItem("Everyone with a postal address", "all")
        first = "customers" if self._ids else "queued" if options.queued else "all"
        self.who.setCurrentIndex(self.who.findData(first))
        self.who.blockSignals(False)
        self.tag.blockSignals(True)
        for name, count in options.tags:
            self.tag.addItem(f"{name} ({count})", name)
        self.tag.blockSignals(False)
        self._on_who()

    def _on_stock(self) -> None:
        sheet = cast(type[LabelSheet], formats.get(self.stock.currentData(), "label"))()
        slots = [(b.x, b.y, b.w, b.h) for b in sheet.slots()]
        self.sheet.set_sheet(sheet.page_size, slots, sheet.cols)
        self.start_spin.blockSignals(True)
        self.start_spin.setRange(1, len(slots))
        self.start_spin.setValue(self.sheet.start())
        self.start_spin.blockSignals(False)
        self.draw()

    def _on_who(self) -> None:
        self.tag.setVisible(self.who.currentData() == "tag")
        self.draw()

    def _on_start(self, number: int) -> None:
        self.start_spin.blockSignals(True)
        self.start_spin.setValue(number)
        self.start_spin.blockSignals(False)
        self.draw()

    def _on_data_changed(self, changes: dict, _initiator: object) -> None:
        # A new address, tag or queued card changes whose labels these are.
        if any(key in changes for key in (CUSTOMERS, DELETED, CARDS)):
            self._service.forget()
            self.draw()

    def choice(self) -> LabelChoice:
        """Whose labels, as chosen."""
        who = self.who.currentData() or "all"
        return LabelChoice(who, tag=self.tag.currentData() or "" if who == "tag" else "",
                           ids=self._ids if who == "customers" else ())

    # --- drawing ------------------------------------------------------------------------

    def draw(self) -> None:
        """Draw the labels on the worker (again) with the choices made."""
        if self.who.count() == 0:
            return  # the choices are still being read
        self._generation += 1
        generation, service = self._generation, self._service
        choice, stock, start = self.choice(), self.stock.currentData(), self.sheet.start()
        self._pending = True
        self.pane.set_rendered(None, "Drawing the labels…")
        self._ops.run(lambda: service.render(choice, stock, start),
                      alive(self, lambda result: self._rendered(generation, result)),
                      alive(self, self._failed), label="draw labels")

    def _rendered(self, generation: int, result: LabelSheets) -> None:
        if generation != self._generation:
            return  # a newer drawing is coming
        self._pending, self.result_ = False, result
        self.sheet.set_filled(result.count)
        warning = " ".join(filter(None, (skipped_text(result.skipped),
                                         unprintable_text(result.unprintable))))
        self.skipped.setText(warning)
        self.skipped.setVisible(bool(warning))
        if result.rendered is None:
            self.summary.setText("")
            self.pane.set_rendered(None, result.too_long
                                   or "Nobody chosen has a postal address: no labels.")
            return
        self.pane.set_rendered(result.rendered)
        choice, stock, start = self.choice(), self.stock.currentData(), self.sheet.start()
        service = self._service
        self.pane.set_printer(printing.ANY_PRINTER, lambda name: service.rendered(
            choice, stock, start, name))
        self.summary.setText(self._summary(result, start))
        self.pane.note.setText("Print at 100 % (no “fit to page”), the sheet face up as "
                               "your printer takes paper.")

    @staticmethod
    def _summary(result: LabelSheets, start: int) -> str:
        labels = f"{result.count} label{'s' if result.count != 1 else ''}"
        sheets = f"{result.sheets} sheet{'s' if result.sheets != 1 else ''}"
        used = "" if start == 1 else " (label 1 already used)" if start == 2 else \
            f" (labels 1–{start - 1} already used)"
        return f"{labels} on {sheets}" + (f", from label {start}{used}" if start > 1 else "") \
            + "."

    def _failed(self, exc: BaseException) -> None:
        self._pending = False
        self.pane.set_rendered(None, f"The labels could not be drawn: {exc}")

    def is_ready(self) -> bool:
        """Whether the labels for the current choices are drawn (tests)."""
        return self.who.count() > 0 and not self._pending


def open_labels(parent: QWidget, ops: Operations, events: AppEvents | None,
                ids: Sequence[int] = (), title: str = "") -> LabelsDialog:
    """Show the Labels dialog over ``parent``; ``ids``: the customers chosen there; it draws
    again when ``events`` says the notebook changed."""
    dialog = LabelsDialog(LabelService(), ops, ids, title, parent, events)
    fit_to_screen(dialog)
    dialog.show()
    return dialog
