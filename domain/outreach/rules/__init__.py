"""The rules of DESIGN §2, each a function (customer, history, context) → suggestions."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from domain.outreach.context import Context
from domain.outreach.history import History
from domain.outreach.inputs import Contact
from domain.outreach.rules.contact import keep_in_touch, lapsed
from domain.outreach.rules.followups import problems, promises
from domain.outreach.rules.milestones import milestones
from domain.outreach.rules.sympathy import sympathy
from domain.outreach.rules.thanks import first_purchase, patience, referral
from domain.outreach.suggestion import Suggestion

Rule = Callable[[Contact, History, Context], Iterable[Suggestion]]

# Each rule with the test that says whether it can have anything to say about a customer:
# most customers have no promise, problem or milestone this month, and 50,000 of them are
# answered faster by not asking.
RULES: tuple[tuple[Rule, Callable[[Contact, History], object]], ...] = (
    (sympathy, lambda c, h: c.milestones),
    (promises, lambda c, h: c.promises),
    (problems, lambda c, h: c.problems),
    (milestones, lambda c, h: c.milestones or c.family or h.purchases),
    (first_purchase, lambda c, h: h.purchases),
    (referral, lambda c, h: c.referred_by is not None),
    (patience, lambda c, h: c.problems),
    (keep_in_touch, lambda c, h: True),
    (lapsed, lambda c, h: len(h.purchases) > 1),
)


def suggestions_for(c: Contact, ctx: Context, h: History | None = None) -> list[Suggestion]:
    """What the rules suggest from ``c``'s record (a referral's thanks go to the referrer).

    Keep-in-touch and lapsed leave out what falls due after the queue's horizon.
    """
    h = h or History.of(c, ctx.today)
    found: list[Suggestion] = []
    for rule, applies in RULES:
        if applies(c, h):
            found += _safely(rule, c, h, ctx)
    return found


def _safely(rule: Rule, c: Contact, h: History, ctx: Context) -> list[Suggestion]:
    """A rule's suggestions; a date beyond the calendar's ends (year 9999) yields none.

    One absurd date in one record must not empty the owner's whole Today screen.
    """
    try:
        return list(rule(c, h, ctx))
    except (OverflowError, ValueError):
        return []
