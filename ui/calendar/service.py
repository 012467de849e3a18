"""What the Calendar screen asks of the notebook (on the worker thread only)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from domain.outreach import Settings
from domain.outreach.upcoming import CalendarEntry
from storage import outreach

DAYS = 60


@dataclass
class CalendarData:
    """Milestones from ``today`` to ``DAYS`` ahead, and the settings that time their cards."""

    today: date
    entries: list[CalendarEntry] = field(default_factory=list)
    settings: Settings = field(default_factory=Settings)


class CalendarService:
    """Thin facade over ``storage.outreach.calendar``."""

    def upcoming(self, today: date, days: int = DAYS) -> CalendarData:
        """Milestones (and family birthdays) of the next ``days`` days, by date."""
        return CalendarData(today, outreach.calendar(today, days),
                            outreach.load_settings())
