"""Calendar arithmetic for outreach: business days, yearly occurrences, look-ahead windows."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from functools import lru_cache

from domain.dates import PartialDate
from domain.outreach.settings import Settings

WEEKEND = (5, 6)  # Saturday, Sunday: the post does not count them


class DayText(dict):
    """date → its ISO text, each worked out once: 50,000 customers' entries share a few hundred
    days, and a lookup is cheaper than ``isoformat`` (490,000 calls a rebuild). Bounded: a
    long session forgets them all past ``LIMIT`` days rather than grow."""

    LIMIT = 20_000

    def __missing__(self, day: date) -> str:
        if len(self) >= self.LIMIT:
            self.clear()
        text = self[day] = day.isoformat()
        return text


iso = DayText()  # the rules' shared day → text


def shift(day: date, days: int) -> date:
    """``day`` moved by ``days``, held at the calendar's ends (years 1 and 9999)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


@lru_cache(maxsize=4096)  # thousands of cards share a few dozen days
def business_days_before(day: date, count: int) -> date:
    """The date ``count`` business days (Mon–Fri) before ``day``."""
    if count <= 0:
        return day
    # From a weekend, the Friday before is the first business day back.
    weekday = day.weekday()
    if weekday in WEEKEND:
        day -= timedelta(days=weekday - 4)
        count -= 1
        weekday = 4
    weeks, rest = divmod(count, 5)
    back = weeks * 7 + rest + (2 if rest > weekday else 0)
    return shift(day, -back)


def post_by(occasion: date, settings: Settings) -> date:
    """The last day to print and post a card that should arrive by ``occasion``."""
    return business_days_before(occasion, settings.mailing_lead_days)


def lookahead_days(settings: Settings) -> int:
    """How far ahead to look for milestones so a card can be posted in time.

    A card appears when its post-by date enters the queue, ``queue_days`` ahead; the lead time
    in business days spans at most lead + 2 weekend days per started week, plus a long weekend.
    """
    lead = settings.mailing_lead_days
    span = lead + 2 * (lead // 5 + 1)
    return max(settings.milestone_window_days, settings.queue_days + span)


def latest_occasion(horizon: date, settings: Settings) -> date:
    """The last day an occasion can fall on and still be due by ``horizon``: a posted card is
    due on its print-by date (the earliest of its channels), and later days print later."""
    day = horizon
    while day < date.max and post_by(day + timedelta(days=1), settings) <= horizon:
        day += timedelta(days=1)
    return day


def day_of_year(day: date) -> int:
    """The day's number in a leap year (Feb 29 = 60), as milestone.day_of_year stores it."""
    return PartialDate(day.month, day.day).day_of_year()


def days_of_year(start: date, end: date) -> list[int]:
    """Every stored day-of-year number that falls between ``start`` and ``end`` inclusive.

    In a common year Feb 29 is celebrated on Feb 28, so Feb 28 brings 60 with it.
    """
    found: set[int] = set()
    first = start.toordinal()
    for n in range(first, min(end.toordinal(), first + 366) + 1):  # a year covers them all
        day = date.fromordinal(n)
        found.add(day_of_year(day))
        if day.month == 2 and day.day == 28 and not calendar.isleap(day.year):
            found.add(60)
    return sorted(found)


@lru_cache(maxsize=64)  # 50,000 customers' occasions are looked for over the same days
def month_days(start: date, end: date) -> frozenset[tuple[int, int]]:
    """(month, day) of each day from ``start`` to ``end``, Feb 29 with a common year's Feb 28."""
    jan1 = date(2000, 1, 1)
    return frozenset((d.month, d.day) for n in days_of_year(start, end)
                     for d in [jan1 + timedelta(days=n - 1)])


def ranges(numbers: list[int]) -> list[tuple[int, int]]:
    """Sorted numbers as inclusive (low, high) runs: a window across New Year gives two."""
    runs: list[tuple[int, int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


def day_ranges(start: date, end: date) -> list[tuple[int, int]]:
    """The day-of-year runs covering ``start``..``end``, for an indexed milestone query."""
    return ranges(days_of_year(start, end))
