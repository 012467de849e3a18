"""The engine's input from the notebook, in a handful of grouped queries whatever its size.

The gathering reads only what the rules ask for, never whole timelines. First what may bring a
suggestion in the window (:func:`extras_of`): milestones (the indexed day_of_year column),
family birthdays, open promises due soon, open or lately resolved problems. Then one line per
customer (:func:`standings`: domain.outreach.triage's Standing, from the standing table) —
enough to settle a customer due nothing but a nudge. Only the customers triage names are read
whole (:func:`contacts`): the row with the latest few touches, the channels the notebook can
reach them on, purchase days, lifetime value. At 50,000 customers that is a few thousand.
storage.outreach_plan puts the steps together.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from datetime import date, datetime, timedelta
from functools import cache

from domain.dates import PartialDate
from domain.model import Fact, Milestone, Problem, ProblemUpdate, Promise, display_name
from domain.outreach import Contact, Settings, Touch
from domain.outreach.context import Context
from domain.outreach.history import ROTATION_MEMORY
from domain.outreach.schedule import day_ranges, days_of_year, shift
from domain.outreach.triage import Standing
from storage.db import db, notebook_version
from storage.migrations import FIELDS, STANDING, STANDING_DAYS, month_days_sql

_fromiso = date.fromisoformat
_new_tuple = tuple.__new__
# (customer, Contact field, how to make the item, its row): a milestone, a promise…
Extra = tuple[int, str, Callable[[tuple], object], tuple]


def gather(today: date, settings: Settings) -> list[Contact]:
    """Every customer as the engine sees them on ``today`` (see the module docstring)."""
    extras, _near = extras_of(today, settings)
    return contacts(today, settings, extras, tags_with_cadence())


# One line per customer, in domain.outreach.triage's Standing's order. The standing table
# (kept by triggers, storage.migrations) answers for nearly everyone; only a customer whose
# latest touch or purchase lies after ``today`` is asked again, one index seek each.
_TOUCHED_BY = ("(SELECT date FROM interaction WHERE customer_id = c.id AND kind != 'note' "
               "AND date <= :today ORDER BY date DESC LIMIT 1)")
_BOUGHT_BY = ("(SELECT group_concat(date) FROM (SELECT date FROM purchase "
              "WHERE customer_id = c.id AND date <= :today ORDER BY date))")
_TOUCHED_CASE = ("CASE WHEN s.last_touch IS NULL OR s.last_touch <= :today THEN s.last_touch "
                 f"ELSE {_TOUCHED_BY} END")
_BOUGHT_CASE = ("CASE WHEN s.purchases IS NULL OR substr(s.purchases, -10) <= :today "
                f"THEN s.purchases ELSE {_BOUGHT_BY} END")
_STANDINGS = f"""
SELECT c.id, coalesce(c.customer_since, substr(c.created, 1, 10)), c.cadence_days,
       c.do_not_contact, c.referred_by, {_TOUCHED_CASE}, {_BOUGHT_CASE}
FROM customer c LEFT JOIN standing s ON s.customer_id = c.id
"""
# A notebook of version 3 or older, opened read-only (nothing may migrate it), has no
# standing table: every customer is asked.
_STANDINGS_BEFORE_V4 = f"""
SELECT c.id, coalesce(c.customer_since, substr(c.created, 1, 10)), c.cadence_days,
       c.do_not_contact, c.referred_by, {_TOUCHED_BY}, {_BOUGHT_BY}
FROM customer c
"""
_TOUCHED = Standing._fields.index("last_touch")
_IDS = " WHERE c.id IN (SELECT value FROM json_each(:ids))"
_MOST_TOUCHES = 2 ** 62  # SQLite's LIMIT takes a 64-bit integer; a cap this high reads them all


def active(sql: str) -> str:
    """``sql`` over the customers the rules may suggest for: the archived and the deceased
    are left out here, as the rules themselves leave them (domain.outreach.queue)."""
    if notebook_version() < FIELDS:  # an older notebook, read-only: no status yet
        return sql
    return sql.replace("FROM customer c", "FROM (SELECT * FROM customer WHERE status = '') c", 1)


def standings(today: date, ids: Collection[int] | None = None,
              con: sqlite3.Connection | None = None) -> list[Standing]:
    """The Standing lines of ``ids`` (None: every customer), as SQLite hands the rows over
    (plain tuples in Standing's order: triage reads them by place);
    ``con``: another connection to the notebook than the session's."""
    sql = _STANDINGS if notebook_version() >= STANDING else _STANDINGS_BEFORE_V4
    params = {"today": today.isoformat()}
    if ids is not None:
        sql += _IDS
        params["ids"] = json.dumps(sorted(ids))
    return _execute(active(sql), params, con).fetchall()


def recent_touches(lines: Iterable[tuple], ctx: Context,
                   con: sqlite3.Connection | None = None) -> dict[int, int]:
    """Touches in the per-customer cap's window, of the customers touched in it at all (the
    standing lines say who): a few thousand index seeks, not a pass over every touch."""
    since = ctx.cap_from.isoformat()
    ids = [line[0] for line in lines if line[_TOUCHED] and line[_TOUCHED] >= since]
    rows = _execute(
        "SELECT customer_id, count(*) FROM interaction WHERE customer_id IN "
        "(SELECT value FROM json_each(:ids)) AND kind != 'note' "
        "AND date BETWEEN :since AND :today GROUP BY customer_id",
        {"ids": json.dumps(ids), "since": since, "today": ctx.today.isoformat()}, con)
    return dict(rows.fetchall())


def _execute(sql: str, params: dict, con: sqlite3.Connection | None) -> sqlite3.Cursor:
    return db.execute_sql(sql, params) if con is None else con.execute(sql, params)


def referrers() -> set[int]:
    """Everyone another customer names as the one who referred them."""
    return {r for (r,) in db.execute_sql(
        "SELECT DISTINCT referred_by FROM customer WHERE referred_by IS NOT NULL")}


def contacts(today: date, settings: Settings, extras: list[Extra],
             tags: dict[int, tuple[str, ...]], ids: Collection[int] | None = None
             ) -> list[Contact]:
    """The customers ``ids`` (None: everyone) whole, as the rules see them."""
    where, params = ("", {}) if ids is None else (_IDS, {"ids": json.dumps(sorted(ids))})
    latest = min(max(ROTATION_MEMORY, settings.cap_touches + 1), _MOST_TOUCHES)
    lapse_by = shift(today, settings.queue_days - settings.lapse_min_days).isoformat()
    book = _customers(today, latest, where, params, purchases_for=lapse_by)
    for cid, names in tags.items():
        if cid in book:
            book[cid].tags = names
    _attach(book, extras)
    return list(book.values())


def _purchase_days(text: str, lapse_by: str) -> list[date]:
    """ "2025-03-01,2026-05-02,…" (oldest first) → what the rules ask: the usual gap (the
    latest thirteen days) only of a customer whose last purchase is old enough to have
    lapsed; of the others the first and last day, which cannot add up to a lapse."""
    first, last = text[:10], text[-10:]
    if last > lapse_by:
        return [_fromiso(first)] if first == last else [_fromiso(first), _fromiso(last)]
    days = sorted(set(text.split(",")))
    return [_fromiso(d) for d in (days if len(days) <= 14 else [days[0], *days[-13:]])]


# The latest touches of each customer ride along with the customer row: one seek each in
# interaction_touch, which holds them in the order wanted, kind and channel included. With
# ``purchases``, their purchase days as the standing line has them.
_CUSTOMERS = """
SELECT c.id, c.given_name, c.family_name, c.preferred_name, c.company, c.cadence_days,
       coalesce(c.customer_since, substr(c.created, 1, 10)), c.preferred_channels,
       c.do_not_contact, c.referred_by,
       (SELECT group_concat(touch, ';') FROM (
            SELECT date || '|' || kind || '|' || coalesce(channel, '') AS touch
            FROM interaction WHERE customer_id = c.id AND kind != 'note' AND date <= :today
            ORDER BY date DESC, id DESC LIMIT :latest)),
       EXISTS (SELECT 1 FROM email WHERE customer_id = c.id),
       EXISTS (SELECT 1 FROM phone WHERE customer_id = c.id),
       EXISTS (SELECT 1 FROM address WHERE customer_id = c.id AND (street != '' OR city != ''
               OR region != '' OR postal_code != '' OR country != '')),
       (SELECT coalesce(sum(amount_cents), 0) FROM purchase WHERE customer_id = c.id),
       {purchases}
FROM customer c {join}
"""


def _customers(today: date, latest: int, where: str = "", params: dict | None = None,
               purchases_for: str | None = None) -> dict[int, Contact]:
    """Customers with their latest ``latest`` touches and the channels they can be reached on;
    with ``purchases_for`` (the lapse cut-off, see :func:`_purchase_days`), their purchases."""
    if purchases_for is None:
        sql = _CUSTOMERS.format(purchases="NULL", join="")
    elif notebook_version() >= STANDING:
        sql = _CUSTOMERS.format(purchases=_BOUGHT_CASE,
                                join="LEFT JOIN standing s ON s.customer_id = c.id")
    else:
        sql = _CUSTOMERS.format(purchases=_BOUGHT_BY, join="")
    rows = db.execute_sql(active(sql) + where,
                          {"today": today.isoformat(), "latest": latest, **(params or {})})
    return {r[0]: _contact(r, purchases_for) for r in rows}


def _contact(r: tuple, lapse_by: str | None) -> Contact:
    cid, given, family, preferred, company = r[:5]
    # Purchases are read only with the lapse cut-off (see _customers).
    return Contact(
        cid, display_name(given, family, preferred, company),
        preferred or given or family or company, _date(r[6]), r[5], (),
        _split(r[7]), _split(r[8]), _reach(*r[11:14]), r[9], _touches(r[10]),
        purchases=_purchase_days(r[15], lapse_by) if r[15] and lapse_by else (),
        lifetime_cents=r[14])


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
        # tuple.__new__ skips the named tuple's Python-level constructor.
        out.append(_new_tuple(Touch, (_fromiso(day), kind, channel or None)))
    return out


def tags_with_cadence() -> dict[int, tuple[str, ...]]:
    """Each customer's tags that carry a cadence: only those matter to the rules."""
    tags: dict[int, list[str]] = defaultdict(list)
    for cid, name in db.execute_sql(
            "SELECT t.customer_id, t.name FROM tag t JOIN tag_setting s ON s.name = t.name "
            "WHERE s.cadence_days > 0"):
        tags[cid].append(name)
    return {cid: tuple(names) for cid, names in tags.items()}


def extras_of(today: date, settings: Settings) -> tuple[list[Extra], set[int]]:
    """Milestones, family, promises and problems the window may need, and the customers they
    may bring a suggestion to (a milestone or family birthday coming up, a bereavement, an
    open promise or problem, a first purchase lately or one whose anniversary is near):
    triage leaves those to the engine. Rows stay rows until the customer is read whole: most
    of them never are."""
    ctx = Context(today, settings)
    start = shift(today, -max(settings.recent_milestone_days, settings.sympathy_window_days))
    extras = [*_milestones(start, ctx.look_until, ctx),
              *_family(start, ctx.look_until, ctx.reach, today), *_promises(ctx.horizon),
              *_problems(shift(today, -settings.patience_window_days))]
    near = {cid for cid, _name, _make, row in extras if row[-1]}
    return extras, near | _first_purchases(ctx)


def _first_purchases(ctx: Context) -> set[int]:
    """Customers whose first purchase was lately (a thank-you) or has its anniversary near: a
    question for the standing table's days (version 5). Triage would name them too, but after
    it; known now, they are read with the first batch (storage.outreach_plan). One pass over
    the narrow table (~10 ms at 50,000 customers)."""
    if notebook_version() < STANDING_DAYS:
        return set()
    rows = db.execute_sql(f"SELECT customer_id FROM standing WHERE first_day >= ? "
                          f"OR first_month_day IN {month_days_sql(ctx.near_days)}",
                          (ctx.thanks_from.toordinal(),))
    return {cid for (cid,) in rows}


def _window(start: date, end: date) -> str:
    """SQL over milestone rows for the days ``start``..``end`` (indexed, wraps at New Year).

    The bounds are numbers worked out here, so they are written into the SQL.
    """
    runs = day_ranges(start, end)
    return "(" + (" OR ".join(f"day_of_year BETWEEN {a:d} AND {b:d}" for a, b in runs)
                  or "0") + ")"


_MILESTONES = "SELECT customer_id, kind, month, day, year, whose, yearly, note, id, {near} " \
              "FROM milestone WHERE "


def _milestones(start: date, end: date, ctx: Context | None = None) -> list[Extra]:
    """Milestones in the window, bereavements (the sympathy rule looks back) and recorded
    customer anniversaries (they replace the one derived from the first purchase). Near: a
    bereavement, or a yearly one from today and a one-off from ``ctx.once_from`` to
    ``ctx.reach``, the last day an occasion can fall due in the queue."""
    soon = "1" if ctx is None else (
        f"kind = 'bereavement' OR (yearly AND {_window(ctx.today, ctx.reach)}) OR "
        f"(NOT yearly AND {_window(ctx.once_from, ctx.reach)})")
    window = _window(start, end)
    rows = db.execute_sql(
        _MILESTONES.format(near=soon) + window + " UNION ALL " +
        _MILESTONES.format(near="kind = 'bereavement'") + "NOT " + window +
        " AND (kind = 'bereavement' OR (kind = 'customer_anniversary' AND whose = ''))")
    return [(row[0], "milestones", _milestone, row) for row in rows]


def _milestone(row: tuple) -> Milestone:
    _cid, kind, month, day, year, whose, yearly, note, mid, _near = row
    return Milestone(kind, PartialDate(month, day, year), whose, bool(yearly), note, mid)


def _month_days(start: date, end: date) -> str:
    """SQL list of "MM-DD" for the window, as fact birthdays end ("--04-12", "2018-04-12")."""
    jan1 = date(2000, 1, 1)
    days = [f"'{jan1 + timedelta(days=n - 1):%m-%d}'" for n in days_of_year(start, end)]
    return "(" + ",".join(days) + ")"


def _family(start: date, end: date, reach: date, today: date) -> list[Extra]:
    """Family members and pets: those with a birthday from ``today`` to ``end``, near if by
    ``reach``, and those of customers with a milestone of someone from ``start`` to ``end``
    (for "Ella's birthday (Maria's daughter)")."""
    near = f"substr(birthday, -5) IN {_month_days(today, reach)}"
    rows = db.execute_sql(
        f"SELECT customer_id, kind, value, relation, birthday, id, {near} FROM fact "
        f"WHERE kind IN ('family', 'pet') AND (substr(birthday, -5) IN "
        f"{_month_days(today, end)} OR customer_id IN (SELECT customer_id FROM milestone "
        f"WHERE whose != '' AND ({_window(start, end)} OR kind = 'bereavement')))")
    return [(row[0], "family", _fact, row) for row in rows]


def _fact(row: tuple) -> Fact:
    _cid, kind, value, relation, day, fid, _near = row
    return Fact(kind, value, _partial(day), relation, fid)


def _promises(horizon: date) -> list[Extra]:
    """Open promises due by the end of the queue's window (the status index finds them)."""
    end = f"{horizon.isoformat()}T99"  # after any time of day (and a bare date) on horizon
    rows = db.execute_sql("SELECT customer_id, id, made, due, what, status, 1 FROM promise "
                          "WHERE status = 'open' AND due <= ?", (end,))
    return [(row[0], "promises", _promise, row) for row in rows]


def _promise(row: tuple) -> Promise:
    cid, pid, made, due, what, status, _near = row
    return Promise(_fromiso(made), datetime.fromisoformat(due), what, status, pid, cid)


def _problems(resolved_since: date) -> list[Extra]:
    """Open problems with their last update; problems resolved lately (thanks for patience)."""
    rows = db.execute_sql(
        "SELECT p.customer_id, p.id, p.opened, p.summary, p.waiting_on, p.status, p.resolved, "
        "(SELECT max(date) FROM problem_update WHERE problem_id = p.id), 1 "
        "FROM problem p WHERE p.status = 'open' OR p.resolved >= ?",
        (resolved_since.isoformat(),))
    return [(row[0], "problems", _problem, row) for row in rows]


def _problem(row: tuple) -> Problem:
    cid, pid, opened, summary, waiting, status, resolved, last, _near = row
    updates = [ProblemUpdate(_fromiso(last), "")] if last else []
    return Problem(_fromiso(opened), summary, status, _date(resolved), waiting, updates, pid,
                   cid)


def _attach(book: dict[int, Contact], extras: list[Extra]) -> None:
    """Add each extra to its customer's sequence, if the customer is in ``book``."""
    for cid, name, make, row in extras:
        c = book.get(cid)
        if c is not None:
            setattr(c, name, [*getattr(c, name), make(row)])


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


def _partial(text: str | None) -> PartialDate | None:
    try:
        return PartialDate.parse(text) if text else None
    except ValueError:
        return None  # a birthday typed badly elsewhere is not worth losing the queue over


def _split(text: str) -> tuple[str, ...]:
    return tuple([c for c in text.split(",") if c]) if text else ()


def calendar_contacts(today: date, end: date) -> list[Contact]:
    """Customers with a milestone or a family birthday from ``today`` to ``end``, with those
    alone (the Calendar screen's list)."""
    book = _customers(today, 0, f" WHERE c.id IN (SELECT customer_id FROM milestone WHERE "
                      f"{_window(today, end)}) OR c.id IN (SELECT customer_id FROM fact "
                      "WHERE kind IN ('family', 'pet') AND substr(birthday, -5) IN "
                      f"{_month_days(today, end)})")
    _attach(book, [*_milestones(today, end), *_family(today, end, end, today)])
    return list(book.values())
