"""Disk full (``PRAGMA max_page_count``): a clear error reaches the caller; nothing is lost."""

import sqlite3
import types
from datetime import date

import pytest

from domain.model import Customer, Fact, Interaction
from storage import backups, customers, records, timeline
from storage.backups import BackupError
from storage.check import check_notebook
from storage.db import (
    NotebookError,
    NotebookFull,
    close_notebook,
    db,
    open_notebook,
    sqlite_connection,
)


def person(i: int) -> Customer:
    return Customer(given_name=f"Customer{i}", family_name="Shaw", emails=[f"c{i}@example.com"],
                    facts=[Fact("interest", "orchids")], notes="Prefers mornings. " * 10)


def fill_the_disk(extra_pages: int = 2) -> None:
    con = sqlite_connection()
    pages = con.execute("PRAGMA page_count").fetchone()[0]
    con.execute(f"PRAGMA max_page_count = {pages + extra_pages}")


def big_import(count: int) -> None:
    people = [person(i) for i in range(count)]
    with db.atomic():
        ids = [records.insert_customer(c) for c in people]
        records.insert_profile_children(list(zip(ids, people, strict=True)))
        records.reindex(ids)


@pytest.fixture
def saved(notebook):
    """A notebook with twenty customers and a call, as loaded back."""
    ids = [customers.save_customer(person(i)) for i in range(20)]
    timeline.add(ids[0], Interaction(date(2026, 11, 1), "call", "Asked about lilies"))
    return records.load_customers()


def test_a_large_import_on_a_full_disk_is_refused_whole(saved):
    fill_the_disk()
    with pytest.raises(NotebookFull) as err:
        big_import(2000)
    assert isinstance(err.value, NotebookError)
    assert "disk is full" in str(err.value) and "safe" in str(err.value)
    assert records.load_customers() == saved
    assert check_notebook() == []


def test_one_save_on_a_full_disk_fails_clearly_and_the_rest_survives(saved):
    fill_the_disk(extra_pages=0)
    with pytest.raises(NotebookFull):
        customers.save_customer(Customer(given_name="Arthur", notes="n" * 20_000))
    with pytest.raises(NotebookFull):  # a statement outside any transaction, too
        db.execute_sql("INSERT INTO setting (key, value) VALUES ('big', ?)", ("x" * 20_000,))
    assert records.load_customers() == saved


def test_the_notebook_works_again_once_there_is_room(saved, notebook):
    fill_the_disk()
    with pytest.raises(NotebookFull):
        big_import(1000)
    sqlite_connection().execute("PRAGMA max_page_count = 1073741823")
    big_import(1000)
    close_notebook()
    open_notebook(notebook.path)
    assert customers.count() == len(saved) + 1000
    assert check_notebook() == []


def test_a_backup_on_a_full_disk_says_so_and_leaves_no_half_copy(saved, notebook, monkeypatch):
    def small_disk(path):
        con = sqlite3.connect(path)
        con.execute("PRAGMA max_page_count = 3")
        return con

    fake = types.SimpleNamespace(connect=small_disk, Error=sqlite3.Error,
                                 DatabaseError=sqlite3.DatabaseError)
    monkeypatch.setattr(backups, "sqlite3", fake)
    with pytest.raises(BackupError, match="could not be written"):
        backups.backup_now("manual")
    assert list(backups.backup_dir(notebook.path).iterdir()) == []
    assert records.load_customers() == saved
