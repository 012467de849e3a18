"""Promises at their hour: the words of a notice when a promise with a time falls due, and
which notices one check gives (the window notifies; the command line can say the same).

A promise has a time when its due moment is not midnight (storage keeps one due on its day at
00:00, as domain.outreach does). Rules: a promise is told once a session (``told``); those
already past their time when the window opens make one summary, not a flood; so do more than
:data:`AT_ONCE` falling due at the same moment.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from domain.validation import format_date

AT_ONCE = 3  # more falling due together than this: one summary
LONGEST = 200  # characters of a notice's text (a desktop notification shows a few lines)
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


@dataclass(frozen=True, slots=True)
class TimedPromise:
    """An open promise with a time of day, and whom it was made to (their greeting name)."""

    id: int
    customer_id: int
    customer: str
    what: str
    due: datetime


def clock_time(moment: datetime) -> str:
    """``3 pm``, ``9:30 am``: the hour as said aloud."""
    hour = moment.hour % 12 or 12
    half = "am" if moment.hour < 12 else "pm"
    return f"{hour} {half}" if moment.minute == 0 else f"{hour}:{moment.minute:02d} {half}"


def _when(p: TimedPromise, today: date) -> str:
    day = "" if p.due.date() == today else f" on {format_date(p.due.date())}"
    return f"{clock_time(p.due)}{day}"


def _safe(text: str, limit: int = LONGEST) -> str:
    """One line without control characters, cut to ``limit`` (a notice is not a page)."""
    line = " ".join(_UNSAFE.sub(" ", text).split())
    return line if len(line) <= limit else line[:limit - 1].rstrip() + "…"


def promise_notice(p: TimedPromise, today: date, late: bool = False) -> tuple[str, str]:
    """(title, text): ``Promise due: Ana`` / ``Call back — promised for 3 pm``."""
    what = _safe(p.what, LONGEST - 40) or "What you promised"
    title = f"Promise {'overdue' if late else 'due'}: {_safe(p.customer, 60)}"
    return title, f"{what} — promised for {_when(p, today)}"


def summary(promises: list[TimedPromise], today: date, late: bool) -> tuple[str, str]:
    """One notice for several: ``4 promises are past their time`` / ``Ana (10 am), …``."""
    shown = ", ".join(f"{_safe(p.customer, 40)} ({_when(p, today)})" for p in promises[:3])
    more = f" and {len(promises) - 3} more" if len(promises) > 3 else ""
    state = "past their time" if late else "due now"
    return f"{len(promises)} promises are {state}", _safe(f"{shown}{more}. They are on Today.")


def notices(due: Iterable[TimedPromise], told: set[int], opening: bool,
            today: date) -> list[tuple[str, str]]:
    """The notices for the promises ``due`` by now that were not ``told`` yet (added to it);
    ``opening``: the first check after the window opened (anything due is overdue)."""
    fresh = [p for p in due if p.id not in told]
    told.update(p.id for p in fresh)
    if len(fresh) == 1:
        return [promise_notice(fresh[0], today, late=opening)]
    if opening or len(fresh) > AT_ONCE:
        return [summary(fresh, today, late=opening)] if fresh else []
    return [promise_notice(p, today) for p in fresh]
