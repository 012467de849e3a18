"""Steady contact: keep in touch on the customer's cadence; notice when a buyer has lapsed."""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache

from domain.outreach.channels import rotate
from domain.outreach.context import Context
from domain.outreach.entries import FOREVER, WORDING, Entry, entry
from domain.outreach.history import History
from domain.outreach.inputs import Contact
from domain.outreach.schedule import iso
from domain.outreach.settings import Settings
from domain.outreach.wording import day_month, days_ago, touch_noun


def cadence(c: Contact, settings: Settings) -> int:
    """Days between touches: the customer's own, else their tags' shortest, else the default."""
    return cadence_of(c.cadence_days, c.tags, settings)


def cadence_of(own: int | None, tags: Iterable[str], settings: Settings) -> int:
    """:func:`cadence` from the customer's own cadence and their tags."""
    if own and own > 0:
        return own
    if tags and settings.tag_cadences:
        tagged = [settings.tag_cadences.get(t, 0) for t in tags]
        shortest = min((days for days in tagged if days > 0), default=0)
        if shortest:
            return shortest
    return max(settings.default_cadence_days, 1)


def last_contact(h: History, settings: Settings) -> tuple[date, str] | None:
    """(day, kind) of the latest touch, or (day, "purchase") when a purchase came later."""
    touch = h.touches[0] if h.touches else None
    found = (touch.when, touch.kind) if touch else None
    bought = h.purchases if settings.purchase_counts_as_touch else None
    if bought and (found is None or bought[-1] > found[0]):
        found = (bought[-1], "purchase")
    return found


def keep_in_touch(c: Contact, h: History, ctx: Context) -> list[Entry]:
    """Due a cadence after the last contact; every touch starts the clock again. Without
    one, the clock starts when the customer was added (today, for one added later: such an
    entry holds for ``ctx.today`` alone, see domain.outreach.agenda)."""
    every = c.cadence_days if c.cadence_days and c.cadence_days > 0 else cadence(c, ctx.settings)
    last = last_contact(h, ctx.settings)
    start = last[0] if last else min(c.added or ctx.today, ctx.today)
    due = start + timedelta(days=every)
    channel = rotate(c, h, "keep_in_touch")
    if channel is None:
        return []
    since = iso[start]
    return [entry(c.id, c.name, "keep_in_touch", due, channel, f"keep_in_touch:{c.id}:{since}",
                  date.min, FOREVER, (since, last[1] if last else "", every,
                   iso[c.added] if c.added else None), every=every)]


def _keep_in_touch_words(e: Entry, ctx: Context) -> str:
    start, kind, _every, added = e.words
    if kind:
        return _last_phrase(date.fromisoformat(start), kind, ctx.today)
    return _never(date.fromisoformat(added) if added else None, ctx.today)


def lapsed_key(customer_id: int, last: date) -> str:
    return f"lapsed:{customer_id}:{iso[last]}"


def lapse_threshold(gap: float, settings: Settings) -> int:
    """Days without a purchase that make a lapse: 2 × the usual gap, at least 90 days."""
    return max(math.ceil(settings.lapse_factor * gap), settings.lapse_min_days)


def _never(added: date | None, today: date) -> str:
    since = f" — customer since {day_month(added, today)}" if added else ""
    return f"No touch logged yet{since}"


@lru_cache(maxsize=8192)
def _last_phrase(start: date, kind: str, today: date) -> str:
    """ "Last touch 64 days ago (a call on 20 Sep)"; cached, as thousands share a day."""
    word = "Last contact" if kind == "purchase" else "Last touch"
    return f"{word} {days_ago(start, today)} ({touch_noun(kind)} on {day_month(start, today)})"


def lapsed(c: Contact, h: History, ctx: Context) -> list[Entry]:
    """No purchase for much longer than their own usual gap (2 × median, at least 90 days)."""
    if len(h.purchases) < 2:
        return []
    last = h.purchases[-1]
    gap = h.usual_gap() or 0
    due = last + timedelta(days=lapse_threshold(gap, ctx.settings))
    channel = rotate(c, h, "lapsed")
    if channel is None:
        return []
    return [entry(c.id, c.name, "lapsed", due, channel, lapsed_key(c.id, last),
                  date.min, FOREVER, (iso[last], gap))]


def _lapsed_words(e: Entry, ctx: Context) -> str:
    last, gap = date.fromisoformat(e.words[0]), e.words[1]
    return (f"No purchase since {day_month(last, ctx.today)} "
            f"({ctx.days_since(last)} days); usually every {round(gap)} days")


WORDING.update(keep_in_touch=_keep_in_touch_words, lapsed=_lapsed_words)
