"""The queue as text for the command line: grouped, two lines a suggestion, plain words."""

from __future__ import annotations

import json
from datetime import date

from domain.model import CHANNEL_LABELS, DEFAULT_REGION
from domain.outreach.handoff import DETAIL, shown_reach
from domain.outreach.queue import grouped
from domain.outreach.suggestion import Suggestion
from domain.outreach.wording import full_date, plural, weekday_date

INDENT = "  "


def plain_text(queue: list[Suggestion], today: date, region: str = DEFAULT_REGION) -> str:
    """ "Overdue / Today / This week" sections; a line saying so when there is nothing.
    ``region``: the notebook's, where a number is written as at home (``shown_reach``)."""
    head = f"Today, {full_date(today)}: "
    if not queue:
        return head + "nothing to do."
    # Each due day worded once: thousands of suggestions share a few dozen days.
    days = {day: weekday_date(day, today) for day in {s.due for s in queue}}
    width = max(map(len, days.values()))
    lines = [head + plural(len(queue), "suggestion")]
    for label, items in grouped(queue, today):
        lines += ["", f"{label} ({len(items)})"]
        lines += [line for s in items
                  for line in _entry(s, days[s.due].ljust(width), region)]
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


def _entry(s: Suggestion, when: str, region: str) -> tuple[str, str]:
    channel = CHANNEL_LABELS.get(s.channel, "") if s.channel else "no channel open"
    if s.reach:
        channel += f" {shown_reach(s.channel, s.reach, region)}"
    return (f"{INDENT}{when}  {s.customer} · {s.title} · {channel}",
            f"{INDENT}{' ' * len(when)}  {s.reason}")


def as_json(queue: list[Suggestion], today: date) -> list[dict]:
    """The list ``today --json`` prints."""
    return [s.to_json(today) for s in queue]


def json_text(queue: list[Suggestion], today: date) -> str:
    """The JSON list, one object a line: readable, and quicker than ``json.dumps(indent=)``
    (json's fast encoder has no indent)."""
    items = [_json_line(s, today) for s in queue]
    return "[\n" + ",\n".join(items) + "\n]" if items else "[]"


# A str as ``json.dumps(ensure_ascii=False)`` writes it: json's own C escaper, called straight
# (the encoder's ``encode`` only hands a str on to it).
_string = json.encoder.encode_basestring


def _json_line(s: Suggestion, today: date) -> str:
    """``json.dumps(s.to_json(today), ensure_ascii=False)``, written field by field: twice as
    quick as building the dict and encoding it (tests/domain/test_outreach_report.py holds
    the two to the same text, so a field added to ``to_json`` must be added here)."""
    channel = "null" if s.channel is None else _string(s.channel)
    return (f'{{"customer": {_string(s.customer)}, "customer_id": {s.customer_id:d}, '
            f'"kind": {_string(s.kind)}, "due": "{s.due.isoformat()}", "channel": {channel}, '
            f'"reason": {_string(s.reason)}, "title": {_string(s.title)}, '
            f'"occasion": {_string(s.occasion)}, "key": {_string(s.key)}, '
            f'"group": "{s.group(today)}"'
            + (f', "due_time": "{s.due_time:%H:%M}"' if s.due_time else "") + f'{_also(s)}'
            + (f', "{DETAIL[s.channel or ""]}": {_string(s.reach)}' if s.reach else "") + "}")


def _also(s: Suggestion) -> str:
    """The ``also`` field, for the rare card that answers two occasions."""
    if not s.also:
        return ""
    return ', "also": ' + json.dumps([a.also_json() for a in s.also], ensure_ascii=False)
