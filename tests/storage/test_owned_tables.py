"""The tables a customer owns, listed once (storage.models.CUSTOMER_TABLES): delete, undo,
erase and export each cover every one of them, and a table added to the schema that belongs to
a customer cannot be left out of the list."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from domain.dates import PartialDate
from domain.model import (
    Address,
    Card,
    Customer,
    Fact,
    Interaction,
    Milestone,
    Problem,
    ProblemUpdate,
    Promise,
    Purchase,
)
from storage import customers, outreach, templates, timeline
from storage.db import close_notebook, db, open_notebook

TODAY = date(2026, 3, 10)
PHOTO = b"\xff\xd8\xff\xe0 a tiny jpeg \x00\x01\xff\xd9"


def owned_tables() -> list[str]:
    from storage.models import CUSTOMER_TABLES

    return [t.model._meta.table_name for t in CUSTOMER_TABLES]


def rows_of(customer_id: int) -> dict[str, list[tuple]]:
    """Every row the customer owns, table by table, as SQLite holds it (ids included)."""
    where = {"problem_update": "problem_id IN (SELECT id FROM problem WHERE customer_id = ?)"}
    out = {"customer": db.execute_sql("SELECT * FROM customer WHERE id = ?",
                                      (customer_id,)).fetchall()}
    for table in owned_tables():
        sql = f"SELECT * FROM {table} WHERE {where.get(table, 'customer_id = ?')} ORDER BY 1"
        out[table] = db.execute_sql(sql, (customer_id,)).fetchall()
    return out


def fill_everything() -> int:
    """A customer with at least one row in every table a customer owns."""
    cid = customers.save_customer(Customer(
        given_name="Ernesto", family_name="Vidal", emails=["ernesto@example.com"],
        phones=["+15035550199"], addresses=[Address("1 Rose Ln", "Salem", mailing=True)],
        tags=["regular"], facts=[Fact("pet", "Luna", relation="cat")],
        fields={"Inseam": "32"},
        milestones=[Milestone("birthday", PartialDate(TODAY.month, TODAY.day + 2, 1970))]))
    timeline.add(cid, Interaction(date(2025, 12, 1), "call", "Asked about roses"))
    timeline.add(cid, Purchase(date(2025, 11, 3), Decimal("80.00"), "Roses"))
    timeline.add(cid, Promise(date(2026, 3, 1), datetime(2026, 3, 12, 15, 0), "Send photos"))
    timeline.add(cid, Problem(date(2026, 2, 1), "Thorns", updates=[
        ProblemUpdate(date(2026, 2, 2), "Trimmed")]))
    templates.create_card(Card(cid, "birthday", "Happy birthday, Ernesto!"))
    with db.atomic():
        db.execute_sql("INSERT INTO photo (customer_id, mime, data) VALUES (?, ?, ?)",
                       (cid, "image/jpeg", PHOTO))
    queue = [s for s in outreach.today_queue(TODAY) if s.customer_id == cid]
    assert len(queue) >= 2, queue
    outreach.dismiss(queue[0], TODAY)
    outreach.snooze(queue[1], TODAY + timedelta(days=3))
    return cid


def test_the_fixture_fills_every_owned_table(notebook):
    """A table added to the list needs a row here, or the tests below prove nothing for it."""
    rows = rows_of(fill_everything())
    assert [t for t, found in rows.items() if not found] == []


def test_undo_of_a_delete_puts_back_every_row_exactly(notebook):
    cid = fill_everything()
    before = rows_of(cid)
    deleted = customers.delete_customer(cid)
    assert all(not found for found in rows_of(cid).values())
    customers.restore_customer(deleted)
    assert rows_of(cid) == before


def test_undo_of_a_delete_keeps_the_photo(notebook):
    cid = fill_everything()
    customers.restore_customer(customers.delete_customer(cid))
    assert db.execute_sql("SELECT mime, data FROM photo WHERE customer_id = ?",
                          (cid,)).fetchone() == ("image/jpeg", PHOTO)


def test_undo_of_a_delete_brings_back_no_dismissed_reminder(notebook):
    cid = fill_everything()
    shown = [s.key for s in outreach.today_queue(TODAY) if s.customer_id == cid]
    customers.restore_customer(customers.delete_customer(cid))
    assert [s.key for s in outreach.today_queue(TODAY) if s.customer_id == cid] == shown


def test_undo_of_a_delete_keeps_the_customer_who_took_a_freed_number(notebook):
    """Ids are reused: a touch logged for someone else meanwhile may take a deleted row's
    number. The undo puts the deleted rows back under new numbers, and both stay."""
    cid = fill_everything()
    other = customers.save_customer(Customer(given_name="Ann", family_name="Lee"))
    deleted = customers.delete_customer(cid)
    taken = timeline.add(other, Interaction(date(2026, 1, 5), "visit", "Dropped by"))
    customers.restore_customer(deleted)
    assert [i.summary for i in customers.get_customer(cid).interactions] == ["Asked about roses"]
    assert [i.id for i in customers.get_customer(other).interactions] == [taken.id]
    assert [u.summary for p in customers.get_customer(cid).problems for u in p.updates] == \
        ["Trimmed"]


def test_undo_of_a_delete_when_their_number_and_their_cards_were_taken(notebook):
    """An import after the delete gives the newest customer's number, and a new card the
    newest card's, to someone else: the undo keeps both and moves the deleted one's rows."""
    cid = fill_everything()
    card_id = templates.list_cards(customer_id=cid)[0].id
    deleted = customers.delete_customer(cid)
    newcomer = customers.save_customer(Customer(given_name="Ann", family_name="Lee"))
    assert newcomer == cid  # SQLite gave the freed number out again
    their_card = templates.create_card(Card(newcomer, "thank_you", "Thanks, Ann!"))
    assert their_card.id == card_id
    back = customers.restore_customer(deleted)
    assert back != cid
    assert customers.get_customer(cid).display_name == "Ann Lee"
    assert [c.text for c in templates.list_cards(customer_id=cid)] == ["Thanks, Ann!"]
    assert [c.text for c in templates.list_cards(customer_id=back)] == \
        ["Happy birthday, Ernesto!"]
    moved = rows_of(back)
    assert [t for t, found in moved.items() if not found] == []
    assert moved["photo"][0][2] == PHOTO


def test_erase_removes_every_row_of_every_owned_table(notebook):
    from storage import erase

    cid = fill_everything()
    other = customers.save_customer(Customer(given_name="Ann", family_name="Lee"))
    timeline.add(other, Interaction(date(2026, 1, 5), "visit", "Dropped by"))
    preview = erase.erase_preview(cid)
    erase.erase_customer(cid)
    assert {t: rows for t, rows in rows_of(cid).items() if rows} == {}
    assert len(preview.counts) == len(owned_tables())  # the preview counts every one
    assert all(preview.counts.values())
    assert [i.summary for i in customers.get_customer(other).interactions] == ["Dropped by"]


def _without_ids(table: str, rows: list[tuple]) -> list[tuple]:
    """Rows as the owner sees them: a JSON file keeps no row's own number."""
    columns = [r[1] for r in db.execute_sql(f"PRAGMA table_info({table})")]
    keep = [i for i, name in enumerate(columns) if name not in ("id", "problem_id")]
    return sorted(tuple(row[i] for i in keep) for row in rows)


@pytest.mark.parametrize("table", [  # snoozes and dismissals too (issue 14, behaviour 7)
    "email", "phone", "address", "tag", "fact", "milestone", "field_value", "interaction",
    "purchase",
    "promise", "problem", "problem_update", "card", "photo", "suggestion_state"])
def test_export_then_import_keeps_every_owned_table(notebook, tmp_path, table):
    from exports import notebook_json

    cid = fill_everything()
    before = rows_of(cid)
    notebook_json.export_file(tmp_path / "all.json")
    close_notebook()
    open_notebook(tmp_path / "again.rapport")
    notebook_json.import_file(tmp_path / "all.json")
    after = rows_of(cid)
    assert _without_ids(table, after[table]) == _without_ids(table, before[table])


def test_the_export_test_names_every_owned_table():
    """The list above is written out (a table's xfail can be marked on it); it must follow
    the schema's list."""
    names = test_export_then_import_keeps_every_owned_table.pytestmark[0].args[1]
    assert [getattr(p, "values", (p,))[0] for p in names] == owned_tables()


# --- the list against the schema ------------------------------------------------------------

def _references(table: str) -> set[str]:
    return {r[2] for r in db.execute_sql(f"PRAGMA foreign_key_list({table})")}


def _columns(table: str) -> set[str]:
    return {r[1] for r in db.execute_sql(f"PRAGMA table_xinfo({table})")}


def test_every_table_that_belongs_to_a_customer_is_listed(notebook):
    """A new table whose rows hang off a customer (a customer_id column, a foreign key to the
    customer or to a table they own) must be added to CUSTOMER_TABLES, or to DERIVED_TABLES
    when it is only worked out from the others (and rebuilt, never saved or put back)."""
    from storage.models import DERIVED_TABLES

    tables = [r[0] for r in db.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE 'customer_fts_%'")]  # FTS5's own tables, behind customer_fts
    owned = set(owned_tables())
    derived = {m._meta.table_name for m in DERIVED_TABLES}
    belongs: set[str] = set()
    grew = True
    while grew:
        new = {t for t in tables if t != "customer" and t not in belongs and (
            "customer_id" in _columns(t) or _references(t) & (belongs | {"customer"}))}
        belongs |= new
        grew = bool(new)
    assert belongs - derived == owned
    assert derived <= belongs | {"customer_fts"}
    assert not owned & derived


def _left_in(path, customer_id: int) -> dict[str, int]:
    """Rows of each owned table in the file at ``path`` that are the customer's (or orphans)."""
    import sqlite3

    owner = {"problem_update": "problem_id NOT IN (SELECT id FROM problem) OR problem_id IN "
                               "(SELECT id FROM problem WHERE customer_id = ?)"}
    con = sqlite3.connect(path)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t} WHERE {owner.get(t, 'customer_id = ?')}",
                               (customer_id,)).fetchone()[0] for t in owned_tables()}
    finally:
        con.close()


def test_erase_removes_every_owned_row_from_the_backups_too(notebook):
    from storage import backups, erase

    cid = fill_everything()
    path = backups.backup_now("manual", datetime(2026, 3, 1, 9, 0, 0))
    assert all(_left_in(path, cid).values())
    erase.erase_from_backups(cid, erase.erase_customer(cid).who)
    assert {t: n for t, n in _left_in(path, cid).items() if n} == {}
