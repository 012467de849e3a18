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


def applicable(c: Contact, h: History, ctx: Context) -> list[Rule]:
    """The rules that can have something to say about ``c``: for most customers two or three,
    and asking only those keeps 50,000 customers quick."""
    return [keep_in_touch, *reasons_to_reach_out(c, h, ctx)]


def reasons_to_reach_out(c: Contact, h: History, ctx: Context) -> list[Rule]:
    """The applicable rules but keep-in-touch, which gives way to any of them."""
    rules: list[Rule] = []
    if c.milestones:
        rules.append(sympathy)
    if c.promises:
        rules.append(promises)
    if c.problems:
        rules += (problems, patience)
    bought = h.purchases
    if c.milestones or c.family or (bought and ctx.anniversary_near(bought[0])):
        rules.append(milestones)
    if bought:
        if len(bought) > 1 and bought[-1] <= ctx.lapse_by:
            rules.append(lapsed)
        if bought[0] >= ctx.thanks_from:
            rules.append(first_purchase)
    if c.id in ctx.referrals:
        rules.append(referral)
    return rules


def suggestions_for(c: Contact, ctx: Context, h: History | None = None) -> list[Suggestion]:
    """What the rules suggest for ``c`` (thanks for a referral included).

    Keep-in-touch, lapsed and milestones leave out what falls due after the queue's horizon
    (the queue would drop it, and 50,000 customers make that worth sparing). A date
    beyond the calendar's ends (year 9999) silences that rule for that customer only: one
    absurd date in one record must not empty the owner's whole Today screen.
    """
    h = h or History.of(c, ctx.today)
    return run(applicable(c, h, ctx), c, h, ctx)


def run(rules: Iterable[Rule], c: Contact, h: History, ctx: Context) -> list[Suggestion]:
    """What ``rules`` suggest for ``c``; a rule that meets an impossible date says nothing."""
    found: list[Suggestion] = []
    for rule in rules:
        try:
            found += rule(c, h, ctx)
        except (OverflowError, ValueError):
            continue
    return found
