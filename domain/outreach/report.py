"""The queue as text for the command line: grouped, two lines a suggestion, plain words."""

from __future__ import annotations

import json
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
    width = max(len(weekday_date(s.due, today)) for s in queue)
    lines = [head + plural(len(queue), "suggestion")]
    for label, items in grouped(queue, today):
        lines += ["", f"{label} ({len(items)})"]
        lines += [line for s in items for line in _entry(s, today, width)]
    return "\n".join(lines)


def waiting_line(waiting: int, capacity: int) -> str:
    """ "…and 38,294 more customers are due a keep-in-touch or a we-miss-you note (the 20
    longest overdue are shown each day)", or "" when nobody is held back."""
    if waiting <= 0:
        return ""
    who = "1 more customer is" if waiting == 1 else f"{waiting:,} more customers are"
    shown = f"the {capacity} longest overdue are" if capacity != 1 else "the longest overdue is"
    return (f"…and {who} due a keep-in-touch or a we-miss-you note ({shown} shown each day)"
            if capacity > 0 else
            f"…and {who} due a keep-in-touch or a we-miss-you note (none are shown: the daily "
            "capacity is 0)")


def _entry(s: Suggestion, today: date, width: int) -> tuple[str, str]:
    when = weekday_date(s.due, today).ljust(width)
    channel = CHANNEL_LABELS.get(s.channel, "") if s.channel else "no channel open"
    return (f"{INDENT}{when}  {s.customer} · {s.title} · {channel}",
            f"{INDENT}{' ' * width}  {s.reason}")


def as_json(queue: list[Suggestion], today: date) -> list[dict]:
    """The list ``today --json`` prints."""
    return [s.to_json(today) for s in queue]


def json_text(queue: list[Suggestion], today: date) -> str:
    """The JSON list, one object a line: readable, and written by json's fast encoder (it has
    none for ``indent=``, which took longer than building the queue); one encoder for all
    the lines, as ``json.dumps`` with options makes a new one each time."""
    encode = json.JSONEncoder(ensure_ascii=False).encode
    items = [encode(item) for item in as_json(queue, today)]
    return "[\n" + ",\n".join(items) + "\n]" if items else "[]"
