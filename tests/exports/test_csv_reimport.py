"""A CSV export comes back whole, and a re-import never doubles anyone (issue 15, 3 and 4)."""

from __future__ import annotations

from datetime import date

from domain import demo
from domain.dates import PartialDate
from domain.model import Address, Customer, Milestone
from exports import csv_export, csv_import
from storage import bulk, customers, records
from storage.db import close_notebook, open_notebook

TODAY = date(2026, 3, 2)


def test_demo_notebook_round_trips_every_exported_field(tmp_path):
    open_notebook(tmp_path / "a.rapport")
    bulk.write_all(bulk.NotebookContent(demo.build_demo(TODAY), [], [], {}, {}))
    before = csv_export.dumps(records.load_customers())
    asked_not_to = [c for c in records.load_customers() if c.do_not_contact]
    assert asked_not_to  # the demo has people who asked not to be phoned
    path = tmp_path / "out.csv"
    csv_export.export_file(path)
    close_notebook()
    open_notebook(tmp_path / "b.rapport")
    report = csv_import.import_file(path)
    assert (report.added, report.skipped) == (len(demo.build_demo(TODAY)), 0)
    back = records.load_customers()
    assert csv_export.dumps(back) == before  # every cell the export writes
    by_name = {c.display_name: c for c in back}
    for c in asked_not_to:
        again = by_name[c.display_name]
        assert (again.do_not_contact, again.customer_since) == (c.do_not_contact,
                                                                c.customer_since)
    close_notebook()


def test_reimporting_names_only_rows_merges_with_the_same_people(notebook, tmp_path):
    path = tmp_path / "names.csv"
    path.write_text("Name,City,Birthday\nAnn Lee,Portland,1980-03-14\nBo Ng,,\n", "utf-8")
    first = csv_import.import_file(path)
    assert first.added == 2
    again = csv_import.import_file(path)
    assert (again.added, again.merged, again.problems) == (0, 2, [])
    assert customers.count() == 2


def test_a_names_only_row_fills_gaps_of_the_same_person(notebook, tmp_path):
    customers.save_customer(Customer(given_name="Ann", family_name="Lee",
                                     emails=["ann@example.com"]))
    path = tmp_path / "names.csv"
    path.write_text("Name,City\nAnn Lee,Portland\n", "utf-8")
    report = csv_import.import_file(path)
    assert (report.added, report.merged) == (0, 1)
    (ann,) = records.load_customers()
    assert ann.addresses[0].city == "Portland" and ann.emails == ["ann@example.com"]


def _ann(**kw) -> Customer:
    ann = Customer(given_name="Ann", family_name="Lee", **kw)
    customers.save_customer(ann)
    return ann


def test_a_different_birthday_is_a_possible_duplicate_never_merged(notebook, tmp_path):
    _ann(milestones=[Milestone("birthday", PartialDate(3, 14, 1980))])
    path = tmp_path / "names.csv"
    path.write_text("Name,Birthday\nAnn Lee,1991-07-01\n", "utf-8")
    report = csv_import.import_file(path)
    assert (report.added, report.merged) == (1, 0)
    assert "may be Ann Lee" in report.problems[0] and "birthday" in report.problems[0]
    assert customers.count() == 2


def test_a_different_address_is_a_possible_duplicate_never_merged(notebook, tmp_path):
    _ann(addresses=[Address("12 Elm St", "Portland", mailing=True)])
    path = tmp_path / "names.csv"
    path.write_text("Name,Street,City\nAnn Lee,4 Bay Rd,Seattle\n", "utf-8")
    report = csv_import.import_file(path)
    assert (report.added, report.merged) == (1, 0)
    assert "address" in report.problems[0]


def test_two_people_of_that_name_are_asked_about_not_guessed(notebook, tmp_path):
    _ann()
    _ann()
    path = tmp_path / "names.csv"
    path.write_text("Name\nAnn Lee\n", "utf-8")
    report = csv_import.import_file(path)
    assert (report.added, report.merged) == (1, 0)
    assert customers.count() == 3
