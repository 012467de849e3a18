"""Dated occasions of a customer: their milestones, family birthdays, customer anniversaries.

Keys are built from what the occasion is (customer, kind, day, whose, year), not from row
ids: a profile save rewrites milestone rows, and a dismissed birthday must stay dismissed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from domain.dates import PartialDate
from domain.milestone_names import milestone_name, milestone_phrase
from domain.outreach.inputs import Contact
from domain.outreach.schedule import month_days
from domain.outreach.wording import plural, possessive

# A bereavement is never celebrated: the sympathy rule answers it, once.
NOT_CELEBRATED = frozenset({"bereavement"})


# Not frozen, as Suggestion: a frozen dataclass sets each field through object.__setattr__,
# four times slower, and the queue makes thousands of these. Treat them as read-only.
@dataclass(slots=True)
class Occasion:
    """One occurrence of a milestone: what, whose, when, and how many years it marks."""

    key: str
    kind: str
    whose: str
    occurs: date
    years: int | None
    source_id: int | None = None
    from_first_purchase: bool = False
    note: str = ""  # the owner's words: what a custom milestone is called
    yearly: bool = True  # False: a one-off (a new baby), its card still due after the day


def occasion_key(c: Contact, kind: str, month: int, day: int, whose: str, year: int) -> str:
    whose = " ".join(whose.replace(":", " ").split()).casefold() if whose else ""
    return f"milestone:{c.id}:{kind}:{month:02d}-{day:02d}:{whose}:{year}"


def occasions(c: Contact, start: date, end: date, once_from: date | None = None,
              first_purchase: date | None = None) -> Iterator[Occasion]:
    """Every occasion of ``c`` from ``start`` to ``end``; one-offs from ``once_from`` on.

    A one-off (a new baby, a promotion) is often heard of after the day, so the queue looks a
    little into the past for those; yearly ones are only ever upcoming. ``first_purchase``
    brings the customer anniversary it starts.
    """
    near = month_days(start, end)
    if c.milestones:
        yield from _milestones(c, start, end, once_from or start, near)
    if c.family:
        yield from _family_birthdays(c, start, end, near)
    if (first_purchase is not None and first_purchase <= start
            and (first_purchase.month, first_purchase.day) in near):
        yield from _first_purchase_anniversary(c, first_purchase, start, end)


def _occurrences(when: PartialDate, yearly: bool, start: date, end: date) -> Iterator[date]:
    """The days ``when`` falls on from ``start`` to ``end``: a one-off's day, if in them;
    a yearly one's each year."""
    while start <= end:
        try:
            day = when.next_occurrence(start) if yearly else when.to_date()
        except ValueError:  # the year after 9999
            return
        if day is None or not start <= day <= end:
            return
        yield day
        if not yearly or day >= end:
            return
        start = day + timedelta(days=1)


def _years(when: PartialDate, day: date, yearly: bool) -> int | None:
    years = when.years_at(day) if yearly else None
    return years if years is not None and years >= 1 else None


def _milestones(c: Contact, start: date, end: date, once_from: date,
                near: frozenset[tuple[int, int]]) -> Iterator[Occasion]:
    """``near``: (month, day) of the days from ``start`` to ``end`` (schedule.month_days): a
    yearly milestone on none of them falls in none (most of them: 0.3 s of 50,000 agendas)."""
    for m in c.milestones:
        if m.kind in NOT_CELEBRATED or (m.yearly and (m.date.month, m.date.day) not in near):
            continue
        for day in _occurrences(m.date, m.yearly, start if m.yearly else once_from, end):
            key = occasion_key(c, m.kind, m.date.month, m.date.day, m.whose, day.year)
            yield Occasion(key, m.kind, m.whose.strip(), day, _years(m.date, day, m.yearly),
                           m.id, note=m.note, yearly=m.yearly)


def _family_birthdays(c: Contact, start: date, end: date,
                      near: frozenset[tuple[int, int]]) -> Iterator[Occasion]:
    """Birthdays kept on family and pet details, unless a milestone already has them."""
    known = None  # worked out for the first birthday near only: most customers have none
    for f in c.family:
        if f.birthday is None or (f.birthday.month, f.birthday.day) not in near:
            continue
        if known is None:
            known = {m.whose.strip().casefold() for m in c.milestones if m.kind == "birthday"}
        if f.value.strip().casefold() in known:
            continue
        for day in _occurrences(f.birthday, True, start, end):
            key = occasion_key(c, "birthday", f.birthday.month, f.birthday.day, f.value,
                               day.year)
            yield Occasion(key, "birthday", f.value.strip(), day, _years(f.birthday, day, True))


def _first_purchase_anniversary(c: Contact, bought: date, start: date,
                                end: date) -> Iterator[Occasion]:
    """A yearly customer anniversary from the first purchase, unless one is recorded."""
    if any(m.kind == "customer_anniversary" and not m.whose.strip() for m in c.milestones):
        return
    while start <= end:
        try:
            day = anniversary_after(bought, start)
        except ValueError:  # the year after 9999
            return
        if day > end:
            return
        yield Occasion(occasion_key(c, "customer_anniversary", bought.month, bought.day, "",
                                    day.year),
                       "customer_anniversary", "", day, day.year - bought.year,
                       from_first_purchase=True)
        if day >= end:
            return
        start = day + timedelta(days=1)


def anniversary_after(first: date, start: date) -> date:
    """The first anniversary of ``first`` (one year on at least) on or after ``start``."""
    day = _in_year(first, max(start.year, first.year + 1))
    return day if day >= start else _in_year(first, day.year + 1)


def _in_year(day: date, year: int) -> date:
    """``day`` moved to ``year``; Feb 29 falls on Feb 28 in common years."""
    try:
        return day.replace(year=year)
    except ValueError:
        return date(year, 2, 28)


def title(c: Contact, o: Occasion) -> str:
    """ "Birthday", or "Ella's birthday (Maria's daughter)" for a family member's; a custom
    milestone by its note ("Gotcha day")."""
    if not o.whose or o.whose.casefold() == c.greeting.strip().casefold():
        return milestone_name(o.kind, o.note)
    relation = c.relation_of(o.whose)
    of = f" ({possessive(c.greeting)} {relation})" if relation and c.greeting else ""
    return f"{possessive(o.whose)} {milestone_phrase(o.kind, o.note)}{of}"


def years_phrase(o: Occasion) -> str:
    """ "turns 50", "10 years since the first purchase", "25 years"; "" without a year."""
    if o.years is None:
        return ""
    if o.kind == "birthday":
        return f"turns {o.years}"
    if o.from_first_purchase:
        return f"{plural(o.years, 'year')} since the first purchase"
    if o.kind == "customer_anniversary":
        return f"{plural(o.years, 'year')} as a customer"
    return plural(o.years, "year")
