"""Milestones as an iCalendar file (RFC 5545) for any calendar program.

Each milestone is an all-day event on a floating date (``VALUE=DATE``, no time zone: a
birthday is on the 14th wherever the owner travels), transparent (it does not make the owner
busy), with ``RRULE:FREQ=YEARLY`` when it comes back every year.

Feb 29 would fire only in leap years under a plain yearly rule (RFC 5545 skips dates that do
not exist), so it is ``FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1``: the last day of February, the
28th in common years — as the Today queue does. A date without a year starts in the export's
year (on Feb 28 when that year has no 29th), never in a made-up year like Apple's 1604.

UIDs are stable across exports so a calendar that re-imports updates instead of doubling.
They come from the customer's number, the kind and whose it is (and a count when a customer
has several of one kind) — not from the milestone's row id, which changes each time the
profile is saved (storage rewrites a profile's rows).
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from icalendar import Calendar, Event, vText

from domain.milestone_names import milestone_name, milestone_phrase
from domain.model import MILESTONE_LABELS, Customer, Milestone
from domain.text import escaped, file_text, fold
from exports.atomic import write_atomic
from storage import records
from storage.db import db

_UID_NAMESPACE = uuid.UUID("6f1c2d3e-52a1-4b7e-9c0d-7261706f7274")  # fixed for Rapport


class Text(vText):
    """A TEXT value escaped as RFC 5545 §3.3.11 says, and nothing more: icalendar's own
    escaping first turns a literal ``\\N`` into a line break (``\\Nguyễn`` reached calendars
    as a new line and ``guyễn``). Line breaks and controls as ``domain.text.file_text``
    leaves them: each break ``\\n``, no control character but tab."""

    def __new__(cls, value: str) -> Text:
        return super().__new__(cls, file_text(value))

    def to_ical(self) -> bytes:
        return escaped(str(self)).encode(self.encoding)


def summary(customer: Customer, milestone: Milestone) -> str:
    """``Maria Nguyễn — birthday``, ``Maria Nguyễn — Tom's birthday``; a custom milestone by
    the name Today and the Calendar give it (``Maria Nguyễn — Gotcha day``)."""
    kind, note = milestone.kind, milestone.note
    if milestone.whose:
        what = f"{milestone.whose}’s {milestone_phrase(kind, note)}"
    elif kind == "custom":  # the owner's words, as Today and the Calendar give them
        what = milestone_name(kind, note)
    else:
        what = milestone_phrase(kind, note)
    return f"{customer.display_name} — {what}"


def start_date(milestone: Milestone, today: date) -> date:
    """The first day of the event: the real date, or this year's for a year-less one."""
    d = milestone.date
    return d.to_date() if d.year is not None else d.occurrence_in(today.year)


def rule(milestone: Milestone) -> dict | None:
    """The RRULE of a yearly milestone (Feb 29 falls back to Feb 28), or None."""
    if not milestone.yearly:
        return None
    if (milestone.date.month, milestone.date.day) == (2, 29):
        return {"freq": "yearly", "bymonth": 2, "bymonthday": -1}
    return {"freq": "yearly"}


def uid(customer_id: int, milestone: Milestone, nth: int) -> str:
    key = f"{customer_id}/{milestone.kind}/{fold(milestone.whose).strip()}/{nth}"
    return f"{uuid.uuid5(_UID_NAMESPACE, key)}@rapport"


def event(customer: Customer, milestone: Milestone, nth: int, today: date,
          stamp: datetime) -> Event:
    """One milestone as a VEVENT."""
    start = start_date(milestone, today)
    ev = Event()
    ev.add("uid", uid(customer.id, milestone, nth))
    ev.add("dtstamp", stamp)
    ev.add("summary", Text(summary(customer, milestone)))
    ev.add("dtstart", start)
    ev.add("dtend", start + timedelta(days=1))
    ev.add("transp", "TRANSPARENT")
    ev.add("categories", [MILESTONE_LABELS.get(milestone.kind, milestone.kind)])
    if (recurrence := rule(milestone)) is not None:
        ev.add("rrule", recurrence)
    if milestone.note.strip() and milestone.note.strip() != milestone_name(milestone.kind,
                                                                          milestone.note):
        ev.add("description", Text(milestone.note))  # the whole note, when the name does not say it
    return ev


def calendar(customers: Iterable[Customer], today: date | None = None) -> Calendar:
    """A calendar with one event per milestone of ``customers``."""
    today = today or date.today()
    stamp = datetime.now(UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", "-//Rapport//Milestones//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Rapport — milestones")
    for customer in customers:
        seen: Counter = Counter()
        for milestone in customer.milestones:
            key = (milestone.kind, fold(milestone.whose).strip())
            seen[key] += 1
            cal.add_component(event(customer, milestone, seen[key], today, stamp))
    return cal


def export_file(path: Path, today: date | None = None) -> int:
    """Write every milestone to ``path``; return how many customers have one there."""
    with db.reading():  # one consistent snapshot
        customers = [c for c in records.load_customers() if c.milestones]
    write_atomic(Path(path), calendar(customers, today).to_ical())
    return len(customers)
