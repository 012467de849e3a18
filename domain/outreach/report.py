"""The queue as text for the command line: grouped, two lines a suggestion, plain words."""

from __future__ import annotations

from datetime import date

from domain.model import CHANNEL_LABELS
from domain.outreach.queue import grouped
from domain.outreach.suggestion import Suggestion
from domain.outreach.wording import full_date, plural, weekday_date

INDENT = "  "


def plain_text(queue: list[Suggestion], today: date) -> str:
    """ "Overdue / Today / This week" sections; a line saying so when there is nothing."""
    head = f"Today, {full_date(today)}: "
    if not queue:
        return head + "nothing to do."
    lines = [head + plural(len(queue), "suggestion")]
    for label, items in grouped(queue, today):
        lines += ["", f"{label} ({len(items)})"]
        lines += [line for s in items for line in _entry(s, today)]
    return "\n".join(lines)


def _entry(s: Suggestion, today: date) -> list[str]:
    when = weekday_date(s.due, today)
    channel = CHANNEL_LABELS.get(s.channel, "") if s.channel else "no channel open"
    pad = " " * len(when)
    return [f"{INDENT}{when}  {s.customer} · {s.title} · {channel}",
            f"{INDENT}{pad}  {s.reason}"]


def as_json(queue: list[Suggestion], today: date) -> list[dict]:
    """The list ``today --json`` prints."""
    return [s.to_json(today) for s in queue]
