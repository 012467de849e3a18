"""The Today queue from the notebook: the queue and its count of nudges held back, snooze and
dismiss, acting on a suggestion and undoing it, the owner's outreach settings, the calendar.

The queue is read from each customer's stored agenda (storage.agenda): the entries due by the
day's horizon, one indexed read; the day's policy (domain.outreach.queue) does the rest.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from domain.model import CHANNEL_INTERACTION, CHANNELS, Interaction
from domain.outreach import Settings, State, Suggestion
from domain.outreach.queue import TodayQueue, dismissal
from domain.outreach.rules.contact import cadence_of
from domain.outreach.schedule import shift
from domain.setting_values import check_setting
from storage import agenda, agenda_read, collector
from storage.db import db

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from domain.outreach.upcoming import CalendarEntry

__all__ = [
    "SETTING_PREFIX", "Acted", "act_on", "calendar", "dismiss",
    "load_settings", "load_states", "mark_handled", "restore", "save_settings",
    "set_tag_cadence", "snooze", "tag_cadences", "today_plan", "today_queue", "undo_act",
]

SETTING_PREFIX = "outreach."

# --- the queue ------------------------------------------------------------------------------


def today_queue(today: date, settings: Settings | None = None,
                now: datetime | None = None, keep: bool = True) -> list[Suggestion]:
    """The Today queue for ``today``: overdue, due today and due this week, with at most
    ``daily_capacity`` nudges (:func:`today_plan` also counts the others)."""
    return today_plan(today, settings, now, keep).suggestions


def today_plan(today: date, settings: Settings | None = None,
               now: datetime | None = None, keep: bool = True) -> TodayQueue:
    """The Today queue for ``today``, and how many more customers are due a nudge; ``now``
    (the time of day on ``today``, given by the caller) makes a promise late at its hour.
    ``keep``: keep the plan to bring it up to date when asked again (not for a command that
    asks once)."""
    settings = settings or load_settings()
    with collector.paused():  # the number or address of each is filled in (storage.handoff)
        return agenda_read.plan(today, settings, load_states(today), now, keep)


# --- snooze, dismiss, act -------------------------------------------------------------------


def load_states(today: date) -> dict[str, State]:
    """Keys that are dismissed, or snoozed past ``today``."""
    rows = db.execute_sql("SELECT key, snoozed_until, dismissed FROM suggestion_state "
                          "WHERE (dismissed = 1 AND snoozed_until IS NULL) "
                          "OR snoozed_until > ?", (today.isoformat(),))
    return {key: State(date.fromisoformat(until[:10]) if until else None, bool(dismissed))
            for key, until, dismissed in rows}


_UPSERT = ("INSERT INTO suggestion_state (customer_id, key, snoozed_until, dismissed) "
           "VALUES (?, ?, ?, ?) ON CONFLICT (customer_id, key) DO UPDATE SET "
           "snoozed_until = excluded.snoozed_until, dismissed = excluded.dismissed")


def _set_state(s: Suggestion, until: date | None, dismissed: bool) -> None:
    """For every occurrence ``s`` settles: one card may answer two occasions of a day."""
    db.connection().executemany(_UPSERT, [
        (s.customer_id, key, until.isoformat() if until else None, int(dismissed))
        for key in s.settled_keys()])


def _forget(s: Suggestion) -> None:
    db.connection().executemany(
        "DELETE FROM suggestion_state WHERE customer_id = ? AND key = ?",
        [(s.customer_id, key) for key in s.settled_keys()])


def mark_handled(found: Iterable[Suggestion]) -> None:
    """Remember each of ``found`` as answered, as Done does (this occurrence, not the next),
    inside the caller's transaction: Done, and a card that went out (storage.answers)."""
    db.connection().executemany(_UPSERT, [(s.customer_id, key, None, 1) for s in found
                                          for key in s.settled_keys()])


def snooze(s: Suggestion, until: date) -> None:
    """Hide ``s`` until ``until``; it shows again on that day."""
    with db.atomic():
        _set_state(s, until, False)


def dismiss(s: Suggestion, today: date) -> None:
    """Hide this occurrence of ``s`` (next year's birthday still comes); a lapse, an open
    promise or problem for one of the customer's cadence periods (``queue.dismissal``)."""
    with db.atomic():
        _put_state(s, dismissal(s, today, _cadence(s.customer_id)))


def _cadence(customer_id: int) -> int:
    """The customer's days between touches: their own, their tags', else the default."""
    own = db.execute_sql("SELECT cadence_days FROM customer WHERE id = ?",
                         (customer_id,)).fetchone()
    tags = [name for (name,) in db.execute_sql(
        "SELECT t.name FROM tag t JOIN tag_setting s ON s.name = t.name "
        "WHERE t.customer_id = ? AND s.cadence_days > 0", (customer_id,))]
    return cadence_of(own[0] if own else None, tags, load_settings())


def restore(s: Suggestion) -> None:
    """Undo a snooze or dismiss: ``s`` shows again when its rule says so."""
    with db.atomic():
        _forget(s)


# What the timeline says when the owner acts without writing a note.
_DONE = {"promise_due": "Promise kept", "problem_follow_up": "Followed up on the problem"}


@dataclass(frozen=True, slots=True)
class Acted:
    """What :func:`act_on` wrote, so that :func:`undo_act` takes back exactly that."""

    suggestion: Suggestion
    interaction: Interaction  # the touch logged, with its id
    before: State | None  # the suggestion's snooze or dismiss before (None: it had none)
    kept_promise: bool = False  # an open promise Done marked kept
    problem_update: int | None = None  # the id of the update Done noted on a problem


def act_on(s: Suggestion, channel: str, note: str, today: date) -> Acted:
    """Log the touch and mark ``s`` handled, in one transaction; keep a promise, note a
    problem's follow-up. Returns what it wrote, for :func:`undo_act`."""
    if channel not in CHANNELS:
        raise ValueError(f"{channel!r} is not a channel ({', '.join(CHANNELS)})")
    from storage import timeline  # late: the queue itself never writes

    summary = note.strip() or _DONE.get(s.kind, s.title)
    with db.atomic():
        before = _state_of(s)
        done = timeline.log_touch(
            s.customer_id, Interaction(today, CHANNEL_INTERACTION[channel], summary, channel))
        mark_handled([s])
        return Acted(s, done, before, *_settle(s, summary, today))


def _settle(s: Suggestion, summary: str, today: date) -> tuple[bool, int | None]:
    """Keep the promise or note the problem's follow-up: (promise kept, update id)."""
    if s.kind == "promise_due" and s.source_id is not None:
        from storage import timeline  # late, as in act_on

        return timeline.keep_promise(s.source_id), None
    if s.kind == "problem_follow_up" and s.source_id is not None:
        noted = db.execute_sql("INSERT INTO problem_update (problem_id, date, summary) "
                               "VALUES (?,?,?)", (s.source_id, today.isoformat(), summary))
        return False, noted.lastrowid
    return False, None


def undo_act(done: Acted) -> None:
    """Take back what :func:`act_on` wrote, in one transaction: the touch, the handled mark
    (the snooze or dismiss before it comes back), a promise it kept (one kept some other way
    stays kept), the problem update it noted. The suggestion shows again."""
    from storage import timeline  # late, as in act_on

    s = done.suggestion
    with db.atomic():
        timeline.remove(done.interaction)
        _put_state(s, done.before)
        if done.kept_promise and s.source_id is not None:
            timeline.reopen_promise(s.source_id)
        if done.problem_update is not None:
            db.execute_sql("DELETE FROM problem_update WHERE id = ?", (done.problem_update,))


def _state_of(s: Suggestion) -> State | None:
    """The snooze or dismiss stored for ``s``, over or not; None when there is none."""
    row = db.execute_sql("SELECT snoozed_until, dismissed FROM suggestion_state "
                         "WHERE customer_id = ? AND key = ?", (s.customer_id, s.key)).fetchone()
    if row is None:
        return None
    return State(date.fromisoformat(row[0][:10]) if row[0] else None, bool(row[1]))


def _put_state(s: Suggestion, state: State | None) -> None:
    """Store ``state`` for ``s`` as it was: the row, or no row at all."""
    if state is None:
        _forget(s)
    else:
        _set_state(s, state.snoozed_until, state.dismissed)


# --- settings -------------------------------------------------------------------------------


def load_settings() -> Settings:
    """The owner's outreach settings (``outreach.*`` in the setting table), defaults filled in."""
    values = {}
    for key, value in db.execute_sql("SELECT key, value FROM setting WHERE key LIKE ?",
                                     (SETTING_PREFIX + "%",)):
        try:
            values[key[len(SETTING_PREFIX):]] = check_setting(key, json.loads(value))
        except ValueError as exc:  # a damaged value falls back to its default
            log.warning("setting %r in the notebook cannot be used (%s); using the default",
                        key, exc)
    return Settings.from_dict(values, tag_cadences())


def save_settings(settings: Settings) -> None:
    """Store every outreach setting (tag cadences go through :func:`set_tag_cadence`)."""
    rows = [(SETTING_PREFIX + k, json.dumps(v)) for k, v in settings.to_dict().items()]
    with db.atomic():
        db.connection().executemany(
            "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE "
            "SET value = excluded.value WHERE value IS NOT excluded.value", rows)


def tag_cadences() -> dict[str, int]:
    """Tag name → days between touches, for tags that have one."""
    rows = db.execute_sql("SELECT name, cadence_days FROM tag_setting WHERE cadence_days > 0")
    return dict(rows.fetchall())


def set_tag_cadence(tag: str, days: int | None) -> None:
    """Give customers tagged ``tag`` their own cadence; None goes back to the default."""
    with db.atomic():
        db.execute_sql("INSERT INTO tag_setting (name, cadence_days) VALUES (?, ?) "
                       "ON CONFLICT (name) DO UPDATE SET cadence_days = excluded.cadence_days "
                       "WHERE cadence_days IS NOT excluded.cadence_days", (tag, days))


def update_settings(before: Settings, after: Settings,
                    progress: Callable[[int, int], None] | None = None) -> None:
    """Store ``after`` in one transaction: the numbers, then the tag cadences added, changed
    or removed since ``before`` (the settings window's Save). Every customer's agenda is
    worked out again before it commits: ``progress(done, total)`` hears how far."""
    with agenda.reporting(progress or (lambda done, total: None)), db.atomic():
        save_settings(after)
        for tag in before.tag_cadences.keys() - after.tag_cadences.keys():
            set_tag_cadence(tag, None)
        for tag, days in after.tag_cadences.items():
            if before.tag_cadences.get(tag) != days:
                set_tag_cadence(tag, days)


# --- calendar -------------------------------------------------------------------------------


def calendar(today: date, days: int = 60) -> list[CalendarEntry]:
    """Milestones (and family birthdays) from ``today`` to ``days`` ahead, by date."""
    return agenda_read.calendar(today, shift(today, days))  # held at year 9999
