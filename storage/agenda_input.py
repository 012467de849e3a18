"""Customers as the rules see them (domain.outreach.Contact), read for working out agendas.

A handful of grouped queries whatever the number of customers: one over the customers with
their latest touches, the channels they can be reached on, their purchase days and lifetime
value; one each for milestones, family, open promises, problems and tags with a cadence.
Everyone (a setting changed) or a few (a write, the referrers it concerns).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Collection, Iterable
from datetime import date, datetime
from functools import cache

from domain.dates import PartialDate
from domain.model import Fact, Milestone, Problem, ProblemUpdate, Promise, display_name
from domain.outreach import Contact, Settings, Touch
from domain.outreach.history import ROTATION_MEMORY
from domain.outreach.schedule import shift
from storage.db import db, notebook_version
from storage.migrations import FIELDS

_fromiso = date.fromisoformat
_new_tuple = tuple.__new__
_IDS = "(SELECT value FROM json_each(:ids))"
Span = tuple[int, int] | None  # (first, last): the customers numbered from first to last

# Each customer with what the rules ask of them: the latest touches on or before the day
# (one seek each in interaction_touch, kind and channel included), the latest card or gift
# (a sympathy note), the first touch dated after the day (the agenda holds until its eve),
# the channels the notebook can reach them on, every purchase day, the lifetime value.
_CUSTOMERS = """
SELECT c.id, c.given_name, c.family_name, c.preferred_name, c.company, c.cadence_days,
       coalesce(c.customer_since, substr(c.created, 1, 10)), c.preferred_channels,
       c.do_not_contact, c.referred_by, c.status,
       (SELECT group_concat(touch, ';') FROM (
            SELECT date || '|' || kind || '|' || coalesce(channel, '') AS touch
            FROM interaction WHERE customer_id = c.id AND kind != 'note' AND date <= :day
            ORDER BY date DESC, id DESC LIMIT :latest)),
       (SELECT max(date) FROM interaction WHERE customer_id = c.id
            AND kind IN ('card', 'gift') AND date <= :day),
       (SELECT min(date) FROM interaction WHERE customer_id = c.id AND kind != 'note'
            AND date > :day),
       EXISTS (SELECT 1 FROM email WHERE customer_id = c.id),
       EXISTS (SELECT 1 FROM phone WHERE customer_id = c.id),
       EXISTS (SELECT 1 FROM address WHERE customer_id = c.id AND (street != '' OR city != ''
               OR region != '' OR postal_code != '' OR country != '')),
       (SELECT coalesce(sum(amount_cents), 0) FROM purchase WHERE customer_id = c.id),
       (SELECT group_concat(date) FROM (SELECT DISTINCT date FROM purchase
            WHERE customer_id = c.id ORDER BY date))
FROM customer c
"""


PARTS = frozenset({"milestones", "family", "promises", "problems"})


def contacts(day: date, settings: Settings, ids: Collection[int] | None = None,
             span: Span = None, parts: Collection[str] = PARTS) -> dict[int, Contact]:
    """The customers ``ids`` (None: everyone) as the rules see them on ``day``, with the
    customers they referred (their thank-you turns on them). ``span`` (first, last), instead
    of ``ids``: the customers numbered from first to last, with whom they referred (their
    purchases and touches only: all the thank-you reads of them). ``parts``: which of
    :data:`PARTS` to read besides (the rules working out again ask for theirs only)."""
    if ids is not None:
        ids = set(ids) | _referred_by(ids)
    where, params = _where("c.id", ids, span)
    if span is not None:
        where += " OR c.referred_by BETWEEN :first AND :last"
    latest = max(ROTATION_MEMORY, settings.cap_touches, 1)
    sql = _CUSTOMERS if notebook_version() >= FIELDS else _CUSTOMERS.replace("c.status", "''")
    rows = db.execute_sql(sql + where,
                          {"day": day.isoformat(), "latest": latest, **params})
    book = {r[0]: _contact(r) for r in rows}
    for cid, names in tags_with_cadence(ids, span).items():
        if cid in book:
            book[cid].tags = names
    if "milestones" in parts:
        _attach(book, "milestones", _milestones(ids, span))
    if "family" in parts:
        _attach(book, "family", _family(ids, span))
    if "promises" in parts:
        _attach(book, "promises", _promises(ids, span))
    if "problems" in parts:
        _attach(book, "problems", _problems(ids, span,
                                            shift(day, -settings.patience_window_days)))
    return book


def _where(column: str, ids: Collection[int] | None,
           span: Span = None) -> tuple[str, dict]:
    """The clause keeping ``ids`` (None: everyone), or the ids of ``span`` (first, last): a
    range is one index seek per table, where a list of ids made everyone's 25 chunks cost
    0.2 s more than one read of all (50,000 customers)."""
    if span is not None:
        return (f" WHERE {column} BETWEEN :first AND :last",
                {"first": span[0], "last": span[1]})
    if ids is None:
        return "", {}
    return f" WHERE {column} IN {_IDS}", {"ids": json.dumps(sorted(ids))}


def _referred_by(ids: Collection[int]) -> set[int]:
    return {cid for (cid,) in db.execute_sql(
        f"SELECT id FROM customer WHERE referred_by IN {_IDS}", {"ids": json.dumps(sorted(ids))})}


def _contact(r: tuple) -> Contact:
    cid, given, family, preferred, company = r[:5]
    touches = _touches(r[11])
    if r[12] and not any(t.kind in ("card", "gift") and t.when.isoformat() == r[12]
                         for t in touches):
        touches.append(Touch(_fromiso(r[12]), "card", None))  # older than the latest few
    if r[13]:
        touches.append(Touch(_fromiso(r[13]), "call", None))  # after the day: its end
    return Contact(
        cid, display_name(given, family, preferred, company),
        preferred or given or family or company, _date(r[6]), r[5], (),
        _split(r[7]), _split(r[8]), _reach(*r[14:17]), r[9], touches,
        purchases=[_fromiso(d) for d in r[18].split(",")] if r[18] else (),
        lifetime_cents=r[17], status=r[10] or "")


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
    # tuple.__new__ skips the named tuple's Python-level constructor.
    return [_new_tuple(Touch, (_fromiso(day), kind, channel or None))
            for day, kind, channel in [part.split("|") for part in text.split(";")]]


def tags_with_cadence(ids: Collection[int] | None = None,
                      span: Span = None) -> dict[int, tuple[str, ...]]:
    """Each customer's tags that carry a cadence: only those matter to the rules."""
    where, params = _where("t.customer_id", ids, span)
    tags: dict[int, list[str]] = defaultdict(list)
    for cid, name in db.execute_sql(
            "SELECT t.customer_id, t.name FROM tag t JOIN tag_setting s ON s.name = t.name "
            "AND s.cadence_days > 0" + where, params):
        tags[cid].append(name)
    return {cid: tuple(names) for cid, names in tags.items()}


def _attach(book: dict[int, Contact], name: str, items: Iterable[tuple[int, object]]) -> None:
    """Add each item to its customer's sequence ``name``, if the customer is in ``book``."""
    for cid, item in items:
        c = book.get(cid)
        if c is not None:
            held = getattr(c, name)
            if held:  # the list this function made for the first one
                held.append(item)
            else:
                setattr(c, name, [item])


def _milestones(ids: Collection[int] | None, span: Span) -> Iterable[tuple[int, Milestone]]:
    where, params = _where("customer_id", ids, span)
    for cid, kind, month, day, year, whose, yearly, note, mid in db.execute_sql(
            "SELECT customer_id, kind, month, day, year, whose, yearly, note, id "
            "FROM milestone" + where, params):
        yield cid, Milestone(kind, PartialDate(month, day, year), whose, bool(yearly), note, mid)


def _family(ids: Collection[int] | None, span: Span) -> Iterable[tuple[int, Fact]]:
    where, params = _where("customer_id", ids, span)
    for cid, kind, value, relation, day, fid in db.execute_sql(
            "SELECT customer_id, kind, value, relation, birthday, id FROM fact "
            "WHERE kind IN ('family', 'pet')" + where.replace(" WHERE ", " AND "), params):
        yield cid, Fact(kind, value, _partial(day), relation, fid)


def _promises(ids: Collection[int] | None, span: Span) -> Iterable[tuple[int, Promise]]:
    where, params = _where("customer_id", ids, span)
    for cid, pid, made, due, what, status in db.execute_sql(
            "SELECT customer_id, id, made, due, what, status FROM promise "
            "WHERE status = 'open'" + where.replace(" WHERE ", " AND "), params):
        yield cid, Promise(_fromiso(made), datetime.fromisoformat(due), what, status, pid, cid)


def _problems(ids: Collection[int] | None, span: Span, resolved_since: date
              ) -> Iterable[tuple[int, Problem]]:
    """Open problems with their last update; problems resolved lately (thanks for patience)."""
    where, params = _where("p.customer_id", ids, span)
    for cid, pid, opened, summary, waiting, status, resolved, last in db.execute_sql(
            "SELECT p.customer_id, p.id, p.opened, p.summary, p.waiting_on, p.status, "
            "p.resolved, (SELECT max(date) FROM problem_update WHERE problem_id = p.id) "
            "FROM problem p WHERE (p.status = 'open' OR p.resolved >= :since)"
            + where.replace(" WHERE ", " AND "),
            {"since": resolved_since.isoformat(), **params}):
        updates = [ProblemUpdate(_fromiso(last), "")] if last else []
        yield cid, Problem(_fromiso(opened), summary, status, _date(resolved), waiting,
                           updates, pid, cid)


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


def _partial(text: str | None) -> PartialDate | None:
    try:
        return PartialDate.parse(text) if text else None
    except ValueError:
        return None  # a birthday typed badly elsewhere is not worth losing the queue over


def _split(text: str) -> tuple[str, ...]:
    return tuple([c for c in text.split(",") if c]) if text else ()
