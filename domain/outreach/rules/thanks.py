"""Thank-yous: for a first purchase, for a referral, for patience while a problem was fixed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from domain.outreach.channels import pick
from domain.outreach.context import Context, ref, suggest
from domain.outreach.history import History
from domain.outreach.inputs import Contact
from domain.outreach.suggestion import Suggestion
from domain.outreach.wording import when_past as _when


def first_purchase(c: Contact, h: History, ctx: Context) -> Iterator[Suggestion]:
    """A thank-you after the first purchase, until any touch on or after that day."""
    if not h.purchases or not ctx.recent(h.purchases[0], ctx.settings.thank_you_window_days):
        return
    first = h.purchases[0]
    channel = pick(c, "thank_you_first_purchase")
    if channel is None or h.touched_since(first):
        return
    due = first + timedelta(days=ctx.settings.thank_you_days)
    yield suggest(c, "thank_you_first_purchase", due, channel, f"thank_you_first_purchase:{c.id}",
                  f"First purchase {_when(first, ctx.today)} — no thank-you yet")


def referral(c: Contact, h: History, ctx: Context) -> Iterator[Suggestion]:
    """A thank-you to whoever referred ``c``, dated by c's first purchase, else when added."""
    referrer = ctx.contacts.get(c.referred_by) if c.referred_by is not None else None
    bought = h.purchases
    since = bought[0] if bought else c.added
    if referrer is None or referrer.id == c.id or since is None:
        return
    if not ctx.recent(since, ctx.settings.thank_you_window_days):
        return
    channel = pick(referrer, "thank_you_referral")
    if channel is None or History.of(referrer, ctx.today).touched_since(since):
        return
    what = f"who first bought {_when(since, ctx.today)}" if bought else \
        f"added {_when(since, ctx.today)}"
    yield suggest(referrer, "thank_you_referral", since + timedelta(ctx.settings.thank_you_days),
                  channel, f"thank_you_referral:{c.id}",
                  f"Referred {c.name} ({what}) — no thank-you yet", source_id=c.id)


def patience(c: Contact, h: History, ctx: Context) -> Iterator[Suggestion]:
    """Thanks for their patience once a problem is resolved, until a touch after that."""
    for n, p in enumerate(c.problems):
        if p.status != "resolved" or p.resolved is None:
            continue
        if not ctx.recent(p.resolved, ctx.settings.patience_window_days):
            continue
        channel = pick(c, "thank_you_patience")
        if channel is None or h.touched_since(p.resolved):
            continue
        yield suggest(c, "thank_you_patience", p.resolved, channel,
                      f"thank_you_patience:{ref(p.id, c, n)}",
                      f"Problem resolved {_when(p.resolved, ctx.today)} ({p.summary}) — "
                      "thank them for their patience", source_id=p.id)
