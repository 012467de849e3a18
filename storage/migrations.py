"""Numbered, atomic schema migrations. Each step runs in one transaction; a backup comes first.

A new notebook is made at once from the peewee models (storage.models, the one declaration of
the schema): :func:`create_latest`. An owner's older notebook is brought up by the steps below,
which stay SQL as they shipped; tests/storage/test_schema_models.py proves that both end with
the same tables, columns, keys and indexes. To change the schema, change the models and append
a function to ``STEPS`` that brings an older notebook to them; never edit a step that has
shipped.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path

from peewee import SqliteDatabase

from storage.db import APPLICATION_ID

SCHEMA = Path(__file__).with_name("schema.sql")  # version 1 as it shipped


def _create_schema(db: SqliteDatabase) -> None:
    """Version 1: the whole schema (kept to bring test notebooks of version 1 up)."""
    script = SCHEMA.read_text(encoding="utf-8")
    for statement in _statements(script):
        db.execute_sql(statement)


def _statements(script: str) -> list[str]:
    lines = [line.split("--", 1)[0] for line in script.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def _add_photos(db: SqliteDatabase) -> None:
    """Version 2: one small photo per customer (downscaled JPEG from an imported vCard)."""
    db.execute_sql(
        "CREATE TABLE photo (customer_id INTEGER PRIMARY KEY "
        "REFERENCES customer(id) ON DELETE CASCADE, "
        "mime TEXT NOT NULL DEFAULT 'image/jpeg', data BLOB NOT NULL)")


def _add_touch_index(db: SqliteDatabase) -> None:
    """Version 3: the Today queue reads each customer's latest touches (day, kind, channel,
    newest first) from one index alone, never from the table's rows."""
    db.execute_sql("CREATE INDEX interaction_touch "
                   "ON interaction(customer_id, date, id, kind, channel)")


# Version 4: each customer's standing for the Today queue, kept by SQLite itself. The queue
# reads one line per customer; two index seeks per customer (latest touch, purchase days) cost
# most of `today` at 50,000 customers, so triggers keep the answers in a narrow table at each
# write instead. Dates are kept whatever they are: the reader re-asks the timeline for the rare
# customer whose latest touch or purchase lies after the day it plans for. An insert (imports
# write hundreds of thousands) extends the row without reading the timeline when it can.
LATEST_TOUCH = ("(SELECT max(date) FROM interaction WHERE customer_id = {who} "
                "AND kind != 'note')")
PURCHASE_DAYS = ("(SELECT group_concat(date) FROM (SELECT date FROM purchase "
                 "WHERE customer_id = {who} ORDER BY date))")
_touch, _days = LATEST_TOUCH.format, PURCHASE_DAYS.format
STANDING_SQL = f"""
CREATE TABLE standing (
    customer_id INTEGER PRIMARY KEY,  -- no foreign key: it goes with its customer by trigger
    last_touch TEXT,  -- the latest timeline entry that is not a note
    purchases TEXT  -- purchase days, oldest first, comma-separated
) WITHOUT ROWID;

CREATE TRIGGER customer_standing_gone AFTER DELETE ON customer BEGIN
    DELETE FROM standing WHERE customer_id = OLD.id;
END;

CREATE TRIGGER interaction_standing_added AFTER INSERT ON interaction
WHEN NEW.kind != 'note' BEGIN
    INSERT INTO standing (customer_id, last_touch) VALUES (NEW.customer_id, NEW.date)
    ON CONFLICT (customer_id) DO UPDATE
    SET last_touch = max(coalesce(last_touch, ''), excluded.last_touch);
END;
CREATE TRIGGER interaction_standing_changed
AFTER UPDATE OF customer_id, date, kind ON interaction BEGIN
    UPDATE standing SET last_touch = {_touch(who='OLD.customer_id')}
    WHERE customer_id = OLD.customer_id;
    INSERT INTO standing (customer_id, last_touch)
    VALUES (NEW.customer_id, {_touch(who='NEW.customer_id')})
    ON CONFLICT (customer_id) DO UPDATE SET last_touch = excluded.last_touch;
END;
CREATE TRIGGER interaction_standing_removed AFTER DELETE ON interaction BEGIN
    UPDATE standing SET last_touch = {_touch(who='OLD.customer_id')}
    WHERE customer_id = OLD.customer_id;
END;

CREATE TRIGGER purchase_standing_added AFTER INSERT ON purchase BEGIN
    INSERT INTO standing (customer_id, purchases) VALUES (NEW.customer_id, NEW.date)
    ON CONFLICT (customer_id) DO UPDATE SET purchases = CASE
        WHEN purchases IS NULL THEN excluded.purchases
        WHEN substr(purchases, -length(excluded.purchases)) <= excluded.purchases
            THEN purchases || ',' || excluded.purchases
        ELSE {_days(who='NEW.customer_id')} END;
END;
CREATE TRIGGER purchase_standing_changed AFTER UPDATE OF customer_id, date ON purchase BEGIN
    UPDATE standing SET purchases = {_days(who='OLD.customer_id')}
    WHERE customer_id = OLD.customer_id;
    INSERT INTO standing (customer_id, purchases)
    VALUES (NEW.customer_id, {_days(who='NEW.customer_id')})
    ON CONFLICT (customer_id) DO UPDATE SET purchases = excluded.purchases;
END;
CREATE TRIGGER purchase_standing_removed AFTER DELETE ON purchase BEGIN
    UPDATE standing SET purchases = {_days(who='OLD.customer_id')}
    WHERE customer_id = OLD.customer_id;
END;
"""
FILL_STANDING = (
    "INSERT INTO standing (customer_id, last_touch, purchases) SELECT c.id, "
    + LATEST_TOUCH.format(who="c.id") + ", " + PURCHASE_DAYS.format(who="c.id")
    + " FROM customer c WHERE EXISTS (SELECT 1 FROM interaction WHERE customer_id = c.id) "
    "OR EXISTS (SELECT 1 FROM purchase WHERE customer_id = c.id)")


def _add_standing(db: SqliteDatabase) -> None:
    """Version 4: the standing table, its triggers, and its rows for the customers so far;
    family birthdays by month and day, as the Today queue looks them up (a few seeks instead
    of a pass over every personal detail)."""
    for statement in _trigger_statements(STANDING_SQL):
        db.execute_sql(statement)
    db.execute_sql(FILL_STANDING)
    db.execute_sql("CREATE INDEX fact_birthday_day ON fact(substr(birthday, -5))")


def _trigger_statements(script: str) -> list[str]:
    """Split ``script`` at the semicolons that end a statement, not those inside a trigger."""
    out, current = [], []
    for line in script.strip().splitlines():
        current.append(line)
        text = "\n".join(current).strip()
        if text and sqlite3.complete_statement(text):
            out.append(text)
            current = []
    return out


# Version 5: the standing table keeps its days as numbers too (day ordinals, as Python's
# date.toordinal counts them, and the first purchase's month and day), worked out by SQLite at
# each write as stored generated columns. The Today queue settles most customers' nudges in
# SQL from them (storage.outreach_sift): integer arithmetic, where parsing ISO text 50,000
# times cost more than the Python it replaced. The version 4 triggers keep writing the text
# columns, unchanged; the table is rebuilt from the timeline. The purchases' index gains the
# amount, so that a customer's lifetime value (which ranks nudges) is added up from it alone.
ORDINAL = "CAST(julianday({}) - 1721424.5 AS INTEGER)"
STANDING_DAYS_SQL = f"""
CREATE TABLE standing (
    customer_id INTEGER PRIMARY KEY,
    last_touch TEXT,
    purchases TEXT,
    touch_day INTEGER GENERATED ALWAYS AS ({ORDINAL.format("last_touch")}) STORED,
    first_day INTEGER GENERATED ALWAYS AS ({ORDINAL.format("substr(purchases, 1, 10)")}) STORED,
    last_day INTEGER GENERATED ALWAYS AS ({ORDINAL.format("substr(purchases, -10)")}) STORED,
    first_month_day INTEGER GENERATED ALWAYS AS (CAST(substr(purchases, 6, 2) AS INTEGER) * 100
                                                 + CAST(substr(purchases, 9, 2) AS INTEGER)) STORED
) WITHOUT ROWID
"""


def month_days_sql(days: Iterable[tuple[int, int]]) -> str:
    """(month, day) pairs as an SQL list of first_month_day values: "(1123,1124)". They are
    numbers worked out here, so they may be written into the SQL."""
    return "(" + ",".join(str(month * 100 + day) for month, day in sorted(days)) + ")"


def _add_standing_days(db: SqliteDatabase) -> None:
    """Version 5: the standing table with its days as numbers (see STANDING_DAYS_SQL)."""
    db.execute_sql("DROP TABLE standing")
    db.execute_sql(STANDING_DAYS_SQL)
    db.execute_sql(FILL_STANDING)
    db.execute_sql("DROP INDEX purchase_customer")
    db.execute_sql("CREATE INDEX purchase_customer ON purchase(customer_id, date, amount_cents)")


def _add_sale_ids(db: SqliteDatabase) -> None:
    """Imported sales: each purchase keeps its currency, and the till or shop it came from
    with its order id there, so that importing the same export again adds nothing."""
    # Only what is missing: a notebook made new and marked older (as tests make them) has them.
    have = {row[1] for row in db.execute_sql("PRAGMA table_info(purchase)")}
    for column in ("currency", "source", "order_id"):
        if column not in have:
            db.execute_sql(f"ALTER TABLE purchase ADD COLUMN {column} TEXT NOT NULL DEFAULT ''")
    db.execute_sql("CREATE UNIQUE INDEX IF NOT EXISTS purchase_order "
                   "ON purchase (source, order_id) WHERE order_id != ''")


def _search_contacts(db: SqliteDatabase) -> None:
    """Version 7 (issue 15): the search index gains emails, addresses and phones, each in a
    column of its own (phones as digit tokens, found in any writing); it is built anew."""
    from storage import customer_search  # late: it imports storage.db, which imports this

    db.execute_sql("DROP TABLE customer_fts")
    db.execute_sql("CREATE VIRTUAL TABLE customer_fts USING fts5(name, company, notes, "
                   "details, email, address, phone, "
                   "tokenize = 'unicode61 remove_diacritics 2')")
    customer_search.reindex(None, db)


# The notebook's own random id (a setting): its vCards' UIDs are derived from it, so that they
# differ from every other notebook's and stay the same from one export to the next.
NOTEBOOK_ID = "notebook_id"


def add_notebook_id(db: SqliteDatabase) -> None:
    """Give the notebook its random id, unless it has one."""
    db.execute_sql("INSERT OR IGNORE INTO setting (key, value) VALUES (?, ?)",
                   (NOTEBOOK_ID, json.dumps(str(uuid.uuid4()))))


def _add_contact_labels(db: SqliteDatabase) -> None:
    """Version 8: each email and phone keeps the type its address book gave it (home, work,
    cell…), so that a vCard export writes them back; and the notebook gets its random id, made
    here, where a write is sure (an export may open the notebook read-only). Issue 15."""
    for table in ("email", "phone"):  # only what is missing, as in _add_sale_ids
        if "label" not in {row[1] for row in db.execute_sql(f"PRAGMA table_info({table})")}:
            db.execute_sql(f"ALTER TABLE {table} ADD COLUMN label TEXT NOT NULL DEFAULT ''")
    add_notebook_id(db)


def _add_fields_and_status(db: SqliteDatabase) -> None:
    """Version 9 (issue 16): the owner's own fields, defined once per notebook and filled per
    customer; and each customer's status ("archived", "deceased": nothing is suggested)."""
    have = {row[1] for row in db.execute_sql("PRAGMA table_info(customer)")}
    if "status" not in have:  # only what is missing, as in _add_sale_ids
        db.execute_sql("ALTER TABLE customer ADD COLUMN status TEXT NOT NULL DEFAULT ''")
    db.execute_sql("CREATE TABLE IF NOT EXISTS custom_field (id INTEGER PRIMARY KEY, "
                   "name TEXT NOT NULL, kind TEXT NOT NULL DEFAULT 'text', "
                   "position INTEGER NOT NULL DEFAULT 0, UNIQUE (name))")
    db.execute_sql("CREATE TABLE IF NOT EXISTS field_value (id INTEGER PRIMARY KEY, "
                   "customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE, "
                   "name TEXT NOT NULL, value TEXT NOT NULL DEFAULT '', "
                   "UNIQUE (customer_id, name))")


# The tables whose rows shape a customer's agenda (storage.agenda): a write to one marks the
# customer stale, and the agenda is worked out again before the transaction commits.
_AGENDA_INPUTS = ("email", "phone", "address", "tag", "fact", "milestone", "interaction",
                  "purchase", "promise", "problem")


def _mark(who: str, when: str = "") -> str:
    """The statement that marks customer ``who`` stale, if not marked yet, nor everyone
    (``when``: only then). Not INSERT OR IGNORE: SQLite runs a trigger fired by a foreign
    key's action (a referrer's deletion setting referred_by to NULL) with ABORT, whatever the
    trigger says."""
    return (f"INSERT INTO agenda_dirty (customer_id) SELECT {who} WHERE {when or '1'} AND NOT "
            f"EXISTS (SELECT 1 FROM agenda_dirty WHERE customer_id IN ({who}, 0));")


def _agenda_triggers() -> list[str]:
    """The triggers that mark stale agendas: a customer's own rows; a problem's updates; the
    customer row (and whoever referred them: a referral thank-you names them and turns on
    their first purchase); an outreach setting or a tag's cadence is marked -1 (storage.agenda
    works everyone out again unless only what the day's policy reads changed)."""
    out = []
    for table in _AGENDA_INPUTS:
        for event, row in (("INSERT", "NEW"), ("DELETE", "OLD"), ("UPDATE", "OLD")):
            also = _mark("NEW.customer_id") if event == "UPDATE" else ""
            out.append(f"CREATE TRIGGER {table}_agenda_{event.lower()} AFTER {event} ON {table} "
                       f"BEGIN {_mark(f'{row}.customer_id')} {also} END")
    for event, row in (("INSERT", "NEW"), ("DELETE", "OLD"), ("UPDATE", "NEW")):
        owner = f"(SELECT customer_id FROM problem WHERE id = {row}.problem_id)"
        out.append(f"CREATE TRIGGER problem_update_agenda_{event.lower()} AFTER {event} ON "
                   f"problem_update BEGIN {_mark(owner, f'{owner} IS NOT NULL')} END")
    def referrer(row: str) -> str:  # who referred the buyer: their thank-you turns on it
        who = f"(SELECT referred_by FROM customer WHERE id = {row}.customer_id)"
        return _mark(who, f"{who} IS NOT NULL")

    out += [
        f"CREATE TRIGGER purchase_agenda_referrer AFTER INSERT ON purchase BEGIN "
        f"{referrer('NEW')} END",
        f"CREATE TRIGGER purchase_agenda_referrer_gone AFTER DELETE ON purchase BEGIN "
        f"{referrer('OLD')} END",
        f"CREATE TRIGGER purchase_agenda_referrer_moved AFTER UPDATE ON purchase BEGIN "
        f"{referrer('OLD')} {referrer('NEW')} END",
        f"CREATE TRIGGER customer_agenda_insert AFTER INSERT ON customer BEGIN "
        f"{_mark('NEW.id')} {_mark('NEW.referred_by', 'NEW.referred_by IS NOT NULL')} END",
        f"CREATE TRIGGER customer_agenda_update AFTER UPDATE ON customer BEGIN "
        f"{_mark('NEW.id')} {_mark('NEW.referred_by', 'NEW.referred_by IS NOT NULL')} "
        f"{_mark('OLD.referred_by', 'OLD.referred_by IS NOT NULL')} END",
        f"CREATE TRIGGER customer_agenda_delete AFTER DELETE ON customer BEGIN "
        f"{_mark('OLD.id')} {_mark('OLD.referred_by', 'OLD.referred_by IS NOT NULL')} END",
    ]
    for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
        out.append(f"CREATE TRIGGER setting_agenda_{event.lower()} AFTER {event} ON setting "
                   f"WHEN {row}.key LIKE 'outreach.%' BEGIN {_mark('-1')} END")
        out.append(f"CREATE TRIGGER tag_setting_agenda_{event.lower()} AFTER {event} ON "
                   f"tag_setting BEGIN {_mark('-1')} END")
    return out


_STANDING_TRIGGERS = ("customer_standing_gone", "interaction_standing_added",
                      "interaction_standing_changed", "interaction_standing_removed",
                      "purchase_standing_added", "purchase_standing_changed",
                      "purchase_standing_removed")


def _add_agenda(db: SqliteDatabase) -> None:
    """Version 10 (issue 14): Today as a stored agenda. The standing table and its triggers
    go; the agenda's tables come, with the triggers that mark a customer's agenda stale, and
    everyone marked: it is worked out at the first write, or read from scratch until then."""
    from storage import models  # late, as in create_latest

    for name in _STANDING_TRIGGERS:
        db.execute_sql(f"DROP TRIGGER IF EXISTS {name}")
    db.execute_sql("DROP TABLE IF EXISTS standing")
    tables = [models.AgendaEntry, models.AgendaCustomer, models.AgendaDirty]
    with db.bind_ctx(tables):
        db.create_tables(tables, safe=True)
    have = {row[0] for row in db.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    for statement in _agenda_triggers():
        if statement.split()[2] not in have:
            db.execute_sql(statement)
    db.execute_sql(_mark("0"))


STEPS: list[Callable[[SqliteDatabase], None]] = [
    _create_schema, _add_photos, _add_touch_index, _add_standing, _add_standing_days,
    _add_sale_ids, _search_contacts, _add_contact_labels, _add_fields_and_status, _add_agenda]
LATEST = len(STEPS)
STANDING = STEPS.index(_add_standing) + 1  # the version that brought the standing table
STANDING_DAYS = STEPS.index(_add_standing_days) + 1  # … and its days as numbers
SEARCH_CONTACTS = STEPS.index(_search_contacts) + 1  # the index with emails, addresses, phones
CONTACT_LABELS = STEPS.index(_add_contact_labels) + 1  # labels on emails and phones
FIELDS = STEPS.index(_add_fields_and_status) + 1  # custom fields and customer status
AGENDA = STEPS.index(_add_agenda) + 1  # Today as a stored agenda


def create_latest(db: SqliteDatabase) -> None:
    """A new notebook's tables, from the models, and what models cannot declare: the triggers
    that mark stale agendas."""
    from storage import models  # late: models import storage.db, which imports this module

    db.create_tables(models.ALL_MODELS, safe=False)
    add_notebook_id(db)
    for statement in _agenda_triggers():
        db.execute_sql(statement)


def current_version(db: SqliteDatabase) -> int:
    return db.execute_sql("PRAGMA user_version").fetchone()[0]


def migrate(db: SqliteDatabase, path: Path) -> int:
    """Bring the notebook at ``path`` to ``LATEST``; return the version it is at."""
    version = current_version(db)
    if version > LATEST:
        return version
    if 0 < version < LATEST:
        from storage.backups import backup_before

        backup_before(path, f"before-v{LATEST}")
    if version == 0:
        with db.atomic():
            create_latest(db)
            db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute_sql(f"PRAGMA user_version = {LATEST}")
        return LATEST
    for number in range(version + 1, LATEST + 1):
        with db.atomic():
            STEPS[number - 1](db)
            db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute_sql(f"PRAGMA user_version = {number}")
    return LATEST
