"""Name "Other" milestones by their note ("Opening night of her solo show"), not "Other".

An adapter until the engine words custom milestones itself: the queue and the calendar call
a custom milestone "Other", which tells the owner nothing. Runs on the worker with the
queries that loaded them.
"""

from __future__ import annotations

from dataclasses import replace

from domain.model import MILESTONE_LABELS
from domain.outreach import Suggestion
from domain.outreach.upcoming import CalendarEntry
from storage.db import db

OTHER = MILESTONE_LABELS["custom"]
LONGEST = 60


def short(note: str) -> str:
    """The note's first line, cut at a word near ``LONGEST`` characters."""
    line = " ".join(note.strip().splitlines()[0].split()) if note.strip() else ""
    if len(line) <= LONGEST:
        return line
    return line[:LONGEST].rsplit(" ", 1)[0] + "…"


def _renamed(title: str, reason: str, name: str) -> tuple[str, str]:
    return name, name + reason[len(title):] if reason.startswith(title) else reason


def name_suggestions(queue: list[Suggestion]) -> list[Suggestion]:
    """The queue with each "Other" milestone titled by its note (when it has one)."""
    ids = [s.source_id for s in queue if s.milestone_kind == "custom" and s.title == OTHER
           and s.source_id is not None]
    if not ids:
        return queue
    marks = ",".join("?" * len(ids))
    notes = dict(db.execute_sql(f"SELECT id, note FROM milestone WHERE id IN ({marks})", ids))
    out = []
    for s in queue:
        name = short(notes.get(s.source_id) or "") if s.source_id in notes else ""
        if name and s.title == OTHER:
            title, reason = _renamed(s.title, s.reason, name)
            s = replace(s, title=title, reason=reason)
        out.append(s)
    return out


def name_entries(entries: list[CalendarEntry]) -> list[CalendarEntry]:
    """Calendar entries with each "Other" milestone titled by its note."""
    others = [e for e in entries if e.kind == "custom" and e.title == OTHER]
    if not others:
        return entries
    ids = sorted({e.customer_id for e in others})
    marks = ",".join("?" * len(ids))
    rows = db.execute_sql("SELECT customer_id, month, day, note FROM milestone WHERE "
                          f"kind = 'custom' AND customer_id IN ({marks})", ids)
    notes = {(cid, f"{month:02d}-{day:02d}"): note for cid, month, day, note in rows if note}
    out = []
    for e in entries:
        month_day = e.key.split(":")[3] if e.key.count(":") >= 3 else ""
        name = short(notes.get((e.customer_id, month_day), "")) if e in others else ""
        out.append(replace(e, title=name) if name else e)
    return out
