"""Lifetime value in the customer list: one aggregate for every row, each currency apart,
sortable by a header click."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt

from domain.model import Customer, Purchase
from storage import customer_list, customers
from ui.models.customer_list_model import COL_VALUE, HEADERS, CustomerListModel


def _add(name: str, *amounts: tuple[str, str]) -> int:
    return customers.save_customer(Customer(given_name=name, purchases=[
        Purchase(date(2026, 1, 1 + i), Decimal(a), currency=cur)
        for i, (a, cur) in enumerate(amounts)]))


def test_the_column_shows_and_sorts_lifetime_value(notebook, qtbot):
    _add("Ann", ("100", ""), ("20.50", ""))
    _add("Bob", ("900", "EUR"))
    _add("Cy", ("300", ""), ("5", "USD"))
    _add("Di")
    rows = customer_list.rows()
    assert {r.name: r.lifetime for r in rows}["Cy"] == (("", 30_000), ("USD", 500))
    model = CustomerListModel()
    model.set_rows(rows)
    assert HEADERS[COL_VALUE] == "Lifetime value"

    def column() -> list[str]:
        return [model.index(r, COL_VALUE).data() for r in range(model.rowCount())]

    model.sort(COL_VALUE, Qt.SortOrder.DescendingOrder)
    assert column() == ["300.00 + 5.00 USD", "120.50", "900.00 EUR", ""]
    model.sort(COL_VALUE, Qt.SortOrder.AscendingOrder)
    assert column() == ["900.00 EUR", "120.50", "300.00 + 5.00 USD", ""]  # blanks last


def test_a_row_reloaded_after_an_edit_keeps_its_value(notebook):
    cid = _add("Ann", ("42", ""))
    assert customers.list_rows([cid])[0].lifetime == (("", 4_200),)
    assert customer_list.rows(limit=1)[0].lifetime == (("", 4_200),)
