"""A large list fills a chunk per job after its first page (issue 17): a search, opening a
customer or an edit made while it fills waits for one chunk, not for everyone, and what the
owner did meanwhile (a selection, a search, an edit) holds once everyone is in."""

from __future__ import annotations

import pytest

from domain.model import Customer
from storage import bulk, customer_list, customers
from ui.customers import list_controller
from ui.customers.list_controller import ListController
from ui.operations import Operations

N = 31


@pytest.fixture
def many(notebook, monkeypatch):
    """31 customers, a first page of 5, chunks of 4: eight chunk jobs after the first page."""
    monkeypatch.setattr(list_controller, "FIRST_PAGE", 5)
    monkeypatch.setattr(customer_list, "CHUNK", 4)
    bulk.write_all(bulk.NotebookContent([
        Customer(given_name=f"Person{i:02d}", family_name="Test", id=i) for i in range(1, N + 1)]))


def _while_filling(monkeypatch, action):
    """Run ``action(controller)`` once, when the first chunk after the first page is in; log
    the label of every job the window starts."""
    labels: list[str] = []
    original_got, original_run = ListController._got_chunk, Operations.run

    def got(self, rows):
        if "acted" not in labels:
            labels.append("acted")
            action(self)
        original_got(self, rows)

    def run(self, fn, on_success=None, on_failure=None, label=""):
        labels.append(label)
        return original_run(self, fn, on_success, on_failure, label)

    monkeypatch.setattr(ListController, "_got_chunk", got)
    monkeypatch.setattr(Operations, "run", run)
    return labels


def _names(screen) -> list[str]:
    model = screen.list.model
    return [model.customer_at(r).name for r in range(model.rowCount())]


def test_a_search_while_filling_waits_for_one_chunk(many, make_window, monkeypatch):
    labels = _while_filling(monkeypatch, lambda c: c.search_now("Person30"))
    window = make_window()
    screen = window.screens["customers"]
    chunks = [i for i, label in enumerate(labels) if label == "load customers"]
    search = labels.index("search")
    assert len(chunks) == N // 4 + 2  # eight full, one short, one empty
    assert search < chunks[2], labels  # behind the chunk already asked for, no more
    assert _names(screen) == ["Person30 Test"]  # found once everyone is in
    assert screen.list_panel.count.text() == f"1 of {N} customers"


def test_opening_a_customer_while_filling(many, make_window, monkeypatch):
    def open_third(controller):
        controller.select(customers.list_rows()[2].id)

    labels = _while_filling(monkeypatch, open_third)
    window = make_window()
    screen = window.screens["customers"]
    assert labels.index("load customer") < [
        i for i, label in enumerate(labels) if label == "load customers"][2], labels
    assert screen.detail.customer_id() == customers.list_rows()[2].id
    table = screen.list_panel.table
    assert table.currentIndex().row() == 2  # still selected once everyone is in
    assert screen.list.model.rowCount() == N


def test_everyone_arriving_adds_rows_below_the_first_page(many, make_window, monkeypatch):
    """No model reset when everyone arrives: a scroll and a selection made meanwhile stay."""
    resets: list[int] = []
    labels = _while_filling(monkeypatch, lambda c: (
        c.model.modelReset.connect(lambda: resets.append(c.model.rowCount())),
        c.panel.table.selectRow(3)))
    window = make_window()
    screen = window.screens["customers"]
    assert "acted" in labels
    assert resets == []
    assert screen.list_panel.table.currentIndex().row() == 3
    assert _names(screen) == [f"Person{i:02d} Test" for i in range(1, N + 1)]


def test_an_edit_while_filling_shows_once_everyone_is_in(many, make_window, monkeypatch):
    def rename_first(controller):
        c = customers.get_customer(1)
        c.given_name = "Renamed"
        customers.save_customer(c)
        controller._events.data_changed.emit({"customers": [1]}, None)

    _while_filling(monkeypatch, rename_first)
    window = make_window()
    window.ops.wait_idle()
    names = _names(window.screens["customers"])
    assert "Renamed Test" in names and "Person01 Test" not in names
    assert len(names) == N


def test_a_search_while_filling_shows_who_it_finds_at_once(many, make_window, monkeypatch):
    """Person30 is in none of the chunks read yet: the search reads their row itself."""
    seen: list[tuple[list[str], bool, str]] = []

    def search(controller):
        controller.searched.connect(lambda _ms: seen.append(
            (_names(controller.panel.window().screens["customers"]), controller.is_loaded(),
             controller.panel.count.text())))
        controller.search_now("Person30")

    _while_filling(monkeypatch, search)
    window = make_window()
    assert seen[0] == (["Person30 Test"], False, f"Loading {N} customers…")
    assert _names(window.screens["customers"]) == ["Person30 Test"]


def test_a_broad_search_while_filling_waits_for_everyone(many, make_window, monkeypatch):
    from ui.customers import service

    monkeypatch.setattr(service, "SEARCH_ROWS", 3)  # "person" finds 31: more than that
    _while_filling(monkeypatch, lambda c: c.search_now("person"))
    window = make_window()
    assert len(_names(window.screens["customers"])) == N
