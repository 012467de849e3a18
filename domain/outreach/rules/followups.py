"""The owner's word: promises falling due, open problems waiting for news."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from domain.outreach.channels import for_promise, pick
from domain.outreach.context import Context, ref
from domain.outreach.entries import FOREVER, WORDING, Entry, entry, late
from domain.outreach.history import History
from domain.outreach.inputs import Contact
from domain.outreach.wording import at_time, day_month, days_ago, due_phrase, on_day, plural


def _due_day(due: date | datetime) -> date:
    return due.date() if isinstance(due, datetime) else due


def promises(c: Contact, h: History, ctx: Context) -> Iterator[Entry]:
    """Every open promise, due on its day, by its hour when it has one; a kept or missed one
    never shows. Given the time of day (``ctx.now``), one whose hour has passed on its day is
    overdue (domain.outreach.entries.late)."""
    for n, p in enumerate(c.promises):
        if p.status != "open":
            continue
        due, hour = _due_day(p.due), _hour(p.due)
        at = at_time(p.due) if isinstance(p.due, datetime) else ""
        yield entry(c.id, c.name, "promise_due", due, for_promise(c, p.what),
                    f"promise_due:{ref(p.id, c, n)}", date.min, FOREVER, (p.what, at),
                    source_id=p.id, due_time=hour)


def _hour(due: date | datetime) -> time | None:
    """The hour a promise is due by; None for one due on its day (stored at midnight)."""
    if not isinstance(due, datetime) or (due.hour, due.minute) == (0, 0):
        return None
    return due.time().replace(second=0, microsecond=0)


def _promise_words(e: Entry, ctx: Context) -> str:
    what, at = e.words
    if e.due_time is not None and late(e, ctx):
        when = f"overdue since {e.due_time:%H:%M}"
    else:
        when = f"{due_phrase(e.due, ctx.today)}{at if e.due >= ctx.today else ''}"
    return f"Promised: {what} — {when}"


def problems(c: Contact, h: History, ctx: Context) -> Iterator[Entry]:
    """An open problem with no update for N days gets a follow-up."""
    wait = ctx.settings.problem_follow_up_days
    for n, p in enumerate(c.problems):
        if p.status != "open":
            continue
        last = p.last_activity()
        due = last + timedelta(days=wait)
        yield entry(c.id, c.name, "problem_follow_up", due, pick(c, "problem_follow_up"),
                    f"problem_follow_up:{ref(p.id, c, n)}:{last.isoformat()}",
                    date.min, FOREVER, (p.summary, p.waiting_on, last.isoformat()), source_id=p.id)


def _problem_words(e: Entry, ctx: Context) -> str:
    summary, waiting_on, last = e.words
    return _problem_reason(summary, waiting_on, date.fromisoformat(last), e.due, ctx.today)


def _problem_reason(summary: str, waiting_on: str, last: date, due: date, today: date) -> str:
    gap = (today - last).days
    if due <= today:
        status = f"no update for {plural(gap, 'day')} (since {day_month(last, today)})"
    else:
        status = f"last update {days_ago(last, today)}; follow up {on_day(due, today)}"
    waiting = f"; waiting on {waiting_on}" if waiting_on.strip() else ""
    return f"Problem: {summary} — {status}{waiting}"


WORDING.update(promise_due=_promise_words, problem_follow_up=_problem_words)
