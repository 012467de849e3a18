"""Control characters and line breaks of every kind in names and notes, as iCalendar.

RFC 5545 TEXT allows no control character but tab; a FileMaker export brings VT as its line
break, an old Mac note a lone CR, a pasted web form U+2028. Each line break comes back as a
line break from ``icalendar``, other controls are left out, and no raw control reaches the
file (Outlook and Google refuse such a calendar).
"""

from __future__ import annotations

from datetime import date

import pytest
from icalendar import Calendar

from domain.dates import PartialDate
from domain.model import Customer, Milestone
from exports import ical

BREAKS = ["\r", "\n", "\r\n", "\x0b", "\x0c", "\x1c", "\x1e", "\x85", "\u2028", "\u2029"]
CONTROLS = ["\x00", "\x07", "\x1b", "\x7f", "\x9b"]


def exported(name: str, note: str) -> tuple[bytes, str, str]:
    c = Customer(given_name=name, family_name="Đặng", id=4, milestones=[
        Milestone("custom", PartialDate(2, 29), note=note)])
    raw = ical.calendar([c], date(2027, 1, 1)).to_ical()
    (event,) = Calendar.from_ical(raw).walk("VEVENT")
    return raw, str(event["summary"]), str(event["description"])


def no_controls(raw: bytes) -> bool:
    text = raw.decode("utf-8").replace("\r\n", "")
    return not any((ord(ch) < 32 and ch != "\t") or 0x7f <= ord(ch) <= 0x9f for ch in text)


@pytest.mark.parametrize("brk", BREAKS, ids=[f"U+{ord(b[0]):04X}" for b in BREAKS])
def test_each_line_break_is_a_line_break(brk):
    raw, summary, note = exported(f"Zoë{brk}Ann", f"Gotcha{brk}day, a;b\\c")
    assert no_controls(raw)
    assert summary.startswith("Zoë\nAnn Đặng — ") and note == "Gotcha\nday, a;b\\c"


@pytest.mark.parametrize("ctl", CONTROLS, ids=[f"U+{ord(c):04X}" for c in CONTROLS])
def test_other_controls_are_left_out(ctl):
    raw, summary, note = exported(f"Zoë{ctl}", f"Gotcha{ctl} day\nat the shelter")
    assert no_controls(raw)
    assert summary == "Zoë Đặng — Gotcha day" and note == "Gotcha day\nat the shelter"


@pytest.mark.parametrize("text", ["C:\\New folder\\Notes", "\\Nguyễn", "a\\nb", "x\\N"])
def test_a_backslash_before_n_stays_a_backslash(text):
    """icalendar's writer reads a literal ``\\N`` in the text as a line break (its first
    replacement): ``\\Nguyễn`` reached every calendar as a new line and ``guyễn``."""
    raw, summary, note = exported(f"Zoë {text}", f"Gotcha day\n{text}")
    assert summary.startswith(f"Zoë {text} Đặng — ") and note == f"Gotcha day\n{text}"
    assert b"\\\\N" in raw or "N" not in text
