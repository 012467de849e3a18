"""The Today queue: what is overdue, due today or due this week, minus snoozed and dismissed
(which still keep the nudges they stand for away), within each customer's cap and the day's
capacity for nudges, sorted by due date then kind priority."""

from __future__ import annotations

import heapq
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from domain.outreach.context import Context
from domain.outreach.history import History
from domain.outreach.inputs import Contact
from domain.outreach.rules import reasons_to_reach_out, run
from domain.outreach.rules.contact import keep_in_touch
from domain.outreach.rules.sympathy import in_mourning
from domain.outreach.schedule import shift
from domain.outreach.settings import Settings
from domain.outreach.suggestion import (
    LINGERING,
    NUDGES,
    PRIORITY,
    REPLIES,
    SALES_KINDS,
    Suggestion,
)
from domain.outreach.together import together

GROUPS = (("overdue", "Overdue"), ("today", "Today"), ("week", "This week"))


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


def build_queue(contacts: Iterable[Contact], today: date, settings: Settings | None = None,
                states: Mapping[str, State] | None = None,
                now: datetime | None = None) -> list[Suggestion]:
    """The Today queue for ``today`` over the whole notebook (``now``: the time of day, for
    promises due by an hour)."""
    return plan_queue(contacts, today, settings, states, now=now).suggestions


def plan_queue(contacts: Iterable[Contact], today: date, settings: Settings | None = None,
               states: Mapping[str, State] | None = None, also_waiting: int = 0,
               now: datetime | None = None) -> TodayQueue:
    """The Today queue with its count of nudges held back by the daily capacity.

    ``also_waiting`` adds nudges already counted for customers left out of ``contacts`` (see
    :mod:`domain.outreach.triage`).
    """
    planner = Planner(today, settings, states, now=now)
    planner.add(contacts)
    return planner.plan(also_waiting)


class Planner:
    """The Today queue built batch by batch, as storage reads the customers: each batch's
    suggestions are worked out as it comes in (storage.outreach_plan reads the next meanwhile).

    The customers in ``later`` wait for :meth:`plan`: a referral thank-you turns on whom the
    customer sent, who may come in any batch. None: everyone waits.
    """

    def __init__(self, today: date, settings: Settings | None = None,
                 states: Mapping[str, State] | None = None,
                 later: Collection[int] | None = None, now: datetime | None = None) -> None:
        self.today, self.settings, self.now = today, settings or Settings(), now
        self.states = states or {}
        self.later = later
        self.ctx = Context(today, self.settings, now=now)
        self.book: dict[int, Contact] = {}
        self.held: list[Contact] = []
        self.queue: list[Suggestion] = []
        self.nudges: list[Suggestion] = []

    def add(self, contacts: Iterable[Contact]) -> None:
        """Plan ``contacts`` (a customer already added is not planned twice)."""
        now: list[Contact] = []
        for c in contacts:
            if c.id in self.book or c.status:  # archived or deceased: never suggested
                continue
            self.book[c.id] = c
            (self.held if self.later is None or c.id in self.later else now).append(c)
        self._suggest(now, self.ctx)

    def plan(self, also_waiting: int = 0) -> TodayQueue:
        """The queue over every customer added, and the count of nudges held back plus
        ``also_waiting``."""
        self._suggest(self.held, Context(self.today, self.settings, self.book, self.now))
        self.held = []
        shown = heapq.nsmallest(max(self.settings.daily_capacity, 0), self.nudges,
                                key=lambda s: nudge_rank(s, self.book))
        queue = [*self.queue, *shown]
        queue.sort(key=Suggestion.sort_key)
        return TodayQueue(queue, len(self.nudges) - len(shown) + also_waiting)

    def _suggest(self, contacts: Iterable[Contact], ctx: Context) -> None:
        queue, nudges = _suggestions(contacts, ctx, self.states)
        self.queue += queue
        self.nudges += nudges


def _suggestions(contacts: Iterable[Contact], ctx: Context,
                 states: Mapping[str, State]) -> tuple[list[Suggestion], list[Suggestion]]:
    """Every customer's suggestions after snooze, dismiss, quiet time and the per-customer cap;
    the nudges (never more than one a customer) apart from the rest."""
    queue: list[Suggestion] = []
    nudges: list[Suggestion] = []
    for c in contacts:
        h = History.of(c, ctx.today)
        found = _standing(run(reasons_to_reach_out(c, h, ctx), c, h, ctx), h, ctx, states)
        if not found:  # keep in touch only when nothing else is the touch (see _limit)
            found = _standing(run((keep_in_touch,), c, h, ctx), h, ctx, states)
        if not found:
            continue
        shown = _limit(c, h, found, ctx)
        if states:
            shown = [s for s in shown if not _hidden(s, states, ctx.today)]
        for s in together(shown) if len(shown) > 1 else shown:
            (nudges if s.kind in NUDGES else queue).append(s)
    return queue, nudges


def _standing(found: list[Suggestion], h: History, ctx: Context,
              states: Mapping[str, State]) -> list[Suggestion]:
    """Those due within the queue's window that stand for the customer's next touch.

    A snoozed or dismissed one still stands until a touch is logged after it came into the
    window (Done logs one): keep-in-touch gives way to it and it keeps its room under the cap,
    so that putting Maria's birthday card off to next week does not bring "Keep in touch with
    Maria" today. The caller drops it after the cap."""
    found = [s for s in found if s.due <= ctx.horizon]
    if found and states:
        found = [s for s in found if not _hidden(s, states, ctx.today) or _unanswered(s, h, ctx)]
    return found


def _unanswered(s: Suggestion, h: History, ctx: Context) -> bool:
    """Whether no touch was logged since ``s`` came into the queue's window."""
    return not h.touched_since(shift(s.due, -ctx.settings.queue_days))


def nudge_rank(s: Suggestion, book: Mapping[int, Contact]) -> tuple:
    """Longest overdue first; on the same day, the customer who has spent the most, then the
    longest-standing (lowest id)."""
    return (s.due, -book[s.customer_id].lifetime_cents, s.customer_id, s.key)


def _hidden(s: Suggestion, states: Mapping[str, State], today: date) -> bool:
    state = states.get(s.key)
    return state is not None and state.hides(today)


def _limit(c: Contact, h: History, found: list[Suggestion], ctx: Context) -> list[Suggestion]:
    """Quiet after a loss, no redundant nudge, then the cap on nudges."""
    if c.milestones and in_mourning(c, ctx.today, ctx.settings.sympathy_quiet_days):
        found = [s for s in found if not is_sales(s)]
    if len(found) > 1:
        found = without_redundant_nudge(_unique(found))
    if len(found) == 1:  # most customers: one reason, often a nudge
        return cap(h, found, ctx) if found[0].kind in NUDGES else found
    return cap(h, found, ctx) if any(s.kind in NUDGES for s in found) else found


def _unique(found: list[Suggestion]) -> list[Suggestion]:
    """One suggestion per key: a birthday entered twice is still one birthday."""
    seen: dict[str, Suggestion] = {}
    for s in found:
        seen.setdefault(s.key, s)
    return list(seen.values())


def without_redundant_nudge(found: list[Suggestion]) -> list[Suggestion]:
    """Keep-in-touch only when there is no other reason to be in touch: a birthday card, a
    promised call or a we-miss-you note already is the touch that resets the clock."""
    if all(s.kind == "keep_in_touch" for s in found):
        return found
    return [s for s in found if s.kind != "keep_in_touch"]


def is_sales(s: Suggestion) -> bool:
    """Suggestions with a sales flavour: thank-yous for business, nudges, anniversaries."""
    return s.kind in SALES_KINDS or s.milestone_kind == "customer_anniversary"


def cap(h: History, found: list[Suggestion], ctx: Context) -> list[Suggestion]:
    """At most ``cap_touches`` outreach per ``cap_days``, enforced on nudges only (keep in
    touch, we miss you): touches already logged in that time use up room first, then the
    queued cards and thank-yous (always shown, whatever the cap), then nudges in priority order
    take what is left. Replies (promises, problems, patience, sympathy) are not outreach:
    never counted."""
    settings = ctx.settings
    nudges = [s for s in found if s.kind in NUDGES]
    outreach = sum(1 for s in found if s.kind not in NUDGES and s.kind not in REPLIES)
    room = max(0, settings.cap_touches - h.count_since(ctx.cap_from) - outreach)
    if len(nudges) <= room:
        return found
    nudges.sort(key=lambda s: (PRIORITY[s.kind], s.due, s.key))
    return [s for s in found if s.kind not in NUDGES] + nudges[:room]


def grouped(queue: list[Suggestion], today: date) -> list[tuple[str, list[Suggestion]]]:
    """The queue under the headings Overdue, Today and This week (empty groups left out)."""
    groups: dict[str, list[Suggestion]] = {name: [] for name, _label in GROUPS}
    for s in queue:
        groups[s.group(today)].append(s)
    return [(label, groups[name]) for name, label in GROUPS if groups[name]]
