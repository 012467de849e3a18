"""The window lists its customers without their lifetime values (a hidden column; 0.15–0.3 s
of the first window at 50,000 customers, issue 17) and reads them once the column is shown or
sorted by; an edit keeps them, a reload reads them again."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt

from domain.model import Customer, Purchase
from storage import customers, timeline
from tests.ui.helpers import settle
from ui.models.customer_list_model import COL_NAME, COL_VALUE


def _add(name: str, *amounts: str) -> int:
    return customers.save_customer(Customer(given_name=name, purchases=[
        Purchase(date(2026, 1, 1 + i), Decimal(a)) for i, a in enumerate(amounts)]))


def _values(screen) -> dict[str, str]:
    model = screen.list.model
    return {model.customer_at(r).name: model.index(r, COL_VALUE).data()
            for r in range(model.rowCount())}


def test_values_are_read_when_the_column_is_shown(notebook, make_window):
    _add("Ann", "100", "20.50")
    _add("Bob")
    window = make_window()
    screen = window.screens["customers"]
    assert screen.list_panel.table.isColumnHidden(COL_VALUE)
    assert not screen.list.model.has_values()
    assert _values(screen) == {"Ann": "", "Bob": ""}  # not read yet: nobody sees them
    screen.list._show_column(COL_VALUE, True)  # the column menu's "Lifetime value"
    settle(window)
    assert not screen.list_panel.table.isColumnHidden(COL_VALUE)
    assert _values(screen) == {"Ann": "120.50", "Bob": ""}


def test_sorting_by_value_reads_them_and_sorts(notebook, make_window):
    _add("Ann", "5")
    _add("Bob", "900")
    _add("Cy")
    window = make_window()
    screen = window.screens["customers"]
    screen.list_panel.table.setColumnHidden(COL_VALUE, False)
    screen.list_panel.table.sortByColumn(COL_VALUE, Qt.SortOrder.DescendingOrder)
    settle(window)
    model = screen.list.model
    assert [model.customer_at(r).name for r in range(3)] == ["Bob", "Ann", "Cy"]
    assert _values(screen) == {"Bob": "900.00", "Ann": "5.00", "Cy": ""}
    screen.list_panel.table.sortByColumn(COL_NAME, Qt.SortOrder.AscendingOrder)
    assert [model.customer_at(r).name for r in range(3)] == ["Ann", "Bob", "Cy"]


def test_an_edit_and_a_reload_keep_the_values_true(notebook, make_window):
    ann = _add("Ann", "5")
    window = make_window()
    screen = window.screens["customers"]
    screen.list.want_values()
    settle(window)
    timeline.add(ann, Purchase(date(2026, 2, 1), Decimal("10")))
    window.events.data_changed.emit({"customers": [ann]}, None)
    settle(window)
    assert _values(screen) == {"Ann": "15.00"}
    bob = _add("Bob", "7")
    window.events.data_changed.emit({"customers": None}, None)  # everyone read again
    settle(window)
    assert _values(screen) == {"Ann": "15.00", "Bob": "7.00"}
    assert bob in {screen.list.model.customer_at(r).id for r in range(2)}
