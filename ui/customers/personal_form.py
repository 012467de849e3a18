"""The Personal tab: family, pets, interests, likes, gift ideas, and the dates that matter."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from domain.milestone_names import milestone_name
from domain.model import FACT_LABELS, Customer, Fact, Milestone
from domain.validation import format_partial_date
from ui import theme
from ui.customers.personal_dialogs import FactDialog, MilestoneDialog


def _fact_columns(f: Fact) -> list[str]:
    return [FACT_LABELS.get(f.kind, f.kind), f.value, f.relation,
            format_partial_date(f.birthday)]


def _milestone_columns(m: Milestone) -> list[str]:
    return [milestone_name(m.kind, m.note), format_partial_date(m.date),
            m.whose or "Theirs", "Every year" if m.yearly else "Once", m.note]


class ItemList(QWidget):
    """A titled list of small items with Add, Edit and Remove; edits go through a dialog."""

    changed = Signal()

    def __init__(self, title: str, headers: list[str], columns: Callable[[object], list[str]],
                 make_dialog: Callable[[object | None, QWidget], QDialog],
                 empty: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._columns, self._make_dialog, self._empty = columns, make_dialog, empty
        self.items: list = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(theme.label(title, "section"))
        top.addStretch(1)
        self.add_button = QPushButton("+ Add")
        self.edit_button = QPushButton("Edit…")
        self.remove_button = QPushButton("Remove")
        for button in (self.add_button, self.edit_button, self.remove_button):
            top.addWidget(button)
        layout.addLayout(top)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(headers)
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setMinimumHeight(150)
        layout.addWidget(self.tree)
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.remove_button.clicked.connect(self.remove)
        self.tree.itemDoubleClicked.connect(lambda *_: self.edit())
        self.tree.itemSelectionChanged.connect(self._update_buttons)

    def set_items(self, items: list) -> None:
        """Show ``items`` (facts or milestones)."""
        self.items = list(items)
        self._fill()

    def _fill(self) -> None:
        self.tree.clear()
        for i, item in enumerate(self.items):
            row = QTreeWidgetItem(self._columns(item))
            row.setData(0, Qt.ItemDataRole.UserRole, i)
            self.tree.addTopLevelItem(row)
        if not self.items:
            placeholder = QTreeWidgetItem([self._empty])
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            placeholder.setForeground(0, self.palette().placeholderText())
            self.tree.addTopLevelItem(placeholder)
            self.tree.setFirstColumnSpanned(0, self.tree.rootIndex(), True)
        for column in range(self.tree.columnCount()):
            self.tree.resizeColumnToContents(column)  # a handful of rows: cheap
        self._update_buttons()

    def _selected(self) -> int | None:
        chosen = self.tree.selectedItems()
        return chosen[0].data(0, Qt.ItemDataRole.UserRole) if chosen else None

    def _update_buttons(self) -> None:
        has = self._selected() is not None
        self.edit_button.setEnabled(has)
        self.remove_button.setEnabled(has)

    def add(self) -> None:
        """Ask for a new item in a dialog and add it."""
        dialog = self._make_dialog(None, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.items.append(dialog.value())
            self._fill()
            self.changed.emit()

    def edit(self) -> None:
        """Change the selected item in a dialog."""
        index = self._selected()
        if index is None:
            return
        dialog = self._make_dialog(self.items[index], self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.items[index] = dialog.value()
            self._fill()
            self.changed.emit()

    def remove(self) -> None:
        """Drop the selected item (saved with the profile)."""
        index = self._selected()
        if index is not None:
            del self.items[index]
            self._fill()
            self.changed.emit()


class PersonalForm(QWidget):
    """Facts and milestones of one customer, edited in place until the profile is saved."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(18)
        self.facts = ItemList("Personal details", ["Kind", "Detail", "Relation", "Birthday"],
                              _fact_columns, FactDialog,
                              "Family, pets, interests, likes, gift ideas — add what you learn.")
        self.milestones = ItemList("Milestones", ["Kind", "Date", "Whose", "Repeats", "Note"],
                                   _milestone_columns, MilestoneDialog,
                                   "Birthdays, anniversaries, a new home — the year is optional.")
        self.facts.setObjectName("facts")
        self.milestones.setObjectName("milestones")
        layout.addWidget(self.facts)
        layout.addWidget(self.milestones)
        layout.addStretch(1)
        self.facts.changed.connect(self.changed)
        self.milestones.changed.connect(self.changed)

    def set_customer(self, c: Customer) -> None:
        """Show ``c``'s facts and milestones."""
        self.facts.set_items(c.facts)
        self.milestones.set_items(c.milestones)

    def read_into(self, c: Customer, errors: dict[str, str]) -> None:
        """Copy the facts and milestones into ``c``."""
        c.facts = list(self.facts.items)
        c.milestones = list(self.milestones.items)
