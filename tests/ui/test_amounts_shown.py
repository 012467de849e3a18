"""Issue 16, Deliver 4: every amount the window shows is in the notebook's currency, written
as its country writes numbers (domain.money); a till's own currency stays its own."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from domain.model import Purchase
from domain.templates import Sender
from storage import templates
from tests.ui.helpers import add_customer, open_customer, settle
from ui.imports.sales_dialog import SalesPreviewDialog
from ui.models.timeline_model import COL_DETAILS


@pytest.fixture
def german(notebook):
    templates.save_first_day(Sender(business="Blumen Koch", home="DE"))
    return add_customer(given_name="Jonas", family_name="Koch", addresses=[], purchases=[
        Purchase(date(2026, 10, 2), Decimal("1234.50"), "Hochzeitsstrauß"),
        Purchase(date(2026, 11, 3), Decimal("20"), "Online: roses", currency="USD")])


def test_a_german_notebook_shows_euros_and_a_tills_dollars_as_dollars(german, window, screen):
    open_customer(window, german)
    model = screen.detail_page.timeline.model
    details = [model.index(r, COL_DETAILS).data() for r in range(model.rowCount())]
    assert "1.234,50\xa0€ — Hochzeitsstrauß" in details
    assert "20,00\xa0$ — Online: roses" in details
    assert "2 purchases (1.234,50\xa0€ + 20,00\xa0$ in all)" in screen.detail_page.stats.text()


def test_a_till_export_is_previewed_in_the_notebooks_currency(german, window, qtbot, tmp_path):
    from ui.imports.sales_mapping_dialog import SalesMappingDialog

    export = tmp_path / "kasse.csv"
    export.write_text("Date,Name,Amount\n2026-11-03,Jonas Koch,45.00\n", "utf-8")
    window.importer.import_file(export)
    settle(window)
    dialog = window.importer.dialog
    if isinstance(dialog, SalesMappingDialog):
        dialog.next_button.click()
        qtbot.waitUntil(lambda: isinstance(window.importer.dialog, SalesPreviewDialog),
                        timeout=5000)
        dialog = window.importer.dialog
    assert dialog.model.index(0, 3).data() == "45,00\xa0€"
