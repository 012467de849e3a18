"""The owner's own fields and a customer's status (issue 16, deliver 6): defined once, filled
per customer, found by search, kept through a JSON export and import and through the
migration of an older notebook; an archived or deceased customer is suggested nothing."""

from __future__ import annotations

from datetime import date

import pytest
from peewee import SqliteDatabase

from domain.dates import PartialDate
from domain.model import Customer, CustomField, Milestone
from exports import notebook_json
from storage import backups, custom_fields, customers, migrations, outreach, records
from storage.db import APPLICATION_ID, close_notebook, db, open_notebook

TODAY = date(2026, 3, 10)


def _tailor() -> int:
    custom_fields.define("Inseam", "number")
    custom_fields.define("Policy number")
    return customers.save_customer(Customer(
        given_name="Ines", family_name="Okafor",
        fields={"Inseam": "32", "Policy number": "PX-4471"},
        milestones=[Milestone("birthday", PartialDate(TODAY.month, TODAY.day + 2, 1970))]))


def test_a_field_is_defined_filled_and_read_back(notebook):
    cid = _tailor()
    assert custom_fields.definitions() == [CustomField("Inseam", "number"),
                                           CustomField("Policy number", "text")]
    assert customers.get_customer(cid).fields == {"Inseam": "32", "Policy number": "PX-4471"}


def test_a_bad_field_or_status_is_refused_in_plain_words(notebook):
    with pytest.raises(ValueError, match="needs a name"):
        custom_fields.define("   ")
    with pytest.raises(ValueError, match="text, number, date"):
        custom_fields.define("Size", "colour")
    cid = _tailor()
    with pytest.raises(ValueError, match="archived, deceased"):
        custom_fields.set_status(cid, "gone")


def test_the_customer_is_found_by_a_field_value(notebook):
    cid = _tailor()
    customers.save_customer(Customer(given_name="Other"))
    assert customers.search_ids("PX-4471") == [cid]
    assert customers.search_ids("px") == [cid]


def test_fields_and_status_survive_a_json_round_trip(notebook, tmp_path):
    cid = _tailor()
    custom_fields.define("Chest", "number")  # defined, filled by nobody: still exported
    custom_fields.set_status(cid, "deceased")
    notebook_json.export_file(tmp_path / "a.json")
    close_notebook()
    open_notebook(tmp_path / "empty.rapport")
    try:
        notebook_json.import_file(tmp_path / "a.json")
        back = customers.get_customer(cid)
        assert back.fields == {"Inseam": "32", "Policy number": "PX-4471"}
        assert back.status == "deceased"
        assert [f.name for f in custom_fields.definitions()] == [
            "Inseam", "Policy number", "Chest"]
        assert customers.search_ids("PX-4471") == [cid]
        notebook_json.export_file(tmp_path / "b.json")
        assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    finally:
        close_notebook()


def test_an_archived_customer_gets_no_suggestion_and_unarchiving_brings_them_back(notebook):
    cid = _tailor()
    before = [s.kind for s in outreach.today_queue(TODAY) if s.customer_id == cid]
    assert "milestone" in before
    for status in ("archived", "deceased"):
        custom_fields.set_status(cid, status)
        assert [s for s in outreach.today_queue(TODAY) if s.customer_id == cid] == []
    assert custom_fields.set_status(cid, "") == "deceased"  # what undo puts back
    assert [s.kind for s in outreach.today_queue(TODAY) if s.customer_id == cid] == before


def test_saving_the_profile_keeps_the_status(notebook):
    cid = _tailor()
    custom_fields.set_status(cid, "archived")
    c = customers.get_customer(cid)
    c.fields["Inseam"] = "33"
    customers.save_customer(c)
    again = customers.get_customer(cid)
    assert (again.status, again.fields["Inseam"]) == ("archived", "33")


BEFORE = migrations.FIELDS - 1  # the version before fields and status


def test_an_older_notebook_is_migrated_in_place_keeping_everything(tmp_path):
    path = tmp_path / "shop.rapport"
    old = SqliteDatabase(str(path), pragmas={"foreign_keys": 1})
    for step in migrations.STEPS[:BEFORE]:
        with old.atomic():
            step(old)
    old.execute_sql("INSERT INTO customer (given_name, notes, created, updated) VALUES "
                    "('Vera', 'likes tulips', '2020-01-01T00:00:00', '2020-01-01T00:00:00')")
    old.execute_sql("INSERT INTO email (customer_id, address) VALUES (1, 'vera@example.com')")
    old.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    old.execute_sql(f"PRAGMA user_version = {BEFORE}")
    old.close()
    inode = path.stat().st_ino
    open_notebook(path)
    try:
        vera = customers.get_customer(1)
        assert (vera.given_name, vera.notes, vera.emails, vera.status, vera.fields) == (
            "Vera", "likes tulips", ["vera@example.com"], "", {})
        custom_fields.define("Inseam")
        vera.fields = {"Inseam": "30"}
        customers.save_customer(vera)
        assert customers.search_ids("30") == customers.search_ids("tulips") == [1]
        assert [b.reason for b in backups.list_backups(path)] == [
            f"before-v{migrations.LATEST}"]
    finally:
        close_notebook()
    assert path.stat().st_ino == inode
    db.close()


def test_fields_and_status_go_out_to_csv_and_come_back(notebook, tmp_path):
    from exports import csv_export, csv_import

    cid = _tailor()
    customers.save_customer(Customer(given_name="Bo", family_name="Ng"))
    custom_fields.set_status(cid, "archived")
    csv_export.export_file(tmp_path / "out.csv")
    head = (tmp_path / "out.csv").read_text("utf-8-sig").splitlines()[0]
    assert "Field: Inseam,Field: Policy number,Status" in head
    close_notebook()
    open_notebook(tmp_path / "b.rapport")
    try:
        assert csv_import.import_file(tmp_path / "out.csv").added == 2
        ines = next(c for c in records.load_customers() if c.given_name == "Ines")
        assert ines.fields == {"Inseam": "32", "Policy number": "PX-4471"}
        assert ines.status == "archived"
        assert customers.search_ids("PX-4471") == [ines.id]
    finally:
        close_notebook()


def test_fields_and_status_go_out_to_vcard_and_come_back(notebook, tmp_path):
    from exports import vcard

    cid = _tailor()
    custom_fields.set_status(cid, "deceased")
    vcard.export_file(tmp_path / "out.vcf")
    text = (tmp_path / "out.vcf").read_text("utf-8")
    assert 'X-RAPPORT-POLICY-NUMBER;X-NAME="Policy number":PX-4471' in text
    assert "X-RAPPORT-STATUS:deceased" in text
    close_notebook()
    open_notebook(tmp_path / "b.rapport")
    try:
        assert vcard.import_file(tmp_path / "out.vcf").added == 1
        (ines,) = records.load_customers()
        assert (ines.fields, ines.status) == (
            {"Inseam": "32", "Policy number": "PX-4471"}, "deceased")
    finally:
        close_notebook()


def test_a_deceased_customer_gets_no_card_from_one_wording_for_many(notebook):
    from domain.model import Template
    from storage import selection

    cid = _tailor()
    other = customers.save_customer(Customer(given_name="Bo", family_name="Ng"))
    custom_fields.set_status(cid, "deceased")
    cards = selection.write_cards([cid, other], Template("thank_you", "Thanks", "Thank you!"),
                                  TODAY)
    assert [c.customer_id for c in cards] == [other]


def test_archived_customers_get_no_nudge_from_the_sql_sift_either(notebook):
    """Plain customers' keep-in-touch and lapse nudges are settled in SQL (outreach_sift):
    the archived are left out there too, and come back when made active."""
    from decimal import Decimal

    from domain.model import Interaction, Purchase
    from storage import timeline

    ids = []
    for n in range(6):
        cid = customers.save_customer(Customer(given_name=f"Quiet{n}", family_name="Lee"))
        timeline.add(cid, Interaction(date(2025, 6, 1), "call", "Chatted"))
        for day in ("2025-01-05", "2025-02-04", "2025-03-06"):
            timeline.add(cid, Purchase(date.fromisoformat(day), Decimal("10.00"), "Tea"))
        ids.append(cid)
    due = {s.customer_id for s in outreach.today_queue(TODAY)}
    assert set(ids) <= due
    for cid in ids[:3]:
        custom_fields.set_status(cid, "archived")
    plan = outreach.today_plan(TODAY)
    assert {s.customer_id for s in plan.suggestions} & set(ids) == set(ids[3:])
    for cid in ids[:3]:
        custom_fields.set_status(cid, "")
    assert set(ids) <= {s.customer_id for s in outreach.today_queue(TODAY)}


def test_an_older_notebook_opened_read_only_still_reads_lists_and_plans(tmp_path):
    """Nothing may migrate a notebook opened read-only: its customers have no status and no
    fields, and every reader says so instead of failing."""
    from storage import bulk, customer_list

    path = tmp_path / "old.rapport"
    old = SqliteDatabase(str(path), pragmas={"foreign_keys": 1})
    for step in migrations.STEPS[:BEFORE]:
        with old.atomic():
            step(old)
    old.execute_sql("INSERT INTO customer (given_name, created, updated) VALUES "
                    "('Vera', '2020-01-01T00:00:00', '2020-01-01T00:00:00')")
    old.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    old.execute_sql(f"PRAGMA user_version = {BEFORE}")
    old.close()
    open_notebook(path, read_only=True)
    try:
        (vera,) = records.load_customers()
        assert (vera.status, vera.fields) == ("", {})
        assert [r.status for r in customer_list.rows()] == [""]
        assert [r.status for r in customers.list_rows()] == [""]
        assert custom_fields.definitions() == [] and bulk.read_all().fields == []
        assert [s.customer for s in outreach.today_queue(TODAY)] == ["Vera"]
    finally:
        close_notebook()
