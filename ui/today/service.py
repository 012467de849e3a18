"""What the Today screen may ask of the notebook, in one small object.

Called only inside operations (on the worker thread). ``today`` always comes from the caller:
the screen reads the clock once and hands the day down, so tests pass a fixed one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from domain.model import Card, Customer
from domain.outreach import Settings, Suggestion, reachable_channels
from storage import customers, outreach


@dataclass
class Queue:
    """The Today queue as loaded for ``today``."""

    today: date
    suggestions: list[Suggestion] = field(default_factory=list)


@dataclass(frozen=True)
class ContactOptions:
    """Which channels the Done dialog offers for one customer."""

    name: str
    blocked: frozenset[str]  # do-not-contact
    reachable: frozenset[str]  # the notebook has details for these


@dataclass(frozen=True)
class Handoff:
    """What the side panel hands off: the message (email, text) and, for a call, the
    talking points and what was promised."""

    subject: str = ""
    message: str = ""
    points: tuple[tuple[str, str], ...] = ()
    promised: tuple[str, ...] = ()


class TodayService:
    """Thin facade over ``storage.outreach`` (and a customer lookup for the Done dialog)."""

    def queue(self, today: date, now: datetime | None = None) -> Queue:
        """The suggestions for ``today``: overdue, due today and this week, engine-sorted
        (``now``: the time of day, which makes a promise late at its hour)."""
        return Queue(today, outreach.today_queue(today, now=now))

    def contact_options(self, customer_id: int) -> ContactOptions:
        """The customer's do-not-contact channels and the ones we have details for."""
        c: Customer = customers.get_customer(customer_id)
        return ContactOptions(c.display_name, frozenset(c.do_not_contact),
                              reachable_channels(c))

    def handoff(self, s: Suggestion, today: date) -> Handoff:
        """The words of an email or a text (as its card would say them), or a call's
        talking points and open promises."""
        from exports.cards.jobs import talking_points
        from storage import handoff

        if s.channel in ("email", "text"):
            drafts = handoff.email_drafts([s], today, s.channel)
            return Handoff(drafts[0].subject, drafts[0].body) if drafts else Handoff()
        person = customers.get_customer(s.customer_id)
        return Handoff(points=tuple(talking_points(person)),
                       promised=tuple(p.what for p in person.promises if p.status == "open"))

    def act_on(self, s: Suggestion, channel: str, note: str, today: date) -> outreach.Acted:
        """Log the touch and mark ``s`` handled, in one transaction; return what was written."""
        return outreach.act_on(s, channel, note, today)

    def undo_act(self, acted: outreach.Acted) -> None:
        """Take back what :meth:`act_on` wrote, in one transaction."""
        outreach.undo_act(acted)

    def snooze(self, s: Suggestion, until: date) -> None:
        """Hide ``s`` until ``until``."""
        outreach.snooze(s, until)

    def dismiss(self, s: Suggestion, today: date) -> None:
        """Hide this occurrence of ``s`` (a lapse or an open obligation for a cadence)."""
        outreach.dismiss(s, today)

    def restore(self, s: Suggestion) -> None:
        """Undo a snooze or dismiss."""
        outreach.restore(s)

    def todays_cards(self, posted: list[Suggestion], today: date) -> list[Card]:
        """The day's posted cards, found or written now and queued (as ``print-cards``)."""
        from exports import cards
        from storage import card_batch

        pairs = card_batch.cards_for_suggestions(posted, today, cards.DEFAULT["card"])
        return [card for card, _person in pairs]

    # --- settings ---------------------------------------------------------------------------

    def settings(self) -> tuple[Settings, list[str]]:
        """The outreach settings, and every tag in the notebook (for the tag cadence table)."""
        return outreach.load_settings(), self.tag_names()

    def save_settings(self, before: Settings, after: Settings,
                      progress: Callable[[int, int], None] | None = None) -> None:
        """Store ``after`` in one transaction: the numbers, then tag cadences added, changed
        or removed since ``before``; every customer's suggestions are worked out again
        (``progress(done, total)`` hears how far)."""
        outreach.update_settings(before, after, progress)

    def tag_names(self) -> list[str]:
        """Every tag in use, by name."""
        return customers.tag_names()
