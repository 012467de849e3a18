"""Each customer's agenda, kept in the notebook: Today as one indexed read.

The rules (domain.outreach.rules) work out what each customer is due and when, as agenda
entries that hold for days (domain.outreach.agenda). They are stored here, in ``agenda`` and
``agenda_customer``, and kept true by one mechanism: triggers mark the customers a write
touches in ``agenda_dirty`` (storage.migrations), and :func:`flush` works their agendas out
again before the writing transaction commits (storage.db calls it), in that transaction. A
setting changed works out again only the rules that read it (storage.agenda_rework), or
nothing when only what the day's policy reads changed (:func:`fits`). Today and Calendar read
them in storage.agenda_read.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from typing import Any

from peewee import OperationalError

from domain.outreach import Context, Settings
from domain.outreach.agenda import Agenda, agenda_of
from domain.outreach.entries import Entry
from domain.outreach.rules import POLICY
from domain.outreach.schedule import DayText, iso
from storage import agenda_input, collector
from storage.db import db, notebook_version
from storage.migrations import AGENDA
from storage.models import AgendaCustomer, AgendaEntry

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
    ids = [cid for cid in marked if cid > 0]
    if EVERYONE in marked or (SETTINGS in marked and not fits(stored_settings(), noted=True)):
        from storage import agenda_rework  # late: it builds on this module

        rules = None if EVERYONE in marked else agenda_rework.rules_changed(stored_settings())
        if rules is None:
            rebuild(None, today(), progress=progress)
        else:
            agenda_rework.rework(rules, today(), ids, progress=progress)
        _to_tell(None)
    elif ids:  # a setting only the policy reads: no more
        rebuild(ids, today(), progress=progress)
        _to_tell(ids)
    db.execute_sql("DELETE FROM agenda_dirty")


# Who hears whose agendas were worked out again (None: everyone's): storage.agenda_read, which
# keeps the day's plan and plans only those customers again. Told once the write is committed
# (storage.db), so that a read on another thread that hears it sees the write.
listeners: list[Callable[[Collection[int] | None], None]] = []
_untold = threading.local()  # this thread's transaction's worked-out customers, until commit


def _to_tell(ids: Collection[int] | None) -> None:
    before = getattr(_untold, "ids", ())
    _untold.ids = None if ids is None or before is None else {*before, *ids}


def told() -> None:
    """The write is committed: tell the listeners whose agendas it worked out (a write rolled
    back tells them at the next commit: they read those customers again, for nothing)."""
    ids = getattr(_untold, "ids", ())
    if ids == ():
        return
    _untold.ids = ()
    for hear in listeners:
        hear(ids)


CHUNK = 2000  # customers worked out and stored at a time: memory stays flat at 200,000
# The tables the agendas are stored in, whose indexes everyone's rebuild builds once after the
# rows (agenda_customer's two: 50,000 rows 0.105 → 0.072 s).
_STORED: tuple[Any, ...] = (AgendaEntry, AgendaCustomer)  # peewee's _meta is untyped


def rebuild(ids: Collection[int] | None, day: date, settings: Settings | None = None,
            progress: Callable[[int, int], None] | None = None) -> int:
    """Work out and store the agendas of ``ids`` (None: everyone) from ``day``, CHUNK
    customers at a time; the number worked out. ``progress(done, total)`` hears of each
    chunk."""
    settings = settings or stored_settings()
    with collector.paused():
        return _rebuild(ids, day, settings, progress)


def _rebuild(ids: Collection[int] | None, day: date, settings: Settings,
             progress: Callable[[int, int], None] | None) -> int:
    con = db.connection()
    if ids is None:  # everyone: the indexes are built once after, not row by row (3.9 → 1.2 s)
        wanted = [cid for (cid,) in con.execute("SELECT id FROM customer ORDER BY id")]
        for model in _STORED:
            for index in model._meta.indexes:
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
        chunk = wanted[start:start + CHUNK]
        span = None if ids is not None else (chunk[0], chunk[-1])  # everyone: by id range
        found = agendas_of(day, settings, chunk if span is None else None, span)
        _store(con, found, settings.cap_touches)
        done += len(found)
        if progress is not None:
            progress(min(start + CHUNK, len(wanted)), len(wanted))
    if ids is None:
        for model in _STORED:
            model._schema.create_indexes(safe=True)
        _note(con, settings)
    return done


_COLUMNS = ("customer_id, kind, key, due, shows_from, shows_until, channel, every, "
            "milestone_kind, detail, rank, kth_touch, quiet")


def _note(con: sqlite3.Connection, settings: Settings) -> None:
    """Note the settings the stored agendas are made with (:func:`fits`)."""
    con.execute("INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) "
                "DO UPDATE SET value = excluded.value", (MADE_WITH, _settings_json(settings)))


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


def agendas_of(day: date, settings: Settings, ids: Collection[int] | None,
               span: tuple[int, int] | None = None) -> list[Agenda]:
    """The agendas of ``ids`` (None: everyone), or of the customers numbered ``span``'s first
    to last, worked out from ``day`` (the book holds whom they referred besides)."""
    book = agenda_input.contacts(day, settings, ids, span)
    ctx = Context(day, settings, book)
    if span is not None:
        wanted = [cid for cid in book if span[0] <= cid <= span[1]]
    else:
        wanted = list(book.keys() if ids is None else book.keys() & set(ids))
    return [agenda_of(book[cid], ctx) for cid in sorted(wanted)]


def _store(con: sqlite3.Connection, found: Iterable[Agenda], cap: int) -> None:
    found = list(found)
    con.executemany(
        "INSERT INTO agenda_customer (customer_id, as_of, until, last_touch, touches, losses, "
        "lifetime_cents) VALUES (?,?,?,?,?,?,?)",
        [(a.customer_id, iso[a.as_of], iso[a.until],
          iso[a.last_touch] if a.last_touch else None,
          ",".join([iso[d] for d in a.touches]), ",".join([iso[d] for d in a.losses]),
          a.lifetime_cents) for a in found])
    rows = []
    for a in found:
        # What every row of one customer shares, worked out once for all of them.
        rows += _rows(a.entries, a.lifetime_cents, _kth(a, cap), bool(a.losses), iso)
        rows += [(o.customer_id, CALENDAR, o.key, iso[o.when], _MIN, iso[o.when], None, 0,
                  o.kind, _joined(o.customer, o.title, o.detail), 0, None, False)
                 for o in a.calendar]
    _insert(con, rows)


def _rows(entries: list[Entry], rank: int, kth: str | None, quiet: bool,
          iso: _Days) -> list[tuple]:
    """One customer's entries as ``agenda`` rows (``rank``, ``kth``, ``quiet``: theirs)."""
    # _detail(e) written out: two calls fewer for each of 166,000 entries (50,000 agendas).
    join, chunks = "".join, _chunks
    return [(e.customer_id, e.kind, e.key, iso[e.due], iso[e.shows_from], iso[e.shows_until],
             e.channel, e.every, e.milestone_kind,
             join(chunks([e.customer, e.words, e.title, e.occasion, e.source_id,
                          e.due_time.isoformat("minutes") if e.due_time else None], 0)),
             rank, kth, quiet)
            for e in entries]


def _insert(con: sqlite3.Connection, rows: list[tuple]) -> None:
    con.executemany(f"INSERT INTO agenda ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    rows)


_Days = DayText  # date → its ISO text, each worked out once: 200,000 rows share a few hundred days


_MIN = date.min.isoformat()


def _kth(a: Agenda, cap: int) -> str | None:
    """The day of the customer's ``cap``-th latest touch (None: fewer touches)."""
    return iso[a.touches[cap - 1]] if 0 < cap <= len(a.touches) else None


def _encoder() -> Callable[[object, int], Iterable[str]]:
    """The pieces of JSON as ``json.dumps(value, ensure_ascii=False, separators=(",", ":"))``
    writes it, for ``(value, 0)``. The C encoder is made once, without the check for circular
    lists (an entry's detail holds plain values): built per call by json, it was 0.45 of 1.5 s
    storing 50,000 agendas."""
    options = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # a Python without json's C speedups
        return lambda value, _level: (options.encode(value),)
    return make(None, options.default, json.encoder.encode_basestring, None, ":", ",",
                False, False, True)


_chunks = _encoder()


def _encode(value: object) -> str:
    return "".join(_chunks(value, 0))


def _detail(e: Entry) -> str:
    """What only an entry's words need, as JSON."""
    return _encode([e.customer, e.words, e.title, e.occasion, e.source_id,
                    e.due_time.isoformat("minutes") if e.due_time else None])


# --- what the stored agendas answer for, and how a calendar row reads ------------------

def fits(settings: Settings, noted: bool = False) -> bool:
    """Whether the stored agendas answer for ``settings``: made with the same settings but for
    what only the day's policy reads (a shorter window, the capacity, the cap's days, the quiet
    time). Saving such a setting works no one out again. ``noted``: only if the settings they
    were made with are noted (a setting just saved: the stored ones are the new ones)."""
    stored = _made_with()
    if stored is None:
        if noted:
            return False
        stored = stored_settings()
    if settings == stored:
        return True
    zeros: dict[str, Any] = dict.fromkeys(POLICY, 0)

    def shape(s: Settings) -> Settings:  # what the stored agendas are made from
        return replace(s, **zeros)

    return settings.queue_days <= stored.queue_days and shape(settings) == shape(stored)


_SEP = "\x1f"  # ASCII's unit separator: a calendar row's words, cheaper to split than JSON


def _joined(*words: str) -> str:
    return _SEP.join(w.replace(_SEP, " ") for w in words)


def calendar_words(detail: str, kind: str) -> tuple[str, str, str, str]:
    customer, title, years = detail.split(_SEP)
    return customer, kind, title, years


def stored_settings() -> Settings:
    from storage.outreach import load_settings  # late: storage.outreach reads the agenda

    return load_settings()
