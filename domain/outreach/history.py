"""A customer's past as of one day, worked out once and shared by every rule."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from operator import itemgetter

from domain.outreach.inputs import Contact, Touch
from domain.outreach.schedule import shift

_WHEN = itemgetter(0)  # a touch's day: touches on one day keep the order they came in
# Rotation looks at this many latest touches: channels used before them count as fresh.
ROTATION_MEMORY = 3


@dataclass(slots=True)
class History:
    """Touches and purchases on or before ``today`` (later ones are typos, not history)."""

    touches: list[Touch]  # newest first
    purchases: list[date]  # distinct days, oldest first
    _recent: tuple[tuple, int] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of(cls, c: Contact, today: date) -> History:
        # Sorted first: days after today (typos, rare) then sit at one end, found at a glance.
        touches = sorted(c.touches, key=_WHEN, reverse=True)
        if touches and touches[0].when > today:
            touches = [t for t in touches if t.when <= today]
        bought = sorted(set(c.purchases))
        if bought and bought[-1] > today:
            bought = [p for p in bought if p <= today]
        return cls(touches, bought)

    def recent_channels(self) -> tuple[tuple, int]:
        """(the channels of the latest ROTATION_MEMORY touches, newest first; how many of them
        fall on the latest day): what channel rotation reads, worked out once per history
        (keep in touch and we-miss-you both rotate)."""
        if self._recent is None:
            latest = self.touches[:ROTATION_MEMORY]
            same_day = 1 if latest else 0
            while same_day < len(latest) and latest[same_day].when == latest[0].when:
                same_day += 1
            self._recent = (tuple([t.channel for t in latest]), same_day)
        return self._recent

    @property
    def last(self) -> Touch | None:
        return self.touches[0] if self.touches else None

    def touched_since(self, day: date, kinds: frozenset[str] | None = None) -> bool:
        """Whether a touch (of ``kinds``, if given) was logged on or after ``day``."""
        for t in self.touches:  # newest first: stop at the first one before ``day``
            if t.when < day:
                return False
            if kinds is None or t.kind in kinds:
                return True
        return False

    def count_since(self, day: date) -> int:
        """Touches on or after ``day``."""
        count = 0
        for t in self.touches:
            if t.when < day:
                break
            count += 1
        return count

    def recent_count(self, today: date, days: int) -> int:
        """Touches in the ``days`` days up to and including ``today``."""
        return self.count_since(shift(today, 1 - days))

    def usual_gap(self) -> float | None:
        """The median days between purchases (the latest 12 gaps); None below two purchases."""
        return usual_gap(self.purchases)


def usual_gap(purchases: Sequence[date]) -> float | None:
    """The median days between the latest 13 of ``purchases`` (distinct days, oldest first)."""
    gaps = sorted([(b - a).days for a, b in pairwise(purchases[-13:])])
    if not gaps:
        return None
    middle = len(gaps) // 2
    return gaps[middle] if len(gaps) % 2 else (gaps[middle - 1] + gaps[middle]) / 2
