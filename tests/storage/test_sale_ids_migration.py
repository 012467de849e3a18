"""The step that gives purchases a currency and the order id of their till, tested on a
notebook of the version before it: in place, a backup first, every purchase kept."""

from __future__ import annotations

import sqlite3

from peewee import SqliteDatabase

from storage import backups, migrations
from storage.db import APPLICATION_ID, close_notebook, db, open_notebook

BEFORE = migrations.STEPS.index(migrations._add_sale_ids)  # the version before the step


def _previous_version(path) -> None:
    old = SqliteDatabase(str(path), pragmas={"foreign_keys": 1})
    for step in migrations.STEPS[:BEFORE]:
        with old.atomic():
            step(old)
    old.execute_sql("INSERT INTO customer (given_name, created, updated) "
                    "VALUES ('Vera', '2020-01-01T00:00:00', '2020-01-01T00:00:00')")
    old.execute_sql("INSERT INTO purchase (customer_id, date, amount_cents, description) "
                    "VALUES (1, '2026-10-01', 4500, 'Roses')")
    old.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    old.execute_sql(f"PRAGMA user_version = {BEFORE}")
    old.close()


def test_purchases_gain_currency_and_order_ids_in_place(tmp_path):
    path = tmp_path / "shop.rapport"
    _previous_version(path)
    inode = path.stat().st_ino
    open_notebook(path)
    try:
        assert db.execute_sql("PRAGMA user_version").fetchone()[0] == migrations.LATEST
        assert db.execute_sql("SELECT customer_id, date, amount_cents, description, currency, "
                              "source, order_id FROM purchase").fetchall() == [
            (1, "2026-10-01", 4500, "Roses", "", "", "")]
        taken = backups.list_backups(path)
        # Typed purchases have no order id: any number of them may be alike.
        db.execute_sql("INSERT INTO purchase (customer_id, date) VALUES (1, '2026-10-01')")
        db.execute_sql("INSERT INTO purchase (customer_id, date) VALUES (1, '2026-10-01')")
        db.execute_sql("INSERT INTO purchase (customer_id, date, source, order_id) "
                       "VALUES (1, '2026-10-02', 'shopify', '#1001')")
        try:
            db.execute_sql("INSERT INTO purchase (customer_id, date, source, order_id) "
                           "VALUES (1, '2026-10-02', 'shopify', '#1001')")
            raise AssertionError("the same order went in twice")
        except Exception as exc:  # peewee's IntegrityError
            assert "UNIQUE" in str(exc)
    finally:
        close_notebook()
    assert path.stat().st_ino == inode  # migrated in place, not replaced
    assert [b.reason for b in taken] == [f"before-v{migrations.LATEST}"]
    con = sqlite3.connect(taken[0].path)
    try:
        assert con.execute("PRAGMA user_version").fetchone()[0] == BEFORE
        assert con.execute("SELECT amount_cents FROM purchase").fetchall() == [(4500,)]
    finally:
        con.close()
