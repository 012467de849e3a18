"""The day's Today plan over the whole notebook, read in two batches while the rest is judged
beside it.

1. What may bring a suggestion other than a nudge (milestones, promises, problems, a first
   purchase to thank for or celebrate: "spoken for") is read first, and those customers are
   planned at once.
2. Meanwhile the others are judged on a second, read-only connection: SQLite settles the
   plainest customers' nudges (storage.outreach_sift) and triage (domain.outreach.triage) the
   lines of the rest, naming the customers the engine must see whole.
3. Those are read whole and planned.

"Beside" is a child process where that is safe and cheap (Linux, a single-threaded command
line: the whole judging then runs on the other core), else a thread for the SQL alone
(SQLite works without Python's lock), else nothing: every step in turn on one connection.

Both connections must read the same notebook: the plan notes the notebook's data version
before and after, and plans again on one connection if anyone wrote in between.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import signal
import sqlite3
import sys
import threading
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from domain.outreach import Settings, State
from domain.outreach.context import Context
from domain.outreach.queue import Planner, TodayQueue
from domain.outreach.triage import Triage, nudged, triage
from storage import outreach_input as gather
from storage import outreach_sift
from storage.db import connect_read_only, current_notebook, db, notebook_version
from storage.migrations import STANDING_DAYS

log = logging.getLogger(__name__)


def plan(today: date, settings: Settings, states_of: Callable[[date], dict[str, State]],
         side: bool = True, now: datetime | None = None) -> TodayQueue:
    """The Today plan for ``today``; ``states_of`` reads the snoozed and dismissed keys.

    Inside a transaction already open this connection may hold writes no other can see yet:
    the plan is then read on it alone."""
    if side and not db.in_transaction():
        before = _data_version()
        with db.reading():
            found, beside = _plan(today, settings, states_of(today), now, side=True)
        if not beside or _data_version() == before:
            return found
        log.info("The notebook changed while the Today plan was read; planning it again.")
    with db.reading():
        return _plan(today, settings, states_of(today), now, side=False)[0]


def _plan(today: date, settings: Settings, states: dict[str, State], now: datetime | None,
          side: bool) -> tuple[TodayQueue, bool]:
    """The plan, and whether a second connection took part in it."""
    extras, near = gather.extras_of(today, settings)
    tags = gather.tags_with_cadence()
    sent = gather.referrers()  # planned last: their thank-you turns on whom they sent
    judging = _Judging(Context(today, settings), states, near, tags, sent, side)
    planner = Planner(today, settings, states, later=sent, now=now)
    try:
        planner.add(gather.contacts(today, settings, extras, tags, near))
    except BaseException:  # an error, Ctrl+C: no answer is wanted, only no child left
        judging.abandon()
        raise
    found = judging.result()
    planner.add(gather.contacts(today, settings, extras, tags, found.whole - near))
    return planner.plan(found.waiting), judging.beside


class _Judging:
    """Triage of everyone the first batch leaves out: in a child process, with the SQL in a
    thread, or on this connection when :meth:`result` is asked (see the module docstring)."""

    def __init__(self, ctx: Context, states: dict[str, State], near: set[int],
                 tags: dict[int, tuple[str, ...]], sent: set[int], side: bool) -> None:
        self.ctx, self.states, self.near, self.tags = ctx, states, near, tags
        self.skip = near | nudged(states) | tags.keys() | sent
        self.sifts = notebook_version() >= STANDING_DAYS and outreach_sift.applies(ctx)
        info = current_notebook()
        self.path = info.path if side and info is not None else None
        self.beside = False
        self._child: tuple[int, int] | None = None  # (pid, pipe to read)
        self._thread: threading.Thread | None = None
        self._sifted: outreach_sift.Sifted | None = None
        if self.path is None:
            return
        if _may_fork():
            self._child = self._fork(self.path)
        elif self.sifts:
            self._thread = threading.Thread(target=self._sift_beside, args=(self.path,),
                                            name="today-sift", daemon=True)
            self._thread.start()

    def result(self) -> Triage:
        if self._child is not None:
            found = self._from_child(*self._child)
            if found is not None:
                self.beside = True
                return found
        sifted = None
        if self._thread is not None:
            self._thread.join()
            sifted, self.beside = self._sifted, self._sifted is not None
        return self._triage(sifted=sifted)

    def _triage(self, con: sqlite3.Connection | None = None,
                sifted: outreach_sift.Sifted | None = None) -> Triage:
        """Triage on ``con`` (None: the session's connection); ``sifted`` if already done."""
        if sifted is None and self.sifts:
            sifted = outreach_sift.sift(self.ctx, self.skip, con)
        lines = gather.standings(self.ctx.today, None if sifted is None else sifted.odd, con)
        return triage(lines, self.ctx, self.states, self.near, self.tags,
                      gather.recent_touches(lines, self.ctx, con),
                      None if sifted is None else sifted.settled)

    def _sift_beside(self, path: Path) -> None:
        try:
            con = connect_read_only(path)
            try:
                self._sifted = outreach_sift.sift(self.ctx, self.skip, con)
            finally:
                con.close()
        except Exception as exc:  # the plan goes on without it, on the one connection
            log.warning("Settling the Today nudges on a second connection failed: %s", exc)

    def _fork(self, path: Path) -> tuple[int, int] | None:
        """A child process that triages on its own connection and sends back the answer.

        It touches nothing it inherited (not the session's connection, not a buffer) and
        leaves by os._exit, so that nothing of the parent's is closed or flushed twice."""
        read, write = os.pipe()
        try:
            pid = os.fork()
        except OSError as exc:
            os.close(read)
            os.close(write)
            log.warning("No child process for the Today plan: %s", exc)
            return None
        if pid:
            os.close(write)
            return pid, read
        status = 0
        try:
            os.close(read)
            con = connect_read_only(path)
            answer = pickle.dumps(self._triage(con), pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write, "wb") as pipe:
                pipe.write(answer)
        except BaseException:  # the parent sees an empty answer and triages itself
            status = 1
        finally:
            os._exit(status)

    def abandon(self) -> None:
        """Stop the child, if any, and reap it: the plan is given up."""
        if self._child is not None:
            pid, read = self._child
            self._child = None
            os.close(read)
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            _reap(pid)

    @staticmethod
    def _from_child(pid: int, read: int) -> Triage | None:
        """The child's answer, or None if it has none (it failed, or was killed)."""
        try:
            with os.fdopen(read, "rb") as pipe:
                answer = pipe.read()
        finally:
            status = _reap(pid)
        if answer and status in (0, None):  # None: someone else reaped it (SIGCHLD ignored)
            try:
                return pickle.loads(answer)
            except (pickle.UnpicklingError, EOFError, ValueError):
                pass
        log.warning("The Today plan's child process failed; triaging here instead.")
        return None


def _reap(pid: int) -> int | None:
    """Wait for the child ``pid``; its exit status, or None when the system or a handler of
    SIGCHLD has reaped it already."""
    try:
        return os.waitpid(pid, 0)[1]
    except ChildProcessError:
        return None


def _may_fork() -> bool:
    """Whether a child process may be forked here: on Linux (elsewhere a fork without exec is
    unsafe or missing), never in the window's process (Qt runs threads Python cannot see)
    and only with no other Python thread running."""
    return (sys.platform == "linux" and "PySide6" not in sys.modules
            and threading.active_count() == 1)


def _data_version() -> int:
    return db.execute_sql("PRAGMA data_version").fetchone()[0]
