"""The owner's word: promises falling due, open problems waiting for news."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from domain.outreach.channels import for_promise, pick
from domain.outreach.context import Context, ref, suggest
from domain.outreach.history import History
from domain.outreach.inputs import Contact
from domain.outreach.suggestion import Suggestion
from domain.outreach.wording import at_time, day_month, days_ago, due_phrase, on_day, plural


def _due_day(due: date | datetime) -> date:
    return due.date() if isinstance(due, datetime) else due


def promises(c: Contact, h: History, ctx: Context) -> Iterator[Suggestion]:
    """Every open promise, due on its day, by its hour when it has one; a kept or missed one
    never shows. Given the time of day (``ctx.now``), one whose hour has passed today is
    overdue."""
    for n, p in enumerate(c.promises):
        if p.status != "open":
            continue
        due, hour = _due_day(p.due), _hour(p.due)
        late = hour is not None and _late(due, hour, ctx)
        if late:
            when = f"overdue since {hour:%H:%M}"
        else:
            time = at_time(p.due) if isinstance(p.due, datetime) and due >= ctx.today else ""
            when = f"{due_phrase(due, ctx.today)}{time}"
        found = suggest(c, "promise_due", due, for_promise(c, p.what),
                        f"promise_due:{ref(p.id, c, n)}", f"Promised: {p.what} — {when}",
                        source_id=p.id)
        found.due_time, found.late = hour, late
        yield found


def _hour(due: date | datetime) -> time | None:
    """The hour a promise is due by; None for one due on its day (stored at midnight)."""
    if not isinstance(due, datetime) or (due.hour, due.minute) == (0, 0):
        return None
    return due.time().replace(second=0, microsecond=0)


def _late(due: date, hour: time, ctx: Context) -> bool:
    """Whether ``hour`` on ``due`` has passed: only on that day, and only when the caller
    gave the time of day."""
    now = ctx.now
    return now is not None and due == ctx.today == now.date() and now.time() > hour


def problems(c: Contact, h: History, ctx: Context) -> Iterator[Suggestion]:
    """An open problem with no update for N days gets a follow-up."""
    wait = ctx.settings.problem_follow_up_days
    for n, p in enumerate(c.problems):
        if p.status != "open":
            continue
        last = p.last_activity()
        due = last + timedelta(days=wait)
        yield suggest(c, "problem_follow_up", due, pick(c, "problem_follow_up"),
                      f"problem_follow_up:{ref(p.id, c, n)}:{last.isoformat()}",
                      _problem_reason(p.summary, p.waiting_on, last, due, ctx.today),
                      source_id=p.id)


def _problem_reason(summary: str, waiting_on: str, last: date, due: date, today: date) -> str:
    gap = (today - last).days
    if due <= today:
        status = f"no update for {plural(gap, 'day')} (since {day_month(last, today)})"
    else:
        status = f"last update {days_ago(last, today)}; follow up {on_day(due, today)}"
    waiting = f"; waiting on {waiting_on}" if waiting_on.strip() else ""
    return f"Problem: {summary} — {status}{waiting}"
