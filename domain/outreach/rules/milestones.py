"""Cards for milestones, timed so a posted card arrives on the day."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from functools import lru_cache

from domain.outreach.channels import candidates
from domain.outreach.context import Context, suggest
from domain.outreach.history import History
from domain.outreach.inputs import Contact
from domain.outreach.occasions import Occasion, occasions, title, years_phrase
from domain.outreach.rules.sympathy import departed, name_key
from domain.outreach.schedule import business_days_before
from domain.outreach.suggestion import Suggestion
from domain.outreach.wording import CHANNEL_VERBS, day_month, on_day


def milestones(c: Contact, h: History, ctx: Context) -> Iterator[Suggestion]:
    """Each occasion in the look-ahead window, due on its print-by date when posted (those
    falling due after the queue's horizon are left out)."""
    first = h.purchases[0] if h.purchases else None
    if first is not None and not ctx.anniversary_near(first):
        first = None  # its anniversary cannot fall due within the queue's window
    gone = departed(c.milestones) if c.milestones else None
    for o in occasions(c, ctx.today, ctx.look_until, ctx.once_from, first):
        if gone and o.whose and name_key(o.whose) in gone:
            continue  # no card greets someone who died (the calendar still shows the day)
        plan = _plan(c, o, ctx)
        if plan is not None and plan[1] <= ctx.horizon:
            channel, due, tail = plan
            named = title(c, o)
            yield suggest(c, "milestone", due, channel, o.key,
                          _reason(named, o, ctx.today) + tail, title=named, occasion=o.kind,
                          milestone_kind=o.kind, source_id=o.source_id)


def _plan(c: Contact, o: Occasion, ctx: Context) -> tuple[str, date, str] | None:
    """(channel, due, reason tail): a card by post when there is still time, else on the day."""
    options = candidates(c, "milestone")
    if not options:
        return None
    return _timing(options, o.occurs, ctx.today, ctx.settings.mailing_lead_days)


@lru_cache(maxsize=4096)  # thousands of cards share a few dozen days and channel orders
def _timing(options: tuple[str, ...], occurs: date, today: date,
            lead_days: int) -> tuple[str, date, str]:
    """:func:`_plan` for open channels ``options``; ``lead_days`` as ``schedule.post_by``
    reads them from the settings (which cannot be a cache key).

    A one-off that already happened (a new baby heard of late) has no day to arrive by: its
    card is simply due now."""
    if options[0] != "mail":
        return options[0], occurs, ""
    if occurs < today:
        return "mail", occurs, " — send a card"
    by = business_days_before(occurs, lead_days)
    later = [ch for ch in options if ch != "mail"]
    if by >= today or not later:
        return "mail", by, _post_tail(by, today)
    return later[0], occurs, f" — too late to post a card; {CHANNEL_VERBS[later[0]]} instead"


def _post_tail(by: date, today: date) -> str:
    if by == today:
        return " — post the card today"
    if by < today:
        return f" — the card should have been posted by {day_month(by, today)}"
    return f" — post the card by {day_month(by, today)}"


def _reason(named: str, o: Occasion, today: date) -> str:
    """ "Birthday on Fri 4 Dec (turns 50)" (``named`` is the occasion's title); a past one-off
    reads "New baby on 1 Dec"."""
    years = years_phrase(o)
    when = on_day(o.occurs, today) if o.occurs >= today else f"on {day_month(o.occurs, today)}"
    return f"{named} {when}" + (f" ({years})" if years else "")
