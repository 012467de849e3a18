"""The queue as the command line prints it: JSON lines as json writes them, grouped text."""

import json
from dataclasses import replace
from datetime import date

import pytest

from domain.outreach.report import json_text, plain_text
from domain.outreach.suggestion import Suggestion
from tests.domain.outreach_builders import FRI_20_NOV, d

AWKWARD = ['Zoë "Zee" O\'Neil', "back\\slash", "two\nlines\ttab", "bell \x07 and \x7f",
           "emoji 🌷 and \u2028 separator", "lone surrogate \ud800", ""]


def item(n: int, text: str = "Maria Lopez", due: date = FRI_20_NOV,
         channel: str | None = "phone") -> Suggestion:
    return Suggestion("milestone", n, text, due, channel, text, f"milestone:{n}:{text}",
                      f"Birthday {text} — post the card", text)


def reference(queue: list[Suggestion], today: date) -> str:
    """What json itself writes for the objects, one a line."""
    lines = [json.dumps(s.to_json(today), ensure_ascii=False) for s in queue]
    return "[\n" + ",\n".join(lines) + "\n]" if lines else "[]"


@pytest.mark.parametrize("text", AWKWARD)
def test_json_lines_are_what_json_writes(text):
    queue = [item(1, text), item(2, text, d("2026-11-24"), None), item(3, text, d("2026-11-01"))]
    assert json_text(queue, FRI_20_NOV) == reference(queue, FRI_20_NOV)


def test_json_of_an_empty_queue_is_an_empty_list():
    assert json_text([], FRI_20_NOV) == "[]" == reference([], FRI_20_NOV)


def test_plain_text_lines_up_the_days_under_their_headings():
    queue = [item(1, "Ann Lee", d("2026-11-02")), item(2, "Bo Chen"),
             item(3, "Cy Diaz", d("2026-11-24"), None)]
    assert plain_text(queue, FRI_20_NOV).splitlines() == [
        "Today, Fri 20 Nov 2026: 3 suggestions",
        "",
        "Overdue (1)",
        "  Mon 2 Nov   Ann Lee · Ann Lee · Phone",
        "              Birthday Ann Lee — post the card",
        "",
        "Today (1)",
        "  Fri 20 Nov  Bo Chen · Bo Chen · Phone",
        "              Birthday Bo Chen — post the card",
        "",
        "This week (1)",
        "  Tue 24 Nov  Cy Diaz · Cy Diaz · no channel open",
        "              Birthday Cy Diaz — post the card",
    ]


def test_plain_text_writes_a_number_as_its_country_does():
    queue = [replace(item(1, "Ann Lee"), reach="+15035550107"),
             replace(item(2, "Bo Chen", channel="text"), reach="+442079460958"),
             replace(item(3, "Cy Diaz", channel="email"), reach="cy@example.com")]
    lines = plain_text(queue, FRI_20_NOV, "US").splitlines()
    assert "  Fri 20 Nov  Ann Lee · Ann Lee · Phone (503) 555-0107" in lines
    assert "  Fri 20 Nov  Bo Chen · Bo Chen · Text message +44 20 7946 0958" in lines
    assert "  Fri 20 Nov  Cy Diaz · Cy Diaz · Email cy@example.com" in lines
    assert '"phone": "+15035550107"' in json_text(queue, FRI_20_NOV)  # data: the stored form
