"""The plainest customers' nudges settled in SQL, so that triage reads a line only for the rest.

At 50,000 customers most are due nothing but a nudge, and most of those are plain: no referral,
no touch inside the per-customer cap's window, no first purchase to thank for or celebrate, no
closed visits, no snooze or dismissal, nothing another rule may say. For them a line would tell
domain.outreach.triage only when their nudge falls due, and SQLite works that out without
handing 50,000 rows to Python: it counts them, and names the few that may rank among the day's
capacity (:class:`~domain.outreach.triage.Settled`). Every other customer is "odd" and goes to
triage as a line, as before.

The arithmetic is ``_Judge.nudge`` of domain.outreach.triage, in SQL, for plain customers only;
keep the two in step (tests/storage/test_outreach_sift.py compares them customer by customer).
Days are the ordinals Python's ``date.toordinal`` gives, kept as numbers in the standing table
(version 5): integer arithmetic is what makes SQLite quicker here than Python. It is not much
quicker alone; the gain is that storage.outreach_plan runs it on a second connection while
Python plans the customers other rules speak for.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Collection
from dataclasses import dataclass

from domain.outreach.context import Context
from domain.outreach.rules.contact import cadence_of
from domain.outreach.triage import Settled
from storage.db import db
from storage.migrations import ORDINAL, month_days_sql
from storage.outreach_input import active

_LARGEST = 2 ** 53  # settings beyond this (or not finite) are left to triage


@dataclass(slots=True)
class Sifted:
    odd: list[int]  # customers triage must read a line for
    settled: Settled  # the nudges of everyone else


def applies(ctx: Context) -> bool:
    """Whether the settings leave the SQL's arithmetic exact (anything odd: triage decides)."""
    s = ctx.settings
    numbers = (s.default_cadence_days, s.lapse_min_days, s.queue_days, s.lapse_factor)
    return s.cap_touches > 0 and all(math.isfinite(n) and 0 <= n < _LARGEST for n in numbers)


# Per customer: whether the customer is odd, the keep-in-touch day (``_Judge.nudge``'s ``kit``
# before the horizon cut) and, for a buyer who may have lapsed, the last purchase day and the
# whole span of purchases times the lapse factor (the usual gap is at most the span). Days are
# the standing table's ordinals (storage.migrations, version 5).
_LINE = """
SELECT c.id AS id,
  c.referred_by IS NOT NULL OR instr(c.do_not_contact, 'visit') > 0
    OR s.touch_day >= :since OR s.last_day > :today OR s.first_day >= :thanks_from
    OR s.first_month_day IN {near} OR c.id IN (SELECT value FROM json_each(:skip))
    OR (s.touch_day IS NULL AND s.last_touch IS NOT NULL)
    OR (s.last_day IS NULL AND s.purchases IS NOT NULL) AS odd,
  CASE WHEN :counts AND s.last_day > coalesce(s.touch_day, 0) THEN s.last_day
       ELSE coalesce(s.touch_day, {added}) END
    + CASE WHEN c.cadence_days > 0 THEN c.cadence_days ELSE :every END AS kit,
  CASE WHEN s.first_day < s.last_day AND s.last_day <= :lapse_by THEN s.last_day END AS last,
  CASE WHEN s.first_day < s.last_day AND s.last_day <= :lapse_by
       THEN :factor * (s.last_day - s.first_day) END AS span
FROM customer c LEFT JOIN standing s ON s.customer_id = c.id
"""
# Never touched: the keep-in-touch clock started when they were added (today, if later).
_ADDED = ORDINAL.format("min(coalesce(substr(coalesce(c.customer_since, c.created), 1, 10), "
                        ":today_text), :today_text)")
# The lapse's bounds, as _Judge._lapse: due from last + lapse_min_days (``low``) to last + the
# threshold of the whole span (``high``: ceil(factor × span), at least lapse_min_days).
_LOW = "last + :lapse_min"
_HIGH = ("last + max(CAST(span AS INTEGER) + (span > CAST(span AS INTEGER)), :lapse_min)")
# The verdict: -1 odd (or a date SQLite cannot read), 0 nothing due, 1 a nudge due from
# ``low`` to ``high``. A lapse that may or may not be due, with no keep-in-touch to fall back
# on, turns on the usual gap: odd.
_VERDICT = f"""
SELECT id,
  CASE WHEN odd OR kit IS NULL THEN -1
       WHEN last IS NULL OR {_LOW} > :horizon THEN (kit <= :horizon)
       WHEN {_HIGH} <= :horizon THEN 1
       WHEN kit > :horizon THEN -1
       ELSE 1 END AS verdict,
  CASE WHEN last IS NULL OR {_LOW} > :horizon THEN kit
       WHEN {_HIGH} <= :horizon THEN {_LOW}
       ELSE min({_LOW}, kit) END AS low,
  CASE WHEN last IS NULL OR {_LOW} > :horizon THEN kit
       WHEN {_HIGH} <= :horizon THEN {_HIGH}
       ELSE :horizon END AS high
FROM line
"""
# Odd customers; settled nudges that may rank (due no later than the latest due day of the
# ``capacity`` earliest); the count of settled nudges.
_ODD, _NUDGE, _COUNT = 0, 1, 2  # what each row of _SIFT is
_SIFT = f"""
WITH line AS MATERIALIZED ({{line}}), sift AS MATERIALIZED ({{verdict}})
SELECT {_ODD}, id, NULL, NULL FROM sift WHERE verdict = -1
UNION ALL
SELECT {_NUDGE}, id, low, high FROM sift WHERE verdict = 1 AND low <= (
    SELECT max(high) FROM (SELECT high FROM sift WHERE verdict = 1 ORDER BY high LIMIT :capacity))
UNION ALL
SELECT {_COUNT}, count(*), NULL, NULL FROM sift WHERE verdict = 1
"""


def sift(ctx: Context, skip: Collection[int], con: sqlite3.Connection | None = None) -> Sifted:
    """Settle the plain customers' nudges for ``ctx.today``; ``skip``: customers to leave to
    triage whatever they are (spoken for by another rule, a hidden nudge, a tag's cadence,
    someone who referred another: their thank-you turns on whom they sent). ``con``: another
    connection to the notebook (the sift reads nothing through peewee)."""
    con = con or db.connection()
    found = Sifted([], Settled())
    for what, number, low, high in con.execute(sift_sql(ctx), _parameters(ctx, skip)):
        if what == _ODD:
            found.odd.append(number)
        elif what == _NUDGE:
            found.settled.nudges.append((low, high, number))
        else:
            found.settled.count = number
    return found


def verdicts(ctx: Context, skip: Collection[int] = ()) -> dict[int, tuple[int, int, int]]:
    """Every customer's (verdict, low, high): what :func:`sift` decides, one by one (tests)."""
    sql = f"WITH line AS ({_line(ctx)}) {_VERDICT}"
    rows = db.connection().execute(sql, _parameters(ctx, skip))
    return {cid: (verdict, low, high) for cid, verdict, low, high in rows}


def sift_sql(ctx: Context) -> str:
    return _SIFT.format(line=_line(ctx), verdict=_VERDICT)


def _line(ctx: Context) -> str:
    return active(_LINE.format(near=month_days_sql(ctx.near_days), added=_ADDED))


def _parameters(ctx: Context, skip: Collection[int]) -> dict:
    s = ctx.settings
    return {"today": ctx.today.toordinal(), "today_text": ctx.today.isoformat(),
            "since": ctx.cap_from.toordinal(), "thanks_from": ctx.thanks_from.toordinal(),
            "lapse_by": ctx.lapse_by.toordinal(), "horizon": ctx.horizon.toordinal(),
            "every": cadence_of(None, (), s),
            "lapse_min": s.lapse_min_days, "factor": float(s.lapse_factor),
            "counts": int(s.purchase_counts_as_touch),
            "capacity": min(max(s.daily_capacity, 0), _LARGEST),
            "skip": json.dumps(sorted(skip))}
