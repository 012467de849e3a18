"""Small builders for outreach tests: customers as the engine sees them, dates by name."""

from __future__ import annotations

from datetime import date, datetime

from domain.dates import PartialDate
from domain.model import CHANNELS, Fact, Milestone, Problem, ProblemUpdate, Promise
from domain.outreach import Contact, Settings, Touch, build_queue

FRI_20_NOV = date(2026, 11, 20)  # a Friday


def d(text: str) -> date:
    return date.fromisoformat(text)


def person(cid: int = 1, name: str = "Maria Lopez", **kw) -> Contact:
    """A customer reachable on every channel, added long ago, with nothing recorded."""
    kw.setdefault("greeting", name.split()[0])
    kw.setdefault("added", date(2020, 1, 6))
    kw.setdefault("reachable", frozenset(CHANNELS))
    return Contact(cid, name, **kw)


def touch(day: str, kind: str = "call", channel: str | None = None) -> Touch:
    channel = channel or {"call": "phone", "card": "mail", "gift": "visit", "meeting": "visit",
                          "visit": "visit", "email": "email", "text": "text"}.get(kind)
    return Touch(d(day), kind, channel)


def milestone(kind: str, when: str, whose: str = "", yearly: bool | None = None,
              mid: int | None = None) -> Milestone:
    once = kind not in ("birthday", "wedding_anniversary", "customer_anniversary",
                        "business_anniversary")
    return Milestone(kind, PartialDate.parse(when), whose,
                     (not once) if yearly is None else yearly, id=mid)


def family(name: str, relation: str, birthday: str | None = None) -> Fact:
    return Fact("family", name, PartialDate.parse(birthday) if birthday else None, relation)


def promise(due: str, what: str = "call back about the lilies", status: str = "open",
            pid: int = 7) -> Promise:
    return Promise(d("2026-11-01"), datetime.fromisoformat(due), what, status, pid)


def problem(opened: str, summary: str = "wilted roses", updates: tuple[str, ...] = (),
            resolved: str | None = None, pid: int = 9, waiting_on: str = "") -> Problem:
    return Problem(d(opened), summary, "resolved" if resolved else "open",
                   d(resolved) if resolved else None, waiting_on,
                   [ProblemUpdate(d(u), "news") for u in updates], pid)


def queue(*contacts: Contact, today: date = FRI_20_NOV, **settings):
    return build_queue(list(contacts), today, Settings(**settings))


def kinds(found) -> list[str]:
    return [s.kind for s in found]


def one(found, kind: str):
    """The only suggestion of ``kind``."""
    matching = [s for s in found if s.kind == kind]
    assert len(matching) == 1, [(s.kind, s.reason) for s in found]
    return matching[0]


def suggested(*contacts: Contact, today: date = FRI_20_NOV, **settings):
    """Every rule's raw output for ``contacts`` (no window, snooze, quiet time or cap)."""
    from domain.outreach import Context, suggestions_for

    ctx = Context(today, Settings(**settings), {c.id: c for c in contacts})
    return [s for c in contacts for s in suggestions_for(c, ctx)]
