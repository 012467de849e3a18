"""The coming milestones as rows, a section per week: the date, whose, the occasion, the
years it marks (only when the year is known) and, for a card, the day to post it by."""

from __future__ import annotations

from datetime import date, timedelta

from domain.model import MILESTONE_LABELS
from domain.outreach import Settings
from domain.outreach.schedule import post_by
from domain.outreach.upcoming import CalendarEntry
from domain.outreach.wording import weekday_date
from domain.templates import OCCASIONS
from ui.today.rows import Cell, GroupedModel, Row

COL_DATE, COL_WHO, COL_OCCASION, COL_YEARS, COL_POST = range(5)
HEADERS = ("Date", "Customer", "Occasion", "Years", "Post a card by")
# Occasions a posted card suits ("custom" ones may be anything: no post-by date for those).
CARD_WORTHY = frozenset(k for k in MILESTONE_LABELS if k in OCCASIONS)


def week_label(monday: date, today: date) -> str:
    """ "This week", "Next week", "Week of Mon 7 Dec"."""
    this_monday = today - timedelta(days=today.weekday())
    weeks = (monday - this_monday).days // 7
    if weeks == 0:
        return "This week"
    return "Next week" if weeks == 1 else f"Week of {weekday_date(monday, today)}"


def in_days(day: date, today: date) -> str:
    """ "Today", "Tomorrow", "In 11 days"."""
    gap = (day - today).days
    if gap <= 0:
        return "Today"
    return "Tomorrow" if gap == 1 else f"In {gap} days"


def entry_cells(e: CalendarEntry, today: date, settings: Settings) -> list[Cell]:
    """One milestone's cells."""
    when = Cell(weekday_date(e.when, today), in_days(e.when, today),
                tone="today" if e.when == today else "")
    occasion = Cell(e.title, tip=e.title)
    return [when, Cell(e.customer, tip=e.customer), occasion, Cell(e.detail),
            _post_cell(e, today, settings)]


def _post_cell(e: CalendarEntry, today: date, settings: Settings) -> Cell:
    if e.kind not in CARD_WORTHY:
        return Cell("")
    by = post_by(e.when, settings)
    if by < today:
        return Cell("Too late to post", "call or visit instead", tone="overdue")
    return Cell(weekday_date(by, today), in_days(by, today),
                tone="today" if by == today else "")


def calendar_rows(entries: list[CalendarEntry], today: date) -> list[Row]:
    """A header per week (Monday to Sunday) with its count, then that week's milestones."""
    rows: list[Row] = []
    header: Row | None = None
    for e in entries:
        monday = e.when - timedelta(days=e.when.weekday())
        if header is None or header.key != f"week:{monday.isoformat()}":
            header = Row(label=week_label(monday, today), key=f"week:{monday.isoformat()}")
            rows.append(header)
        header.count += 1
        rows.append(Row(item=e, key=e.key))
    return rows


class CalendarModel(GroupedModel):
    """The Calendar list; rows are handed in with ``set_entries``."""

    def __init__(self, parent=None) -> None:
        super().__init__(HEADERS, lambda e: entry_cells(e, self._today, self._settings), parent)
        self._today, self._settings = date.min, Settings()

    def set_entries(self, entries: list[CalendarEntry], today: date,
                    settings: Settings) -> None:
        """Show ``entries`` as of ``today``."""
        self._today, self._settings = today, settings
        self.set_rows(calendar_rows(entries, today))

    def entry_at(self, row: int) -> CalendarEntry | None:
        """The milestone on ``row`` (None on a header)."""
        return self.item_at(row)
