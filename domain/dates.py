"""Dates as owners write them: a birthday may have no year, Feb 29 exists only some years."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_FULL = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_NO_YEAR = re.compile(r"^--(\d{2})-?(\d{2})$")


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A month and day with an optional year (``--03-14`` or ``1980-03-14``)."""

    month: int
    day: int
    year: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} is not between 1 and 12")
        if self.year is not None and not 1 <= self.year <= 9999:
            raise ValueError(f"year {self.year} is out of range")
        # A year-less date may be Feb 29: it exists in leap years.
        last = calendar.monthrange(self.year if self.year else 2000, self.month)[1]
        if not 1 <= self.day <= last:
            raise ValueError(f"day {self.day} does not exist in month {self.month}")

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY-MM-DD``, ``--MM-DD`` or ``--MMDD``; raise ValueError otherwise."""
        text = (text or "").strip()
        m = _FULL.match(text)
        if m:
            return cls(int(m.group(2)), int(m.group(3)), int(m.group(1)))
        m = _NO_YEAR.match(text)
        if m:
            return cls(int(m.group(1)), int(m.group(2)))
        raise ValueError(f"{text!r} is not a date (YYYY-MM-DD or --MM-DD)")

    @classmethod
    def from_date(cls, value: date) -> PartialDate:
        return cls(value.month, value.day, value.year)

    def iso(self) -> str:
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def to_date(self) -> date | None:
        """The full date, or None when the year is unknown."""
        return date(self.year, self.month, self.day) if self.year else None

    def occurrence_in(self, year: int) -> date:
        """The day this falls on in ``year``: Feb 29 is kept on Feb 28 in common years."""
        if self.month == 2 and self.day == 29 and not calendar.isleap(year):
            return date(year, 2, 28)
        return date(year, self.month, self.day)

    def next_occurrence(self, on_or_after: date) -> date:
        """The first yearly occurrence on or after ``on_or_after``."""
        this_year = self.occurrence_in(on_or_after.year)
        if this_year >= on_or_after:
            return this_year
        return self.occurrence_in(on_or_after.year + 1)

    def years_at(self, occurrence: date) -> int | None:
        """How many years have passed at ``occurrence`` (an age), or None without a year."""
        if self.year is None:
            return None
        return occurrence.year - self.year

    def day_of_year(self) -> int:
        """Day number in a leap year (Feb 29 = 60), used for fast upcoming-date queries."""
        return date(2000, self.month, self.day).timetuple().tm_yday

    def __str__(self) -> str:
        return self.iso()


def parse_iso_date(text: str) -> date:
    """A strict ``YYYY-MM-DD`` date; raise ValueError with a readable message."""
    text = (text or "").strip()
    if not _FULL.match(text):
        raise ValueError(f"{text!r} is not a date (YYYY-MM-DD)")
    return date.fromisoformat(text)
