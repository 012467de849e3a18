"""Which channel to suggest: the customer's preferences first, never a do-not-contact one.

Every kind lists all five channels in the order that suits it (a posted card to say thank
you, a call to follow up), so a channel is missing only when the customer closed it or the
notebook has no details for it. Keep-in-touch rotates away from the channels used last.
"""

from __future__ import annotations

import re
from functools import cache

from domain.model import CHANNELS
from domain.outreach.history import History
from domain.outreach.inputs import Contact

KIND_CHANNELS = {
    "sympathy": ("mail", "visit", "phone", "email", "text"),
    "promise_due": ("phone", "email", "text", "visit", "mail"),
    "problem_follow_up": ("phone", "email", "text", "visit", "mail"),
    "milestone": ("mail", "phone", "email", "text", "visit"),
    "thank_you_first_purchase": ("mail", "email", "phone", "text", "visit"),
    "thank_you_referral": ("mail", "phone", "email", "text", "visit"),
    "thank_you_patience": ("mail", "phone", "email", "text", "visit"),
    "keep_in_touch": ("phone", "email", "text", "mail", "visit"),
    "lapsed": ("phone", "email", "mail", "text", "visit"),
}

# Words in a promise that say how it is to be kept ("call back", "email the quote").
_PROMISE_WORDS = (
    (re.compile(r"\b(call|ring|phone)\b", re.I), "phone"),
    (re.compile(r"\be-?mail", re.I), "email"),
    (re.compile(r"\b(text|sms)\b", re.I), "text"),
    (re.compile(r"\b(post|mail|card|letter)\b", re.I), "mail"),
    (re.compile(r"\b(visit|drop (by|off)|deliver|bring)\b", re.I), "visit"),
)


def candidates(c: Contact, kind: str, first: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Open channels for ``kind``: ``first``, then the customer's preferences, then the kind's."""
    return _order(kind, first, c.preferred_channels, c.open_channels())


@cache
def _order(kind: str, first: tuple[str, ...], preferred: tuple[str, ...],
           allowed: tuple[str, ...]) -> tuple[str, ...]:
    # Cached: 50,000 customers share a handful of combinations.
    order = [*first, *(p for p in preferred if p in CHANNELS), *KIND_CHANNELS[kind]]
    return tuple(ch for ch in dict.fromkeys(order) if ch in allowed)


def pick(c: Contact, kind: str) -> str | None:
    """The best open channel for ``kind``, or None when every channel is closed."""
    options = candidates(c, kind)
    return options[0] if options else None


def rotate(c: Contact, h: History, kind: str) -> str | None:
    """An open channel not used last: preferred first, then the least recently used."""
    options = candidates(c, kind)
    if not options or not h.touches:
        return options[0] if options else None
    used, same_day = h.recent_channels()
    return _rotation(options, c.preferred_channels, used, same_day)


@cache
def _rotation(options: tuple[str, ...], preferred: tuple[str, ...], used: tuple,
              same_day: int) -> str:
    """The pick for one pattern of recent use (``used`` newest first, the first ``same_day``
    of them on the latest day); customers share a few hundred patterns."""
    last = set(used[:same_day])

    def rank(channel: str) -> tuple:
        # A channel's first place in ``used`` is its latest use: later is longer ago, and
        # never used is best of all.
        age = used.index(channel) if channel in used else len(used)
        return (channel in last, channel not in preferred, -age, options.index(channel))

    return min(options, key=rank)


def for_promise(c: Contact, what: str) -> str | None:
    """The channel the promise names ("call back…" → phone) when open, else the usual pick."""
    named = next((ch for pattern, ch in _PROMISE_WORDS if pattern.search(what)), None)
    options = candidates(c, "promise_due", (named,) if named else ())
    return options[0] if options else None
