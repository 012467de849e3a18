"""Phone and email labels (home, work, cell…) are stored, kept by merges, and brought to an
older notebook by a migration taken after a backup (issue 15, finding 5)."""

from __future__ import annotations

import sqlite3

from peewee import SqliteDatabase

from domain.duplicates import merge
from domain.model import Customer
from storage import backups, customers, migrations, records
from storage.db import APPLICATION_ID, close_notebook, open_notebook

LABELS = migrations.STEPS.index(migrations._add_contact_labels) + 1


def labelled() -> Customer:
    return Customer(given_name="Ann", emails=["ann@example.com", "a@work.example"],
                    phones=["+15035550101", "+15035550102"],
                    email_labels={"a@work.example": "work"},
                    phone_labels={"+15035550101": "cell", "+15035550102": "fax,work"})


def test_labels_are_saved_and_loaded(notebook):
    cid = customers.save_customer(labelled())
    (ann,) = records.load_customers([cid])
    assert ann.email_labels == {"a@work.example": "work"}
    assert ann.phone_labels == {"+15035550101": "cell", "+15035550102": "fax,work"}


def test_a_merge_keeps_the_labels_of_both():
    older = Customer(given_name="Ann", phones=["+15035550101"],
                     phone_labels={"+15035550101": "home"})
    merged = merge(older, labelled())
    assert merged.phone_labels == {"+15035550101": "home", "+15035550102": "fax,work"}
    assert merged.email_labels == {"a@work.example": "work"}


def test_a_notebook_from_before_labels_is_migrated_after_a_backup(tmp_path):
    path = tmp_path / "old.rapport"
    db = SqliteDatabase(str(path), pragmas={"foreign_keys": 1})
    for step in migrations.STEPS[:LABELS - 1]:
        with db.atomic():
            step(db)
    db.close()
    con = sqlite3.connect(path)
    con.execute("INSERT INTO customer (given_name, created, updated) "
                "VALUES ('Vera', '2020-01-01T00:00:00', '2020-01-01T00:00:00')")
    con.execute("INSERT INTO email (customer_id, address) VALUES (1, 'vera@example.com')")
    con.execute("INSERT INTO phone (customer_id, number) VALUES (1, '+15035550199')")
    con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    con.execute(f"PRAGMA user_version = {LABELS - 1}")
    con.commit()
    con.close()
    open_notebook(path)
    try:
        (vera,) = records.load_customers()
        taken = backups.list_backups(path)
    finally:
        close_notebook()
    assert (vera.emails, vera.phones) == (["vera@example.com"], ["+15035550199"])
    assert (vera.email_labels, vera.phone_labels) == ({}, {})
    assert [b.reason for b in taken] == [f"before-v{migrations.LATEST}"]
    assert backups.verify_backup(taken[0].path) == LABELS - 1  # the copy is the old notebook


def test_labels_survive_a_notebook_json_round_trip(notebook, tmp_path):
    from exports import notebook_json

    customers.save_customer(labelled())
    notebook_json.export_file(tmp_path / "all.json")
    close_notebook()
    open_notebook(tmp_path / "again.rapport")
    notebook_json.import_file(tmp_path / "all.json")
    (ann,) = records.load_customers()
    assert ann.phone_labels == labelled().phone_labels
    assert ann.email_labels == labelled().email_labels


def test_an_older_notebook_opened_read_only_still_exports_vcards(tmp_path):
    from exports import vcard

    path = tmp_path / "old.rapport"
    db = SqliteDatabase(str(path), pragmas={"foreign_keys": 1})
    for step in migrations.STEPS[:LABELS - 1]:
        with db.atomic():
            step(db)
    db.close()
    con = sqlite3.connect(path)
    con.execute("INSERT INTO customer (given_name, created, updated) "
                "VALUES ('Vera', '2020-01-01T00:00:00', '2020-01-01T00:00:00')")
    con.execute("INSERT INTO phone (customer_id, number) VALUES (1, '+15035550199')")
    con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    con.execute(f"PRAGMA user_version = {LABELS - 1}")
    con.commit()
    con.close()
    uids = []
    for n in (1, 2):
        open_notebook(path, read_only=True)
        try:
            assert vcard.export_file(tmp_path / f"vera{n}.vcf") == 1
        finally:
            close_notebook()
        text = (tmp_path / f"vera{n}.vcf").read_bytes().decode()
        assert "TEL:+15035550199" in text
        uids += [line for line in text.splitlines() if line.startswith("UID:")]
    assert len(uids) == 2 and uids[0] == uids[1]
