"""PySide6 6.12.0 on Python 3.11 drops a reference to None each time ``QModelIndex.data(role)``
reaches a Python ``data()`` override that answers None; a few thousand calls later the process
dies with ``Fatal Python error: none_dealloc``. We pin 6.11.x. These tests make our models
answer None through Qt 20,000 times and more, so a bad upgrade fails here, loudly, instead of in
the owner's hands. (Checked: with PySide6 6.12.0 the first test fails on the None count.)"""

from __future__ import annotations

import sys
from datetime import date, datetime, timedelta
from decimal import Decimal

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QTableView

from domain.model import Customer, CustomerRow, Interaction, Promise, Purchase
from ui.models.customer_list_model import CustomerListModel
from ui.models.timeline_model import TimelineModel

UNHANDLED = Qt.ItemDataRole.UserRole + 50  # a role our models answer with None


class CountingListModel(CustomerListModel):
    def __init__(self):
        super().__init__("US")
        self.calls = self.nones = 0

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        value = super().data(index, role)
        self.calls += 1
        self.nones += value is None
        return value


def _rows(n: int) -> list[CustomerRow]:
    today = date(2026, 11, 1)
    return [CustomerRow(i, f"Customer {i:05d}", f"customer {i:05d}", f"Co {i % 17}" if i % 3
                        else "", f"c{i}@example.com", "+15035550101" if i % 2 else "",
                        "Portland", "regular", today - timedelta(days=i % 90) if i % 5 else None)
            for i in range(1, n + 1)]


def _index_data_calls(model, count: int, role) -> None:
    """``model.index(r, c).data(role)``: Python → Qt's QModelIndex::data → our override."""
    rows, columns = model.rowCount(), model.columnCount()
    for i in range(count):
        assert model.index(i % rows, i % columns).data(role) is None


def test_index_data_answering_none_keeps_none_alive(qtbot):
    model = CountingListModel()
    model.set_rows(_rows(1000), date(2026, 11, 1))
    before = sys.getrefcount(None)
    _index_data_calls(model, 2_000, UNHANDLED)
    lost = before - sys.getrefcount(None)
    assert lost < 500, f"{lost} references to None lost in 2,000 calls: a PySide6 refcount bug"
    for role in (UNHANDLED, Qt.ItemDataRole.CheckStateRole, Qt.ItemDataRole.DecorationRole,
                 Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.SizeHintRole):
        _index_data_calls(model, 4_000, role)  # 22,000 in all: enough to reach none_dealloc
    assert model.nones >= 22_000


def test_qt_calls_data_twenty_thousand_times_with_unhandled_roles(qtbot):
    model = CountingListModel()
    model.set_rows(_rows(1000), date(2026, 11, 1))
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(1400, 3000)
    view.show()
    for top in range(0, 400, 100):  # paint screens of rows: every role of every cell
        view.scrollTo(model.index(top, 0), QTableView.ScrollHint.PositionAtTop)
        view.grab()
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(UNHANDLED)  # every comparison asks for a role we answer with None
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    assert model.nones >= 20_000, (model.calls, model.nones)


def test_timeline_model_survives_the_same(qtbot):
    c = Customer(given_name="Ann", id=1)
    start = date(2025, 1, 1)
    for i in range(150):
        day = start + timedelta(days=i)
        c.interactions.append(Interaction(day, "call", f"call {i}", id=i))
        c.purchases.append(Purchase(day, Decimal("10.00"), f"thing {i}", id=i))
        c.promises.append(Promise(day, datetime(2026, 1, 1, 9), f"promise {i}", id=i))
    model = TimelineModel()
    model.set_customer(c, datetime(2025, 6, 1))
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(UNHANDLED)
    proxy.sort(0)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(1200, 3000)
    for top in range(0, 450, 150):
        view.scrollTo(model.index(top, 0), QTableView.ScrollHint.PositionAtTop)
        view.grab()
    assert model.rowCount() == 450
    _index_data_calls(model, 5_000, UNHANDLED)
