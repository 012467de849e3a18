"""The check: each invariant broken on purpose gives one plain finding; a clean notebook none."""

import sqlite3

import pytest

from domain.dates import PartialDate
from domain.model import Customer, Fact, Milestone
from storage import customers
from storage.check import check_file, check_notebook
from storage.db import close_notebook


@pytest.fixture
def shop(notebook):
    """A notebook with two customers, then closed so raw SQL can damage it."""
    for name in ("Peggy", "Arthur"):
        customers.save_customer(Customer(
            given_name=name, family_name="Shaw", facts=[Fact("pet", "Biscuit", PartialDate(4, 12))],
            milestones=[Milestone("birthday", PartialDate(2, 29, 1980))]))
    assert check_notebook() == []
    close_notebook()
    return notebook.path


def break_it(path, *statements: str) -> list[str]:
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys = OFF")
    for statement in statements:
        con.execute(statement)
    con.commit()
    con.close()
    return check_file(path)


def test_a_clean_notebook_has_no_findings(shop):
    assert check_file(shop) == []


@pytest.mark.parametrize(("statements", "expected"), [
    (["DELETE FROM customer_fts WHERE rowid = 1"],
     "Missing from the search index: 1 customer (id 1)."),
    (["INSERT INTO customer_fts (rowid, name) VALUES (77, 'ghost')"],
     "In the search index but not in the notebook: 1 search entry (id 77)."),
    (["UPDATE milestone SET day_of_year = 1"],
     "A stored day of the year that does not match the month and day: 2 milestones (ids 1, 2)."),
    (["UPDATE milestone SET day = 31, month = 4 WHERE id = 2"],
     "A month and day that do not exist: 1 milestone (id 2)."),
    (["UPDATE milestone SET year = 1981 WHERE id = 1"],
     "A day that does not exist in its year: 1 milestone (id 1)."),
    (["UPDATE milestone SET kind = 'birthdya'"], "A kind Rapport does not know: 2 milestones"),
    (["INSERT INTO promise (customer_id, made, due, what, status) "
      "VALUES (1, '2026-11-01', '2026-11-03T10:00', 'call back', 'maybe')"],
     "A status other than open, kept, missed: 1 promise (id 1)."),
    (["INSERT INTO problem (customer_id, opened, summary, status) "
      "VALUES (1, '2026-11-01', 'torn', 'solved')"],
     "A status other than open, resolved: 1 problem (id 1)."),
    (["INSERT INTO card (customer_id, occasion, text, status) VALUES (1, 'x', 'y', 'lost')"],
     "A status other than draft, queued, printed, mailed: 1 card (id 1)."),
    (["INSERT INTO interaction (customer_id, date, kind) VALUES (1, '2026-02-30', 'call')"],
     "A date that is not a date: 1 timeline entry (id 1)."),
    (["INSERT INTO purchase (customer_id, date) VALUES (1, 'last Tuesday')"],
     "A date that is not a date: 1 purchase (id 1)."),
    (["INSERT INTO promise (customer_id, made, due, what) VALUES (1, '2026-11-01', "
      "'soon', 'x')"], "A date that is not a date: 1 promise (id 1)."),
    (["UPDATE fact SET birthday = '--02-30' WHERE id = 1"],
     "A birthday that is not a date: 1 personal detail (id 1)."),
    (["UPDATE customer SET customer_since = '2026-13-01' WHERE id = 2"],
     "A 'customer since' date that is not a date: 1 customer (id 2)."),
    (["INSERT INTO interaction (customer_id, date, kind, channel) "
      "VALUES (1, '2026-11-01', 'call', 'pigeon')"],
     "A channel Rapport does not know: 1 timeline entry (id 1)."),
    (["INSERT INTO email (customer_id, address) VALUES (99, 'lost@example.com')"],
     "Pointing to a customer that is not in the notebook: 1 email address (id 1)."),
])
def test_each_broken_invariant_is_named(shop, statements, expected):
    findings = break_it(shop, *statements)
    assert any(f.startswith(expected) for f in findings), findings


def test_valid_values_are_not_findings(shop):
    assert break_it(
        shop,
        "INSERT INTO promise (customer_id, made, due, what) VALUES (1, '2026-11-01', "
        "'2026-11-03', 'a')",
        "INSERT INTO promise (customer_id, made, due, what) VALUES (1, '2026-11-01', "
        "'2026-11-03T09:30', 'b')",
        "INSERT INTO interaction (customer_id, date, kind, channel) "
        "VALUES (1, '2024-02-29', 'note', NULL)",
        "UPDATE fact SET birthday = '--02-29'",
    ) == []


def test_many_bad_rows_are_counted_and_sampled(shop):
    rows = ", ".join(f"(1, 'day {i}', 'note')" for i in range(12))
    findings = break_it(shop, f"INSERT INTO interaction (customer_id, date, kind) VALUES {rows}")
    assert findings == ["A date that is not a date: 12 timeline entries (ids 1, 2, 3, 4, 5, …)."]


def test_a_newer_notebook_is_checked_for_integrity_only(shop):
    assert break_it(shop, "PRAGMA user_version = 999",
                    "UPDATE milestone SET kind = 'future_kind'") == []


def test_a_missing_file_is_a_finding(tmp_path):
    assert check_file(tmp_path / "nope.rapport") == [
        f"There is no notebook at {tmp_path / 'nope.rapport'}."]
