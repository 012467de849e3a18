"""The Today count in the sidebar ("Today  12"): what is overdue or due today.

The Today screen emits it after each load. Until that screen is built (the window opened on
another one), :class:`TodayBadge` keeps the count: the queue read on the worker once the window
is up and idle, again a moment after the notebook changes, and after midnight.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QObject, QTimer, Signal

from domain.outreach import Suggestion
from domain.outreach.wording import plural

log = logging.getLogger(__name__)
REFRESH_MS = 1500  # after a change: several changes in a row make one reload


def group_counts(suggestions: Iterable[Suggestion], today: date) -> dict[str, int]:
    """How many suggestions are ``overdue``, due ``today`` and later this ``week``."""
    counts = {name: 0 for name in ("overdue", "today", "week")}
    for s in suggestions:
        counts[s.group(today)] += 1
    return counts


def badge(counts: dict[str, int]) -> tuple[int, str]:
    """The sidebar count (overdue + due today) and its tooltip."""
    due = counts["overdue"] + counts["today"]
    tip = f"{plural(due, 'suggestion')} overdue or due today" if due else "Nothing due today"
    return due, tip


def until_midnight_ms(now: datetime) -> int:
    """Milliseconds from ``now`` to just after the next midnight."""
    tomorrow = datetime.combine(now.date() + timedelta(days=1), time(0, 0, 5))
    return int((tomorrow - now).total_seconds() * 1000)


class TodayBadge(QObject):
    """The count while the Today screen is not built; ``stop()`` once it is."""

    badge_changed = Signal(int, str)

    def __init__(self, service, ctx, clock: Callable[[], date] = date.today) -> None:
        super().__init__()
        self._service, self._ops, self._events, self._clock = service, ctx.ops, ctx.events, clock
        self._stopped = False
        self._refresh = QTimer(self, singleShot=True, interval=REFRESH_MS)
        self._refresh.timeout.connect(self.load)
        self._midnight = QTimer(self, singleShot=True)
        self._midnight.timeout.connect(self.load)
        self._events.data_changed.connect(self._on_data_changed)

    def start(self) -> None:
        """Count now (on the second worker)."""
        self.load()

    def stop(self) -> None:
        """The screen counts from now on: no more loads, late results ignored."""
        if self._stopped:
            return
        self._stopped = True
        self._refresh.stop()
        self._midnight.stop()
        self._events.data_changed.disconnect(self._on_data_changed)

    def load(self) -> None:
        """Read today's queue on the second worker and count it: a search typed meanwhile
        does not wait for it (at 50,000 customers the first read of the day takes ~0.5 s),
        and the Today screen, opened later, finds the day planned already (kept in
        storage.agenda_read)."""
        if self._stopped:
            return
        today, service = self._clock(), self._service
        self._ops.aside(lambda: service.queue(today), self._counted, self._failed,
                        label="today's count")

    def _counted(self, queue) -> None:
        if self._stopped:
            return
        self.badge_changed.emit(*badge(group_counts(queue.suggestions, queue.today)))
        self._midnight.start(until_midnight_ms(datetime.now()))

    def _failed(self, exc: BaseException) -> None:
        log.warning("today's count failed: %s", exc)  # the screen says so when opened

    def _on_data_changed(self, changes: dict, _initiator: object) -> None:
        if changes and not self._stopped:
            self._refresh.start()
