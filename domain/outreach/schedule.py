"""Calendar arithmetic for outreach: business days, yearly occurrences, look-ahead windows."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from domain.dates import PartialDate
from domain.outreach.settings import Settings

WEEKEND = (5, 6)  # Saturday, Sunday: the post does not count them


def business_days_before(day: date, count: int) -> date:
    """The date ``count`` business days (Mon–Fri) before ``day``."""
    while count > 0:
        day -= timedelta(days=1)
        if day.weekday() not in WEEKEND:
            count -= 1
    return day


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


def next_occurrence(when: PartialDate, today: date) -> date:
    """This year's or next year's occurrence on or after ``today`` (Feb 29 → Feb 28)."""
    return when.next_occurrence(today)


def once_occurrence(when: PartialDate) -> date | None:
    """The one day a one-off milestone happened, or None when its year is unknown."""
    return when.to_date()


def years_between(start: date, occurrence: date) -> int:
    return occurrence.year - start.year


def day_of_year(day: date) -> int:
    """The day's number in a leap year (Feb 29 = 60), as milestone.day_of_year stores it."""
    return PartialDate(day.month, day.day).day_of_year()


def days_of_year(start: date, end: date) -> list[int]:
    """Every stored day-of-year number that falls between ``start`` and ``end`` inclusive.

    In a common year Feb 29 is celebrated on Feb 28, so Feb 28 brings 60 with it.
    """
    found: set[int] = set()
    day = start
    while day <= end and len(found) < 366:
        found.add(day_of_year(day))
        if day.month == 2 and day.day == 28 and not calendar.isleap(day.year):
            found.add(60)
        day += timedelta(days=1)
    return sorted(found)


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
