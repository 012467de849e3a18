"""A customer's timeline as a table, newest first: touches, purchases, promises, problems."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from domain.model import (
    INTERACTION_LABELS,
    Customer,
    Interaction,
    Problem,
    Promise,
    Purchase,
)
from domain.money import format_money
from domain.validation import format_date
from ui import icons, theme
from ui.models.table import HeaderedTableModel

COL_DATE, COL_KIND, COL_DETAILS, COL_STATUS = range(4)
HEADERS = ("Date", "What", "Details", "Status")
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex
TimelineItem = Interaction | Purchase | Promise | Problem


def item_date(item: TimelineItem) -> date:
    """The day an entry is filed under."""
    if isinstance(item, Promise):
        return item.made
    if isinstance(item, Problem):
        return item.last_activity()
    return item.when


def entries(c: Customer) -> list[TimelineItem]:
    """Everything on the timeline, newest first."""
    items: list[TimelineItem] = [*c.interactions, *c.purchases, *c.promises, *c.problems]
    return sorted(items, key=lambda i: (item_date(i), i.id or 0), reverse=True)


class TimelineModel(HeaderedTableModel):
    """Rows are handed in with ``set_customer``; nothing is read from the notebook here."""

    HEADERS = HEADERS

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[TimelineItem] = []
        self._now = datetime.now()
        self._region = ""

    def set_customer(self, c: Customer | None, now: datetime | None = None,
                     region: str = "") -> None:
        """Show ``c``'s timeline; ``now`` decides which promises are overdue; amounts in
        ``region``'s currency and style (domain.money)."""
        self.beginResetModel()
        self._rows = entries(c) if c is not None else []
        self._now = now or datetime.now()
        self._region = region
        self.endResetModel()

    def item_at(self, row: int) -> TimelineItem | None:
        """The entry on ``row``, or None."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def shown_count(self) -> int:
        return len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item, col = self._rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(item, col)
        if role == Qt.ItemDataRole.DecorationRole and col == COL_KIND:
            return icons.icon(_icon(item))
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_STATUS and self._late(item):
            return QColor(theme.ERROR)
        if role == ITEM_ROLE:
            return item
        return None

    def _text(self, item: TimelineItem, col: int) -> str:
        if col == COL_DATE:
            return format_date(item_date(item))
        if col == COL_KIND:
            return _kind(item)
        if col == COL_DETAILS:
            return _details(item, self._region)
        return self._status(item)

    def _late(self, item: TimelineItem) -> bool:
        return isinstance(item, Promise) and item.status == "open" and item.due < self._now

    def _status(self, item: TimelineItem) -> str:
        if isinstance(item, Promise):
            day = item.due.date()
            when = format_date(day) if day.year != self._now.year else format_date(day)[:-5]
            due = f"{when}, {item.due:%H:%M}"
            if item.status == "open":
                return f"Overdue since {due}" if self._late(item) else f"Due {due}"
            return item.status.capitalize()
        if isinstance(item, Problem):
            if item.status == "resolved":
                return f"Resolved {format_date(item.resolved)}".strip()
            return f"Open — waiting on {item.waiting_on}" if item.waiting_on else "Open"
        return ""


def _kind(item: TimelineItem) -> str:
    if isinstance(item, Interaction):
        return INTERACTION_LABELS.get(item.kind, item.kind)
    return type(item).__name__


_KIND_ICONS = {"note": "note", "call": "touch", "visit": "visit", "email": "email",
               "text": "message", "card": "postcard", "gift": "gift", "meeting": "customers"}


def _icon(item: TimelineItem) -> str:
    if isinstance(item, Interaction):
        return _KIND_ICONS.get(item.kind, "note")
    return type(item).__name__.lower()


def _details(item: TimelineItem, region: str) -> str:
    if isinstance(item, Interaction):
        return item.summary
    if isinstance(item, Purchase):
        money = format_money(item.amount, region, item.currency)
        return " — ".join(p for p in (money, item.description) if p)
    if isinstance(item, Promise):
        return item.what
    updates = len(item.updates)
    suffix = f"  ({updates} update{'s' if updates != 1 else ''})" if updates else ""
    return item.summary + suffix
