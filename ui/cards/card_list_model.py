"""The Cards screen's lists as a table: rows are ``CardRow``s handed in, never queried here."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from domain.templates import OCCASIONS
from domain.validation import format_date
from exports import cards as formats
from ui.cards.service import CardRow

COL_CUSTOMER, COL_OCCASION, COL_FORMAT, COL_DATE, COL_WORDS = range(5)
HEADERS = ("Customer", "Occasion", "Format", "Date", "Words")
DATE_HEADER = {"draft": "Written", "queued": "Queued", "printed": "Printed", "mailed": "Mailed"}
ID_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


def first_line(text: str, limit: int = 80) -> str:
    """The card's words on one line, cut short: ``Dear Peggy, Happy birthday! I hope…``"""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit - 1].rstrip() + "…"


class CardListModel(QAbstractTableModel):
    """One status's cards (``set_rows``)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[CardRow] = []
        self._status = "draft"

    def set_rows(self, rows: list[CardRow], status: str) -> None:
        """Replace every row; ``status`` names the date column."""
        self.beginResetModel()
        self._rows, self._status = list(rows), status
        self.endResetModel()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, COL_DATE, COL_DATE)

    def row_at(self, row: int) -> CardRow:
        """The card shown on ``row``."""
        return self._rows[row]

    def rows(self) -> list[CardRow]:
        """Every card shown, in order."""
        return list(self._rows)

    def row_of(self, card_id: int) -> int:
        """The row showing ``card_id`` (-1 when it is not shown)."""
        return next((i for i, r in enumerate(self._rows) if r.card.id == card_id), -1)

    # --- Qt -------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if section == COL_DATE:
                return DATE_HEADER.get(self._status, "Date")
            return HEADERS[section]
        return super().headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == COL_WORDS:
            return row.card.text
        if role == ID_ROLE:
            return row.card.id
        return None

    def _display(self, row: CardRow, column: int) -> str:
        card = row.card
        if column == COL_CUSTOMER:
            return row.customer
        if column == COL_OCCASION:
            return OCCASIONS.get(card.occasion, card.occasion)
        if column == COL_FORMAT:
            return formats.title(card.card_format)  # "US A2 folded card", not its code
        if column == COL_DATE:
            day = {"printed": card.printed, "mailed": card.mailed}.get(self._status,
                                                                        card.created)
            return format_date(day) if day else ""
        return first_line(card.text)
