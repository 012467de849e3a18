"""Day first or month first? Decided once per file, from its own dates, else from the region.

``07/03/1985`` is 7 March in London and July 3 in Portland. A file settles it when one of
its slashed dates can only be read one way (a first number above 12: day first; a second
above 12: month first); else the notebook's region decides, and the preview says so and
offers the other order. Pure: no files, no Qt.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# Where dates are written month first; everywhere else writes the day first.
MONTH_FIRST_REGIONS = frozenset({"US", "PR", "GU", "VI", "AS", "MP", "UM", "FM", "MH", "PW",
                                 "PH"})
# Apple's stand-in year for a birthday without one (Contacts, and files made from it).
APPLE_NO_YEAR = 1604
_SLASHED = re.compile(r"^\s*(\d{1,2})/(\d{1,2})(?:/(\d{2}|\d{4}))?\s*$")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def day_first_region(region: str) -> bool:
    """Whether people in ``region`` (a two-letter country code) write the day first."""
    return (region or "US").upper() not in MONTH_FIRST_REGIONS


@dataclass(frozen=True, slots=True)
class DateOrder:
    """How the slashed dates of one file are read, and why."""

    day_first: bool
    settled: bool = False  # the file's own values leave no choice
    example: str = ""  # the value that settled it, or one that reads both ways
    region: str = ""
    chosen: bool = False  # the owner picked the order in the preview
    mixed: bool = False  # the file writes dates both ways

    def flipped(self) -> DateOrder:
        """The other order, as the owner's choice."""
        return DateOrder(not self.day_first, False, self.example, self.region, chosen=True)

    def order_words(self) -> str:
        return "day first" if self.day_first else "month first"

    def reading(self, text: str | None = None) -> str:
        """``07/03/1985`` as this order reads it: ``7 March 1985`` or ``July 3, 1985``."""
        m = _SLASHED.match(text or self.example)
        if not m:
            return ""
        first, second = int(m.group(1)), int(m.group(2))
        day, month = (first, second) if self.day_first else (second, first)
        if not 1 <= month <= 12:
            return "not a date"
        year = f" {m.group(3)}" if m.group(3) else ""
        name = _MONTHS[month - 1]
        if self.day_first:
            return f"{day} {name}{year}"
        return f"{name} {day},{year}" if year else f"{name} {day}"

    def describe(self) -> str:
        """One plain sentence for the preview and the report."""
        words, example = self.order_words(), self.example
        if self.chosen:
            return f"Dates are read {words}, as you chose: {example} is {self.reading()}."
        if self.settled:
            return (f"Dates are read {words}: {example} in the file can only be "
                    f"{self.reading()}.")
        why = f"as in the notebook's region {self.region}" if self.region else "by default"
        if self.mixed:
            why = f"the file writes dates both ways, so {why}"
        return f"Dates such as {example} are read {words} ({self.reading()}), {why}."


def decide(texts: Iterable[str], region: str, chosen: bool | None = None) -> DateOrder | None:
    """The order for a file whose date cells are ``texts``; None when none is slashed."""
    day_first = month_first = ambiguous = ""
    for text in texts:
        m = _SLASHED.match(text)
        if not m:
            continue
        first, second = int(m.group(1)), int(m.group(2))
        if first > 12 >= second:
            day_first = day_first or text.strip()
        elif second > 12 >= first:
            month_first = month_first or text.strip()
        elif first != second and first and second:
            ambiguous = ambiguous or text.strip()
    example = ambiguous or day_first or month_first
    if not example:
        return None
    if chosen is not None:
        return DateOrder(chosen, False, example, region, chosen=True)
    if bool(day_first) != bool(month_first):
        return DateOrder(bool(day_first), True, day_first or month_first, region)
    return DateOrder(day_first_region(region), False, example, region,
                     mixed=bool(day_first and month_first))
