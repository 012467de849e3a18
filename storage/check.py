"""Checking a notebook: SQLite's integrity and foreign keys, then Rapport's own invariants.

Each finding is one plain sentence; an empty list means all is well. Checks only read:
:func:`check_file` reads through a read-only connection, so even a damaged file is left as it
was. Invariants are SQL conditions naming the rows that break them, which keeps a check of
50,000 customers within a second.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from domain.model import (
    CARD_STATUSES,
    CHANNELS,
    FACT_KINDS,
    INTERACTION_KINDS,
    MILESTONE_KINDS,
    PROBLEM_STATUSES,
    PROMISE_STATUSES,
)
from storage import migrations
from storage.db import (
    APPLICATION_ID,
    LOCK_WAIT,
    CorruptNotebook,
    NotebookBusy,
    NotebookError,
    current_notebook,
    inspect_file,
    read_file,
    sqlite_connection,
)
from storage.errors import is_damage, reading_failure
from storage.intact import index_only, integrity_findings, remember_intact
from storage.lock import NotebookLock, read_owner
from storage.opening import has_table

SAMPLE = 5  # ids named per finding

NOUNS = {
    "customer": ("customer", "customers"),
    "customer_fts": ("search entry", "search entries"),
    "email": ("email address", "email addresses"),
    "phone": ("phone number", "phone numbers"),
    "address": ("postal address", "postal addresses"),
    "tag": ("tag", "tags"),
    "fact": ("personal detail", "personal details"),
    "milestone": ("milestone", "milestones"),
    "interaction": ("timeline entry", "timeline entries"),
    "purchase": ("purchase", "purchases"),
    "promise": ("promise", "promises"),
    "problem": ("problem", "problems"),
    "problem_update": ("problem update", "problem updates"),
    "card": ("card", "cards"),
    "template": ("template", "templates"),
    "suggestion_state": ("snoozed suggestion", "snoozed suggestions"),
    "agenda": ("Today agenda entry", "Today agenda entries"),
    "agenda_customer": ("Today agenda", "Today agendas"),
    "setting": ("setting", "settings"),
}


# SQLite's date() takes 2026-02-30 as it is; a modifier makes it roll over to March, so a
# value is a real date when it comes back unchanged through ``+0 days``.
def _as(fmt: str, value: str) -> str:
    return f"strftime('{fmt}', {value}, '+0 days')"


def _date(col: str) -> str:
    return f"({col} IS NOT NULL AND {_as('%Y-%m-%d', col)} IS NOT {col})"


def _time(col: str) -> str:
    return f"({col} IS NOT NULL AND {_as('%Y-%m-%dT%H:%M:%S', col)} IS NOT {col})"


def _due(col: str) -> str:
    return (f"({_date(col)} AND {_as('%Y-%m-%dT%H:%M', col)} IS NOT {col} "
            f"AND {_as('%Y-%m-%dT%H:%M:%S', col)} IS NOT {col})")


def _partial(col: str) -> str:
    """A PartialDate's text: ``YYYY-MM-DD`` or ``--MM-DD`` (checked in leap year 2000)."""
    leap = f"'2000' || substr({col}, 2)"
    return (f"({col} IS NOT NULL AND CASE WHEN {col} LIKE '--%' "
            f"THEN {_as('%Y-%m-%d', leap)} IS NOT {leap} ELSE {_date(col)} END)")


def _outside(col: str, allowed: tuple[str, ...]) -> str:
    return f"({col} NOT IN ({', '.join(repr(v) for v in allowed)}))"


_DAY = "[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]"
_MONTH_DAY = "printf('2000-%02d-%02d', month, day)"
_YEAR_MONTH_DAY = "printf('%04d-%02d-%02d', year, month, day)"

# (table, id column, condition naming the rows in error, what is wrong with them)
RULES: tuple[tuple[str, str, str, str], ...] = (
    ("customer", "id", "id NOT IN (SELECT rowid FROM customer_fts)",
     "Missing from the search index"),
    ("customer_fts", "rowid", "rowid NOT IN (SELECT id FROM customer)",
     "In the search index but not in the notebook"),
    ("customer", "id", _date("customer_since"), "A 'customer since' date that is not a date"),
    ("customer", "id", "cadence_days IS NOT NULL AND typeof(cadence_days) != 'integer'",
     "A keep-in-touch cadence that is not a number of days"),
    ("customer", "id", f"{_time('created')} OR {_time('updated')}",
     "A created or updated time that is not a time"),
    ("milestone", "id", _date(_MONTH_DAY), "A month and day that do not exist"),
    ("milestone", "id", f"year IS NOT NULL AND {_date(_YEAR_MONTH_DAY)}",
     "A day that does not exist in its year"),
    ("milestone", "id", f"day_of_year IS NOT CAST(strftime('%j', {_MONTH_DAY}) AS INTEGER)",
     "A stored day of the year that does not match the month and day"),
    ("milestone", "id", _outside("kind", MILESTONE_KINDS), "A kind Rapport does not know"),
    ("fact", "id", _outside("kind", FACT_KINDS), "A kind Rapport does not know"),
    ("fact", "id", _partial("birthday"), "A birthday that is not a date"),
    ("interaction", "id", _date("date"), "A date that is not a date"),
    ("interaction", "id", _outside("kind", INTERACTION_KINDS), "A kind Rapport does not know"),
    ("interaction", "id", f"channel IS NOT NULL AND {_outside('channel', CHANNELS)}",
     "A channel Rapport does not know"),
    ("purchase", "id", _date("date"), "A date that is not a date"),
    ("purchase", "id", "typeof(amount_cents) != 'integer'", "An amount that is not a number"),
    ("promise", "id", f"{_date('made')} OR {_due('due')}", "A date that is not a date"),
    ("promise", "id", _outside("status", PROMISE_STATUSES),
     f"A status other than {', '.join(PROMISE_STATUSES)}"),
    ("problem", "id", f"{_date('opened')} OR {_date('resolved')}", "A date that is not a date"),
    ("problem", "id", _outside("status", PROBLEM_STATUSES),
     f"A status other than {', '.join(PROBLEM_STATUSES)}"),
    ("problem_update", "id", _date("date"), "A date that is not a date"),
    ("card", "id", _outside("status", CARD_STATUSES),
     f"A status other than {', '.join(CARD_STATUSES)}"),
    ("card", "id", f"{_date('created')} OR {_date('printed')} OR {_date('mailed')}",
     "A date that is not a date"),
    ("suggestion_state", "id", _date("snoozed_until"), "A date that is not a date"),
    ("setting", "key", "NOT json_valid(value)", "A setting that is not readable"),
)


# The stored agendas (version 10, storage.agenda): one per customer once worked out, its days
# real. Whether they say what the rules say is the agenda's own test (tests/storage).
AGENDA_RULES: tuple[tuple[str, str, str, str], ...] = (
    ("agenda_customer", "customer_id", f"{_date('as_of')} OR {_date('until')} OR as_of > until",
     "A Today agenda whose days are not days"),
    # What Today's read takes as it is (storage.agenda_read._stored, _whole): a flipped byte
    # there failed Today as a bug (JSONDecodeError, TypeError), where check saw nothing.
    ("agenda_customer", "customer_id", f"{_date('last_touch')} OR touches GLOB '*[^0-9,-]*' "
     "OR losses GLOB '*[^0-9,-]*' OR typeof(lifetime_cents) != 'integer'",
     "A Today agenda whose days are not days"),
    # The days it shows between by their shape only: a full check of 190,000 rows' two more
    # dates cost a third of a second at 50,000 customers.
    ("agenda", "id", f"{_date('due')} OR shows_from NOT GLOB '{_DAY}' "
     f"OR shows_until NOT GLOB '{_DAY}' "
     "OR typeof(every) != 'integer' "
     "OR (kind != 'calendar' AND detail != '' AND NOT json_valid(detail))",  # calendar's: words
     "A Today agenda entry that cannot be read"),
)


def check_file(path: Path) -> list[str]:
    """Check the notebook file at ``path`` without writing anything to it."""
    path = Path(path)
    if not path.exists():
        return [f"There is no notebook at {path}."]
    try:
        inspect_file(path)
    except NotebookError as exc:
        return [str(exc)]
    try:
        return read_file(path, check_connection)
    except NotebookError as exc:  # a full disk or an unreadable file: said as such
        return [str(exc)]


def check_notebook() -> list[str]:
    """Check the notebook open in this process."""
    return check_connection(sqlite_connection())


def damage_found() -> str | None:
    """After a failure no rule expected: the damage :func:`check_notebook` finds in the
    notebook open in this process, in the words a damaged file gets (None: none found, or no
    notebook open). A value SQLite's checks pass but Rapport cannot read — a date that is not a
    date — fails deep in a read, where only this check can tell damage from a bug."""
    info = current_notebook()
    if info is None:
        return None
    try:
        findings = check_notebook()
    except Exception:  # the check cannot read it either: the failure stands as it was
        return None
    found = "\n".join(f.rstrip(".") for f in findings)  # said inside a sentence of its own
    return str(CorruptNotebook(info.path, found)) if findings else None


def check_connection(con: sqlite3.Connection) -> list[str]:
    """Integrity, then (on an intact Rapport notebook) foreign keys and invariants."""
    try:
        damage = integrity(con)
        if damage:
            return damage  # rows read from a damaged file would only mislead
        if con.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            return ["This is not a Rapport notebook."]
        findings = foreign_keys(con)
        # A newer notebook's tables may differ from the rules below, which are this version's.
        if con.execute("PRAGMA user_version").fetchone()[0] <= migrations.LATEST:
            findings += invariants(con)
        return findings
    except sqlite3.DatabaseError as exc:
        if not is_damage(exc):
            raise  # a full disk or an I/O error is not damage: the caller says which
        return [f"The file is damaged and cannot be read ({exc})."]


def integrity(con: sqlite3.Connection) -> list[str]:
    """SQLite's own check of every page and index, in its words."""
    findings = integrity_findings(con)
    said = [f"The file is damaged: {row}" for row in findings[:20]]
    if index_only(findings):
        said.append("Only indexes are damaged: `rapport check --repair` rebuilds them from "
                    "the notebook's own data (after taking a copy).")
    return said


# --- repairing --------------------------------------------------------------------------------

def repair_file(path: Path) -> Path | None:
    """Rebuild the indexes of the closed notebook at ``path`` when they are all its damage.

    Returns the copy taken first (None: nothing to repair). Raises CorruptNotebook for any
    other damage (a table is never "repaired": a backup replaces it) and NotebookBusy when
    another Rapport has the notebook open.
    """
    path = Path(path).resolve()
    inspect_file(path)
    lock = NotebookLock(path)
    if not lock.acquire(LOCK_WAIT):
        raise NotebookBusy(path, read_owner(lock.path))
    try:
        con = sqlite3.connect(path, isolation_level=None)
        try:
            con.execute("PRAGMA synchronous = FULL")
            return _rebuild(path, con)
        except sqlite3.DatabaseError as exc:
            raise reading_failure(path, exc) from exc
        finally:
            con.close()
    finally:
        lock.release()


def repair_open() -> Path | None:
    """:func:`repair_file` for the notebook open in this process, through its connection."""
    from storage.db import current_notebook, mark_intact

    info = current_notebook()
    if info is None or info.read_only:
        raise NotebookError("The notebook is not open for changes; it cannot be repaired.")
    copy = _rebuild(info.path, sqlite_connection())
    mark_intact()
    return copy


def _rebuild(path: Path, con: sqlite3.Connection) -> Path | None:
    """REINDEX after a faithful copy, then the full check again; every step or none."""
    from storage import backups

    findings = integrity_findings(con)
    if not findings:
        return None
    if not index_only(findings):
        raise CorruptNotebook(path, "\n".join(findings))
    copy = backups.backup_before(path, "before-repair", source=con, check="quick_check")
    try:
        con.execute("REINDEX")
    except sqlite3.IntegrityError as exc:  # a real duplicate: the table itself is wrong
        raise CorruptNotebook(path, f"{exc} (the indexes could not be rebuilt)") from exc
    left = integrity_findings(con)
    if left:
        raise CorruptNotebook(path, "\n".join([*left, f"a copy taken before: {copy.name}"]))
    remember_intact(path)
    return copy


def foreign_keys(con: sqlite3.Connection) -> list[str]:
    """Rows that point to a customer (or other row) that is not there."""
    found: dict[tuple[str, str], list[int]] = {}
    for table, rowid, parent, _fk in con.execute("PRAGMA foreign_key_check"):
        found.setdefault((table, parent), []).append(rowid)
    return [f"Pointing to a {_noun(parent, 1)} that is not in the notebook: "
            f"{_counted(table, len(ids), sorted(ids))}."
            for (table, parent), ids in sorted(found.items())]


def invariants(con: sqlite3.Connection) -> list[str]:
    """Rapport's own rules: search rows match customers, dates are dates, statuses known."""
    findings = []
    kept = AGENDA_RULES if has_table(con, "agenda_customer") else ()
    for table, id_col, condition, complaint in RULES + kept:
        rows = con.execute(
            f"SELECT {id_col}, count(*) OVER () FROM {table} WHERE {condition} "
            f"ORDER BY 1 LIMIT {SAMPLE}").fetchall()
        if rows:
            findings.append(f"{complaint}: {_counted(table, rows[0][1], [r[0] for r in rows])}.")
    return findings + empty_values(con)


def empty_values(con: sqlite3.Connection) -> list[str]:
    """NULLs in the columns Rapport's models say always hold a value (a table another program
    rebuilt without the constraint lets them in), and bytes where text belongs (a flipped type
    in a row's header, which SQLite's check passes): reads fail on them deep in the code."""
    from storage import models  # late: models import storage.db

    findings = []
    for model in models.ALL_MODELS:
        meta = model._meta  # type: ignore[attr-defined]  # peewee's _meta is untyped
        there = {row[1] for row in con.execute(f"PRAGMA table_info('{meta.table_name}')")}
        fields = [f for f in meta.sorted_fields if f.column_name in there and not f.primary_key]
        wrong = [f"{f.column_name} IS NULL" for f in fields if not f.null] + [
            f"typeof({f.column_name}) = 'blob'" for f in fields
            if f.field_type in ("VARCHAR", "TEXT") and meta.table_name not in _DERIVED]
        if not wrong or meta.primary_key.column_name not in there:
            continue  # the search index (no such rules), or a table this version lacks
        rows = con.execute(
            f"SELECT {meta.primary_key.column_name}, count(*) OVER () FROM {meta.table_name} "
            f"WHERE {' OR '.join(wrong)} ORDER BY 1 LIMIT {SAMPLE}").fetchall()
        if rows:
            findings.append(f"An empty value, or bytes where text belongs: "
                            f"{_counted(meta.table_name, rows[0][1], [r[0] for r in rows])}.")
    return findings


# Today's stored agendas, worked out from the rest (AGENDA_RULES check what their reads need):
# their 190,000 rows at 50,000 customers would cost a fifth of a second more.
_DERIVED = frozenset({"agenda", "agenda_customer", "agenda_dirty"})


def _noun(table: str, count: int) -> str:
    one, many = NOUNS.get(table, (f"row of {table}", f"rows of {table}"))
    return one if count == 1 else many


def _counted(table: str, count: int, ids: list[int]) -> str:
    shown = ", ".join(str(i) for i in ids[:SAMPLE]) + (", …" if count > SAMPLE else "")
    return f"{count} {_noun(table, count)} ({'id' if count == 1 else 'ids'} {shown})"
