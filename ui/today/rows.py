"""Rows of a grouped list: a section header ("Overdue 3") or an item with two lines per cell.

Shared by the Today and Calendar screens. A row's cells are worked out from its item the
first time the view asks (then kept): a queue of 40,000 suggestions shows at once, and only
the rows on screen are ever worded. Nothing here queries the notebook.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon

SUB_ROLE = Qt.ItemDataRole.UserRole + 1  # the muted second line of a cell
TONE_ROLE = Qt.ItemDataRole.UserRole + 2  # "overdue", "today" or "" (colours the first line)
HEADER_ROLE = Qt.ItemDataRole.UserRole + 3  # (label, count) on a section header row
ITEM_ROLE = Qt.ItemDataRole.UserRole + 4  # the thing the row shows (a Suggestion, an entry)

Index = QModelIndex | QPersistentModelIndex


@dataclass
class Cell:
    text: str
    sub: str = ""
    tip: str = ""
    icon: QIcon | None = None
    tone: str = ""


@dataclass(slots=True)
class Row:
    """A header (``label`` and ``count``) or an item (the ``item`` it shows, and its key)."""

    label: str = ""
    count: int = 0
    item: Any = None
    key: str = ""

    @property
    def is_header(self) -> bool:
        return self.item is None


class GroupedModel(QAbstractTableModel):
    """A flat table of header and item rows; ``cells(item)`` words an item's row."""

    def __init__(self, headers: tuple[str, ...], cells: Callable[[Any], list[Cell]],
                 parent=None) -> None:
        super().__init__(parent)
        self._headers = headers
        self._cells = cells
        self._rows: list[Row] = []
        self._worded: dict[int, list[Cell]] = {}

    # --- our API --------------------------------------------------------------------------

    def set_rows(self, rows: list[Row]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._rows = rows
        self._worded = {}
        self.endResetModel()

    def cells_of(self, row: int) -> list[Cell]:
        """The cells of item row ``row`` (worded on first use)."""
        found = self._worded.get(row)
        if found is None:
            found = self._worded[row] = self._cells(self._rows[row].item)
        return found

    def row_at(self, row: int) -> Row | None:
        """The row object on ``row``, or None."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def item_at(self, row: int) -> Any:
        """What item row ``row`` shows (None for a header or outside the list)."""
        found = self.row_at(row)
        return found.item if found is not None else None

    def row_of(self, key: str) -> int:
        """The row of the item with ``key``, or -1."""
        return next((i for i, r in enumerate(self._rows)
                     if r.key == key and r.item is not None), -1)

    def header_rows(self) -> list[int]:
        """Rows that are section headers."""
        return [i for i, r in enumerate(self._rows) if r.is_header]

    def item_rows(self) -> list[int]:
        """Rows that are items."""
        return [i for i, r in enumerate(self._rows) if not r.is_header]

    def remove_key(self, key: str) -> None:
        """Take one item out at once (its section's count goes down; an empty section goes)."""
        row = self.row_of(key)
        if row < 0:
            return
        rows = self._rows[:row] + self._rows[row + 1:]
        header = max((i for i in range(row) if self._rows[i].is_header), default=-1)
        if header >= 0:
            rows[header].count -= 1
            if rows[header].count <= 0:
                del rows[header]
        self.set_rows(rows)

    # --- Qt -------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        row = self.row_at(index.row())
        if row is None or row.is_header:
            return Qt.ItemFlag.NoItemFlags  # the keyboard steps over headers
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row())
        if row is None:
            return None
        if row.is_header:
            if role == HEADER_ROLE:
                return (row.label, row.count)
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{row.label} ({row.count})" if index.column() == 0 else ""
            return None
        if role == ITEM_ROLE:
            return row.item
        return _cell_data(self.cells_of(index.row())[index.column()], role)


def _cell_data(cell: Cell, role: int) -> Any:
    if role == Qt.ItemDataRole.DisplayRole:
        return cell.text
    if role == SUB_ROLE:
        return cell.sub
    if role == Qt.ItemDataRole.ToolTipRole:
        return cell.tip or None
    if role == Qt.ItemDataRole.DecorationRole:
        return cell.icon
    if role == TONE_ROLE:
        return cell.tone
    return None
