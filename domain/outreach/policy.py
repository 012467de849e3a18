"""The day's policy for one customer: which of their agenda's entries the queue shows on a
day — snoozed and dismissed ones hidden (which still keep the nudges they stand for away),
quiet time after a loss, no redundant nudge, the cap on nudges — and the nudges of the
commonest customers settled from their stored row alone (:func:`plain_cap_from`).
domain.outreach.queue puts every customer's part together into the day's queue."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from domain.outreach.agenda import Agenda
from domain.outreach.context import Context
from domain.outreach.entries import Entry
from domain.outreach.schedule import shift
from domain.outreach.suggestion import (
    LINGERING,
    NUDGES,
    PRIORITY,
    REPLIES,
    SALES_KINDS,
    Suggestion,
)


@dataclass(frozen=True, slots=True)
class State:
    """What the owner did with a suggestion's key: snoozed until a day, or dismissed — for
    good, or until a day when ``snoozed_until`` is set too (see :func:`dismissal`)."""

    snoozed_until: date | None = None
    dismissed: bool = False

    def hides(self, today: date) -> bool:
        if self.snoozed_until is not None:
            return self.snoozed_until > today
        return self.dismissed


def dismissal(s: Suggestion, today: date, every: int) -> State:
    """What dismissing ``s`` on ``today`` stores, ``every`` being the customer's cadence."""
    if s.kind in LINGERING:
        return State(shift(today, max(every, 1)), dismissed=True)
    return State(dismissed=True)


@dataclass(frozen=True, slots=True)
class TodayQueue:
    """The day's suggestions, and how many more customers are due a nudge (keep in touch, we
    miss you) than the daily capacity lets the queue show."""

    suggestions: list[Suggestion]
    waiting: int = 0


# A nudge waiting for the daily capacity: its rank (:func:`rank_of`), and the entry (or what
# reads it).
Waiting = tuple[tuple, object]


def rank_of(e: Entry, a: Agenda, today: date) -> tuple:
    """A nudge's place for the daily capacity: the longest overdue first; on one day, the
    customer who has spent the most, then the longest-standing (:func:`plain_rank` ranks a
    plain customer's alike)."""
    return (e.due, -a.lifetime_cents, e.customer_id, e.key_on(today))


@dataclass(frozen=True, slots=True)
class Plain:
    """The nudges of the plain customers as storage read them (see :func:`plain_cap_from`):
    the best ranked, in rank order — at least as many as a plan keeps, or all of them; how
    many there are; and, for a plan kept between reads, every plain customer's id, sorted (a
    plan without them cannot be updated)."""

    best: list[Waiting]
    count: int
    ids: Sequence[int] | None = None

    @classmethod
    def every(cls, nudges: Iterable[Waiting]) -> Plain:
        """All the plain nudges there are, in any order."""
        found = list(nudges)
        return cls(found, len(found), sorted(w[0][2] for w in found))


def plain_rank(due: date, spent_cents: int, customer_id: int) -> tuple:
    """A plain customer's nudge's place for the daily capacity: :func:`rank_of`'s order for a
    customer with one nudge (storage sorts by the same three columns: due, spent descending,
    customer)."""
    return (due, -spent_cents, customer_id, "")


def plain_cap_from(ctx: Context) -> date | None:
    """The policy of :func:`shown` for the commonest customer of a large notebook, whose only
    entry showing on the day is a keep-in-touch or we-miss-you (a we-miss-you then stands for
    both), with no snooze or dismissal and no loss: nothing hides it but the cap, and the cap
    leaves room for one nudge unless ``cap_touches`` touches were logged since the day this
    returns. So a plain nudge shows when its customer's ``cap_touches``-th latest touch is
    before that day (or they have fewer); None: the cap lets no nudge show."""
    return ctx.cap_from if ctx.settings.cap_touches > 0 else None


def shown(a: Agenda, ctx: Context, states: Mapping[str, State]) -> list[Entry]:
    """``a``'s entries the queue shows on ``ctx.today``, before the daily capacity."""
    today, horizon = ctx.today, ctx.horizon
    visible = [e for e in a.entries
               if e.shows_from <= today <= e.shows_until and e.due <= horizon]
    if not visible:
        return []
    found = _standing([e for e in visible if e.kind != "keep_in_touch"], a, ctx, states)
    if not found:  # keep in touch only when nothing else is the touch (see _limit)
        found = _standing([e for e in visible if e.kind == "keep_in_touch"], a, ctx, states)
    if not found:
        return []
    shown = _limit(a, found, ctx)
    if states:
        shown = [e for e in shown if not _hidden(e, states, today)]
    return shown


def keep_in_touch_stands_aside(keys: Iterable[str], states: Mapping[str, State]) -> bool:
    """Whether a customer's keep-in-touch cannot show on a day their entries with ``keys``
    (no nudges) show: one of them stands for the next touch (:func:`_standing`) — unless a
    snoozed or dismissed one no longer does. So storage need not read a keep-in-touch that
    could only give way (at 50,000 customers, 4,000 of the 5,200 nudges it read)."""
    return not any(key in states for key in keys)


def _standing(found: list[Entry], a: Agenda, ctx: Context,
              states: Mapping[str, State]) -> list[Entry]:
    """Those that stand for the customer's next touch.

    A snoozed or dismissed one still stands until a touch is logged after it came into the
    window (Done logs one): keep-in-touch gives way to it and it keeps its room under the cap,
    so that putting Maria's birthday card off to next week does not bring "Keep in touch with
    Maria" today. The caller drops it after the cap."""
    if found and states:
        found = [e for e in found if not _hidden(e, states, ctx.today)
                 or not a.touched_since(shift(e.due, -ctx.settings.queue_days))]
    return found


def _hidden(e: Entry, states: Mapping[str, State], today: date) -> bool:
    state = states.get(e.key_on(today))
    return state is not None and state.hides(today)


def _limit(a: Agenda, found: list[Entry], ctx: Context) -> list[Entry]:
    """Quiet after a loss, no redundant nudge, then the cap on nudges."""
    if a.losses and in_mourning(a.losses, ctx.today, ctx.settings.sympathy_quiet_days):
        found = [e for e in found if not is_sales(e)]
    if len(found) > 1:
        found = without_redundant_nudge(_unique(found, ctx.today))
    if any(e.kind in NUDGES for e in found):
        return cap(a, found, ctx)
    return found


def in_mourning(days: Iterable[date], today: date, quiet_days: int) -> bool:
    """Whether a loss on one of ``days`` happened within the last ``quiet_days`` days."""
    return any(day <= today <= shift(day, quiet_days) for day in days)


def _unique(found: list[Entry], today: date) -> list[Entry]:
    """One per key: a birthday entered twice is still one birthday."""
    seen: dict[str, Entry] = {}
    for e in found:
        seen.setdefault(e.key_on(today), e)
    return list(seen.values())


def without_redundant_nudge(found: list[Entry]) -> list[Entry]:
    """Keep-in-touch only when there is no other reason to be in touch: a birthday card, a
    promised call or a we-miss-you note already is the touch that resets the clock."""
    if all(e.kind == "keep_in_touch" for e in found):
        return found
    return [e for e in found if e.kind != "keep_in_touch"]


def is_sales(s: Entry | Suggestion) -> bool:
    """Suggestions with a sales flavour: thank-yous for business, nudges, anniversaries."""
    return s.kind in SALES_KINDS or s.milestone_kind == "customer_anniversary"


def cap(a: Agenda, found: list[Entry], ctx: Context) -> list[Entry]:
    """At most ``cap_touches`` outreach per ``cap_days``, enforced on nudges only (keep in
    touch, we miss you): touches already logged in that time use up room first, then the
    queued cards and thank-yous (always shown, whatever the cap), then nudges in priority order
    take what is left. Replies (promises, problems, patience, sympathy) are not outreach:
    never counted."""
    settings = ctx.settings
    nudges = [e for e in found if e.kind in NUDGES]
    outreach = sum(1 for e in found if e.kind not in NUDGES and e.kind not in REPLIES)
    room = max(0, settings.cap_touches - a.count_since(ctx.cap_from) - outreach)
    if len(nudges) <= room:
        return found
    nudges.sort(key=lambda e: (PRIORITY[e.kind], e.due, e.key_on(ctx.today)))
    return [e for e in found if e.kind not in NUDGES] + nudges[:room]
