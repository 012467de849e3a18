"""Cards for milestones, timed so a posted card arrives on the day."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from domain.outreach.channels import candidates
from domain.outreach.context import Context
from domain.outreach.entries import AHEAD, WORDING, Entry, entry
from domain.outreach.history import History
from domain.outreach.inputs import Contact
from domain.outreach.occasions import Occasion, occasions, title, years_phrase
from domain.outreach.rules.sympathy import departed, name_key
from domain.outreach.schedule import business_days_before, iso, lookahead_days, shift
from domain.outreach.wording import CHANNEL_VERBS, day_month, on_day

# How the reason ends: nothing, "post the card by …" (counted from the day), or fixed words.
_POST = "post"


def milestones(c: Contact, h: History, ctx: Context) -> Iterator[Entry]:
    """Each occasion of the days ahead, due on its print-by date when posted and there is
    still time, else on the day by another channel; a one-off heard of late, at once."""
    if not (c.milestones or c.family or h.purchases):
        return  # no date an occasion could come from
    options = candidates(c, "milestone")
    if not options:
        return
    s = ctx.settings
    end = shift(ctx.today, AHEAD + lookahead_days(s))
    first = h.purchases[0] if h.purchases else None
    gone = departed(c.milestones) if c.milestones else None
    for o in occasions(c, ctx.today, end, ctx.once_from, first):
        if gone and o.whose and name_key(o.whose) in gone:
            continue  # no card greets someone who died (the calendar still shows the day)
        yield from _timings(c, o, options, ctx)


def _timings(c: Contact, o: Occasion, options: tuple[str, ...], ctx: Context) -> Iterator[Entry]:
    """The entries of one occasion: the days it shows by each way of marking it."""
    s = ctx.settings
    day = o.occurs
    until = day if o.yearly else shift(day, s.recent_milestone_days)
    named = title(c, o)

    def one(channel: str, due: date, start: date, end: date, tail: str, by: date = day) -> Entry:
        return entry(c.id, c.name, "milestone", due, channel, o.key, start, end,
                     (named, iso[day], years_phrase(o), tail, iso[by]),
                     title=named, occasion=o.kind, milestone_kind=o.kind, source_id=o.source_id)

    if options[0] != "mail":
        yield one(options[0], day, date.min, until, "")
        return
    by = business_days_before(day, s.mailing_lead_days)
    later = [ch for ch in options if ch != "mail"]
    if later:
        yield one("mail", by, date.min, min(by, day), _POST, by)
        yield one(later[0], day, shift(by, 1), day,
                  f" — too late to post a card; {CHANNEL_VERBS[later[0]]} instead")
    else:
        yield one("mail", by, date.min, day, _POST, by)
    if until > day:  # a one-off past its day: the card is simply due now
        yield one("mail", day, shift(day, 1), until, " — send a card")


def _milestone_words(e: Entry, ctx: Context) -> str:
    """ "Birthday on Fri 4 Dec (turns 50) — post the card by 30 Nov"; a past one-off reads
    "New baby on 1 Dec — send a card"."""
    named, occurs, years, tail, by = e.words
    day, today = date.fromisoformat(occurs), ctx.today
    when = on_day(day, today) if day >= today else f"on {day_month(day, today)}"
    if tail == _POST:
        tail = _post_tail(date.fromisoformat(by), today)
    return f"{named} {when}" + (f" ({years})" if years else "") + tail


def _post_tail(by: date, today: date) -> str:
    if by == today:
        return " — post the card today"
    if by < today:
        return f" — the card should have been posted by {day_month(by, today)}"
    return f" — post the card by {day_month(by, today)}"


WORDING["milestone"] = _milestone_words
