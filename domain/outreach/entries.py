"""An agenda entry: one occurrence a rule foresees for a customer, with the days it shows.

Each rule of DESIGN §2 (domain.outreach.rules) says, once, what a customer is due and when:
an entry holds the due date, the days its rule lets the queue show it (``shows_from`` to
``shows_until``, and only once due within the queue's window), and what its words need
(``words``). Worded for a day (:func:`word`) it is the Suggestion the owner sees; "Last touch
64 days ago" is counted from that day. Entries do
not depend on the day they are read, so storage keeps them (storage.agenda) and Today reads
the day's from an index instead of judging every customer again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from domain.outreach.context import Context
from domain.outreach.suggestion import KIND_LABELS, OCCASIONS, Suggestion

# Wording of each kind: (entry, the day's context) → the reason shown. Filled in by the rules.
Wording = Callable[["Entry", Context], str]
WORDING: dict[str, Wording] = {}
FOREVER = date.max  # ``shows_until`` of an entry that lasts until something is logged
# How many days past the day they are worked out for entries foresee: a customer's entries are
# worked out again by then (domain.outreach.agenda), as Anki's cards come due again.
AHEAD = 120


# Not frozen, as Suggestion: thousands are made per recompute. Treat them as read-only.
@dataclass(slots=True)
class Entry:
    """One occurrence: a suggestion before it is worded for a day."""

    customer_id: int
    customer: str  # the customer's name as the queue shows it
    kind: str
    due: date
    channel: str | None
    key: str  # keep in touch: the key's stem, its period added per day (:meth:`key_on`)
    shows_from: date
    shows_until: date
    words: tuple[Any, ...] = ()  # what the kind's wording needs, plain values (JSON-able)
    title: str = ""
    occasion: str | None = None
    source_id: int | None = None
    milestone_kind: str = ""
    due_time: time | None = None
    every: int = 0  # keep in touch: the days of one cadence period

    def complete(self) -> None:
        """Fill in what only the words need (storage reads that part when it is worded)."""

    def shows(self, today: date, horizon: date) -> bool:
        """Whether the queue shows it on ``today``: in its rule's window, and due by the
        queue's ``horizon``."""
        return self.shows_from <= today <= self.shows_until and self.due <= horizon

    def key_on(self, today: date) -> str:
        """The occurrence's key on ``today``: a keep-in-touch's counts cadence periods."""
        if self.kind != "keep_in_touch":
            return self.key
        start = date.fromisoformat(self.key[-10:])  # the stem ends with the period's start
        return f"{self.key}:{max(1, (today - start).days // self.every)}"


def word(e: Entry, ctx: Context) -> Suggestion:
    """``e`` as the suggestion the owner sees on ``ctx.today``."""
    e.complete()
    s = Suggestion(e.kind, e.customer_id, e.customer, e.due, e.channel,
                   OCCASIONS.get(e.kind, e.kind) if e.occasion is None else e.occasion,
                   e.key_on(ctx.today), WORDING[e.kind](e, ctx), e.title or KIND_LABELS[e.kind],
                   e.source_id, e.milestone_kind)
    if e.due_time is not None:
        s.due_time = e.due_time
        s.late = late(e, ctx)
    return s


def late(e: Entry, ctx: Context) -> bool:
    """Whether a promise's hour has passed: only on its day, and only when the caller gave
    the time of day."""
    now, hour = ctx.now, e.due_time
    return (hour is not None and now is not None and e.due == ctx.today == now.date()
            and now.time() > hour)


# An entry: the rules make one with these positional fields and keyword arguments (title,
# occasion, source_id, milestone_kind, due_time). The class itself, not a function passing its
# arguments on: 166,000 entries a rebuild of 50,000 customers made that call 0.1 s.
entry = Entry
