"""The step before the sales preview for a table from anywhere: which column holds the date,
the amount, the customer… with sample values. The guess is filled in; ``mapping()`` hands
back the owner's edited copy."""

from __future__ import annotations

import copy
from dataclasses import fields

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from domain.sales_formats import SalesMapping
from ui import theme
from ui.imports.service import SalesStart

LABELS = {"date": "Date of the sale", "amount": "Amount", "email": "Customer's email",
          "phone": "Customer's phone", "name": "Customer's name",
          "order_id": "Order or receipt number", "currency": "Currency",
          "description": "What was bought", "status": "Status (refunded, cancelled…)",
          "refunded": "Amount refunded"}


class SalesMappingDialog(QDialog):
    """One drop-down per field of a sale: the column of the file that fills it."""

    def __init__(self, start: SalesStart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("salesMapping")
        self.setWindowTitle(f"Columns of {start.path.name}")
        self.resize(640, 520)
        self.start = start
        self._mapping = copy.deepcopy(start.mapping)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 18, 20, 14)
        outer.addWidget(theme.label(f"Sales in {start.path.name}", "section"))
        outer.addWidget(theme.label("Rapport guessed which column holds what — please check.",
                                    "muted"))
        form = QFormLayout()
        self.combos: dict[str, QComboBox] = {}
        for f in fields(SalesMapping):
            form.addRow(LABELS[f.name], self._combo(f.name))
        outer.addLayout(form, 1)
        self.problem = theme.label("", "error")
        outer.addWidget(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.next_button = self.buttons.addButton("Preview purchases…",
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.next_button.setProperty("primary", True)
        theme.plain_buttons(self.buttons.buttons())
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        self._check()

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.addItem("(none)", "")
        for column, header in enumerate(self.start.table.headers):
            samples = "  ·  ".join(self.start.samples(column))
            combo.addItem(f"{header}   — {samples}" if samples else header, header)
        combo.setCurrentIndex(max(combo.findData(getattr(self._mapping, name)), 0))
        combo.currentIndexChanged.connect(lambda _i, n=name, c=combo: self.set_column(
            n, c.currentData()))
        self.combos[name] = combo
        return combo

    def set_column(self, name: str, header: str) -> None:
        """Let the column ``header`` ("" for none) fill the field ``name``."""
        setattr(self._mapping, name, header)
        combo = self.combos[name]
        if combo.currentData() != header:
            combo.setCurrentIndex(max(combo.findData(header), 0))
        self._check()

    def _check(self) -> None:
        problem = self._mapping.problem()
        self.problem.setText(problem[:1].upper() + problem[1:] + "." if problem else "")
        self.next_button.setEnabled(not problem)

    def mapping(self) -> SalesMapping:
        """The columns as the owner left them."""
        return copy.deepcopy(self._mapping)
