"""The customer list's context menu: address labels for the customer clicked, or for every
customer the list shows (a search's matches, or everyone)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QMenu, QWidget

from ui.customers.list_controller import ListController
from ui.events import AppEvents
from ui.operations import Operations

if TYPE_CHECKING:
    from ui.cards.labels_dialog import LabelsDialog


def people(count: int) -> str:
    """"1 customer", "1,204 customers"."""
    return f"{count:,} customer{'s' if count != 1 else ''}"


class ListMenu:
    """Opens the Labels dialog for customers of the list; ``last`` is the dialog opened."""

    def __init__(self, parent: QWidget, ops: Operations, events: AppEvents,
                 list_: ListController) -> None:
        self._parent, self._ops, self._events, self._list = parent, ops, events, list_
        self.last: LabelsDialog | None = None
        # Adds the actions for several customers selected (ui/customers/many.py).
        self.extend: Callable[[QMenu], None] | None = None

    def shown_ids(self) -> list[int]:
        """The customers the list shows, top to bottom."""
        model = self._list.model
        return [row.id for r in range(model.rowCount()) if (row := model.customer_at(r))]

    def labels_for_list(self) -> LabelsDialog:
        """Labels for every customer the list shows."""
        ids = self.shown_ids()
        query = self._list.panel.search.text().strip()
        title = f"The {people(len(ids))} " + (f"matching “{query}”" if query else "in the list")
        return self._open(tuple(ids), title)

    def label_for(self, customer_id: int, name: str) -> LabelsDialog:
        """One label, for the customer clicked."""
        return self._open((customer_id,), name)

    def _open(self, ids: tuple[int, ...], title: str) -> LabelsDialog:
        from ui.cards.labels_dialog import open_labels  # late: reportlab waits for printing

        self.last = open_labels(self._parent, self._ops, self._events, ids, title)
        return self.last

    def show(self, pos: QPoint) -> None:
        """The menu for a right-click at ``pos`` on the table."""
        table = self._list.panel.table
        row = self._list.model.customer_at(table.indexAt(pos).row())
        menu = QMenu(table)
        if row is not None:
            menu.addAction(f"Address label for {row.name}…",
                           lambda: self.label_for(row.id, row.name))
        count = self._list.model.rowCount()
        if count:
            menu.addAction(f"Address labels for the {people(count)} in the list…",
                           self.labels_for_list)
        if self.extend is not None and len(self._list.selected_ids()) > 1:
            many = menu.addMenu(f"The {people(len(self._list.selected_ids()))} selected")
            self.extend(many)
        if not menu.isEmpty():
            menu.popup(table.viewport().mapToGlobal(pos))
