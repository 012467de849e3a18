"""The customer list as a table: rows are ``CustomerRow``s handed in, never queried here.

The lifetime values (a hidden column) may come apart from the rows (``set_values``): the
window reads them only once the column is shown or sorted by (issue 17).

Searching and sorting happen in Python over the cached rows (a set of ids from FTS5, then a
list comprehension; ``sorted()`` for a header click) followed by one model reset: ~10–30 ms for
50,000 customers, where a QSortFilterProxyModel takes seconds.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import lru_cache
from operator import attrgetter

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from domain.model import CustomerRow
from domain.validation import format_date, format_phone
from ui.models.table import HeaderedTableModel

COL_NAME, COL_COMPANY, COL_EMAIL, COL_PHONE, COL_CITY, COL_TAGS, COL_LAST_TOUCH, COL_VALUE = \
    range(8)
HEADERS = ("Name", "Company", "Email", "Phone", "City", "Tags", "Last touch", "Lifetime value")
_FIELDS = ("name", "company", "email", "phone", "city", "tags", "last_touch", "lifetime")

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex
Lifetime = tuple[tuple[str, int], ...]


def ago(day: date | None, today: date) -> str:
    """``today``, ``yesterday``, ``12 days ago``, ``3 months ago``, ``2 years ago``."""
    if day is None:
        return "never"
    days = (today - day).days
    if days < 0:
        return format_date(day)
    if days < 2:
        return ("today", "yesterday")[days]
    if days < 60:
        return f"{days} days ago"
    if days < 730:
        return f"{days // 30} months ago"
    return f"{days // 365} years ago"


class CustomerListModel(HeaderedTableModel):
    """All customers (``set_rows``), narrowed by ``show_only`` and ordered by ``sort``."""

    HEADERS = HEADERS

    def __init__(self, region: str = "US", parent=None) -> None:
        super().__init__(parent)
        self._region = region
        self._today = date.today()
        self._all: list[CustomerRow] = []  # every customer, in the current sort order
        self._rows: list[CustomerRow] = []  # what is shown
        self._only: set[int] | None = None  # the search's matches
        self._filter: set[int] | None = None  # a saved filter's customers
        self._hide_archived = False  # leave out the archived and the deceased
        self._sort = (COL_NAME, Qt.SortOrder.AscendingOrder)
        self._values: dict[int, Lifetime] | None = None  # None: each row's own ``lifetime``

    # --- our API --------------------------------------------------------------------------

    def set_rows(self, rows: list[CustomerRow], today: date | None = None) -> None:
        """Replace every row (already sorted by name, as storage returns them).

        When the rows shown so far begin the new list (the first page, then everyone) the
        others are added below them: a scroll, a selection or a search made meanwhile stays.
        """
        self._today = today or date.today()
        rows = list(rows)
        if self._sort != (COL_NAME, Qt.SortOrder.AscendingOrder):
            rows = _sorted(rows, *self._sort, self.lifetime)
        shown, old = self._filtered(rows), self._rows
        if not old or len(shown) < len(old) or any(
                a.id != b.id for a, b in zip(old, shown, strict=False)):
            self.beginResetModel()
            self._all, self._rows = rows, shown
            self.endResetModel()
            return
        self._all = rows
        if len(shown) > len(old):
            self.beginInsertRows(QModelIndex(), len(old), len(shown) - 1)
            self._rows = shown
            self.endInsertRows()
        self._rows = shown
        self.dataChanged.emit(self.index(0, 0), self.index(len(old) - 1, len(HEADERS) - 1))

    def add_rows(self, rows: list[CustomerRow]) -> None:
        """Add the customers of ``rows`` not held yet (a search's finds while the list
        loads), each in its place."""
        held = {r.id for r in self._all}
        new = [r for r in rows if r.id not in held]
        if not new:
            return
        self.beginResetModel()
        self._all = _sorted(self._all + new, *self._sort, self.lifetime)
        self._rows = self._filtered()
        self.endResetModel()

    def show_only(self, ids: set[int] | None) -> None:
        """Show just the customers in ``ids`` (None: everyone)."""
        self.beginResetModel()
        self._only = ids
        self._rows = self._filtered()
        self.endResetModel()

    def set_filter(self, ids: set[int] | None) -> None:
        """Show just the customers a filter lets through (None: no filter); a search then
        narrows what is left."""
        self.beginResetModel()
        self._filter = ids
        self._rows = self._filtered()
        self.endResetModel()

    def hide_archived(self, hide: bool) -> None:
        """Leave out the archived and deceased customers (False: show them, marked)."""
        self.beginResetModel()
        self._hide_archived = hide
        self._rows = self._filtered()
        self.endResetModel()

    def is_filtered(self) -> bool:
        """Whether a filter narrows the list."""
        return self._filter is not None

    def rows_of(self, ids: set[int]) -> list[int]:
        """The rows showing any of ``ids``, top to bottom (one pass, for 50,000 as for 2)."""
        return [i for i, r in enumerate(self._rows) if r.id in ids]

    def replace_rows(self, fresh: list[CustomerRow], gone: set[int] = frozenset()) -> None:
        """Update a few customers in place (after an edit), add new ones, drop ``gone``."""
        by_id = {r.id: r for r in fresh}
        if self._values is not None:  # fresh rows carry their values (storage.customers)
            self._values.update((r.id, r.lifetime) for r in fresh)
            for customer_id in gone:
                self._values.pop(customer_id, None)
        kept = [by_id.pop(r.id, r) for r in self._all if r.id not in gone]
        self.beginResetModel()
        self._all = _sorted(kept + list(by_id.values()), *self._sort, self.lifetime)
        self._rows = self._filtered()
        self.endResetModel()

    def set_values(self, values: dict[int, Lifetime]) -> None:
        """Every customer's lifetime value, read apart from the rows (absent: none)."""
        self._values = values
        if self._sort[0] == COL_VALUE:  # the order changes with the values
            self.beginResetModel()
            self._all = _sorted(self._all, *self._sort, self.lifetime)
            self._rows = self._filtered()
            self.endResetModel()
        elif self._rows:
            self.dataChanged.emit(self.index(0, COL_VALUE),
                                  self.index(len(self._rows) - 1, COL_VALUE))

    def has_values(self) -> bool:
        """Whether the lifetime values were read apart (``set_values``)."""
        return self._values is not None

    def lifetime(self, row: CustomerRow) -> Lifetime:
        """``row``'s lifetime value per currency."""
        return row.lifetime if self._values is None else self._values.get(row.id, ())

    def set_region(self, region: str) -> None:
        """Show phone numbers as people write them in ``region``."""
        self.beginResetModel()
        self._region = region
        self.endResetModel()

    def all_rows(self) -> list[CustomerRow]:
        """Every customer held, whatever the search shows."""
        return self._all

    def total(self) -> int:
        """How many customers are held (whatever the search shows)."""
        return len(self._all)

    def row_of(self, customer_id: int) -> int:
        """The row showing ``customer_id``, or -1."""
        return next((i for i, r in enumerate(self._rows) if r.id == customer_id), -1)

    def customer_at(self, row: int) -> CustomerRow | None:
        """The row's customer, or None outside the list."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def _filtered(self, every: list[CustomerRow] | None = None) -> list[CustomerRow]:
        every = self._all if every is None else every
        rows = [r for r in every if not r.status] if self._hide_archived else every
        wanted = [s for s in (self._only, self._filter) if s is not None]
        if not wanted:
            return rows
        only = wanted[0] if len(wanted) == 1 else wanted[0] & wanted[1]
        return [r for r in rows if r.id in only]

    # --- Qt overrides ---------------------------------------------------------------------

    def shown_count(self) -> int:
        return len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if role not in _ROLES or not index.isValid():  # a repaint asks ~10 roles per cell
            return None
        row, col = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_LAST_TOUCH and row.last_touch:
                return format_date(row.last_touch)
            return self._display(row, col) or None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if col == COL_VALUE else _LEFT
        if role == ID_ROLE:
            return row.id
        if role == SORT_ROLE:
            return _key(row, col, self.lifetime)[1]
        return None

    def _display(self, row: CustomerRow, col: int) -> str:
        if col == COL_VALUE:
            return worth(self.lifetime(row))
        if col == COL_LAST_TOUCH:
            return ago(row.last_touch, self._today)
        if col == COL_PHONE and row.phone:
            return _phone(row.phone, self._region)
        if col == COL_NAME and row.status:  # said where the owner looks: beside the name
            return f"{row.name} ({row.status})"
        return getattr(row, _FIELDS[col])

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Header click: Python ``sorted()`` and one reset."""
        if (column, order) == self._sort or not 0 <= column < len(HEADERS):
            return
        self.beginResetModel()
        self._sort = (column, order)
        self._all = _sorted(self._all, column, order, self.lifetime)
        self._rows = self._filtered()
        self.endResetModel()

    def sort_order(self) -> tuple[int, Qt.SortOrder]:
        """(column, order) of the current sort."""
        return self._sort


_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, ID_ROLE, SORT_ROLE,
                    Qt.ItemDataRole.TextAlignmentRole})
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


def worth(lifetime: tuple[tuple[str, int], ...]) -> str:
    """ "1,234.50", "1,234.50 + 80.00 EUR": each currency apart, never added together."""
    return " + ".join(f"{cents / 100:,.2f} {cur}".strip() for cur, cents in lifetime)


def value_key(lifetime: Lifetime) -> tuple[int, ...]:
    """Sorts by the value in the notebook's own currency, then by the other currencies'."""
    own = sum(c for cur, c in lifetime if not cur)
    return (own, sum(c for cur, c in lifetime if cur))


def _own(row: CustomerRow) -> Lifetime:
    return row.lifetime


@lru_cache(maxsize=4096)
def _phone(number: str, region: str) -> str:
    """A screenful of numbers formatted once, not at every repaint of a keystroke (110 µs
    each with phonenumbers)."""
    return format_phone(number, region)


def _key(row: CustomerRow, col: int,
         lifetime: Callable[[CustomerRow], Lifetime] = _own) -> tuple[bool, object]:
    """(missing, value): blanks sort last whichever way the column is sorted."""
    if col == COL_NAME:
        return (False, row.sort_key)
    if col == COL_VALUE:
        value = lifetime(row)
        return (not value, value_key(value))
    value = getattr(row, _FIELDS[col])
    if col == COL_LAST_TOUCH:
        return (value is None, value or date.min)
    return (not value, value.casefold())


def _sorted(rows: list[CustomerRow], column: int, order: Qt.SortOrder,
            lifetime: Callable[[CustomerRow], Lifetime] = _own) -> list[CustomerRow]:
    """Sorted by ``column``, ties by name, blanks last; two stable C-level sorts."""
    descending = order == Qt.SortOrder.DescendingOrder
    by_name = sorted(rows, key=attrgetter("sort_key"))
    if column == COL_NAME:
        return by_name[::-1] if descending else by_name
    field = lifetime if column == COL_VALUE else attrgetter(_FIELDS[column])
    present = [r for r in by_name if field(r)]
    missing = [r for r in by_name if not field(r)]
    if column == COL_LAST_TOUCH:
        present.sort(key=field, reverse=descending)
    elif column == COL_VALUE:
        present.sort(key=lambda r: value_key(lifetime(r)), reverse=descending)
    else:
        present.sort(key=lambda r: field(r).casefold(), reverse=descending)
    return present + missing
