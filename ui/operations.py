"""Run slow work on a worker thread; hear about success or failure back on the GUI thread.

A slot builds an operation and returns at once (Anki's ``CollectionOp``)::

    ops.run(lambda: storage.customers.list_rows(), on_success=self._show_rows)

The callable runs on a worker and must not touch widgets. Its result (or exception) comes back
through a queued signal, so ``on_success``/``on_failure`` run on the GUI thread. Jobs run one at a
time in the order they were started: a save, then the reload that follows it, never overtake
each other, and undo runs after the work it undoes.

Work nobody is waiting for (the daily backup, a sidebar count) is started with ``when_idle``:
after a delay, and only once the jobs the owner asked for are done, so it never holds them up.
Long reads of the whole file nobody waits for (the full integrity check, the daily copy) run
``aside``, on a second worker with its own connection: a search typed meanwhile does not wait
for them (SQLite's WAL lets a reader and a writer work at once).

Each worker thread has its own SQLite connection (peewee's database is thread-local and connects
lazily); ``after_each`` closes it when a job ends, so no connection outlives its job.
"""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QRunnable,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)

from ui.failures import is_bug

log = logging.getLogger(__name__)

Success = Callable[[Any], None]
Failure = Callable[[BaseException], None]


@dataclass
class _Pending:
    label: str
    on_success: Success | None
    on_failure: Failure | None
    started: float


class _Relay(QObject):
    """Lives on the GUI thread; a worker emits, the GUI thread receives."""

    done = Signal(int, bool, object)


class _Job(QRunnable):
    def __init__(self, job_id: int, fn: Callable[[], Any], relay: _Relay,
                 after_each: Callable[[], None] | None) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._id, self._fn, self._relay, self._after_each = job_id, fn, relay, after_each

    def run(self) -> None:
        try:
            result, ok = self._fn(), True
        except BaseException as exc:  # every failure goes back to the GUI thread
            result, ok = exc, False
        finally:
            if self._after_each is not None:
                try:
                    self._after_each()
                except Exception:  # the job's own outcome matters more
                    log.exception("cleaning up after a job failed")
        self._relay.done.emit(self._id, ok, result)


class Operations(QObject):
    """The one way screens run storage work off the GUI thread."""

    busy_changed = Signal(bool)
    failed = Signal(str, object)  # label, exception: when the caller gave no on_failure

    def __init__(self, parent: QObject | None = None,
                 after_each: Callable[[], None] | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # in order: writes and the reads after them
        self._relay = _Relay(self)
        self._relay.done.connect(self._deliver)
        self._after_each = after_each
        self._pending: dict[int, _Pending] = {}
        self._side = QThreadPool(self)  # work set aside: never ahead of the owner's
        self._side.setMaxThreadCount(1)
        self._aside: dict[int, _Pending] = {}
        self._ids = itertools.count(1)
        self._idle_work: list[Callable[[], None]] = []
        self._deferring = True  # False once the window closes: no new background work
        self._shut = False  # after shutdown: no new work at all

    def run(self, fn: Callable[[], Any], on_success: Success | None = None,
            on_failure: Failure | None = None, label: str = "") -> int:
        """Start ``fn`` on the worker; return a job id (after :meth:`shutdown`, nothing starts)."""
        job_id = next(self._ids)
        if self._shut:
            return job_id
        was_idle = not self._pending
        self._pending[job_id] = _Pending(label, on_success, on_failure, time.perf_counter())
        self._pool.start(_Job(job_id, fn, self._relay, self._after_each))
        if was_idle:
            self.busy_changed.emit(True)
        return job_id

    def aside(self, fn: Callable[[], Any], on_success: Success | None = None,
              on_failure: Failure | None = None, label: str = "") -> int:
        """Start ``fn`` on the second worker (a long read nobody waits for): the owner's jobs
        do not queue behind it, nor does it make the window look busy. Jobs set aside run one
        at a time, in order."""
        job_id = next(self._ids)
        if self._shut:  # a timer firing as the window closes: the notebook is going
            return job_id
        self._aside[job_id] = _Pending(label, on_success, on_failure, time.perf_counter())
        self._side.start(_Job(job_id, fn, self._relay, self._after_each))
        return job_id

    def when_idle(self, fn: Callable[[], None], delay_ms: int = 0) -> None:
        """Call ``fn`` on the GUI thread ``delay_ms`` from now, or later, once no job is queued
        or running; such calls run one per idle moment, in order. Dropped after ``stop_deferred``.
        """
        QTimer.singleShot(delay_ms, self, lambda: self._add_idle_work(fn))

    def stop_deferred(self) -> None:
        """Drop work waiting for an idle moment, and any asked for later (the window closes)."""
        self._deferring = False
        self._idle_work.clear()

    def _add_idle_work(self, fn: Callable[[], None]) -> None:
        if self._deferring:
            self._idle_work.append(fn)
            self._start_idle_work()

    def _start_idle_work(self) -> None:
        # One at a time: the job one starts makes the worker busy, and the next waits for it.
        while self._idle_work and not self._pending:
            fn = self._idle_work.pop(0)
            try:
                fn()
            except Exception:  # a failure here must not stop the ones after it
                log.exception("deferred work failed")

    def is_busy(self) -> bool:
        """Whether a job is queued or running."""
        return bool(self._pending)

    @Slot(int, bool, object)
    def _deliver(self, job_id: int, ok: bool, result: object) -> None:
        aside = self._aside.pop(job_id, None)
        if aside is not None:
            self._answer(aside, ok, result)  # set aside: the busy state never changed
            return
        pending = self._pending.pop(job_id, None)
        if pending is None:
            return
        try:
            self._answer(pending, ok, result)
        finally:
            if not self._pending:
                self.busy_changed.emit(False)
                self._start_idle_work()

    def _answer(self, pending: _Pending, ok: bool, result: object) -> None:
        """Hand ``result`` to the job's callback, or its failure to ``_fail``."""
        log.debug("%s took %.1f ms", pending.label or "job",
                  (time.perf_counter() - pending.started) * 1000)
        if ok and pending.on_success is not None:
            pending.on_success(result)
        elif not ok:
            self._fail(pending, result)  # type: ignore[arg-type]

    def _fail(self, pending: _Pending, exc: BaseException) -> None:
        if pending.on_failure is not None:
            if is_bug(exc):  # its screen tells the owner; the traceback must be kept somewhere
                # No label: a command's label can name a customer (``Edit Margaret Shaw``).
                log.error("an operation failed and its screen was told", exc_info=exc)
            pending.on_failure(exc)
            return
        log.error("%s failed", pending.label or "job", exc_info=exc)
        self.failed.emit(pending.label, exc)

    def wait_idle(self, timeout_ms: int = 10_000) -> bool:
        """Block until every job and its callbacks ran (tests and shutdown)."""
        deadline = time.monotonic() + timeout_ms / 1000
        while (self._pending or self._aside) and time.monotonic() < deadline:
            self._pool.waitForDone(20)
            self._side.waitForDone(0)
            QCoreApplication.processEvents()
        return not self._pending and not self._aside

    def shutdown(self, timeout_ms: int = 10_000) -> None:
        """Let running work finish; callbacks that arrive later are dropped, and work asked for
        later never starts (a timer firing as the window closes would read a closed notebook)."""
        self._shut = True
        self.stop_deferred()
        self._pool.waitForDone(timeout_ms)
        self._side.waitForDone(timeout_ms)
        self._pending.clear()
        self._aside.clear()
