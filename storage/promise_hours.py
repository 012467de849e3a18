"""The open promises with a time of day, for the window's notices (domain.promise_hours).

Read through the ``promise_status (status, due)`` index: the ones due by a moment, and the
moment the next one falls due, so the window sets one timer instead of polling. A promise due
on its day is stored at midnight and has no hour; archived or deceased customers get none.
"""

from __future__ import annotations

from datetime import datetime

from domain.promise_hours import TimedPromise
from storage.db import db

_OPEN_TIMED = """
    FROM promise p JOIN customer c ON c.id = p.customer_id
    WHERE p.status = 'open' AND substr(p.due, 12, 5) NOT IN ('', '00:00') AND c.status = ''
"""


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="minutes")  # as storage.timeline writes ``due``


def due_by(moment: datetime, limit: int = 500) -> list[TimedPromise]:
    """Open promises with a time, due at or before ``moment``, earliest first."""
    rows = db.execute_sql(
        "SELECT p.id, p.customer_id, c.preferred_name, c.given_name, c.family_name, c.company,"
        " p.what, p.due" + _OPEN_TIMED + "AND p.due <= ? ORDER BY p.due, p.id LIMIT ?",
        (_stamp(moment), limit)).fetchall()
    return [TimedPromise(pid, cid, next((n.strip() for n in names if n.strip()), "someone"),
                         what, datetime.fromisoformat(due))
            for pid, cid, *names, what, due in rows]


def next_after(moment: datetime) -> datetime | None:
    """When the next open promise with a time falls due after ``moment`` (None: none)."""
    row = db.execute_sql("SELECT min(p.due)" + _OPEN_TIMED + "AND p.due > ?",
                         (_stamp(moment),)).fetchone()
    return datetime.fromisoformat(row[0]) if row and row[0] else None
