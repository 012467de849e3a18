"""Undoable snooze, dismiss and done: the write runs on the worker, then the change bus hears.

``QUndoStack.push`` calls ``redo()`` at once; each step starts an operation and returns.
Operations run in order, so an undo never overtakes the snooze it undoes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtGui import QUndoCommand

from domain.outreach import Suggestion
from domain.outreach.wording import weekday_date
from storage.outreach import Acted
from ui.events import CUSTOMERS, TIMELINE, AppEvents
from ui.operations import Operations
from ui.today import OUTREACH
from ui.today.service import TodayService


class SuggestionCommand(QUndoCommand):
    """Hide one suggestion (``hide()`` on the worker); undo shows it again (``show_again()``,
    storage restore)."""

    def __init__(self, text: str, s: Suggestion, service: TodayService, ops: Operations,
                 events: AppEvents) -> None:
        super().__init__(text)
        self.suggestion = s
        self._service, self._ops, self._events = service, ops, events

    def hide(self) -> None:
        """Write the snooze or dismiss (on the worker)."""
        raise NotImplementedError

    def show_again(self) -> None:
        """Take the hiding back (on the worker)."""
        self._service.restore(self.suggestion)

    def changes(self) -> dict[str, set[int]]:
        """What a step changed, for the change bus."""
        return {OUTREACH: {self.suggestion.customer_id}}

    def redo(self) -> None:
        self._run(self.hide, self.text())

    def undo(self) -> None:
        self._run(self.show_again, f"undo {self.text()}")

    def _run(self, work: Callable[[], None], label: str) -> None:
        self._ops.run(work, lambda _r: self._events.changed(self, **self.changes()),
                      lambda exc: self._failed(label, exc), label=label)

    def _failed(self, label: str, exc: BaseException) -> None:
        self._events.say(f"Could not {label.lower()}: {exc}")
        self._events.changed(self, **self.changes())


class Snooze(SuggestionCommand):
    """Hide a suggestion until a day; it shows again that morning."""

    def __init__(self, s: Suggestion, until: date, today: date, service: TodayService,
                 ops: Operations, events: AppEvents) -> None:
        super().__init__(f"Snooze {s.customer} until {weekday_date(until, today)}", s,
                         service, ops, events)
        self.until = until

    def hide(self) -> None:
        self._service.snooze(self.suggestion, self.until)


class Dismiss(SuggestionCommand):
    """Hide this occurrence (next year's birthday still comes; a lapse, an open promise or
    problem comes back a cadence period after ``today``)."""

    def __init__(self, s: Suggestion, today: date, service: TodayService, ops: Operations,
                 events: AppEvents, text: str = "") -> None:
        super().__init__(text or f"Dismiss “{s.title}” for {s.customer}", s, service, ops,
                         events)
        self.today = today

    def hide(self) -> None:
        self._service.dismiss(self.suggestion, self.today)


class MarkDone(SuggestionCommand):
    """Done on a suggestion, pushed once its touch is logged: undo takes back exactly what it
    wrote (storage ``undo_act``), redo logs it again.

    Whether the Done is in the notebook is known on the worker alone (``_applied``, read and
    set there in job order), so a step after a failed one never takes back or repeats a write
    that did not happen."""

    def __init__(self, acted: Acted, service: TodayService, ops: Operations,
                 events: AppEvents) -> None:
        s = acted.suggestion
        super().__init__(f"Mark “{s.title}” for {s.customer} done", s, service, ops, events)
        self._acted, self._applied = acted, True

    def hide(self) -> None:
        """Log the touch again, as the first time (on the worker); at the push, already done."""
        if not self._applied:
            i = self._acted.interaction
            self._acted = self._service.act_on(self.suggestion, i.channel, i.summary, i.when)
            self._applied = True

    def show_again(self) -> None:
        """Take back the touch, the handled mark, a kept promise, a problem update."""
        if self._applied:
            self._service.undo_act(self._acted)
            self._applied = False

    def changes(self) -> dict[str, set[int]]:
        cid = {self.suggestion.customer_id}
        return {CUSTOMERS: cid, TIMELINE: cid, OUTREACH: cid}
