"""The CSV import preview shows the dates as read, the encoding used, and flips the date order
on the worker (issue 15, finding 2)."""

from __future__ import annotations

from pathlib import Path

from domain.dates import PartialDate
from storage import customers, records
from tests.ui.test_import_dialog import apply, step
from ui.imports.mapping_dialog import MappingDialog
from ui.imports.preview_dialog import PreviewDialog
from ui.imports.preview_model import COL_DATES

FIXTURES = Path(__file__).parents[1] / "exports" / "fixtures"


def test_dates_are_shown_as_read_and_the_order_can_be_flipped(window, qtbot, tmp_path):
    # A UK Outlook file whose dates all read both ways, in a notebook without a region (US).
    data = (FIXTURES / "outlook_uk.csv").read_bytes().replace(b'"25/06/2011"', b'""')
    path = tmp_path / "outlook_uk.csv"
    path.write_bytes(data)
    window.importer.import_file(path)
    step(window, qtbot, MappingDialog).next_button.click()
    dialog = step(window, qtbot, PreviewDialog)
    assert "month first" in dialog.dates_line.text() and "07/03/1985" in dialog.dates_line.text()
    assert "born 3 Jul 1985" in dialog.model.index(0, COL_DATES).data()
    assert "Windows-1252" in dialog.how_line.text()
    dialog.flip_dates.click()
    qtbot.waitUntil(lambda: isinstance(window.importer.dialog, PreviewDialog)
                    and window.importer.dialog is not dialog, timeout=5000)
    again = window.importer.dialog
    assert "day first" in again.dates_line.text() and "as you chose" in again.dates_line.text()
    assert "born 7 Mar 1985" in again.model.index(0, COL_DATES).data()
    report = apply(window, qtbot, again)
    assert report.added == 2
    sian = next(c for c in records.load_customers() if c.given_name == "Siân")
    assert {m.kind: m.date for m in sian.milestones}["birthday"] == PartialDate(3, 7, 1985)
    assert customers.count() == 2


def test_a_file_without_slashed_dates_offers_no_switch(window, qtbot, tmp_path):
    path = tmp_path / "tb.csv"
    path.write_bytes((FIXTURES / "thunderbird.csv").read_bytes())
    window.importer.import_file(path)
    step(window, qtbot, MappingDialog).next_button.click()
    dialog = step(window, qtbot, PreviewDialog)
    assert dialog.flip_dates.isHidden()
    assert "born 23 Apr 1971" in dialog.model.index(0, COL_DATES).data()
