"""The Today queue as rows: Overdue / Today / This week, each suggestion with who, why, when
and how, in the engine's order."""

from __future__ import annotations

from datetime import date
from functools import cache

from PySide6.QtGui import QIcon

from domain.model import CHANNEL_LABELS
from domain.outreach import GROUPS, Suggestion
from domain.outreach.wording import plural, weekday_date
from ui import icons, theme
from ui.today.rows import Cell, GroupedModel, Row

COL_WHO, COL_WHY, COL_WHEN, COL_HOW = range(4)
HEADERS = ("Who", "Why", "When", "How")

# The line icon for each suggested channel (ui/icons.py).
CHANNEL_ICONS = {"mail": "postcard", "phone": "touch", "email": "email", "text": "message",
                 "visit": "visit"}
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")


def long_date(day: date) -> str:
    """ "Monday 23 November 2026" (fixed English, like the reasons)."""
    return f"{DAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def relative_due(due: date, today: date) -> str:
    """ "3 days overdue", "Due today", "Tomorrow", "In 4 days"."""
    gap = (due - today).days
    if gap < 0:
        return f"{plural(-gap, 'day')} overdue"
    if gap == 0:
        return "Due today"
    return "Tomorrow" if gap == 1 else f"In {gap} days"


def _when(s: Suggestion, today: date) -> str:
    """:func:`relative_due`, with a promise's hour: "Due today by 15:00", "Overdue since
    15:00" once the hour has passed."""
    if s.due_time is None:
        return relative_due(s.due, today)
    hour = f"{s.due_time:%H:%M}"
    if s.late:
        return f"Overdue since {hour}"
    return relative_due(s.due, today) + ("" if s.due < today else f" by {hour}")


def channel_label(channel: str | None) -> str:
    """ "Posted card", "Phone"…; "No channel open" when every one is closed."""
    return CHANNEL_LABELS.get(channel, channel) if channel else "No channel open"


@cache
def channel_icon(channel: str | None) -> QIcon:
    """The channel's line icon, white on a selected row (an empty icon for none)."""
    name = CHANNEL_ICONS.get(channel or "", "")
    both = QIcon()
    for mode, colour in ((QIcon.Mode.Normal, theme.ACCENT), (QIcon.Mode.Selected, "#ffffff")):
        for size in (16, 18, 24, 32):
            both.addPixmap(icons.icon(name, colour).pixmap(size, size), mode)
    return both


def suggestion_cells(s: Suggestion, today: date) -> list[Cell]:
    """One suggestion's cells: who (and what), why, when (relative and absolute), how."""
    group = s.group(today)
    who = Cell(s.customer, s.title, f"{s.customer} — {s.title}")
    why = Cell(s.reason, tip=s.reason)
    when = Cell(_when(s, today), weekday_date(s.due, today), tone=group
                if group != "week" else "")
    how = Cell(channel_label(s.channel), tip=channel_label(s.channel),
               icon=channel_icon(s.channel))
    return [who, why, when, how]


def queue_rows(queue: list[Suggestion], today: date) -> list[Row]:
    """Section headers with counts, each followed by its suggestions (empty sections left out)."""
    groups: dict[str, list[Row]] = {name: [] for name, _label in GROUPS}
    for s in queue:
        groups[s.group(today)].append(Row("", 0, s, s.key))
    rows: list[Row] = []
    for name, label in GROUPS:
        if groups[name]:
            rows.append(Row(label=label, count=len(groups[name]), key=f"group:{name}"))
            rows += groups[name]
    return rows


class TodayModel(GroupedModel):
    """The Today list; rows are handed in with ``set_queue``."""

    def __init__(self, parent=None) -> None:
        super().__init__(HEADERS, lambda s: suggestion_cells(s, self._today), parent)
        self._today = date.min

    @property
    def counts(self) -> dict[str, int]:
        """How many suggestions are ``overdue``, due ``today`` and later this ``week``, as
        the list's headers count them."""
        found = {name: 0 for name, _label in GROUPS}
        for row in self.header_rows():
            header = self.row_at(row)
            assert header is not None
            found[header.key.removeprefix("group:")] = header.count
        return found

    def set_queue(self, queue: list[Suggestion], today: date) -> None:
        """Show ``queue`` as of ``today``."""
        self._today = today
        self.set_rows(queue_rows(queue, today))

    def suggestion_at(self, row: int) -> Suggestion | None:
        """The suggestion on ``row`` (None on a header)."""
        return self.item_at(row)

    def suggestions(self) -> list[Suggestion]:
        """Every suggestion shown, in order."""
        return [self.item_at(r) for r in self.item_rows()]
