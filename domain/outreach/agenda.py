"""A customer's agenda: every entry the rules foresee for them, and what the day's policy
needs to know of their past, worked out for one day and holding for the days after it.

As a spaced-repetition scheduler keeps a due date on every card, storage keeps each
customer's agenda (storage.agenda) and works it out again when their data change, when the
owner changes a setting, or when the days it holds for run out (:attr:`Agenda.until`): a
touch logged with a date ahead, a yearly occasion rolling over, a customer added ahead.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from domain.outreach.context import Context
from domain.outreach.entries import AHEAD, Entry
from domain.outreach.history import History
from domain.outreach.inputs import Contact
from domain.outreach.rules import entries_for
from domain.outreach.rules.contact import last_contact
from domain.outreach.rules.sympathy import losses
from domain.outreach.schedule import shift
from domain.outreach.upcoming import CalendarEntry, upcoming

# How far past the days an agenda holds for its calendar reaches: the Calendar screen shows
# this many days at most from the stored occasions (a longer look is worked out on the spot).
CALENDAR_DAYS = 90


@dataclass(slots=True)
class Agenda:
    """One customer's entries from ``as_of`` to ``until``, with their past as the per-day
    policy reads it (domain.outreach.queue): the latest touch, the days of the latest few
    (the per-customer cap counts them), their losses (quiet time), what they have spent."""

    customer_id: int
    entries: list[Entry]
    as_of: date
    until: date
    last_touch: date | None = None
    touches: tuple[date, ...] = ()  # newest first, as many as the cap counts
    losses: tuple[date, ...] = ()
    lifetime_cents: int = 0
    # The Calendar screen's occasions from ``as_of`` to CALENDAR_DAYS past ``until``.
    calendar: list[CalendarEntry] = field(default_factory=list)

    def holds_on(self, today: date) -> bool:
        """Whether these entries are the rules' answer on ``today``."""
        return self.as_of <= today <= self.until

    def touched_since(self, day: date) -> bool:
        return self.last_touch is not None and self.last_touch >= day

    def count_since(self, day: date) -> int:
        """Touches on or after ``day`` (at most as many as kept: all the cap asks)."""
        return sum(1 for t in self.touches if t >= day)


def agenda_of(c: Contact, ctx: Context) -> Agenda:
    """``c``'s agenda from ``ctx.today`` on; ``ctx.contacts`` holds at least the customers
    ``c`` referred (their thank-you turns on them). An archived or departed customer is
    due nothing."""
    h = History.of(c, ctx.today)
    entries = [] if c.status else entries_for(c, ctx, h)
    until = holds_until(c, h, ctx)
    # Only milestones and family birthdays make the calendar: without either, no call.
    shown = ([] if c.status or not (c.milestones or c.family)
             else upcoming([c], ctx.today, (until - ctx.today).days + CALENDAR_DAYS))
    cap = ctx.settings.cap_touches
    return Agenda(c.id, entries, ctx.today, until, h.touches[0].when if h.touches else None,
                  tuple([t.when for t in h.touches[:cap]]) if cap > 0 else (),
                  tuple([day for _m, day in losses(c)]) if c.milestones else (),
                  c.lifetime_cents, shown)


def holds_until(c: Contact, h: History, ctx: Context) -> date:
    """The last day ``c``'s agenda from ``ctx.today`` holds for: at most ``AHEAD`` days on,
    and never past the eve of a touch or purchase dated after ``ctx.today`` (theirs, or a
    first purchase of someone they referred), which the rules do not count until its day.
    Someone never touched and added ahead of the day is worked out again every day."""
    today = ctx.today
    if last_contact(h, ctx.settings) is None and (c.added is None or c.added > today):
        return today
    ahead = [t.when for t in c.touches if t.when > today]
    ahead += [p for p in c.purchases if p > today]
    for friend in ctx.referrals.get(c.id, ()):
        ahead += [p for p in friend.purchases if p > today]
    last = shift(today, AHEAD)
    return min(last, shift(min(ahead), -1)) if ahead else last


def agendas(contacts: Iterable[Contact], ctx: Context) -> list[Agenda]:
    """Every customer's agenda from ``ctx.today`` (``ctx.contacts``: everyone, for
    referrals)."""
    return [agenda_of(c, ctx) for c in contacts]

