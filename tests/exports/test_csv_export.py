"""CSV export: UTF-8 with a BOM, safe against formula injection, and re-importable."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from domain.dates import PartialDate
from domain.model import Address, Customer, Interaction, Milestone
from exports import csv_export, csv_import
from exports.csv_export import guard
from storage import customers, records, timeline
from storage.db import close_notebook, open_notebook

NASTY = ["=HYPERLINK(\"http://evil\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx",
         "＝1+1"]


def rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))


@pytest.mark.parametrize("cell", NASTY)
def test_formula_like_cells_get_an_apostrophe(cell):
    assert guard(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Maria", "", "'quoted", "1+1", "a=b", "x@example.com"])
def test_harmless_cells_are_left_alone(cell):
    assert guard(cell) == cell


def test_every_cell_of_the_file_is_guarded():
    evil = Customer(given_name=NASTY[0], family_name=NASTY[3], company=NASTY[1],
                    notes=NASTY[4], tags=[NASTY[2]], phones=["+15035550101"],
                    emails=["@evil"])
    table = rows(csv_export.dumps([evil]))
    for cell in table[1]:
        assert not cell.startswith(csv_export.FORMULA_STARTS), cell
    assert table[1][0] == "'" + NASTY[0]
    assert "'+15035550101" in table[1]


def test_header_columns_and_one_row_per_customer():
    people = [Customer(given_name="Ann", emails=["a@x.com", "b@x.com"],
                       addresses=[Address("1 Elm", "Bend", "OR", "97701", "US", mailing=True)],
                       milestones=[Milestone("birthday", PartialDate(3, 14)),
                                   Milestone("birthday", PartialDate(1, 2), whose="Tom")],
                       tags=["vip", "roses"]),
              Customer(company="Łódź Bakery", phones=["+48123456789"])]
    table = rows(csv_export.dumps(people))
    header = table[0]
    assert header[:7] == ["Given name", "Family name", "Preferred name", "Company",
                          "Job title", "Email", "Email 2"]
    ann = dict(zip(header, table[1], strict=True))
    assert (ann["Email 2"], ann["City"], ann["Birthday"], ann["Tags"]) == (
        "b@x.com", "Bend", "'--03-14", "vip, roses")
    assert dict(zip(header, table[2], strict=True))["Company"] == "Łódź Bakery"
    assert len(table) == 3


def _profile(c: Customer) -> tuple:
    return (c.given_name, c.family_name, c.preferred_name, c.company, c.role, c.emails,
            c.phones, c.addresses, c.tags, c.notes, [(m.kind, m.date) for m in c.milestones])


def test_export_then_import_gives_the_same_people(notebook, tmp_path):
    cid = customers.save_customer(Customer(
        given_name="Renée", family_name="Dubois", preferred_name="Rén", company="Café Dubois",
        role="Owner", emails=["renee@example.fr", "r2@example.fr"], phones=["+33612345678"],
        addresses=[Address("3 rue de la Paix\nBât. B", "Lyon", "", "69002", "France",
                           mailing=True)],
        tags=["vip", "florals"], notes="Line one,\nline two; =not a formula",
        milestones=[Milestone("birthday", PartialDate(2, 29, 1980)),
                    Milestone("wedding_anniversary", PartialDate(6, 12))]))
    timeline.add(cid, Interaction(date(2026, 1, 5), "call"))
    (first,) = records.load_customers()
    assert csv_export.export_file(tmp_path / "out.csv") == 1
    close_notebook()
    open_notebook(tmp_path / "second.rapport")
    report = csv_import.import_file(tmp_path / "out.csv")
    assert (report.added, report.skipped) == (1, 0)
    (again,) = records.load_customers()
    assert _profile(again) == _profile(first)
