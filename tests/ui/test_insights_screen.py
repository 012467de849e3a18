"""The Insights screen: the figures, the charts (the PDF's own panels), the lists, opening a
customer, the owner's costs per source, and Print to PDF… in the Documents folder."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QStandardPaths

from domain.insights import FOUND_US_FIELD
from domain.model import Interaction, Purchase
from storage import custom_fields
from tests.ui.test_today_support import Clock, add

DAY = date(2026, 12, 7)


@pytest.fixture
def book(notebook):
    custom_fields.define(FOUND_US_FIELD)
    maria = add("Maria", fields={FOUND_US_FIELD: "Farmers market"},
                purchases=[Purchase(date(2026, 2, 1), Decimal("80")),
                           Purchase(date(2026, 3, 1), Decimal("40"))],
                interactions=[Interaction(date(2026, 2, 3), "card")])
    add("Ann", family_name="Lee", referred_by=maria,
        purchases=[Purchase(date(2026, 6, 1), Decimal("300"))])
    return maria


def _open(qtbot, notebook, made, *others: str):
    """The main window with the Insights screen (its day DAY) and the ``others`` screens."""
    from ui.app import close_thread_connection
    from ui.events import AppEvents
    from ui.insights.screen import InsightsScreen
    from ui.insights.service import InsightsService
    from ui.main_window import MainWindow
    from ui.operations import Operations
    from ui.preferences import Preferences
    from ui.screens import SCREENS

    spec = {s.key: s for s in SCREENS}
    screens = [replace(spec["insights"], factory=lambda ctx: InsightsScreen(
        InsightsService(), ctx, clock=Clock(DAY))), *(spec[key] for key in others)]
    ops = Operations(after_each=close_thread_connection)
    window = MainWindow(notebook, AppEvents(), ops, Preferences("US", False), screens)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    made.append(window)
    return window, window.screens["insights"]


@pytest.fixture
def insights(qtbot, book, notebook, made):
    window, screen = _open(qtbot, notebook, made, "customers")
    qtbot.waitUntil(lambda: screen.controller.data is not None, timeout=10_000)
    qtbot.waitUntil(screen.view.charts.is_drawn, timeout=10_000)
    return window, screen


def _cells(table) -> list[list[str]]:
    return [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]


def test_the_screen_shows_the_figures_and_the_charts(insights):
    _window, screen = insights
    v = screen.view
    assert v.subtitle.text() == "January – 7 December 2026 · 2 customers"
    assert [(t.number.text(), t.words.text()) for t in v.tiles] == [
        ("2", "customers"), ("50%", "new customers thanked within 14 days"),
        ("$210.00", "median lifetime value"), ("0", "drifting past their usual gap")]
    assert len(v.charts.pdf()) == 6  # one page a chart, as the PDF draws them
    assert _cells(v.top_table) == [["Ann Lee", "1", "$300.00"],
                                   ["Maria Lopez", "2", "$120.00"]]
    assert _cells(v.missed_table) == [["Ann Lee", "1 Jun 2026"]]
    root = v.referrals_tree.topLevelItem(0)
    assert (root.text(0), root.child(0).text(0)) == ("Maria Lopez", "Ann Lee")
    sources = {row[0]: row for row in _cells(v.sources_table)}
    assert sources["Farmers market"][1:3] == ["1", "1"]
    assert not v.sources_button.isVisible()  # someone's source is filled in already
    assert v.print_button.isEnabled()


def test_a_double_click_opens_the_customer(insights, qtbot):
    window, screen = insights
    table = screen.view.top_table
    table.itemDoubleClicked.emit(table.item(1, 0))
    qtbot.waitUntil(lambda: window.current_key() == "customers", timeout=5000)


def test_costs_typed_in_give_the_cost_of_winning_a_customer(insights, qtbot):
    _window, screen = insights
    v = screen.view
    row = next(r for r in range(v.sources_table.rowCount())
               if v.sources_table.item(r, 0).text() == "Farmers market")
    v.sources_table.item(row, 3).setText("$90")
    assert v.save_costs_button.isEnabled()
    before = screen.controller.data
    v.save_costs_button.click()
    qtbot.waitUntil(lambda: screen.controller.data is not before, timeout=10_000)
    market = next(s for s in screen.controller.data.insights.sources
                  if s.name == "Farmers market")
    assert (market.cost_cents, market.cost_per_won) == (9_000, 9_000)
    assert v.sources_table.item(row, 4).text() == "$90.00"  # per customer won


def test_a_cost_that_is_not_an_amount_is_said_and_nothing_saved(insights):
    _window, screen = insights
    v = screen.view
    v.sources_table.item(0, 3).setText("lots")
    v.save_costs_button.click()
    assert v.sources_note.text().startswith("Not saved:")
    from storage import insights as stored

    assert stored.source_costs() == {}


def test_print_to_pdf_starts_in_documents_and_writes_two_pages(insights, monkeypatch, tmp_path):
    from pypdf import PdfReader
    from PySide6.QtWidgets import QFileDialog

    _window, screen = insights
    asked = {}

    def save_name(_parent, _title, suggested, _filter):
        asked["suggested"] = suggested
        return str(tmp_path / "year.pdf"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    screen.view.print_button.click()
    assert screen.controller._ops.wait_idle(10_000)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert asked["suggested"].startswith(documents)
    assert asked["suggested"].endswith("Insights 2026-12-07.pdf")
    assert len(PdfReader(tmp_path / "year.pdf").pages) == 2


def test_an_empty_notebook_opens_with_its_charts(qtbot, notebook, made):
    _window, screen = _open(qtbot, notebook, made)
    qtbot.waitUntil(screen.view.charts.is_drawn, timeout=10_000)
    assert screen.view.tiles[0].number.text() == "0"
    assert screen.view.tiles[1].number.text() == "–"
    assert screen.view.sources_button.isVisible()


def test_record_how_customers_found_you_adds_the_field(qtbot, notebook, made):
    from storage import custom_fields as fields
    window, screen = _open(qtbot, notebook, made)
    qtbot.waitUntil(lambda: screen.controller.data is not None, timeout=10_000)
    screen.view.sources_button.click()
    assert window.ops.wait_idle(10_000)
    assert [f.name for f in fields.definitions()] == [FOUND_US_FIELD]
    assert "Found us via" in screen.view.note.text()
