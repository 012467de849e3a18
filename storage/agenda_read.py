"""Today and Calendar read from the stored agendas (storage.agenda keeps them true).

Today is one indexed read: the occasions, thank-yous, promises and problems due by the day's
horizon (``agenda_due``), and the nudges from their covering index, most of them settled by
their row alone (domain.outreach.policy.plain_cap_from); the day's policy does the rest
(domain.outreach.queue.plan_day). Calendar reads the occasions stored beside them. What the
stored agendas cannot answer for (``_unanswered``) is worked out on the spot, and on the
computer's day stored first when this Rapport may write (``_roll_forward``).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime, time

from domain.outreach import NUDGES, Context, Settings, State, TodayQueue, plan_day
from domain.outreach.agenda import CALENDAR_DAYS, Agenda
from domain.outreach.entries import Entry
from domain.outreach.policy import Plain, keep_in_touch_stands_aside, plain_cap_from, plain_rank
from domain.outreach.queue import RESERVE, DayPlan
from domain.outreach.upcoming import CalendarEntry, in_order, upcoming
from storage import agenda_input
from storage.agenda import (
    CALENDAR,
    EVERYONE,
    agendas_of,
    calendar_words,
    fits,
    listeners,
    stored_settings,
    today,
)
from storage.agenda_sql import ROWS, SHOWN
from storage.db import current_notebook, db, notebook_version
from storage.handoff import fill_reach
from storage.migrations import AGENDA


def plan(day: date, settings: Settings, states: dict[str, State],
         now: datetime | None = None, keep: bool = True) -> TodayQueue:
    """The Today plan for ``day``: the stored entries due by its horizon, and the agendas of
    those customers the stored ones cannot answer for worked out on the spot. The plan is kept
    (:class:`_Kept`): asked again, only the customers changed since are planned again —
    unless ``keep`` is False (a command that asks once: what keeping needs is not read)."""
    if notebook_version() < AGENDA or not fits(settings):
        return _reached(plan_day(agendas_of(day, settings, None), day, settings, states, now))
    _roll_forward(day)
    with _planning:  # the Today count reads on the second worker
        told = _told  # before the read's snapshot: a write told of since may not be in it
        with db.reading():
            return _plan(day, settings, states, now, told if keep else None)


def _plan(day: date, settings: Settings, states: dict[str, State], now: datetime | None,
          told: int | None) -> TodayQueue:
    """:func:`plan` in its read transaction: the kept plan brought up to date, else the day
    read whole (and kept, unless a write was told of meanwhile or ``told`` is None)."""
    queue = _again(day, settings, states, now) if told is not None else None
    if queue is not None:
        return queue
    stale = _unanswered(day)
    if stale is None:
        return _reached(plan_day(agendas_of(day, settings, None), day, settings, states, now))
    ctx = Context(day, settings, now=now)
    found, plain = _read(ctx, stale, states, told is not None)
    fresh = agendas_of(day, settings, stale) if stale else []
    kept = DayPlan([*found, *fresh], day, settings, states, now, plain, _by_rowid)
    queue = kept.queue()
    fill_reach(kept.take_new())
    if told is not None:
        _keep(kept, stale, told)
    return queue


def _reached(queue: TodayQueue) -> TodayQueue:
    fill_reach(queue.suggestions)  # the number or address each one is handed off to
    return queue


@dataclass(slots=True)
class _Kept:
    """The day's plan last read, for the notebook open then: the customers whose agendas were
    worked out again since (storage.agenda tells), and those worked out on the spot for it."""

    notebook: object
    plan: DayPlan
    heard: set[int] = field(default_factory=set)
    spot: set[int] = field(default_factory=set)


_kept: _Kept | None = None
_told = 0  # writes told of (_heard), to know whether one came during a read
_keeping = threading.Lock()  # guards _kept: a write on any thread may tell (_heard)
_planning = threading.Lock()  # one thread plans the day at a time: the kept plan is shared


def _keep(plan: DayPlan, spot: set[int], told: int) -> None:
    """Keep ``plan``, read since ``told`` writes were told of: unless more were told since
    (its read may have missed them)."""
    global _kept
    with _keeping:
        _kept = _Kept(current_notebook(), plan, spot=spot) if told == _told else None


def _heard(ids: Collection[int] | None) -> None:
    """storage.agenda worked out ``ids``' agendas again (None: everyone's), committed."""
    global _kept, _told
    with _keeping:
        _told += 1
        if ids is None:
            _kept = None
        elif _kept is not None:
            _kept.heard.update(ids)


listeners.append(_heard)


def _again(day: date, settings: Settings, states: dict[str, State],
           now: datetime | None) -> TodayQueue | None:
    """The kept plan, brought up to date by planning again only the customers whose agendas,
    states or promised hours changed since; None when there is none for this notebook, day
    and settings. Every write of this Rapport's tells storage.agenda_read whose agendas it
    worked out (another Rapport cannot write the notebook while it is open here: the lock)."""
    with _keeping:
        kept = _kept
        if (kept is None or kept.notebook is not current_notebook() or kept.plan.today != day
                or kept.plan.settings != settings):
            return None
        heard, kept.heard = kept.heard, set()
    try:
        stale = _unanswered(day)
        if stale is None:
            return None
        changed = heard | stale | kept.spot | kept.plan.affected(states, now)
        kept.plan.update(changed, _agendas(day, settings, changed, stale), states, now)
        kept.spot = stale
        queue = kept.plan.queue()
        if kept.plan.stale:  # more of the best-ranked nudges acted on than it keeps
            return None
        fill_reach(kept.plan.take_new())  # those worded since: the others have theirs
        return queue
    except BaseException:  # half brought up to date: never read again
        _forget(kept)
        raise


def _forget(kept: _Kept) -> None:
    global _kept
    with _keeping:
        if _kept is kept:
            _kept = None


def _agendas(day: date, settings: Settings, ids: set[int], stale: set[int]) -> list[Agenda]:
    """The agendas of ``ids`` for ``day``: stored, or worked out on the spot for the ``stale``."""
    if not ids:
        return []
    entries: dict[int, list[Entry]] = {}
    for row in db.execute_sql(ROWS + "WHERE customer_id IN (SELECT value FROM json_each(?)) "
                              "AND kind != ?", (json.dumps(sorted(ids - stale)), CALENDAR)):
        entries.setdefault(row[1], []).append(_stored(row))
    spot = ids & stale
    return _whole(entries) + (agendas_of(day, settings, spot) if spot else [])


def _nudged(states: dict[str, State]) -> set[int]:
    """Customers with a snooze or dismissal of a nudge (their nudges are not plain)."""
    found = set()
    for key in states:
        kind, _, rest = key.partition(":")
        number = rest.partition(":")[0]
        if kind in NUDGES and number.isdigit():
            found.add(int(number))
    return found


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


def _unanswered(day: date) -> set[int] | None:
    """The customers the stored agendas cannot answer for on ``day`` (marked and not yet
    worked out, or whose agenda does not hold that day); None: nobody's can (everyone is
    marked, a notebook written whole and read before its agendas were worked out)."""
    marked = {cid for (cid,) in db.execute_sql("SELECT customer_id FROM agenda_dirty")}
    return None if EVERYONE in marked else marked | _stale(day)


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


# The nudges due by the horizon, one a customer — their we-miss-you when they are due both
# (it stands for both) — from the covering index alone; of them, the plain customers' (no
# loss, and none of the customers the day's policy must see whole), past the cap or not
# (domain.outreach.policy.plain_cap_from). SQLite ranks and counts them: at 50,000 customers
# the best ranked in 20 ms and the count in 36 ms, where turning their 43,000 rows into
# Python tuples to rank them there took 0.2 s.
_PLAIN = """
WITH nudge AS (
  SELECT rowid AS id, customer_id, due, rank, kth_touch, quiet FROM agenda INDEXED BY agenda_nudges
  WHERE kind IN ('keep_in_touch', 'lapsed') AND due <= :horizon
  AND (kind = 'lapsed' OR customer_id NOT IN (
    SELECT customer_id FROM agenda INDEXED BY agenda_nudges
    WHERE kind IN ('keep_in_touch', 'lapsed') AND kind = 'lapsed' AND due <= :horizon)))
SELECT {what} FROM nudge
WHERE NOT quiet AND (kth_touch IS NULL OR kth_touch < :cap_from)
AND customer_id NOT IN (SELECT value FROM json_each(:whole))
"""
# ... in the order of domain.outreach.policy.plain_rank
_BEST = _PLAIN.format(what="id, customer_id, due, rank") + (
    "ORDER BY due, rank DESC, customer_id LIMIT :keep")
_QUIET = """
SELECT DISTINCT customer_id FROM agenda INDEXED BY agenda_nudges
WHERE kind IN ('keep_in_touch', 'lapsed') AND due <= :horizon AND quiet
"""
_HEADERS = """
SELECT customer_id, as_of, until, last_touch, touches, losses, lifetime_cents
FROM agenda_customer WHERE customer_id IN (SELECT value FROM json_each(:ids))
"""
# A few thousand customers' nudges through their own index: 0.06 s at 50,000 customers, where
# SQLite's choice (every nudge due, by agenda_due, then its customer) took 0.25 s. Their
# keep-in-touch only for ``:keep`` (the others' could only give way to what else they have).
_WHOLE_NUDGES = ROWS + (
    "INDEXED BY agenda_customer_entries WHERE customer_id IN (SELECT value FROM json_each(:ids)) "
    "AND kind IN ('keep_in_touch', 'lapsed') AND due <= :horizon AND (kind = 'lapsed' "
    "OR customer_id IN (SELECT value FROM json_each(:keep)))")


def _read(ctx: Context, skip: set[int], states: dict[str, State],
          ids: bool = True) -> tuple[list[Agenda], Plain]:
    """The stored agendas for ``ctx.today`` (but of ``skip``): those of the customers the day's
    policy must see whole, with their entries that show that day (of their nudges, a
    keep-in-touch only when it may show: :func:`keep_in_touch_stands_aside`); and the nudges
    of the plain customers it settles by their row alone (domain.outreach.policy.
    plain_cap_from), the best ranked and their count — and every plain customer's id when
    ``ids`` (a plan kept). Customers with a snoozed or dismissed nudge are never plain."""
    params = {"day": ctx.today.isoformat(), "horizon": ctx.horizon.isoformat()}
    entries: dict[int, list[Entry]] = {}
    for row in db.execute_sql(SHOWN, params):
        if row[1] not in skip:
            entries.setdefault(row[1], []).append(_stored(row))
    held = _nudged(states) | {cid for (cid,) in db.execute_sql(_QUIET, params)}
    keep = held | {cid for cid, found in entries.items()
                   if not keep_in_touch_stands_aside([e.key for e in found], states)}
    whole = held | entries.keys()
    for row in db.execute_sql(_WHOLE_NUDGES, {
            "ids": json.dumps(sorted(whole - skip)), "horizon": params["horizon"],
            "keep": json.dumps(sorted(keep - skip))}):
        entries.setdefault(row[1], []).append(_stored(row))
    return _whole(entries), _plain(ctx, params, json.dumps(sorted(whole | skip)), ids)


def _plain(ctx: Context, day: dict[str, str], whole: str, ids: bool) -> Plain:
    """The plain customers' nudges: the best ranked (as many as a plan keeps), their count,
    and every plain customer's id when ``ids``."""
    cap_from = plain_cap_from(ctx)
    if cap_from is None:
        return Plain([], 0, [] if ids else None)
    params: dict[str, object] = {**day, "cap_from": cap_from.isoformat(), "whole": whole,
                                 "keep": max(ctx.settings.daily_capacity, 0) + RESERVE}
    fromiso = date.fromisoformat
    best = [(plain_rank(fromiso(due), spent, cid), rowid)
            for rowid, cid, due, spent in db.execute_sql(_BEST, params)]
    if ids:
        found = sorted(cid for (cid,) in db.execute_sql(
            _PLAIN.format(what="customer_id"), params))
        return Plain(best, len(found), found)
    (count,), = db.execute_sql(_PLAIN.format(what="count(*)"), params)
    return Plain(best, count)


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
    return _stored(db.execute_sql(ROWS + "WHERE rowid = ?", (rowid,)).fetchone())


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
        stale = _unanswered(day)
        if stale is None:
            return _calendar_of(day, end, None)
        fromiso = date.fromisoformat
        new = tuple.__new__  # skips the named tuple's Python-level constructor
        found = [new(CalendarEntry, (fromiso(when), cid, *calendar_words(detail, kind), key))
                 for cid, key, when, kind, detail in db.execute_sql(
                     _CALENDAR, {"day": day.isoformat(), "end": end.isoformat()})
                 if cid not in stale]
        if stale:
            found += _calendar_of(day, end, stale)
    return in_order(found)


def _calendar_of(day: date, end: date, ids: Collection[int] | None) -> list[CalendarEntry]:
    book = agenda_input.contacts(day, stored_settings(), ids)
    wanted = book.values() if ids is None else [book[c] for c in ids if c in book]
    return upcoming([c for c in wanted if not c.status], day, (end - day).days)
