"""The sales preview as tables: the purchases with who each goes to, and what is not a sale.

Rows are handed in by the dialog from a ``storage.sales.SalesPreview`` computed on the worker;
nothing here reads the notebook. Plain lists, one reset: 10,000 orders stay quick.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from domain.money import format_money
from domain.sales import NotSale
from storage.sales import AMBIGUOUS, KNOWN, MATCH, NEW, SaleRow
from ui import theme
from ui.models.table import HeaderedTableModel, Index

COL_WHERE, COL_ORDER, COL_DATE, COL_AMOUNT, COL_BUYER, COL_GOES = range(6)
_COLOURS = {NEW: "#2f6b34", AMBIGUOUS: "#8a5a00", KNOWN: theme.MUTED}


def money(amount: Decimal, currency: str, region: str) -> str:
    """``$84.00``: in the sale's own currency, else the notebook's (``region``'s)."""
    return format_money(amount, region, currency)


def goes_to(row: SaleRow, choice: int | str | None = None) -> str:
    """Who the purchase goes to, in words."""
    if choice == "skip":
        return "Skipped"
    if isinstance(choice, int):
        name = dict(row.candidates).get(choice, "")
        return f"{name} (chosen)"
    if choice == "new" and row.verdict != NEW:
        return "New customer (chosen)"
    if row.verdict == MATCH:
        return f"{row.customer_name} ({row.reason})"
    if row.verdict == NEW:
        return "New customer"
    if row.verdict == KNOWN:
        return "Already imported"
    return f"Choose: {row.reason}"


class SalesModel(HeaderedTableModel):
    """One row per purchase to be."""

    HEADERS = ("Where in the file", "Order", "Date", "Amount", "Buyer", "Goes to")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[SaleRow] = []
        self._choices: dict[int, int | str] = {}
        self.region = ""  # the notebook's country: amounts in its currency (domain.money)

    def set_rows(self, rows: list[SaleRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def set_choice(self, index: int, choice: int | str) -> None:
        """The owner's answer for the purchase of row ``index`` of the preview."""
        self._choices[index] = choice
        for r, row in enumerate(self._rows):
            if row.index == index:
                cell = self.index(r, COL_GOES)
                self.dataChanged.emit(cell, cell)

    def shown_count(self) -> int:
        return len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == COL_GOES:
            colour = _COLOURS.get(row.verdict)
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (COL_BUYER, COL_GOES):
            return self._text(row, index.column())  # in full, where the column cuts it
        return None

    def _text(self, row: SaleRow, col: int) -> str:
        s = row.sale
        if col == COL_WHERE:
            return s.position
        if col == COL_ORDER:
            return s.order_id if not s.order_id.startswith("row-") else ""
        if col == COL_DATE:
            return s.when.isoformat()
        if col == COL_AMOUNT:
            refunded = f" ({money(s.refunded, s.currency, self.region)} refunded)" \
                if s.refunded else ""
            return money(s.amount, s.currency, self.region) + refunded
        if col == COL_BUYER:
            return " · ".join(x for x in (s.buyer.name, s.buyer.email or s.buyer.phone) if x)
        return goes_to(row, self._choices.get(row.index))


class NotSalesModel(HeaderedTableModel):
    """Refunds, cancellations and rows that could not be read."""

    HEADERS = ("Where in the file", "Order", "Not imported because")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[NotSale] = []

    def set_rows(self, rows: list[NotSale]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def shown_count(self) -> int:
        return len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.position, row.order_id if not row.order_id.startswith("row-") else "",
                    row.reason)[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and row.problem:
            return QBrush(QColor(theme.ERROR))
        return None
