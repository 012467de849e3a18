"""Insights: how the last 12 months went, worked out from plain rows and ``today``.

Pure (no Qt, no database, no clock). ``storage.insights`` reads the rows in a few grouped
queries; the command line, the window and the PDF all show what :func:`build` returns.

Definitions (one truth each, tested at their edges in tests/domain/test_insights.py):

- **The period** is the 12 calendar months ending with the day's month: 7 Dec 2026 gives
  1 Jan 2026 – 7 Dec 2026, the last month counted only up to the day ("so far").
- **A touch** is a logged interaction other than a note (a note is not a touch on any
  channel, as in Today's rules); touches dated after the day are typos, not history.
- **Touches per customer per month**: each month, every customer on the books then (known by
  the month's end, not archived or deceased now) falls in 0, 1–2 (the goal) or 3+ touches.
- **Thank-you coverage**: of the customers whose *first ever* purchase falls in the period,
  the share with a touch within ``THANKS_DAYS`` days after it: the purchase day itself and
  day 14 count, day 15 and any day before the purchase do not. Someone not thanked yet whose
  14 days have not run out by the day is *waiting*, left out of the share until they do.
- **Lifetime value**: each customer's purchases added up per currency, never EUR with USD.
- **Drifting**: customers with two purchase days or more whose days since the last one are
  past their usual gap (``domain.outreach.history.usual_gap``) but short of the lapse rule
  (``domain.outreach.rules.contact.lapse_threshold``); past that they have *lapsed*, and
  Today already suggests a we-miss-you for them.
- **How they found us**: the "Found us via" field as the owner filled it in, else
  "Referred by a customer" for someone referred, else "Not recorded". Customers *won* from a
  source are those whose first purchase falls in the period; the owner's cost for a source
  over the period divided by them is the cost of winning a customer.
"""

from __future__ import annotations

import statistics
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import NamedTuple

from domain.insights_parts import (
    Node,
    ValueGroup,
    add_months,
    month_end,
    referral_forest,
    value_groups,
)
from domain.outreach.history import usual_gap
from domain.outreach.rules.contact import lapse_threshold
from domain.outreach.settings import Settings

THANKS_DAYS = 14
MONTHS = 12
FOUND_US_FIELD = "Found us via"  # the custom field a source is kept in (no schema change)
REFERRED = "Referred by a customer"
NOT_RECORDED = "Not recorded"
SHOWN = 50  # rows of a list (drifting, not thanked) kept for the screen and the PDF

__all__ = [
    "FOUND_US_FIELD",
    "Insights",
    "Node",
    "Person",
    "Spend",
    "Touch",
    "ValueGroup",
    "build",
    "period_of",
]


class Person(NamedTuple):
    """One customer as insights see them (tuples: 50,000 are made in a blink)."""

    id: int
    name: str = ""  # (or given apart to build(), looked up only for those listed)
    status: str = ""  # "", "archived" or "deceased"
    referred_by: int | None = None
    since: date | None = None  # the earliest day they were known (customer since, added)
    source: str = ""  # how they found us, as the owner wrote it ("" when not recorded)


class Touch(NamedTuple):
    customer_id: int
    day: date
    kind: str  # an interaction kind: "note" never counts


class Spend(NamedTuple):
    """A customer's purchases in one currency, added up ("" is the notebook's own)."""

    customer_id: int
    currency: str
    cents: int
    purchases: int  # how many (a tuple's own ``count`` is a method)


@dataclass(frozen=True, slots=True)
class Month:
    first: date  # the month's first day
    active: int  # customers on the books that month
    none: int  # with no touch
    goal: int  # with one or two
    more: int  # with three or more
    touches: int
    partial: bool = False  # the day's own month, counted up to the day


@dataclass(frozen=True, slots=True)
class Missed:
    customer_id: int
    name: str
    first_purchase: date


@dataclass(frozen=True, slots=True)
class Coverage:
    new: int  # first purchase in the period
    thanked: int
    waiting: int  # not thanked yet, still within their 14 days
    missed: tuple[Missed, ...] = ()  # latest first, at most SHOWN

    @property
    def counted(self) -> int:
        return self.new - self.waiting

    @property
    def share(self) -> float | None:
        """Thanked of those counted (0–1), None when nobody is."""
        return self.thanked / self.counted if self.counted else None


@dataclass(frozen=True, slots=True)
class Drifter:
    customer_id: int
    name: str
    last_purchase: date
    usual_gap: float
    days_since: int
    lapses_in: int  # days until the lapse rule calls it a lapse


@dataclass(frozen=True, slots=True)
class Drifting:
    count: int
    lapsed: int
    shown: tuple[Drifter, ...] = ()  # the nearest to lapsing first
    regular: int = 0  # within their usual gap
    once: int = 0  # one purchase day: no usual gap yet


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    customers: int  # all customers from it
    won: int  # first purchase in the period
    cost_cents: int | None  # the owner's spend on it over the period (None: not given)
    value_cents: int | None  # what a customer from it is worth: their average lifetime value
    currency: str = ""  # of value_cents

    @property
    def cost_per_won(self) -> int | None:
        if self.cost_cents is None or not self.won:
            return None
        return round(self.cost_cents / self.won)


@dataclass(frozen=True, slots=True)
class Insights:
    today: date
    start: date
    customers: int
    months: tuple[Month, ...]
    coverage: Coverage
    values: tuple[ValueGroup, ...]
    drifting: Drifting
    referrals: tuple[Node, ...]
    referred: int
    sources: tuple[Source, ...]
    recorded_sources: bool  # whether anyone's "Found us via" is filled in
    region: str = ""  # the notebook's country: how its amounts are written (domain.money)


def period_of(today: date) -> tuple[date, date]:
    """The first and last day of the 12 months up to ``today``."""
    return add_months(today.replace(day=1), 1 - MONTHS), today


def build(today: date, people: Sequence[Person], touches: Iterable[Touch],
          spends: Iterable[Spend], bought: Mapping[int, Sequence[date]],
          costs: Mapping[str, int] | None = None, settings: Settings | None = None,
          names: Mapping[int, str] | None = None, region: str = "") -> Insights:
    """Every insight for the 12 months up to ``today`` (``region``: the notebook's country,
    for writing amounts).

    ``touches`` need only be those from the period's start; ``spends`` are lifetime totals;
    ``bought`` gives each customer's distinct purchase days, oldest first, all time; ``costs``
    the owner's spend per source over the period, in the notebook's own currency (cents);
    ``names`` each customer's name when ``people`` do not carry them (asked only for the
    customers a list shows: naming all 50,000 took a quarter of the whole work).
    """
    start, _ = period_of(today)
    touches = [t for t in touches if start <= t.day <= today and t.kind != "note"]
    spends = list(spends)
    if names is None:
        names = {p.id: p.name for p in people}
    bought = {cid: days if not days or days[-1] <= today else [d for d in days if d <= today]
              for cid, days in bought.items()}
    firsts = {cid: days[0] for cid, days in bought.items() if days}
    groups = value_groups(spends, names, SHOWN)
    forest, referred = referral_forest(people, names)
    return Insights(
        today, start, len(people), months(today, people, touches, firsts),
        coverage(today, touches, firsts, names), groups,
        drifting(today, people, bought, settings or Settings(), names), forest, referred,
        sources(today, people, firsts, groups, costs or {}),
        any(p.source.strip() for p in people), region)


def months(today: date, people: Sequence[Person], touches: Sequence[Touch],
           firsts: Mapping[int, date]) -> tuple[Month, ...]:
    """Touches per customer in each month of the period, against the goal of one or two."""
    start, _ = period_of(today)
    on_books = {p.id: _known(p, firsts) for p in people if not p.status}
    known = sorted(on_books.values())
    counts: list[dict[int, int]] = [defaultdict(int) for _ in range(MONTHS)]
    for t in touches:
        if t.customer_id in on_books and t.kind != "note" and start <= t.day <= today:
            counts[(t.day.year - start.year) * 12 + t.day.month - start.month][t.customer_id] += 1
    out = []
    for i, got in enumerate(counts):
        first = add_months(start, i)
        end = min(month_end(first), today)
        # Touched that month but known only later (a touch logged before the profile's date):
        # on the books all the same.
        early = sum(1 for cid in got if on_books[cid] > end)
        active = bisect_right(known, end) + early
        goal = sum(1 for n in got.values() if n <= 2)
        out.append(Month(first, active, active - len(got), goal, len(got) - goal,
                         sum(got.values()), end == today))
    return tuple(out)


def _known(p: Person, firsts: Mapping[int, date]) -> date:
    """The day ``p`` became a customer: known, or bought, whichever came first."""
    since, first = p.since, firsts.get(p.id)
    if since is None or first is None:
        return since or first or date.min
    return min(since, first)


def coverage(today: date, touches: Sequence[Touch], firsts: Mapping[int, date],
             names: Mapping[int, str]) -> Coverage:
    """Thank-you coverage of the customers whose first ever purchase falls in the period."""
    start, _ = period_of(today)
    new = {cid: day for cid, day in firsts.items() if start <= day <= today}
    window = timedelta(THANKS_DAYS)
    thanked = {t.customer_id for t in touches if t.customer_id in new and t.kind != "note"
               and t.day <= today and new[t.customer_id] <= t.day <= new[t.customer_id] + window}
    open_until = today - timedelta(THANKS_DAYS)  # a first purchase after this: still open
    waiting = [cid for cid, day in new.items() if cid not in thanked and day > open_until]
    missed = sorted(((day, cid) for cid, day in new.items()
                     if cid not in thanked and day <= open_until), reverse=True)[:SHOWN]
    return Coverage(len(new), len(thanked), len(waiting),
                    tuple(Missed(cid, names.get(cid, ""), day) for day, cid in missed))


def drifting(today: date, people: Sequence[Person], bought: Mapping[int, Sequence[date]],
             settings: Settings, names: Mapping[int, str] | None = None) -> Drifting:
    """Customers past their usual gap between purchases, short of a lapse; and the lapsed."""
    found: list[Drifter] = []
    lapsed = regular = once = 0
    for p in people:
        days = bought.get(p.id, ())
        if p.status or not days:
            continue
        if len(days) < 2:
            once += 1
            continue
        gap = usual_gap(days)
        if gap is None:
            continue
        since = (today - days[-1]).days
        limit = lapse_threshold(gap, settings)
        if since >= limit:
            lapsed += 1
        elif since > gap:
            found.append(Drifter(p.id, p.name, days[-1], gap, since, limit - since))  # named below
        else:
            regular += 1
    found.sort(key=lambda d: (d.lapses_in, -d.days_since, d.customer_id))
    shown = found[:SHOWN]
    if names is not None:
        shown = [replace(d, name=names.get(d.customer_id, d.name)) for d in shown]
    return Drifting(len(found), lapsed, tuple(shown), regular, once)


def source_of(p: Person) -> str:
    """How ``p`` found us, in the words the insights show."""
    written = " ".join(p.source.split())
    if written:
        return written
    return REFERRED if p.referred_by is not None else NOT_RECORDED


@dataclass
class _Tally:
    name: str
    customers: int = 0
    won: int = 0
    worth: list[int] = field(default_factory=list)


def sources(today: date, people: Sequence[Person], firsts: Mapping[int, date],
            groups: Sequence[ValueGroup], costs: Mapping[str, int]) -> tuple[Source, ...]:
    """Per source: customers, customers won in the period, the owner's cost, their worth."""
    start, _ = period_of(today)
    main = groups[0] if groups else None
    worth = main.by_customer if main else {}
    tallies: dict[str, _Tally] = {}
    keys: dict[tuple[str, bool], _Tally] = {}  # as written (and referred?) → its tally
    for p in people:
        tally = keys.get((p.source, p.referred_by is None))
        if tally is None:
            name = source_of(p)
            tally = keys[p.source, p.referred_by is None] = \
                tallies.setdefault(name.casefold(), _Tally(name))
        tally.customers += 1
        first = firsts.get(p.id)
        tally.won += first is not None and start <= first <= today
        if p.id in worth:
            tally.worth.append(worth[p.id])
    spent = {k.casefold(): v for k, v in costs.items()}
    for key in spent:  # a cost given for a source nobody has yet still shows
        tallies.setdefault(key, _Tally(next(k for k in costs if k.casefold() == key)))
    rows = [Source(t.name, t.customers, t.won, spent.get(key),
                   round(statistics.fmean(t.worth)) if t.worth else None,
                   main.currency if main else "")
            for key, t in tallies.items()]
    rows.sort(key=lambda s: (s.name in (NOT_RECORDED, REFERRED), -s.won, -s.customers,
                             s.name.casefold()))
    return tuple(rows)
