"""The import preview as a table: one row per card or CSV row, with the action chosen for it.

Rows are ``PreviewRow``s handed in by the dialog (computed on the worker); nothing here reads
the notebook. The Action column is editable through :class:`ActionDelegate`'s drop-down. A
large file (10,000 cards) stays quick: the model keeps plain lists and resets once per filter.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate

from domain.contacts import Incoming
from domain.duplicates import ADD, BROKEN, EXACT, MERGE, NEW, POSSIBLE, SKIP
from domain.validation import format_phone
from storage.imports import PreviewRow
from ui import theme
from ui.models.table import HeaderedTableModel

COL_WHERE, COL_NAME, COL_CONTACT, COL_DATES, COL_STATUS, COL_ACTION = range(6)
HEADERS = ("Where in the file", "Name", "Email or phone", "Dates as read", "What Rapport found",
           "Action")
ACTION_ROLE = Qt.ItemDataRole.UserRole + 1  # the action's value: add / merge / skip
CHOICES_ROLE = Qt.ItemDataRole.UserRole + 2  # [(label, value)] the drop-down offers

# Filters for the "Show" box: (label, verdicts shown).
FILTERS = (("Everything", None), ("New", {NEW}), ("Duplicates", {EXACT, POSSIBLE}),
           ("Broken", {BROKEN}))
_COLOURS = {NEW: "#2f6b34", EXACT: "#8a5a00", POSSIBLE: "#8a5a00", BROKEN: theme.ERROR}

Index = QModelIndex | QPersistentModelIndex


def status_text(row: PreviewRow) -> str:
    """``New``, ``Duplicate of Margaret Shaw (same name and same email)``, ``Broken: …``."""
    if row.verdict == NEW:
        return "New"
    if row.verdict == BROKEN:
        return f"Broken: {row.reason}" if row.reason else "Broken"
    other = row.existing_name or "a customer"
    if row.verdict == EXACT:
        return f"Duplicate of {other} ({row.reason})"
    alike = f", {row.score}%" if row.score and row.reason != "same name" else ""
    return f"Possible duplicate of {other} ({row.reason}{alike})"


def contact_text(entry: Incoming) -> str:
    """What tells two people apart at a glance: the first email and phone, the company."""
    c = entry.customer
    if c is None:
        return ""
    phone = format_phone(c.phones[0]) if c.phones else ""
    return "  ·  ".join(x for x in (c.emails[0] if c.emails else "", phone) if x)


_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_DATE_WORDS = (("birthday", "born"), ("wedding_anniversary", "married"))


def dates_text(entry: Incoming) -> str:
    """The dates as Rapport read them, with the month in words: ``born 7 Mar 1985``, so a
    day-first file read month first shows at a glance."""
    c = entry.customer
    if c is None:
        return ""
    out = []
    for kind, word in _DATE_WORDS:
        day = next((m.date for m in c.milestones if m.kind == kind and not m.whose), None)
        if day:
            year = f" {day.year}" if day.year else ""
            out.append(f"{word} {day.day} {_MONTHS[day.month - 1]}{year}")
    if c.customer_since:
        since = c.customer_since
        out.append(f"customer since {since.day} {_MONTHS[since.month - 1]} {since.year}")
    return "  ·  ".join(out)


def choices_for(row: PreviewRow) -> list[tuple[str, str]]:
    """The actions that make sense for ``row``, as (label, value)."""
    if row.verdict == BROKEN:
        return [("Skip", SKIP)]
    if row.verdict == NEW or (row.existing_id is None and not row.existing_name):
        return [("Add", ADD), ("Skip", SKIP)]
    return [("Merge", MERGE), ("Keep both", ADD), ("Skip", SKIP)]


def action_label(row: PreviewRow, action: str) -> str:
    """How ``action`` reads for ``row``: adding a duplicate is "Keep both"."""
    return next((label for label, value in choices_for(row) if value == action), action)


class PreviewModel(HeaderedTableModel):
    """Every entry of the file (``set_rows``), narrowed by ``show_only``; actions editable."""

    HEADERS = HEADERS

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[PreviewRow] = []
        self._entries: list[Incoming] = []
        self._contacts: dict[int, str] = {}  # formatted when first painted: phones are slow
        self._actions: list[str] = []
        self._shown: list[int] = []  # indexes into _rows
        self._verdicts: set[str] | None = None

    # --- our API --------------------------------------------------------------------------

    def set_rows(self, rows: list[PreviewRow], entries: list[Incoming] | None = None) -> None:
        """Show ``rows`` (with their ``entries`` for details), each with its proposed action."""
        self.beginResetModel()
        self._rows = list(rows)
        self._entries = list(entries or [])
        self._contacts = {}
        self._actions = [r.action for r in self._rows]
        self._shown = self._filtered()
        self.endResetModel()

    def show_only(self, verdicts: set[str] | None) -> None:
        """Show only the entries with these verdicts (None: all)."""
        self.beginResetModel()
        self._verdicts = verdicts
        self._shown = self._filtered()
        self.endResetModel()

    def _filtered(self) -> list[int]:
        only = self._verdicts
        return [i for i, r in enumerate(self._rows) if only is None or r.verdict in only]

    def row_at(self, row: int) -> PreviewRow:
        """The entry shown in table row ``row``."""
        return self._rows[self._shown[row]]

    def choices(self) -> dict[int, str]:
        """Entry index → the action chosen for it, for ``storage.imports.apply``."""
        return dict(enumerate(self._actions))

    def set_action(self, index: int, action: str) -> bool:
        """Choose ``action`` for entry ``index`` if it offers it; True when it changed."""
        row = self._rows[index]
        if action not in {v for _label, v in choices_for(row)} or self._actions[index] == action:
            return False
        self._actions[index] = action
        if index in self._shown:
            cell = self.index(self._shown.index(index), COL_ACTION)
            self.dataChanged.emit(cell, cell)
        return True

    def set_all(self, verdicts: set[str], action: str) -> None:
        """Choose ``action`` for every entry with one of ``verdicts`` (where it is offered)."""
        self.beginResetModel()
        for i, row in enumerate(self._rows):
            if row.verdict in verdicts and action in {v for _l, v in choices_for(row)}:
                self._actions[i] = action
        self.endResetModel()

    def reset_actions(self) -> None:
        """Back to the actions Rapport proposed."""
        self.beginResetModel()
        self._actions = [r.action for r in self._rows]
        self.endResetModel()

    def totals(self) -> dict[str, int]:
        """How many entries each action would get: ``{"add": 9, "merge": 2, "skip": 1}``."""
        out = {ADD: 0, MERGE: 0, SKIP: 0}
        for action in self._actions:
            out[action] = out.get(action, 0) + 1
        return out

    # --- Qt's model API -------------------------------------------------------------------

    def shown_count(self) -> int:
        return len(self._shown)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == COL_ACTION and self.row_at(index.row()).verdict != BROKEN:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        entry = self._shown[index.row()]
        row, col = self._rows[entry], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(entry, col)
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_STATUS:
            lost = self._entries[entry].warnings if entry < len(self._entries) else []
            return "\n".join([status_text(row), *lost])
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_STATUS:
            return QBrush(QColor(_COLOURS.get(row.verdict, theme.TEXT)))
        if role == ACTION_ROLE:
            return self._actions[entry]
        if role == CHOICES_ROLE:
            return choices_for(row)
        return None

    def _text(self, entry: int, col: int) -> str:
        row, action = self._rows[entry], self._actions[entry]
        if col == COL_WHERE:
            return row.position
        if col == COL_NAME:
            return row.name or "—"
        if col == COL_CONTACT:
            if entry not in self._contacts:
                known = entry < len(self._entries)
                self._contacts[entry] = contact_text(self._entries[entry]) if known else ""
            return self._contacts[entry]
        if col == COL_DATES:
            return dates_text(self._entries[entry]) if entry < len(self._entries) else ""
        if col == COL_STATUS:
            return status_text(row)
        label = action_label(row, action)
        return label if row.verdict == BROKEN else f"{label}  ▾"

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if index.column() != COL_ACTION or role not in (Qt.ItemDataRole.EditRole, ACTION_ROLE):
            return False
        return self.set_action(self._shown[index.row()], str(value))


class ActionDelegate(QStyledItemDelegate):
    """The Action column's drop-down: Add / Merge / Keep both / Skip, as the entry allows."""

    def createEditor(self, parent, option, index):
        combo = QComboBox(parent)
        for label, value in index.data(CHOICES_ROLE) or []:
            combo.addItem(label, value)
        # Choosing is the whole edit: commit at once, no Enter needed.
        combo.activated.connect(lambda _i, c=combo: self._commit(c))
        QTimer.singleShot(0, combo, combo.showPopup)  # they came to choose: show the choices
        return combo

    def _commit(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo)

    def setEditorData(self, editor, index) -> None:
        found = editor.findData(index.data(ACTION_ROLE))
        editor.setCurrentIndex(max(found, 0))

    def setModelData(self, editor, model, index) -> None:
        model.setData(index, editor.currentData(), ACTION_ROLE)
