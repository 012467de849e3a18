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
        self._loaded = 0  # how many of them the view has been given (rowCount)
        self._worded: dict[int, list[Cell]] = {}

    # --- our API --------------------------------------------------------------------------

    def set_rows(self, rows: list[Row]) -> None:
        """Show ``rows``: the first :data:`_LOADED` at once, the rest as the view scrolls to
        them (:meth:`load_more`), so that a list of 5,000 lays out a few hundred rows. When
        they are the rows shown but for a stretch (a suggestion done, one come due), only
        that stretch is taken out and put in, and the headers' counts told: the view keeps
        its place and selection."""
        old, loaded = self._rows, self._loaded
        start, end = _unchanged_ends(old, rows)
        gone, new = len(old) - start - end, len(rows) - start - end
        if not old or gone + new > _PATCH_MOST:
            self.beginResetModel()
            self._rows, self._worded, self._loaded = rows, {}, min(len(rows), _LOADED)
            self.endResetModel()
            return
        shown_gone = max(0, min(start + gone, loaded) - start)  # of those the view has
        if shown_gone:
            self.beginRemoveRows(QModelIndex(), start, start + shown_gone - 1)
            self._rows, self._worded = old[:start] + old[start + gone:], {}
            self._loaded -= shown_gone
            self.endRemoveRows()
        if new and start <= self._loaded:
            self.beginInsertRows(QModelIndex(), start, start + new - 1)
            self._rows, self._worded = rows, {}
            self._loaded += new
            self.endInsertRows()
        self._rows = rows
        for at in range(min(self._loaded, len(rows))):  # a header's count (headers lead)
            if rows[at].is_header and (at >= len(old) or old[at].count != rows[at].count):
                self.dataChanged.emit(self.index(at, 0), self.index(at, len(self._headers) - 1))

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
        """The row of the item with ``key``, or -1; the view is given the rows up to it."""
        row = next((i for i, r in enumerate(self._rows)
                    if r.key == key and r.item is not None), -1)
        self.load_to(row)
        return row

    def header_rows(self) -> list[int]:
        """Rows that are section headers."""
        return [i for i, r in enumerate(self._rows) if r.item is None]

    def item_rows(self) -> list[int]:
        """Rows that are items."""
        return [i for i, r in enumerate(self._rows) if r.item is not None]

    def item_row_at_or_after(self, row: int) -> int:
        """The first item row from ``row`` on, else the last item row, else -1."""
        rows = self._rows
        found = next((i for i in range(max(row, 0), len(rows)) if rows[i].item is not None),
                     -1)
        if found < 0:
            found = next((i for i in range(len(rows) - 1, -1, -1) if rows[i].item is not None),
                         -1)
        return found

    def has_items(self) -> bool:
        return any(r.item is not None for r in self._rows)

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
        return 0 if parent.isValid() else self._loaded

    def load_more(self) -> None:
        """Give the view the next rows (it has scrolled near the end of those it has). Not
        Qt's fetchMore: the view asks for that at every layout, and each change to the list
        would hand it 300 rows more until it held them all again."""
        self.load_to(self._loaded + _LOADED - 1)

    def all_loaded(self) -> bool:
        return self._loaded >= len(self._rows)

    def row_count_all(self) -> int:
        """Every row, given to the view or not yet."""
        return len(self._rows)

    def load_to(self, row: int) -> None:
        """Give the view every row up to ``row`` (to select one further down)."""
        last = min(row, len(self._rows) - 1)
        if last >= self._loaded:
            self.beginInsertRows(QModelIndex(), self._loaded, last)
            self._loaded = last + 1
            self.endInsertRows()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        row = self.row_at(index.row())  # the view asks for every row as it lays them out
        return _HEADER if row is None or row.is_header else _ITEM

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


# A row's flags, made once (an enum's | costs 8 µs in Python, and the view asks per row).
# No row has children: the tree view then never asks.
_HEADER = Qt.ItemFlag.ItemNeverHasChildren  # the keyboard steps over headers
_ITEM = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | _HEADER
_PATCH_MOST = 200  # rows changed past which the whole list is shown again instead
_LOADED = 300  # rows given to the view at first, and at each scroll to the end


def _unchanged_ends(old: list[Row], new: list[Row]) -> tuple[int, int]:
    """How many rows at the start, and then at the end, ``old`` and ``new`` share: the same
    header (its count may differ), or the same item object (the queue keeps those of the
    customers nothing changed for)."""
    most = min(len(old), len(new))
    start = next((i for i, a, b in zip(range(most), old, new, strict=False)
                  if a.item is not b.item or a.key != b.key), most)
    end = next((i for i, a, b in zip(range(most - start), reversed(old), reversed(new),
                                     strict=False)
                if a.item is not b.item or a.key != b.key), most - start)
    return start, end


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
