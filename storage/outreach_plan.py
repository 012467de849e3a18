"""The day's Today plan over the whole notebook, in two batches while SQLite settles the rest.

1. What may bring a suggestion other than a nudge (milestones, promises, problems: "spoken
   for") is read first, and those customers are planned at once.
2. Meanwhile a second, read-only connection settles the plainest customers' nudges in SQL
   (storage.outreach_sift): SQLite works without Python's lock, so on a machine with two cores
   it costs next to nothing.
3. Triage judges the lines of everyone else (domain.outreach.triage); the customers it names
   are read whole and planned.

Both connections must read the same notebook: the plan notes the notebook's data version
before and after, and plans again on one connection if anyone wrote in between. Without a
second connection (an older notebook, a database in memory, odd settings) every step runs on
the one connection, in the same order.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Collection
from datetime import date

from domain.outreach import Settings, State
from domain.outreach.context import Context
from domain.outreach.queue import Planner, TodayQueue
from domain.outreach.triage import nudged, triage
from storage import outreach_input as gather
from storage import outreach_sift
from storage.db import connect_read_only, current_notebook, db, notebook_version
from storage.migrations import STANDING_DAYS

log = logging.getLogger(__name__)


def plan(today: date, settings: Settings, states_of: Callable[[date], dict[str, State]],
         side: bool = True) -> TodayQueue:
    """The Today plan for ``today``; ``states_of`` reads the snoozed and dismissed keys.

    Inside a transaction already open this connection may hold writes no other can see yet:
    the plan is then read on it alone."""
    if side and not db.in_transaction():
        before = _data_version()
        with db.atomic():
            found, beside = _plan(today, settings, states_of(today), side=True)
        if not beside or _data_version() == before:
            return found
        log.info("The notebook changed while the Today plan was read; planning it again.")
    with db.atomic():
        return _plan(today, settings, states_of(today), side=False)[0]


def _plan(today: date, settings: Settings, states: dict[str, State],
          side: bool) -> tuple[TodayQueue, bool]:
    """The plan, and whether a second connection took part in it."""
    ctx = Context(today, settings)
    extras, near = gather.extras_of(today, settings)
    tags = gather.tags_with_cadence()
    sent = gather.referrers()  # planned last: their thank-you turns on whom they sent
    settling = _Settling(ctx, near | nudged(states) | tags.keys() | sent, side)
    planner = Planner(today, settings, states, later=sent)
    first = near - sent
    planner.add(gather.contacts(today, settings, extras, tags, first))
    sifted = settling.result()
    lines = gather.standings(today, None if sifted is None else sifted.odd)
    found = triage(lines, ctx, states, near, tags, gather.recent_touches(lines, ctx),
                   None if sifted is None else sifted.settled)
    planner.add(gather.contacts(today, settings, extras, tags, found.whole - first))
    return planner.plan(found.waiting), settling.beside


class _Settling:
    """outreach_sift.sift on a second connection, in a thread (or later, on this one)."""

    def __init__(self, ctx: Context, skip: Collection[int], side: bool) -> None:
        self.ctx, self.skip = ctx, skip
        self.applies = _has_days() and outreach_sift.applies(ctx)
        info = current_notebook()
        self.path = info.path if side and self.applies and info is not None else None
        self.beside = False
        self._found: outreach_sift.Sifted | None = None
        self._thread: threading.Thread | None = None
        if self.path is not None:
            self._thread = threading.Thread(target=self._run, name="today-sift", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        try:
            con = connect_read_only(self.path)
            try:
                self._found = outreach_sift.sift(self.ctx, self.skip, con)
            finally:
                con.close()
        except Exception as exc:  # the plan goes on without it, on the one connection
            log.warning("Settling the Today nudges on a second connection failed: %s", exc)

    def result(self) -> outreach_sift.Sifted | None:
        """The sift's answer (None: it does not apply, and triage reads every line)."""
        if not self.applies:
            return None
        if self._thread is not None:
            self._thread.join()
            if self._found is not None:
                self.beside = True
                return self._found
        return outreach_sift.sift(self.ctx, self.skip)


def _has_days() -> bool:
    """Whether the notebook's standing table has its days as numbers."""
    return notebook_version() >= STANDING_DAYS


def _data_version() -> int:
    return db.execute_sql("PRAGMA data_version").fetchone()[0]

