"""The Today queue: what is overdue, due today or due this week, minus snoozed and dismissed
(domain.outreach.policy: each customer's part), within the day's capacity for nudges, sorted
by due date then kind priority.

:class:`DayPlan` keeps the day's queue customer by customer, so that after a change to a few
customers (a Done, a Snooze, an edit) only theirs is planned again: at 50,000 customers Today
after Done re-reads a few agendas instead of the notebook. :func:`plan_day` is a DayPlan asked
once: the queue is put together one way, whether planned whole or kept.
"""

from __future__ import annotations

import bisect
import heapq
from array import array
from collections.abc import Callable, Collection, Iterable, Mapping
from datetime import date, datetime
from itertools import chain
from operator import itemgetter

from domain.outreach.agenda import Agenda, agendas
from domain.outreach.context import Context
from domain.outreach.entries import Entry, word
from domain.outreach.inputs import Contact
from domain.outreach.policy import (
    Plain,
    State,
    TodayQueue,
    Waiting,
    dismissal,
    rank_of,
    shown,
)
from domain.outreach.settings import Settings
from domain.outreach.suggestion import NUDGES, Suggestion
from domain.outreach.together import together

__all__ = ["GROUPS", "DayPlan", "Plain", "State", "TodayQueue", "Waiting", "build_queue",
           "dismissal", "grouped", "plan_day", "plan_queue"]

GROUPS = (("overdue", "Overdue"), ("today", "Today"), ("week", "This week"))

# Nudges ranked past the daily capacity and kept in order: a nudge acted on is replaced by the
# next without ranking every nudge of the notebook again (42,000 at 50,000 customers: 18 ms).
RESERVE = 200

_first = itemgetter(0)
Ranked = tuple[tuple, Suggestion]  # a suggestion and its place in the queue (its sort key)


def build_queue(contacts: Iterable[Contact], today: date, settings: Settings | None = None,
                states: Mapping[str, State] | None = None,
                now: datetime | None = None) -> list[Suggestion]:
    """The Today queue for ``today`` over the whole notebook (``now``: the time of day, for
    promises due by an hour)."""
    return plan_queue(contacts, today, settings, states, now=now).suggestions


def plan_queue(contacts: Iterable[Contact], today: date, settings: Settings | None = None,
               states: Mapping[str, State] | None = None,
               now: datetime | None = None) -> TodayQueue:
    """The Today queue with its count of nudges held back by the daily capacity, from the
    customers' agendas worked out for ``today`` (storage keeps them worked out already)."""
    settings = settings or Settings()
    book = [c for c in contacts]
    ctx = Context(today, settings, {c.id: c for c in book})
    return plan_day(agendas(book, ctx), today, settings, states, now)


def plan_day(found: Iterable[Agenda], today: date, settings: Settings,
             states: Mapping[str, State] | None = None, now: datetime | None = None,
             plain: Plain | Iterable[Waiting] = (),
             read: Callable[[object], Entry] | None = None) -> TodayQueue:
    """The day's queue from agendas that hold on ``today``: each customer's entries that show
    that day, after snooze, dismiss, quiet time and the per-customer cap, worded; of the
    nudges, the ``daily_capacity`` longest overdue (on one day, the customer who has spent
    the most, then the longest-standing), and the count of the others. ``plain``: nudges of
    plain customers (:func:`plain_cap_from`) settled already, as storage reads them (``read``
    turns the few shown into entries)."""
    return DayPlan(found, today, settings, states, now, plain, read).queue()


class DayPlan:
    """The day's queue, kept customer by customer: each one's cards, thank-yous and
    obligations worded in the queue's order, and their nudges ranked for the daily capacity.

    :meth:`affected` says whose part new states (a snooze, a dismissal) or a new time of day
    change; :meth:`update` plans again the customers it is given, from their agendas now.
    Nothing else is planned again: the parts of everyone else are kept as they were. Of the
    plain customers' nudges (one each, most of a large notebook) only the best ranked are
    kept: when more of those are acted on in a day than :data:`RESERVE`, :attr:`stale` says
    the day must be read whole again.
    """

    def __init__(self, found: Iterable[Agenda], today: date, settings: Settings,
                 states: Mapping[str, State] | None = None, now: datetime | None = None,
                 plain: Plain | Iterable[Waiting] = (),
                 read: Callable[[object], Entry] | None = None) -> None:
        self.today, self.settings = today, settings
        self.stale = False
        self._ctx = Context(today, settings, now=now)
        self._states: Mapping[str, State] = states or {}
        self._read = read
        self._room = max(settings.daily_capacity, 0)
        self._cards: dict[int, list[Ranked]] = {}
        self._nudges: dict[int, list[Waiting]] = {}
        self._keys: dict[int, list[str]] = {}  # the keys of each one's entries (not nudges)
        self._owners: dict[str, tuple[int, ...]] = {}  # … and whose each key is
        self._timed: set[int] = set()  # customers with a promise due by an hour (``now``)
        self._worded: dict[tuple, Suggestion] = {}  # the nudges shown, by rank
        self._new: list[Suggestion] = []  # worded since :meth:`take_new` was last asked
        self._count = 0  # nudges in all
        for a in found:
            self._plan(a)
        if not isinstance(plain, Plain):
            plain = Plain.every(plain)
        self._count += plain.count
        # None: a plan asked once (the command line), never updated
        self._plain_ids = None if plain.ids is None else array("q", plain.ids)
        self._replanned: set[int] = set()  # plain customers planned again since
        # every card, thank-you and obligation, in order; the best-ranked nudges, in order
        self._queue = sorted((r for part in self._cards.values() for r in part), key=_first)
        keep = self._room + RESERVE
        self._top = heapq.nsmallest(keep, chain(plain.best, *self._nudges.values()), key=_first)
        self._top_all = len(self._top) < keep  # … and they are all the nudges there are
        # No plain nudge but those kept ranks before this: they are all it needs to rank again.
        self._bound = None if self._top_all else self._top[-1][0]
        self._plain_kept = [w for w in self._top if w[0][2] not in self._nudges]

    # --- asking -------------------------------------------------------------------------

    def queue(self) -> TodayQueue:
        """The day's queue, and how many nudges the daily capacity holds back."""
        if len(self._top) < self._room and not self._top_all:
            self._rank_again()
        picked = self._top[:self._room]
        merged = [*self._queue, *((s.sort_key(), s) for s in map(self._word, picked))]
        merged.sort(key=_first)  # two runs in order: one pass
        return TodayQueue([s for _key, s in merged], self._count - len(picked))

    def take_new(self) -> list[Suggestion]:
        """The suggestions worded since this was last asked (storage fills in how each is
        reached once, not at every reading)."""
        new, self._new = self._new, []
        return new

    def affected(self, states: Mapping[str, State], now: datetime | None) -> set[int]:
        """The customers whose part ``states`` and ``now`` change: a key snoozed, dismissed or
        restored (its customer named in a nudge's key, or known from their entries), a
        promise's hour passing."""
        found = set(self._timed) if now != self._ctx.now else set()
        if states == self._states:
            return found
        old = self._states
        for key in old.keys() | states.keys():
            if old.get(key) == states.get(key):
                continue
            kind, _, rest = key.partition(":")
            number = rest.partition(":")[0]
            if kind in NUDGES and number.isdigit():  # "keep_in_touch:12:…": customer 12's
                found.add(int(number))
            else:
                found.update(self._owners.get(key, ()))
        return found

    def update(self, changed: Collection[int], found: Iterable[Agenda],
               states: Mapping[str, State] | None = None, now: datetime | None = None) -> None:
        """Plan ``changed`` again from their agendas ``found`` (one without is gone from the
        queue), the day's ``states`` and ``now`` being those given."""
        if now != self._ctx.now:
            self._ctx = Context(self.today, self.settings, now=now)
        self._states = states or {}
        if not changed:
            return
        if self._plain_ids is None:
            raise ValueError("a plan read without its plain customers' ids cannot be updated")
        gone = set(changed)
        for cid in gone:
            self._forget(cid)
        self._top = [w for w in self._top if w[0][2] not in gone]
        self._worded = {k: s for k, s in self._worded.items() if k[2] not in gone}
        nudges: list[Waiting] = []
        for a in found:
            if a.customer_id in gone:
                self._plan(a)
                for r in self._cards.get(a.customer_id, ()):
                    bisect.insort(self._queue, r, key=_first)
                nudges += self._nudges.get(a.customer_id, ())
        self._rank_in(nudges)

    # --- keeping --------------------------------------------------------------------------

    def _plan(self, a: Agenda) -> None:
        """``a``'s part of the day's queue."""
        cid, ctx = a.customer_id, self._ctx
        keys = [e.key for e in a.entries if e.kind not in NUDGES]
        if keys:
            self._keys[cid] = keys
            for key in keys:
                self._owners[key] = (*self._owners.get(key, ()), cid)
        found = shown(a, ctx, self._states)
        if not found:
            return
        worded = [word(e, ctx) for e in found if e.kind not in NUDGES]
        if worded:
            cards = together(worded) if len(worded) > 1 else worded
            self._cards[cid] = [(s.sort_key(), s) for s in cards]
            self._new += cards
            if any(s.due_time is not None for s in cards):
                self._timed.add(cid)
        nudges: list[Waiting] = [(rank_of(e, a, self.today), e) for e in found
                                 if e.kind in NUDGES]
        if nudges:
            self._nudges[cid] = nudges
            self._count += len(nudges)

    def _forget(self, cid: int) -> None:
        """Take ``cid``'s part out of the day's queue."""
        for key in self._keys.pop(cid, ()):
            owners = tuple(c for c in self._owners.get(key, ()) if c != cid)
            if owners:
                self._owners[key] = owners
            else:
                self._owners.pop(key, None)
        for r in self._cards.pop(cid, ()):  # found by its place: the queue is in order
            at = bisect.bisect_left(self._queue, r[0], key=_first)
            while self._queue[at][1] is not r[1]:
                at += 1
            del self._queue[at]
        self._timed.discard(cid)
        if cid in self._nudges:
            self._count -= len(self._nudges.pop(cid))
        elif (cid not in self._replanned and self._plain_ids is not None
              and _holds(self._plain_ids, cid)):
            self._count -= 1
            self._replanned.add(cid)

    def _rank_again(self) -> None:
        """Rank the nudges again, when those kept best ranked ran short: the plain ones kept
        and every other customer's are all the nudges ranked before :attr:`_bound`."""
        skip = self._replanned
        known = [w for w in self._plain_kept if w[0][2] not in skip]
        known += chain.from_iterable(self._nudges.values())
        if self._bound is not None:
            known = [w for w in known if w[0] <= self._bound]
        known.sort(key=_first)
        self._top = known[:self._room + RESERVE]
        self._top_all = self._bound is None and len(known) <= self._room + RESERVE
        self.stale = self._bound is not None and len(self._top) < self._room

    def _rank_in(self, nudges: list[Waiting]) -> None:
        """Put new nudges among the best ranked: those ranked before the last kept (or any,
        when every nudge is kept); a nudge ranked after it is not among the best."""
        top = self._top
        for w in nudges:
            if self._top_all or (top and w[0] < top[-1][0]):
                bisect.insort(top, w, key=_first)
        keep = self._room + RESERVE
        if len(top) > keep:
            del top[keep:]
            self._top_all = False

    def _word(self, w: Waiting) -> Suggestion:
        rank, e = w
        s = self._worded.get(rank)
        if s is None:
            entry = e if isinstance(e, Entry) else self._read(e)  # type: ignore[misc]
            s = self._worded[rank] = word(entry, self._ctx)
            self._new.append(s)
        return s


def _holds(ids: array, cid: int) -> bool:
    """Whether the sorted ``ids`` hold ``cid``."""
    at = bisect.bisect_left(ids, cid)
    return at < len(ids) and ids[at] == cid


def grouped(queue: list[Suggestion], today: date) -> list[tuple[str, list[Suggestion]]]:
    """The queue under the headings Overdue, Today and This week (empty groups left out)."""
    groups: dict[str, list[Suggestion]] = {name: [] for name, _label in GROUPS}
    for s in queue:
        groups[s.group(today)].append(s)
    return [(label, groups[name]) for name, label in GROUPS if groups[name]]
