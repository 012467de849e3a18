"""Plain English for reasons: "Fri 4 Dec", "64 days ago", "turns 50", "Ella's birthday"."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

# Fixed English names: the reason must not change with the machine's locale.
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# "a call", "an email": how a touch of each kind reads after "Last touch … (".
TOUCH_NOUNS = {
    "call": "a call", "visit": "a visit", "email": "an email", "text": "a text",
    "card": "a card", "gift": "a gift", "meeting": "a meeting", "purchase": "a purchase",
}
CHANNEL_VERBS = {"mail": "post a card", "phone": "call", "email": "email", "text": "text",
                 "visit": "visit"}


# Cached: 50,000 reasons share a few hundred distinct dates.
@lru_cache(maxsize=8192)
def day_month(day: date, today: date) -> str:
    """ "3 Nov", with the year when it is not this year's ("3 Nov 2025")."""
    text = f"{day.day} {MONTHS[day.month - 1]}"
    return text if day.year == today.year else f"{text} {day.year}"


@lru_cache(maxsize=8192)
def weekday_date(day: date, today: date) -> str:
    """ "Fri 4 Dec" (the weekday helps when planning the week)."""
    return f"{WEEKDAYS[day.weekday()]} {day_month(day, today)}"


def full_date(day: date) -> str:
    """ "Fri 4 Dec 2026"."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def days_ago(day: date, today: date) -> str:
    """ "today", "yesterday", "64 days ago"."""
    gap = (today - day).days
    if gap <= 0:
        return "today"
    return "yesterday" if gap == 1 else f"{gap} days ago"


def due_phrase(due: date, today: date) -> str:
    """ "due today", "due tomorrow", "due Tue 8 Dec", "1 day overdue", "3 days overdue"."""
    gap = (due - today).days
    if gap == 0:
        return "due today"
    if gap == 1:
        return "due tomorrow"
    if gap > 1:
        return f"due {weekday_date(due, today)}"
    return f"{plural(-gap, 'day')} overdue"


def at_time(moment: datetime) -> str:
    """ " at 15:00", or nothing for a promise with no time of day."""
    return "" if (moment.hour, moment.minute) == (0, 0) else f" at {moment:%H:%M}"


def touch_noun(kind: str) -> str:
    return TOUCH_NOUNS.get(kind, f"a {kind}")


def possessive(name: str) -> str:
    return f"{name}'s"


def on_day(day: date, today: date) -> str:
    """ "today", "tomorrow" or "on Fri 4 Dec"."""
    gap = (day - today).days
    if gap == 0:
        return "today"
    return "tomorrow" if gap == 1 else f"on {weekday_date(day, today)}"


def when_past(day: date, today: date) -> str:
    """ "today", "yesterday" or "on 3 Nov"."""
    gap = (today - day).days
    if gap == 0:
        return "today"
    return "yesterday" if gap == 1 else f"on {day_month(day, today)}"
