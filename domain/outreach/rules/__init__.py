"""The rules of DESIGN §2, each a function (customer, history, context) → agenda entries:
what the customer is due from ``context.today`` on, and the days each shows
(domain.outreach.entries)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from domain.outreach.context import Context
from domain.outreach.entries import Entry, word
from domain.outreach.history import History
from domain.outreach.inputs import Contact
from domain.outreach.rules.contact import keep_in_touch, lapsed
from domain.outreach.rules.followups import problems, promises
from domain.outreach.rules.milestones import milestones
from domain.outreach.rules.sympathy import sympathy
from domain.outreach.rules.thanks import first_purchase, patience, referral
from domain.outreach.suggestion import Suggestion

Rule = Callable[[Contact, History, Context], Iterable[Entry]]
# Keep in touch first: it gives way to any of the others (domain.outreach.agenda).
RULES: tuple[Rule, ...] = (keep_in_touch, sympathy, promises, problems, patience, milestones,
                           lapsed, first_purchase, referral)


def entries_for(c: Contact, ctx: Context, h: History | None = None) -> list[Entry]:
    """Everything the rules foresee for ``c`` from ``ctx.today`` on (thanks for a referral
    included: ``ctx.contacts`` names whom they sent). A date beyond the calendar's ends (year
    9999) silences that rule for that customer only: one absurd date in one record must not
    empty the owner's whole Today screen."""
    h = h or History.of(c, ctx.today)
    found: list[Entry] = []
    for rule in RULES:
        try:
            found += rule(c, h, ctx)
        except (OverflowError, ValueError):
            continue
    return found


def suggestions_for(c: Contact, ctx: Context, h: History | None = None) -> list[Suggestion]:
    """What the rules suggest for ``c`` on ``ctx.today``: every entry that shows that day,
    worded for it (no snooze, quiet time or cap yet)."""
    return [word(e, ctx) for e in entries_for(c, ctx, h) if e.shows(ctx.today, ctx.horizon)]
