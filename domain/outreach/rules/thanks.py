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
    """Thanks to ``c`` for each new customer they referred, dated by that customer's first
    purchase, else by when they were added; until ``c`` has had a touch since."""
    for friend in ctx.referrals.get(c.id, ()):
        bought = History.of(friend, ctx.today).purchases
        since = bought[0] if bought else friend.added
        if since is None or not ctx.recent(since, ctx.settings.thank_you_window_days):
            continue
        channel = pick(c, "thank_you_referral")
        if channel is None or h.touched_since(since):
            continue
        what = f"who first bought {_when(since, ctx.today)}" if bought else \
            f"added {_when(since, ctx.today)}"
        yield suggest(c, "thank_you_referral", since + timedelta(ctx.settings.thank_you_days),
                      channel, f"thank_you_referral:{friend.id}",
                      f"Referred {friend.name} ({what}) — no thank-you yet", source_id=friend.id)


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
