"""A realistic sample notebook for a small flower shop, built from plain data and ``today``.

Pure: no clock, no files. The same ``today`` and ``seed`` give the same notebook. Dates are
placed so the Today queue has work to show: first purchases with no thank-you yet, birthdays in
the next fortnight, a promise due tomorrow and one overdue, an open problem gone quiet, a
recent bereavement, a regular who has lapsed, someone not contacted for two months.
"""

from __future__ import annotations

import calendar
import copy
import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from domain.dates import PartialDate
from domain.demo_data import PEOPLE, SAME, Person
from domain.demo_phrases import (
    BUSINESS_ITEMS,
    ITEMS,
    KIND_WEIGHTS,
    SETTINGS,
    SIGNATURE,
    SUMMARIES,
    TAG_SETTINGS,
    TEMPLATES,
)
from domain.model import (
    INTERACTION_CHANNEL,
    INTERACTION_KINDS,
    YEARLY_MILESTONES,
    Address,
    Card,
    Customer,
    Fact,
    Interaction,
    Milestone,
    Problem,
    ProblemUpdate,
    Promise,
    Purchase,
    Template,
)

# The shop started keeping notes in Rapport three years ago; purchases go back further (the
# till's records were imported), so first purchases and customer anniversaries are real.
HISTORY_DAYS = 3 * 365
CUSTOMER_IDS = {p.key: i for i, p in enumerate(PEOPLE, start=1)}


def build_demo(today: date, seed: int = 7) -> list[Customer]:
    """The demo's customers, with ids 1, 2, … (referrals and cards point at those ids)."""
    rng = random.Random(seed)
    return [_customer(p, today, rng) for p in PEOPLE]


def demo_templates() -> list[Template]:
    """A few card templates, ids 1, 2, … in order."""
    return [Template(occasion, name, body, variant, signature=SIGNATURE, id=i)
            for i, (occasion, name, variant, body) in enumerate(TEMPLATES, start=1)]


def demo_settings() -> dict[str, Any]:
    return copy.deepcopy(SETTINGS)


def demo_tag_settings() -> dict[str, int | None]:
    return dict(TAG_SETTINGS)


def demo_cards(today: date) -> list[Card]:
    """Cards at every stage: a draft, one queued to print, one printed, one mailed last year."""
    def ago(days: int) -> date:
        return today - timedelta(days=days)

    def card(key: str, occasion: str, text: str, status: str, created: int,
             printed: int | None = None, mailed: int | None = None) -> Card:
        template = next((i for i, t in enumerate(TEMPLATES, start=1) if t[0] == occasion), None)
        return Card(CUSTOMER_IDS[key], occasion, text, status=status, created=ago(created),
                    printed=ago(printed) if printed is not None else None,
                    mailed=ago(mailed) if mailed is not None else None, template_id=template)

    return [
        card("siobhan", "birthday", "Happy birthday, Siobhán!\n\nWishing you a year as full of "
             "colour as our cold room in June — and calm seas for every swim. A pat for "
             "Biscuit from us.", "draft", 1),
        card("ayse", "wedding_anniversary", "Dear Ayşe,\n\nHappy anniversary to you and "
             "Mehmet! The purple tulips are waiting for you.", "queued", 2),
        card("grzegorz", "business_anniversary", "Dear Greg,\n\nCongratulations on another "
             "year of Łukasik Joinery — here's to many more chairs saved.", "printed", 3, 1),
        card("peggy", "customer_anniversary", "Dear Peggy,\n\nAnother year of you being our "
             "very first customer. Thank you for every one of them.", "mailed", 370, 368, 367),
    ]


# --- one customer ------------------------------------------------------------------------

def _customer(p: Person, today: date, rng: random.Random) -> Customer:
    c = Customer(
        given_name=p.given, family_name=p.family, preferred_name=p.preferred,
        pronunciation=p.pronunciation, company=p.company, role=p.role,
        emails=list(p.emails), phones=list(p.phones), addresses=_addresses(p),
        tags=list(p.tags), preferred_channels=list(p.channels),
        do_not_contact=list(p.do_not_contact), referred_by=CUSTOMER_IDS.get(p.referred_by),
        cadence_days=p.cadence, customer_since=today - timedelta(days=p.since), notes=p.notes,
        facts=[_fact(f, today) for f in p.facts],
        milestones=[_milestone(m, today) for m in p.milestones],
        purchases=_purchases(p, today, rng), interactions=_touches(p, today, rng),
        id=CUSTOMER_IDS[p.key],
    )
    for item in p.story:
        _add_story(c, item, today)
    c.interactions.sort(key=lambda i: i.when)
    c.purchases.sort(key=lambda i: i.when)
    return c


def _addresses(p: Person) -> list[Address]:
    if not p.address:
        return []
    street, city, region, postal, *country = p.address
    return [Address(street, city, region, postal, country[0] if country else "", mailing=True,
                    label="Work" if p.business else "Home")]


def partial(when: str | tuple[int, int | None], today: date) -> PartialDate:
    """A demo date: ISO text, or (days from today, year or None or SAME)."""
    if isinstance(when, str):
        return PartialDate.parse(when)
    offset, year = when
    day = today + timedelta(days=offset)
    if year == SAME:
        year = day.year
    if year and (day.month, day.day) == (2, 29) and not calendar.isleap(year):
        return PartialDate(2, 28, year)
    return PartialDate(day.month, day.day, year)


def _fact(spec: tuple, today: date) -> Fact:
    kind, value, relation, birthday = (*spec, "", None)[:4]
    return Fact(kind, value, partial(birthday, today) if birthday else None, relation)


def _milestone(spec: tuple, today: date) -> Milestone:
    kind, when, whose, note = (*spec, "", "")[:4]
    return Milestone(kind, partial(when, today), whose, kind in YEARLY_MILESTONES, note)


# --- history -----------------------------------------------------------------------------

def _purchases(p: Person, today: date, rng: random.Random) -> list[Purchase]:
    """The first purchase, then one every ``p.every`` days (give or take) up to ``p.last``."""
    first = today - timedelta(days=p.since)
    out = [_purchase(first, p.business, rng)]
    if p.every is None:
        return out
    day = today - timedelta(days=p.last if p.last is not None else rng.randint(2, p.every))
    while day > first:
        out.append(_purchase(day, p.business, rng))
        day -= timedelta(days=max(1, round(p.every * rng.uniform(0.8, 1.2))))
    return out


def _purchase(day: date, business: bool, rng: random.Random) -> Purchase:
    what, low, high = rng.choice(BUSINESS_ITEMS if business else ITEMS)
    return Purchase(day, Decimal(rng.randint(low * 2, high * 2)) / 2, what)


def _touches(p: Person, today: date, rng: random.Random) -> list[Interaction]:
    """Touches every three to seven weeks, the latest ``p.touch`` days ago."""
    if p.touch is None:
        return []
    kinds = [k for k in INTERACTION_KINDS if INTERACTION_CHANNEL[k] not in p.do_not_contact]
    start = today - timedelta(days=min(p.since, HISTORY_DAYS))
    day = today - timedelta(days=p.touch)
    out: list[Interaction] = []
    while day >= start:
        # The latest is a real touch, never a note: it is what the keep-in-touch clock reads.
        choices = [k for k in kinds if k != "note"] if not out else kinds
        kind = rng.choices(choices, [KIND_WEIGHTS[k] for k in choices])[0]
        out.append(Interaction(day, kind, rng.choice(SUMMARIES[kind])))
        day -= timedelta(days=rng.randint(21, 49))
    return out


def _add_story(c: Customer, item: tuple, today: date) -> None:
    """One dated item from a person's story (see the tuples in demo_data.PEOPLE)."""
    kind, offset, *rest = item

    def day(n: int) -> date:
        return today + timedelta(days=n)

    def maybe_day(n: int | None) -> date | None:
        return None if n is None else day(n)

    if kind in INTERACTION_KINDS:
        c.interactions.append(Interaction(day(offset), kind, rest[0]))
    elif kind == "buy":
        c.purchases.append(Purchase(day(offset), Decimal(rest[0]), rest[1]))
    elif kind == "promise":
        due, hour, what, status = rest
        c.promises.append(Promise(day(offset), datetime.combine(day(due), time(hour or 0)),
                                  what, status))
    elif kind == "problem":
        summary, status, resolved, waiting_on, updates = rest
        c.problems.append(Problem(day(offset), summary, status, maybe_day(resolved), waiting_on,
                                  [ProblemUpdate(day(n), text) for n, text in updates]))
    else:
        raise ValueError(f"unknown story item {kind!r}")
