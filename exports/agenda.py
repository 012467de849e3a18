"""A week on paper (``agenda OUT.pdf`` and File ▸ Print agenda…): the Today queue's
suggestions for the seven days from a day (the same rules: storage.outreach), with each
customer's number or address, talking points and promises; drawn by exports.agenda_pdf."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time
from pathlib import Path

from domain.agenda import DAYS, Agenda, Entry, paper_for
from domain.model import Customer
from domain.outreach import Suggestion
from domain.reach import reach_for
from exports.cards.jobs import talking_points
from storage import outreach, records
from storage.db import db
from storage.templates import load_sender


def week(day: date) -> Agenda:
    """The seven days from ``day``: every suggestion the Today queue makes for them (what is
    overdue on ``day`` filed under it), with numbers, addresses, talking points, promises."""
    with db.reading():
        sender = load_sender()
        settings = dataclasses.replace(outreach.load_settings(), queue_days=DAYS - 1)
        plan = outreach.today_plan(day, settings)
        agenda = Agenda(day, sender.business, paper_for(sender.home))
        ids = sorted({s.customer_id for s in plan.suggestions})
        people = {c.id: c for c in records.load_customers(ids)} if ids else {}  # one read
        for s in plan.suggestions:
            if s.customer_id in people:
                agenda.add(s.due, _entry(s, people[s.customer_id], sender.home, agenda))
    return agenda


def _entry(s: Suggestion, person: Customer, home: str, agenda: Agenda) -> Entry:
    return Entry(customer=s.customer, channel=s.channel, what=s.title, why=s.reason,
                 reach=reach_for(person, s.channel, home),
                 points=tuple(talking_points(person)),
                 promised=tuple(p for p in _promised(person, agenda)
                                if p.split(" — by ")[0] not in s.reason),  # said once
                 overdue=s.due < agenda.start)


def _promised(person: Customer, agenda: Agenda) -> tuple[str, ...]:
    """The customer's open promises due by the week's end, with their day and hour."""
    first = datetime.combine(agenda.start, time.min)
    last = datetime.combine(agenda.end, time.max)
    kept = sorted((p for p in person.promises if p.status == "open" and p.due <= last),
                  key=lambda p: p.due)
    return tuple(f"{p.what} — by {_when(p.due)}" + (" (overdue)" if p.due < first else "")
                 for p in kept)


def _when(due: datetime) -> str:
    hour = "" if due.time() in (time(0, 0), time.max.replace(microsecond=0)) else \
        f", {due:%H:%M}"
    return f"{due:%a} {due.day} {due:%b}{hour}"


def render(day: date) -> bytes:
    """The agenda PDF of the week from ``day``: the one function the CLI and window use."""
    from exports import agenda_pdf  # late: reportlab loads only when a page is drawn

    return agenda_pdf.render(week(day))


def write(day: date, target: Path) -> int:
    """Write the week's agenda to ``target`` (checked by exports.output_path first)
    atomically; returns how many suggestions it holds."""
    from exports import agenda_pdf
    from exports.atomic import write_atomic

    agenda = week(day)
    write_atomic(target, agenda_pdf.render(agenda))
    return sum(len(entries) for entries in agenda.days.values())
