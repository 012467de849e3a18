"""The CSV formula guard (issue 12, finding 7): a formula hidden behind a leading space, NBSP,
zero-width space, BOM, tab or newline is guarded too; Rapport's own export is marked, and
its import takes off exactly the apostrophe the export added, and only where it added one."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.contacts import ReadResult
from domain.model import Customer
from exports import csv_export, csv_import
from exports.csv_export import guard

HIDDEN = [" =1+1", "  +1", "\u00a0=HYPERLINK(\"http://evil\")", "\u200b=1", "\ufeff@SUM(A1)",
          "\t=1", "\n=1", "\r\n-1+2", "\u3000=1", "\u2060=1", " \u200b\u00a0=1", "\u202e=1"]


@pytest.mark.parametrize("cell", HIDDEN)
def test_a_formula_behind_invisible_characters_is_guarded(cell):
    assert guard(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["'=1", "''+1", "' =1"])
def test_an_apostrophe_before_a_formula_is_guarded_again(cell):
    assert guard(cell) == "'" + cell  # so that the import can take exactly one off


def read_back(customers: list[Customer]) -> ReadResult:
    return csv_import.read_bytes(csv_export.dumps(customers), "out.csv")


def test_rapport_export_is_marked():
    header = next(csv.reader(io.StringIO(csv_export.dumps([])[3:].decode())))
    assert header[-1] == csv_export.MARK


NOTES = ["=1+1", "'=1+1", "''=1", "'quoted", "it's", "-5% off", "'", "a\n=b",
         "\u200b=1", "\u00a0@x", "@home"]


@pytest.mark.parametrize("note", NOTES)
def test_rapport_csv_reimports_its_own_guarded_cells_exactly(note):
    (entry,) = read_back([Customer(given_name="Ann", notes=note, company=note)]).entries
    assert entry.customer.notes == note.strip()
    assert entry.customer.company == note.strip()


@given(st.text(alphabet=st.sampled_from("'=+-@ a\u00a0\u200b\ufeff\t\n"), max_size=8))
def test_any_cell_survives_export_and_import(text):
    note = text.strip()
    if not note:
        return
    (entry,) = read_back([Customer(given_name="Ann", notes=note)]).entries
    assert entry.customer.notes == note


def test_another_programs_apostrophes_are_data():
    data = b"Full Name,Notes\r\nBen Ode,'=not ours\r\nCy Rus,'-5%\r\n"
    ben, cy = csv_import.read_bytes(data, "other.csv").entries
    assert ben.customer.notes == "'=not ours" and cy.customer.notes == "'-5%"
