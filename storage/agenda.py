"""Each customer's agenda, kept in the notebook: Today as one indexed read.

The rules (domain.outreach.rules) work out what each customer is due and when, as agenda
entries that hold for days (domain.outreach.agenda). They are stored here, in ``agenda`` and
``agenda_customer``, and kept true by one mechanism: triggers mark the customers a write
touches in ``agenda_dirty`` (storage.migrations), and :func:`flush` works their agendas out
again before the writing transaction commits (storage.db calls it), in that transaction. A
setting changed marks everyone. Today then reads the entries due by its horizon with one
query and applies the day's policy to those alone (domain.outreach.queue.plan_day).

What the stored agendas cannot answer is worked out from the customers on the spot, and
stored when that is allowed: a customer whose agenda no longer holds on the day asked
(their days ran out, a touch dated ahead came due), one marked but not yet worked out (a
read-only notebook), a day before the agenda was worked out, settings other than the stored.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime, time

from peewee import OperationalError

from domain.outreach import KINDS, NUDGES, Context, Settings, State, TodayQueue, plan_day
from domain.outreach.agenda import CALENDAR_DAYS, Agenda, agenda_of
from domain.outreach.entries import Entry
from domain.outreach.queue import Waiting, plain_nudges
from domain.outreach.upcoming import CalendarEntry, upcoming
from storage import agenda_input
from storage.db import current_notebook, db, notebook_version
from storage.migrations import AGENDA
from storage.models import AgendaEntry

log = logging.getLogger(__name__)

_clock: Callable[[], date] = date.today
_listener = threading.local()  # who hears how far working everyone out has come (reporting)
EVERYONE = 0  # agenda_dirty's mark for "every customer" (a whole notebook written)
SETTINGS = -1  # … for "an outreach setting or a tag's cadence changed"
MADE_WITH = "agenda.made_with"  # the setting row noting the settings the agendas were made with
CALENDAR = "calendar"  # the kind of the rows that hold the Calendar screen's occasions


def today() -> date:
    """The day stored agendas are worked out from: the computer's date (a benchmark of a
    fixed day sets its own with :func:`set_clock`)."""
    return _clock()


def set_clock(clock: Callable[[], date]) -> None:
    global _clock
    _clock = clock


@contextmanager
def reporting(progress: Callable[[int, int], None]) -> Iterator[None]:
    """Within the block, on this thread, ``progress(done, total)`` hears of each thousand
    customers worked out (a setting changed works out everyone)."""
    before = getattr(_listener, "progress", None)
    _listener.progress = progress
    try:
        yield
    finally:
        _listener.progress = before


# --- keeping the agendas true ---------------------------------------------------------------

def mark_everyone() -> None:
    """Mark every customer's agenda stale, inside the caller's transaction (a whole notebook
    imported): its commit works them all out at once, and the triggers mark no one singly
    meanwhile."""
    if notebook_version() < AGENDA:
        return
    db.execute_sql("INSERT INTO agenda_dirty (customer_id) SELECT 0 WHERE NOT EXISTS "
                   "(SELECT 1 FROM agenda_dirty WHERE customer_id = 0)")


def flush() -> None:
    """Work out again the agendas this transaction's writes made stale, in it: storage.db
    calls this before each writing transaction commits."""
    try:
        marked = [cid for (cid,) in db.execute_sql("SELECT customer_id FROM agenda_dirty")]
    except OperationalError:  # a notebook being restored from an older backup, unmigrated
        return
    if not marked:
        return
    progress = getattr(_listener, "progress", None)
    if EVERYONE in marked or (SETTINGS in marked and not _fits(_load_settings(), noted=True)):
        rebuild(None, today(), progress=progress)
    elif ids := [cid for cid in marked if cid > 0]:  # a setting only the policy reads: no more
        rebuild(ids, today(), progress=progress)
    db.execute_sql("DELETE FROM agenda_dirty")


CHUNK = 2000  # customers worked out and stored at a time: memory stays flat at 200,000


def rebuild(ids: Collection[int] | None, day: date, settings: Settings | None = None,
            progress: Callable[[int, int], None] | None = None) -> int:
    """Work out and store the agendas of ``ids`` (None: everyone) from ``day``, CHUNK
    customers at a time; the number worked out. ``progress(done, total)`` hears of each
    chunk."""
    settings = settings or _load_settings()
    con = db.connection()
    if ids is None:  # everyone: the indexes are built once after, not row by row (3.9 → 1.2 s)
        wanted = [cid for (cid,) in con.execute("SELECT id FROM customer ORDER BY id")]
        for index in AgendaEntry._meta.indexes:  # type: ignore[attr-defined]
            con.execute(f"DROP INDEX IF EXISTS {index._name}")
        con.execute("DELETE FROM agenda")
        con.execute("DELETE FROM agenda_customer")
    else:
        wanted = sorted(ids)
        gone = json.dumps(wanted)
        con.execute("DELETE FROM agenda WHERE customer_id IN (SELECT value FROM json_each(?))",
                    (gone,))
        con.execute("DELETE FROM agenda_customer WHERE customer_id IN "
                    "(SELECT value FROM json_each(?))", (gone,))
    done = 0
    for start in range(0, len(wanted), CHUNK):
        found = _agendas(day, settings, wanted[start:start + CHUNK])
        _store(con, found, settings.cap_touches)
        done += len(found)
        if progress is not None:
            progress(min(start + CHUNK, len(wanted)), len(wanted))
    if ids is None:
        AgendaEntry._schema.create_indexes(safe=True)  # type: ignore[attr-defined]
        con.execute("INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) "
                    "DO UPDATE SET value = excluded.value", (MADE_WITH, _settings_json(settings)))
    return done


def _settings_json(settings: Settings) -> str:
    return json.dumps({**settings.to_dict(), "tag_cadences": settings.tag_cadences},
                      sort_keys=True)


def _made_with() -> Settings | None:
    """The settings the stored agendas were worked out with, as the last full rebuild noted
    them; None when none did (every agenda then was worked out with the stored settings: a
    change of them since would have rebuilt everyone and noted them)."""
    row = db.execute_sql("SELECT value FROM setting WHERE key = ?", (MADE_WITH,)).fetchone()
    if row is None:
        return None
    try:
        values = json.loads(row[0])
        return Settings.from_dict(values, values.get("tag_cadences") or {})
    except (ValueError, AttributeError, TypeError):
        return None


def _agendas(day: date, settings: Settings, ids: Collection[int] | None) -> list[Agenda]:
    """The agendas of ``ids`` (None: everyone) worked out from ``day``."""
    book = agenda_input.contacts(day, settings, ids)
    ctx = Context(day, settings, book)
    wanted = book.keys() if ids is None else book.keys() & set(ids)
    return [agenda_of(book[cid], ctx) for cid in sorted(wanted)]


def _store(con: sqlite3.Connection, found: Iterable[Agenda], cap: int) -> None:
    found = list(found)
    con.executemany(
        "INSERT INTO agenda_customer (customer_id, as_of, until, last_touch, touches, losses, "
        "lifetime_cents) VALUES (?,?,?,?,?,?,?)",
        [(a.customer_id, a.as_of.isoformat(), a.until.isoformat(),
          a.last_touch.isoformat() if a.last_touch else None,
          ",".join(d.isoformat() for d in a.touches), ",".join(d.isoformat() for d in a.losses),
          a.lifetime_cents) for a in found])
    con.executemany(
        "INSERT INTO agenda (customer_id, kind, key, due, shows_from, shows_until, channel, "
        "every, milestone_kind, detail, rank, kth_touch, quiet) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [(e.customer_id, e.kind, e.key, e.due.isoformat(), e.shows_from.isoformat(),
          e.shows_until.isoformat(), e.channel, e.every, e.milestone_kind, _detail(e),
          a.lifetime_cents, _kth(a, cap), bool(a.losses))
         for a in found for e in a.entries]
        + [(o.customer_id, CALENDAR, o.key, o.when.isoformat(), date.min.isoformat(),
            o.when.isoformat(), None, 0, o.kind,
            _joined(o.customer, o.title, o.detail), 0, None, False)
           for a in found for o in a.calendar])


def _kth(a: Agenda, cap: int) -> str | None:
    """The day of the customer's ``cap``-th latest touch (None: fewer touches)."""
    return a.touches[cap - 1].isoformat() if 0 < cap <= len(a.touches) else None


# One encoder for every entry: json.dumps with options builds a new one per call (a third of
# what storing 50,000 customers' entries cost).
_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _detail(e: Entry) -> str:
    """What only an entry's words need, as JSON."""
    return _encode([e.customer, list(e.words), e.title, e.occasion, e.source_id,
                    e.due_time.isoformat("minutes") if e.due_time else None])


# --- reading a day --------------------------------------------------------------------------

def plan(day: date, settings: Settings, states: dict[str, State],
         now: datetime | None = None) -> TodayQueue:
    """The Today plan for ``day``: the stored entries due by its horizon, and the agendas of
    those customers the stored ones cannot answer for worked out on the spot."""
    if notebook_version() < AGENDA or not _fits(settings):
        return plan_day(_agendas(day, settings, None), day, settings, states, now)
    _roll_forward(day)
    with db.reading():
        marked = {cid for (cid,) in db.execute_sql("SELECT customer_id FROM agenda_dirty")}
        if EVERYONE in marked:
            return plan_day(_agendas(day, settings, None), day, settings, states, now)
        stale = marked | _stale(day)
        ctx = Context(day, settings, now=now)
        found, plain = _read(ctx, stale, _nudged(states))
        fresh = _agendas(day, settings, stale) if stale else []
        return plan_day([*found, *fresh], day, settings, states, now, plain, _by_rowid)


def _nudged(states: dict[str, State]) -> set[int]:
    """Customers with a snooze or dismissal of a nudge (their nudges are not plain)."""
    found = set()
    for key in states:
        kind, _, rest = key.partition(":")
        number = rest.partition(":")[0]
        if kind in NUDGES and number.isdigit():
            found.add(int(number))
    return found


def _fits(settings: Settings, noted: bool = False) -> bool:
    """Whether the stored agendas answer for ``settings``: made with the same settings but for
    what only the day's policy reads (a shorter window, the capacity, the cap's days, the quiet
    time). Saving such a setting works no one out again. ``noted``: only if the settings they
    were made with are noted (a setting just saved: the stored ones are the new ones)."""
    stored = _made_with()
    if stored is None:
        if noted:
            return False
        stored = _load_settings()
    if settings == stored:
        return True
    def shape(s: Settings) -> Settings:
        return replace(s, queue_days=0, daily_capacity=0, cap_days=0, sympathy_quiet_days=0,
                       cap_touches=0)

    return (settings.queue_days <= stored.queue_days
            and settings.cap_touches == stored.cap_touches and shape(settings) == shape(stored))


def _roll_forward(day: date) -> None:
    """On the computer's day, in a notebook this Rapport writes, store the agendas that no
    longer hold (a birthday passed, a touch dated ahead came due) before reading them."""
    info = current_notebook()
    if info is None or info.read_only or db.in_transaction() or day != today():
        return
    stale = _stale(day)
    pending = db.execute_sql("SELECT 1 FROM agenda_dirty LIMIT 1").fetchone()
    if stale or pending:
        with db.atomic():  # its commit works them out (flush)
            db.connection().executemany(
                "INSERT OR IGNORE INTO agenda_dirty (customer_id) VALUES (?)",
                [(cid,) for cid in stale])


def _stale(day: date) -> set[int]:
    """Customers whose stored agenda does not hold on ``day``, or who have none: most days
    none, known from two index ends and two counts without reading the rows."""
    iso = day.isoformat()
    first_until, last_as_of, kept = db.execute_sql(
        "SELECT (SELECT min(until) FROM agenda_customer), "
        "(SELECT max(as_of) FROM agenda_customer), "
        "(SELECT count(*) FROM agenda_customer)").fetchone()
    if kept and first_until >= iso and last_as_of <= iso and kept == db.execute_sql(
            "SELECT count(*) FROM customer").fetchone()[0]:
        return set()
    return {cid for (cid,) in db.execute_sql(
        "SELECT customer_id FROM agenda_customer WHERE as_of > ? OR until < ? "
        "UNION ALL SELECT id FROM customer WHERE id NOT IN "
        "(SELECT customer_id FROM agenda_customer)", (iso, iso))}


_OTHERS = ("WHERE kind IN ({kinds}) AND due <= :horizon AND shows_from <= :day "
           "AND shows_until >= :day")
# From the covering index alone, one row a customer (their we-miss-you when they are due
# both): 42,000 customers of a 50,000-customer notebook in 0.08 s, where SQLite's own choice
# (agenda_due, then each row) took 0.25 s.
_NUDGES = """
SELECT rowid, customer_id, due, rank, kth_touch, quiet, max(kind = 'lapsed')
FROM agenda INDEXED BY agenda_nudges
WHERE kind IN ('keep_in_touch', 'lapsed') AND due <= :horizon GROUP BY customer_id
"""
_HEADERS = """
SELECT customer_id, as_of, until, last_touch, touches, losses, lifetime_cents
FROM agenda_customer WHERE customer_id IN (SELECT value FROM json_each(:ids))
"""
_ROWS = ("SELECT rowid, customer_id, kind, key, due, shows_from, shows_until, channel, every, "
         "milestone_kind, detail FROM agenda ")


def _read(ctx: Context, skip: set[int], held: set[int]) -> tuple[list[Agenda], list[Waiting]]:
    """The stored agendas for ``ctx.today`` (but of ``skip``): those of the customers the day's
    policy must see whole, with their entries that show that day; and the nudges of the plain
    customers it settles by their row alone (domain.outreach.queue.plain_nudge). ``held``:
    customers with a snoozed or dismissed nudge, never plain."""
    params = {"day": ctx.today.isoformat(), "horizon": ctx.horizon.isoformat()}
    kinds = ",".join(f"'{k}'" for k in KINDS if k not in NUDGES)  # names fixed in the code
    entries: dict[int, list[Entry]] = {}
    for row in db.execute_sql(_ROWS + _OTHERS.format(kinds=kinds), params):
        if row[1] not in skip:
            entries.setdefault(row[1], []).append(_stored(row))
    rows = db.execute_sql(_NUDGES, params).fetchall()
    special = skip | held | entries.keys()
    whole = [r[1] for r in rows if (r[5] or r[1] in special) and r[1] not in skip]
    plain = plain_nudges([(due, spent, cid, kth, rowid) for rowid, cid, due, spent, kth, quiet, _
                          in rows if not quiet and cid not in special], ctx)
    for row in db.execute_sql(_ROWS + "WHERE customer_id IN (SELECT value FROM json_each(?)) "
                              "AND kind IN ('keep_in_touch', 'lapsed') AND due <= ?",
                              (json.dumps(whole), params["horizon"])):
        entries.setdefault(row[1], []).append(_stored(row))
    return _whole(entries), plain


def _whole(entries: dict[int, list[Entry]]) -> list[Agenda]:
    """The agendas of the customers in ``entries``, with those entries."""
    fromiso = date.fromisoformat
    found = []
    for cid, as_of, until, last, touches, losses, spent in db.execute_sql(
            _HEADERS, {"ids": json.dumps(sorted(entries))}):
        found.append(Agenda(
            cid, entries[cid], fromiso(as_of), fromiso(until), fromiso(last) if last else None,
            tuple(fromiso(t) for t in touches.split(",")) if touches else (),
            tuple(fromiso(t) for t in losses.split(",")) if losses else (), spent))
    return found


def _by_rowid(rowid: object) -> Entry:
    """One stored entry, read whole."""
    return _stored(db.execute_sql(_ROWS + "WHERE rowid = ?", (rowid,)).fetchone())


def _stored(row: tuple) -> Entry:
    _rowid, cid, kind, key, due, start, end, channel, every, about, detail = row
    fromiso = date.fromisoformat
    e = _Stored(cid, "", kind, fromiso(due), channel, key, fromiso(start), fromiso(end))
    e.every, e.milestone_kind, e.detail = every, about, detail
    return e


class _Stored(Entry):
    """An entry as stored: its words read from the JSON only when it is worded (most of a
    large notebook's nudges never are)."""

    __slots__ = ("detail",)
    detail: str

    def complete(self) -> None:
        if not self.detail:
            return
        self.customer, words, self.title, self.occasion, self.source_id, due_time = \
            json.loads(self.detail)
        self.words = tuple(words)
        self.due_time = time.fromisoformat(due_time) if due_time else None
        self.detail = ""


# --- the calendar ---------------------------------------------------------------------------

# The customers whose agendas do not hold on the day are known already (_stale): no join.
_CALENDAR = """
SELECT customer_id, key, due, milestone_kind, detail FROM agenda
WHERE kind = 'calendar' AND due BETWEEN :day AND :end
"""


def calendar(day: date, end: date) -> list[CalendarEntry]:
    """The occasions from ``day`` to ``end``, by date then customer: the stored ones, and
    those of the customers the stored agendas cannot answer for worked out on the spot."""
    if notebook_version() < AGENDA or (end - day).days > CALENDAR_DAYS:
        return _calendar_of(day, end, None)
    with db.reading():
        marked = {cid for (cid,) in db.execute_sql("SELECT customer_id FROM agenda_dirty")}
        if EVERYONE in marked:
            return _calendar_of(day, end, None)
        stale = marked | _stale(day)
        fromiso = date.fromisoformat
        new = tuple.__new__  # skips the named tuple's Python-level constructor
        found = [new(CalendarEntry, (fromiso(when), cid, *_words(detail, kind), key))
                 for cid, key, when, kind, detail in db.execute_sql(
                     _CALENDAR, {"day": day.isoformat(), "end": end.isoformat()})
                 if cid not in stale]
        if stale:
            found += _calendar_of(day, end, stale)
    return sorted(found, key=lambda e: (e.when, e.customer.casefold(), e.title, e.key))


_SEP = "\x1f"  # ASCII's unit separator: a calendar row's words, cheaper to split than JSON


def _joined(*words: str) -> str:
    return _SEP.join(w.replace(_SEP, " ") for w in words)


def _words(detail: str, kind: str) -> tuple[str, str, str, str]:
    customer, title, years = detail.split(_SEP)
    return customer, kind, title, years


def _calendar_of(day: date, end: date, ids: Collection[int] | None) -> list[CalendarEntry]:
    book = agenda_input.contacts(day, _load_settings(), ids)
    wanted = book.values() if ids is None else [book[c] for c in ids if c in book]
    return upcoming([c for c in wanted if not c.status], day, (end - day).days)


def _load_settings() -> Settings:
    from storage.outreach import load_settings  # late: storage.outreach reads the agenda

    return load_settings()
