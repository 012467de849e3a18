"""The Today queue from the notebook: the engine's input in a handful of grouped queries,
snooze and dismiss, acting on a suggestion, the owner's outreach settings, the calendar.

The gathering reads only what the rules ask for, never whole timelines: each customer's row
with their latest few touches (one index seek each), the channels the notebook can reach them
on, the first and latest purchase days, milestones in the look-ahead window (the indexed
day_of_year column), open promises due soon, open or lately resolved problems. The number of
queries does not grow with the number of customers.
"""

from __future__ import annotations

import gc
import json
from collections import defaultdict
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from functools import cache

from domain.dates import PartialDate
from domain.model import (
    CHANNEL_INTERACTION,
    CHANNELS,
    Fact,
    Interaction,
    Milestone,
    Problem,
    ProblemUpdate,
    Promise,
    display_name,
)
from domain.outreach import Contact, Settings, State, Suggestion, Touch, build_queue
from domain.outreach.history import ROTATION_MEMORY
from domain.outreach.schedule import day_ranges, days_of_year, lookahead_days
from domain.outreach.upcoming import CalendarEntry, upcoming
from storage import timeline
from storage.db import db

SETTING_PREFIX = "outreach."
_fromiso = date.fromisoformat
_new_tuple = tuple.__new__

# --- the queue ------------------------------------------------------------------------------


def today_queue(today: date, settings: Settings | None = None) -> list[Suggestion]:
    """The Today queue for ``today``: overdue, due today and due this week."""
    settings = settings or load_settings()
    with _no_cycle_collection():
        return _queue(today, settings)


def _queue(today: date, settings: Settings) -> list[Suggestion]:
    # The customers die when this returns, before the cycle collector is back.
    with db.atomic():  # one consistent snapshot while the window may be writing
        contacts = gather(today, settings)
        states = load_states(today)
    return build_queue(contacts, today, settings, states)


@contextmanager
def _no_cycle_collection():
    """Pause the cycle collector while 50,000 customers become objects: it would otherwise
    rescan the growing heap again and again (measured: a tenth to a quarter of the time), and
    nothing here makes cycles."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def gather(today: date, settings: Settings) -> list[Contact]:
    """Every customer as the engine sees them on ``today`` (see the module docstring)."""
    book = _customers(today, max(ROTATION_MEMORY, settings.cap_touches + 1))
    _add_tags(book)
    _add_purchases(book, today, today + timedelta(days=settings.queue_days
                                                  - settings.lapse_min_days))
    start = today - timedelta(days=max(settings.recent_milestone_days,
                                       settings.sympathy_window_days))
    end = today + timedelta(days=lookahead_days(settings))
    _add_milestones(book, start, end)
    _add_family(book, today, end, start)
    _add_promises(book, today + timedelta(days=settings.queue_days))
    _add_problems(book, today - timedelta(days=settings.patience_window_days))
    return list(book.values())


# The latest touches of each customer ride along with the customer row: one index seek each
# (interaction_customer), instead of grouping every interaction in the notebook.
_CUSTOMERS = """
SELECT c.id, c.given_name, c.family_name, c.preferred_name, c.company, c.cadence_days,
       coalesce(c.customer_since, substr(c.created, 1, 10)), c.preferred_channels,
       c.do_not_contact, c.referred_by,
       (SELECT group_concat(touch, ';') FROM (
            SELECT date || '|' || kind || '|' || coalesce(channel, '') AS touch
            FROM interaction WHERE customer_id = c.id AND kind != 'note' AND date <= :today
            ORDER BY date DESC, id DESC LIMIT :latest))
FROM customer c
"""
_REACHABLE = {
    "email": "SELECT DISTINCT customer_id FROM email",
    "phone": "SELECT DISTINCT customer_id FROM phone",
    "mail": "SELECT DISTINCT customer_id FROM address WHERE street != '' OR city != '' "
            "OR region != '' OR postal_code != '' OR country != ''",
}


def _customers(today: date, latest: int, where: str = "") -> dict[int, Contact]:
    """Customers with their latest ``latest`` touches and the channels they can be reached on."""
    has = {ch: {r[0] for r in db.execute_sql(sql)} for ch, sql in _REACHABLE.items()}
    rows = db.execute_sql(_CUSTOMERS + where, {"today": today.isoformat(), "latest": latest})
    return {r[0]: _contact(r, has) for r in rows}


def _contact(r: tuple, has: dict[str, set[int]]) -> Contact:
    cid, given, family, preferred, company = r[:5]
    reachable = _reach(cid in has["email"], cid in has["phone"], cid in has["mail"])
    return Contact(
        cid, display_name(given, family, preferred, company),
        preferred or given or family or company, _date(r[6]), r[5], (),
        _split(r[7]), _split(r[8]), reachable, r[9], _touches(r[10]))


@cache
def _reach(email: bool, phone: bool, mail: bool) -> frozenset[str]:
    found = {"visit"}
    found |= {"email"} if email else set()
    found |= {"phone", "text"} if phone else set()
    found |= {"mail"} if mail else set()
    return frozenset(found)


def _touches(text: str | None) -> list[Touch]:
    """ "2026-09-20|call|phone;…" → touches, newest first."""
    if not text:
        return []
    out = []
    for part in text.split(";"):
        day, kind, channel = part.split("|")
        # tuple.__new__ skips the named tuple's Python-level constructor: 200,000 of them.
        out.append(_new_tuple(Touch, (_fromiso(day), kind, channel or None)))
    return out


def _add_tags(book: dict[int, Contact]) -> None:
    """Only tags that carry a cadence matter to the rules."""
    tags: dict[int, list[str]] = defaultdict(list)
    for cid, name in db.execute_sql(
            "SELECT t.customer_id, t.name FROM tag t JOIN tag_setting s ON s.name = t.name "
            "WHERE s.cadence_days > 0"):
        tags[cid].append(name)
    for cid, names in tags.items():
        if cid in book:
            book[cid].tags = tuple(names)


_PURCHASES = """
SELECT customer_id, min(date), max(date),
       CASE WHEN max(date) <= :lapse_by THEN group_concat(date) END
FROM purchase WHERE date <= :today GROUP BY customer_id
"""


def _add_purchases(book: dict[int, Contact], today: date, lapse_by: date) -> None:
    """Purchase days. The rules use the first and the last, and the usual gap (the latest
    thirteen days) only of a customer whose last purchase is old enough to have lapsed: the
    others get their first and last day alone, which cannot add up to a lapse."""
    for cid, first, last, days in db.execute_sql(
            _PURCHASES, {"today": today.isoformat(), "lapse_by": lapse_by.isoformat()}):
        c = book.get(cid)
        if c is None:
            continue
        if days is None:
            c.purchases = [_fromiso(first)] if first == last else [_fromiso(first),
                                                                   _fromiso(last)]
            continue
        parts = days.split(",")
        if len(parts) > 14:
            parts = sorted(set(parts))
            parts = [parts[0], *parts[-13:]]
        c.purchases = [_fromiso(d) for d in parts]  # the engine puts them in order


def _window(start: date, end: date) -> str:
    """SQL over milestone rows for the days ``start``..``end`` (indexed, wraps at New Year).

    The bounds are numbers worked out here, so they are written into the SQL.
    """
    runs = day_ranges(start, end)
    return "(" + (" OR ".join(f"day_of_year BETWEEN {a:d} AND {b:d}" for a, b in runs)
                  or "0") + ")"


_MILESTONES = ("SELECT customer_id, kind, month, day, year, whose, yearly, note, id "
               "FROM milestone WHERE ")


def _add_milestones(book: dict[int, Contact], start: date, end: date) -> None:
    """Milestones in the window, bereavements (the sympathy rule looks back) and recorded
    customer anniversaries (they replace the one derived from the first purchase)."""
    window = _window(start, end)
    rows = db.execute_sql(
        _MILESTONES + window + " UNION ALL " + _MILESTONES + "NOT " + window +
        " AND (kind = 'bereavement' OR (kind = 'customer_anniversary' AND whose = ''))")
    for cid, kind, month, day, year, whose, yearly, note, mid in rows:
        _attach(book, cid, "milestones",
                Milestone(kind, PartialDate(month, day, year), whose, bool(yearly), note, mid))


def _month_days(start: date, end: date) -> str:
    """SQL list of "MM-DD" for the window, as fact birthdays end ("--04-12", "2018-04-12")."""
    jan1 = date(2000, 1, 1)
    days = [f"'{jan1 + timedelta(days=n - 1):%m-%d}'" for n in days_of_year(start, end)]
    return "(" + ",".join(days) + ")"


def _add_family(book: dict[int, Contact], today: date, end: date, start: date) -> None:
    """Family members and pets: those with a birthday in the window, and those of customers
    with a milestone of someone (for "Ella's birthday (Maria's daughter)")."""
    rows = db.execute_sql(
        "SELECT customer_id, kind, value, relation, birthday, id FROM fact "
        f"WHERE kind IN ('family', 'pet') AND (substr(birthday, -5) IN {_month_days(today, end)}"
        " OR customer_id IN (SELECT customer_id FROM milestone WHERE whose != '' AND "
        f"({_window(start, end)} OR kind = 'bereavement')))")
    for cid, kind, value, relation, birthday, fid in rows:
        _attach(book, cid, "family", Fact(kind, value, _partial(birthday), relation, fid))


def _add_promises(book: dict[int, Contact], horizon: date) -> None:
    """Open promises due by the end of the queue's window (the status index finds them)."""
    until = (horizon + timedelta(days=1)).isoformat()
    for pid, cid, made, due, what, status in db.execute_sql(
            "SELECT id, customer_id, made, due, what, status FROM promise "
            "WHERE status = 'open' AND due < ?", (until,)):
        _attach(book, cid, "promises", Promise(date.fromisoformat(made),
                                               datetime.fromisoformat(due), what, status, pid,
                                               cid))


def _add_problems(book: dict[int, Contact], resolved_since: date) -> None:
    """Open problems with their last update; problems resolved lately (thanks for patience)."""
    for pid, cid, opened, summary, waiting, status, resolved, last in db.execute_sql(
            "SELECT p.id, p.customer_id, p.opened, p.summary, p.waiting_on, p.status, "
            "p.resolved, (SELECT max(date) FROM problem_update WHERE problem_id = p.id) "
            "FROM problem p WHERE p.status = 'open' OR p.resolved >= ?",
            (resolved_since.isoformat(),)):
        updates = [ProblemUpdate(date.fromisoformat(last), "")] if last else []
        _attach(book, cid, "problems", Problem(date.fromisoformat(opened), summary, status,
                                               _date(resolved), waiting, updates, pid, cid))


def _attach(book: dict[int, Contact], cid: int, name: str, item: object) -> None:
    """Add ``item`` to one of the customer's sequences (empty tuples until the first one)."""
    c = book.get(cid)
    if c is not None:
        setattr(c, name, [*getattr(c, name), item])


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


def _partial(text: str | None) -> PartialDate | None:
    try:
        return PartialDate.parse(text) if text else None
    except ValueError:
        return None  # a birthday typed badly elsewhere is not worth losing the queue over


def _split(text: str) -> tuple[str, ...]:
    return tuple([c for c in text.split(",") if c]) if text else ()


# --- snooze, dismiss, act -------------------------------------------------------------------


def load_states(today: date) -> dict[str, State]:
    """Keys that are dismissed, or snoozed past ``today``."""
    rows = db.execute_sql("SELECT key, snoozed_until, dismissed FROM suggestion_state "
                          "WHERE dismissed = 1 OR snoozed_until > ?", (today.isoformat(),))
    return {key: State(_date(until), bool(dismissed)) for key, until, dismissed in rows}


_UPSERT = ("INSERT INTO suggestion_state (customer_id, key, snoozed_until, dismissed) "
           "VALUES (?, ?, ?, ?) ON CONFLICT (customer_id, key) DO UPDATE SET "
           "snoozed_until = excluded.snoozed_until, dismissed = excluded.dismissed")


def _set_state(s: Suggestion, until: date | None, dismissed: bool) -> None:
    db.execute_sql(_UPSERT, (s.customer_id, s.key, until.isoformat() if until else None,
                             int(dismissed)))


def snooze(s: Suggestion, until: date) -> None:
    """Hide ``s`` until ``until``; it shows again on that day."""
    with db.atomic():
        _set_state(s, until, False)


def dismiss(s: Suggestion) -> None:
    """Hide this occurrence of ``s`` for good (next year's birthday still comes)."""
    with db.atomic():
        _set_state(s, None, True)


def restore(s: Suggestion) -> None:
    """Undo a snooze or dismiss: ``s`` shows again when its rule says so."""
    with db.atomic():
        db.execute_sql("DELETE FROM suggestion_state WHERE customer_id = ? AND key = ?",
                       (s.customer_id, s.key))


# What the timeline says when the owner acts without writing a note.
_DONE = {"promise_due": "Promise kept", "problem_follow_up": "Followed up on the problem"}


def act_on(s: Suggestion, channel: str, note: str, today: date) -> Interaction:
    """Log the touch and mark ``s`` handled, in one transaction; keep a promise, note a
    problem's follow-up. Returns the interaction logged."""
    if channel not in CHANNELS:
        raise ValueError(f"{channel!r} is not a channel ({', '.join(CHANNELS)})")
    summary = note.strip() or _DONE.get(s.kind, s.title)
    with db.atomic():
        done = timeline.log_touch(
            s.customer_id, Interaction(today, CHANNEL_INTERACTION[channel], summary, channel))
        _set_state(s, None, True)
        _settle(s, summary, today)
    return done


def _settle(s: Suggestion, summary: str, today: date) -> None:
    if s.kind == "promise_due" and s.source_id is not None:
        db.execute_sql("UPDATE promise SET status = 'kept' WHERE id = ? AND status = 'open'",
                       (s.source_id,))
    elif s.kind == "problem_follow_up" and s.source_id is not None:
        db.execute_sql("INSERT INTO problem_update (problem_id, date, summary) VALUES (?,?,?)",
                       (s.source_id, today.isoformat(), summary))


# --- settings -------------------------------------------------------------------------------


def load_settings() -> Settings:
    """The owner's outreach settings (``outreach.*`` in the setting table), defaults filled in."""
    values = {}
    for key, value in db.execute_sql("SELECT key, value FROM setting WHERE key LIKE ?",
                                     (SETTING_PREFIX + "%",)):
        try:
            values[key[len(SETTING_PREFIX):]] = json.loads(value)
        except ValueError:
            continue  # a damaged value falls back to its default
    return Settings.from_dict(values, tag_cadences())


def save_settings(settings: Settings) -> None:
    """Store every outreach setting (tag cadences go through :func:`set_tag_cadence`)."""
    rows = [(SETTING_PREFIX + k, json.dumps(v)) for k, v in settings.to_dict().items()]
    with db.atomic():
        db.connection().executemany(
            "INSERT INTO setting (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value", rows)


def tag_cadences() -> dict[str, int]:
    """Tag name → days between touches, for tags that have one."""
    rows = db.execute_sql("SELECT name, cadence_days FROM tag_setting WHERE cadence_days > 0")
    return dict(rows.fetchall())


def set_tag_cadence(tag: str, days: int | None) -> None:
    """Give customers tagged ``tag`` their own cadence; None goes back to the default."""
    with db.atomic():
        db.execute_sql("INSERT INTO tag_setting (name, cadence_days) VALUES (?, ?) "
                       "ON CONFLICT (name) DO UPDATE SET cadence_days = excluded.cadence_days",
                       (tag, days))


# --- calendar -------------------------------------------------------------------------------


def calendar(today: date, days: int = 60) -> list[CalendarEntry]:
    """Milestones (and family birthdays) from ``today`` to ``days`` ahead, by date."""
    end = today + timedelta(days=days)
    with db.atomic():
        book = _customers(today, 0, f" WHERE c.id IN (SELECT customer_id FROM milestone WHERE "
                          f"{_window(today, end)}) OR c.id IN (SELECT customer_id FROM fact "
                          "WHERE kind IN ('family', 'pet') AND substr(birthday, -5) IN "
                          f"{_month_days(today, end)})")
        _add_milestones(book, today, end)
        _add_family(book, today, end, today)
    return upcoming(book.values(), today, days)
