"""Triage of a large notebook: who the engine must see whole, and which nudges are only counted.

At 50,000 customers most are due nothing but a nudge (keep in touch, we miss you), and the
queue shows only ``daily_capacity`` of those. Building 40,000 suggestions with their reasons to
show twenty is the slow part, so storage reads one :class:`Standing` line per customer and
triage sorts them:

- customers another rule may speak for: milestones, promises and problems in the window (storage
  names them), a first purchase to thank for or to celebrate, a referral to thank for — whole;
- customers whose nudge the line cannot settle (a lapse that turns on their usual gap while no
  keep-in-touch is due, a snoozed or dismissed nudge, every channel perhaps closed) — whole;
- customers certainly due one nudge, its due day between known bounds: whole only if it could
  rank among the day's ``daily_capacity``; the rest are counted as waiting;
- everyone else has nothing due today.

Storage may settle the plainest lines itself, in SQL (storage.outreach_sift: no referral, no
recent touch or first purchase, no closed visits, no snooze or dismissal, nothing another rule
may say), and hand over only their count and the nudges among them that may rank
(:class:`Settled`); triage weighs those together with the lines it judges.

The engine's queue over the customers named whole is then exactly the queue over everyone:
a nudge left out has an earliest due day later than the latest due days of ``daily_capacity``
nudges that are in. Keep the bounds in step with ``rules/contact.py`` (tests compare both).
"""

from __future__ import annotations

import heapq
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Final, NamedTuple

from domain.outreach.context import Context
from domain.outreach.history import usual_gap
from domain.outreach.queue import State
from domain.outreach.rules.contact import (
    cadence_of,
    keep_in_touch_key,
    lapse_threshold,
    lapsed_key,
)

_fromiso = date.fromisoformat
WHOLE = "whole"  # the verdict for a customer the engine must see in full


class Standing(NamedTuple):
    """One customer in a line. Dates are ISO text as the notebook stores them: storage hands
    its rows over as they come (ISO text sorts as dates do), and triage parses only what it
    needs."""

    id: int
    added: str | None  # customer since
    cadence_days: int | None
    do_not_contact: str  # channels, comma-separated
    referred_by: int | None
    last_touch: str | None  # the latest touch that is not a note, on or before today
    purchases: str | None  # purchase days on or before today, oldest first, comma-separated


# Storage's rows are plain tuples, read by place; a literal place lets the type checker know
# what is there (a test checks it is still the referrer's).
_REFERRED_BY: Final = 4


# (earliest due, latest due, customer): a nudge certainly due, its day between two ordinals
Nudge = tuple[int, int, int]


@dataclass(slots=True)
class Triage:
    whole: set[int]  # customers the engine must see in full
    waiting: int  # nudges of customers left out: all beyond the day's capacity


@dataclass(slots=True)
class Settled:
    """Nudges storage settled without triage (a line each would say the same): how many, and
    those that may rank among the day's capacity — at least every one whose latest due day is
    among the ``daily_capacity`` earliest of them, and all that may be due as early."""

    count: int = 0
    nudges: list[Nudge] = field(default_factory=list)


def triage(standings: Iterable[Standing], ctx: Context, states: Mapping[str, State],
           spoken_for: Collection[int], tags: Mapping[int, Sequence[str]],
           recent: Mapping[int, int], settled: Settled | None = None) -> Triage:
    """Sort ``standings`` for ``ctx.today``. ``spoken_for``: customers with a milestone,
    promise or problem that may show; ``tags``: each customer's tags that carry a cadence;
    ``recent``: touches in the per-customer cap's window (``cap_days`` up to today);
    ``settled``: the nudges of customers storage settled itself (they have no line here)."""
    judge = _Judge(ctx, states, tags, recent)
    whole, referrers = set(spoken_for), set[int]()
    sure: list[Nudge] = []
    for s in standings:
        if s[_REFERRED_BY] is not None and judge.newcomer(s):
            whole.add(s[0])  # the referral thank-you needs them and whoever sent them
            referrers.add(s[_REFERRED_BY])
        elif s[0] not in whole:
            verdict = judge.nudge(s)
            if verdict is WHOLE:
                whole.add(s[0])
            elif verdict is not None:
                sure.append((*verdict, s[0]))
    if referrers:  # found after some of them were judged
        whole |= referrers
        sure = [n for n in sure if n[2] not in referrers]
    settled = settled or Settled()
    contenders = _contenders(sure + settled.nudges, ctx.settings.daily_capacity)
    return Triage(whole | contenders, len(sure) + settled.count - len(contenders))


def _contenders(sure: list[Nudge], capacity: int) -> set[int]:
    """Customers whose nudge may rank among the first ``capacity``: those due no later than
    the ``capacity``-th earliest latest-due day (ties included)."""
    if capacity <= 0:
        return set()
    latest = heapq.nsmallest(capacity, [high for _low, high, _c in sure])
    bar = latest[-1] if len(latest) == capacity else date.max.toordinal()
    return {cid for low, _high, cid in sure if low <= bar}


class _Judge:
    """The rules of ``rules/contact.py`` and the queue's per-customer cap, on one line."""

    def __init__(self, ctx: Context, states: Mapping[str, State],
                 tags: Mapping[int, Sequence[str]], recent: Mapping[int, int]) -> None:
        s = ctx.settings
        self.ctx, self.settings, self.states, self.tags = ctx, s, states, tags
        self.recent = recent
        self.since = ctx.cap_from.isoformat()
        self.today = ctx.today.isoformat()
        self.thanks_from = ctx.thanks_from.isoformat()
        self.lapse_by = ctx.lapse_by.isoformat()
        self.horizon = ctx.horizon.toordinal()
        self.hidden = nudged(states)
        self.room = s.cap_touches  # a nudge needs room under the per-customer cap
        self.counts = s.purchase_counts_as_touch  # a purchase restarts the clock too
        self.default_every = cadence_of(None, (), s)
        self.near_days = {f"{m:02d}-{d:02d}" for m, d in ctx.near_days}  # as ISO days end

    def newcomer(self, s: Standing) -> bool:
        """Whether ``s`` names a referrer and is new: first purchase (else added) within the
        thank-you window, as ``rules.thanks.referral`` asks."""
        cid, added, _own, _dnc, referrer, _touched, bought = s
        since = bought or added
        if referrer == cid or since is None:
            return False
        return self.thanks_from <= since[:10] <= self.today

    def nudge(self, s: Standing) -> str | tuple[int, int] | None:
        """WHOLE, None (nothing due), or the (earliest, latest) due ordinal of the one nudge.

        Run for some 50,000 lines, so the usual path stays in this one function."""
        cid, added, own, dnc, _ref, touched, bought = s
        first, last = (bought[:10], bought[-10:]) if bought else (None, None)
        if first is not None and self._celebrated(first, touched):
            return WHOLE
        clock = max(touched or "", last or "") if self.counts else touched
        start = _fromiso(clock) if clock else self._added(added)
        every = own if own and own > 0 else self._cadence(cid)
        due = start.toordinal() + every
        kit = due if due <= self.horizon else None
        lapse = None
        if bought and first is not None and last is not None and first != last \
                and last <= self.lapse_by:  # bought, first and last are there together
            lapse = self._lapse(first, last)
            if lapse is not None and kit is None and lapse[1] > self.horizon:
                lapse = self._lapse_exactly(bought)  # no nudge at all unless it has lapsed
        if (kit is None and lapse is None) or self._full(cid, touched):
            return None
        if dnc and "visit" in dnc.split(","):
            return WHOLE  # every channel may be closed: the engine knows their details
        if cid in self.hidden and self._hides(cid, start, every, last):
            return WHOLE
        if lapse is not None and lapse[1] <= self.horizon:
            return lapse  # lapsed for sure: keep-in-touch gives way to it
        # A lapse past the horizon was asked again above when no keep-in-touch was due.
        assert kit is not None
        if lapse is None:
            return kit, kit
        return min(lapse[0], kit), self.horizon  # lapsed (due by the horizon) or else kit

    def _celebrated(self, first: str, touched: str | None) -> bool:
        """A first purchase lately with no touch since (a thank-you), or one whose
        anniversary is near."""
        if first >= self.thanks_from:
            return touched is None or touched < first
        return first[5:] in self.near_days

    def _full(self, cid: int, touched: str | None) -> bool:
        """Whether the touches of the cap's window leave no room for a nudge."""
        if self.room <= 0:
            return True
        return touched is not None and touched >= self.since and \
            self.recent.get(cid, 0) >= self.room

    def _cadence(self, cid: int) -> int:
        tags = self.tags.get(cid)
        return cadence_of(None, tags, self.settings) if tags else self.default_every

    def _added(self, added: str | None) -> date:
        """Never touched: the clock started when they were added (today, if later)."""
        return _fromiso(min(added[:10] if added else self.today, self.today))

    def _lapse(self, first: str, last: str) -> tuple[int, int] | None:
        """Bounds of the lapse's due day (two purchase days or more, the last old enough):
        the usual gap is at most the whole span, the threshold at least ``lapse_min_days``."""
        last_day = _fromiso(last).toordinal()
        low = last_day + self.settings.lapse_min_days
        if low > self.horizon:
            return None
        span = last_day - _fromiso(first).toordinal()
        return low, self._due_after(last_day, span)

    def _lapse_exactly(self, bought: str) -> tuple[int, int] | None:
        """The lapse's due day from the customer's usual gap, or None if not due yet."""
        days = [_fromiso(d) for d in sorted(set(bought.split(",")))[-13:]]
        due = self._due_after(days[-1].toordinal(), usual_gap(days) or 0)
        return (due, due) if due <= self.horizon else None

    def _due_after(self, last_day: int, gap: float) -> int:
        try:
            return last_day + lapse_threshold(gap, self.settings)
        except (OverflowError, ValueError):  # an endless factor: the rule gives up, as here
            return self.horizon + 1

    def _hides(self, cid: int, start: date, every: int, last: str | None) -> bool:
        """Whether this customer's keep-in-touch or lapse occurrence is snoozed or dismissed."""
        today = self.ctx.today
        keys = [keep_in_touch_key(cid, start, every, today)]
        if last is not None:
            keys.append(lapsed_key(cid, _fromiso(last)))
        return any(k in self.states and self.states[k].hides(today) for k in keys)


def nudged(states: Mapping[str, State]) -> set[int]:
    """Customers with a keep-in-touch or lapse key among ``states``."""
    found = set()
    for key in states:
        kind, _, rest = key.partition(":")
        if kind in ("keep_in_touch", "lapsed"):
            cid = rest.partition(":")[0]
            if cid.isdigit():
                found.add(int(cid))
    return found
