"""Thank-yous: for a first purchase, for a referral, for patience while a problem was fixed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from domain.outreach.channels import pick
from domain.outreach.context import Context, ref
from domain.outreach.entries import WORDING, Entry, entry
from domain.outreach.history import History
from domain.outreach.inputs import Contact
from domain.outreach.schedule import shift
from domain.outreach.wording import when_past as _when


def _window(since: date, days: int) -> tuple[date, date]:
    """The days a thank-you shows: from ``since`` to ``days`` after it."""
    return since, shift(since, days)


def first_purchase(c: Contact, h: History, ctx: Context) -> Iterator[Entry]:
    """A thank-you after the first purchase, until any touch on or after that day."""
    if not h.purchases:
        return
    first = h.purchases[0]
    channel = pick(c, "thank_you_first_purchase")
    if channel is None or h.touched_since(first):
        return
    due = first + timedelta(days=ctx.settings.thank_you_days)
    yield entry(c.id, c.name, "thank_you_first_purchase", due, channel,
                f"thank_you_first_purchase:{c.id}",
                *_window(first, ctx.settings.thank_you_window_days),
                (first.isoformat(),))


def referral(c: Contact, h: History, ctx: Context) -> Iterator[Entry]:
    """Thanks to ``c`` for each new customer they referred, dated by that customer's first
    purchase, else by when they were added; until ``c`` has had a touch since."""
    for friend in ctx.referrals.get(c.id, ()):
        bought = History.of(friend, ctx.today).purchases
        since = bought[0] if bought else friend.added
        if since is None:
            continue
        channel = pick(c, "thank_you_referral")
        if channel is None or h.touched_since(since):
            continue
        due = since + timedelta(ctx.settings.thank_you_days)
        yield entry(c.id, c.name, "thank_you_referral", due, channel,
                    f"thank_you_referral:{friend.id}",
                    *_window(since, ctx.settings.thank_you_window_days),
                    (friend.name, since.isoformat(), bool(bought)), source_id=friend.id)


def patience(c: Contact, h: History, ctx: Context) -> Iterator[Entry]:
    """Thanks for their patience once a problem is resolved, until a touch after that."""
    for n, p in enumerate(c.problems):
        if p.status != "resolved" or p.resolved is None:
            continue
        channel = pick(c, "thank_you_patience")
        if channel is None or h.touched_since(p.resolved):
            continue
        yield entry(c.id, c.name, "thank_you_patience", p.resolved, channel,
                    f"thank_you_patience:{ref(p.id, c, n)}",
                    *_window(p.resolved, ctx.settings.patience_window_days),
                    (p.resolved.isoformat(), p.summary), source_id=p.id)


def _first_words(e: Entry, ctx: Context) -> str:
    return f"First purchase {_when(date.fromisoformat(e.words[0]), ctx.today)} — no thank-you yet"


def _referral_words(e: Entry, ctx: Context) -> str:
    name, since, bought = e.words
    when = _when(date.fromisoformat(since), ctx.today)
    what = f"who first bought {when}" if bought else f"added {when}"
    return f"Referred {name} ({what}) — no thank-you yet"


def _patience_words(e: Entry, ctx: Context) -> str:
    resolved, summary = e.words
    return (f"Problem resolved {_when(date.fromisoformat(resolved), ctx.today)} ({summary}) — "
            "thank them for their patience")


WORDING.update(thank_you_first_purchase=_first_words, thank_you_referral=_referral_words,
               thank_you_patience=_patience_words)
