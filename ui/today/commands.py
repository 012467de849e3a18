"""Undoable snooze and dismiss: the write runs on the worker, then the change bus hears.

``QUndoStack.push`` calls ``redo()`` at once; each step starts an operation and returns.
Operations run in order, so an undo never overtakes the snooze it undoes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtGui import QUndoCommand

from domain.outreach import Suggestion
from domain.outreach.wording import weekday_date
from ui.events import AppEvents
from ui.operations import Operations
from ui.today import OUTREACH
from ui.today.service import TodayService


class SuggestionCommand(QUndoCommand):
    """Hide one suggestion (``hide()`` on the worker); undo shows it again (storage restore)."""

    def __init__(self, text: str, s: Suggestion, service: TodayService, ops: Operations,
                 events: AppEvents) -> None:
        super().__init__(text)
        self.suggestion = s
        self._service, self._ops, self._events = service, ops, events

    def hide(self) -> None:
        """Write the snooze or dismiss (on the worker)."""
        raise NotImplementedError

    def redo(self) -> None:
        self._run(self.hide, self.text())

    def undo(self) -> None:
        self._run(lambda: self._service.restore(self.suggestion), f"undo {self.text()}")

    def _run(self, work: Callable[[], None], label: str) -> None:
        cid = self.suggestion.customer_id
        self._ops.run(work, lambda _r: self._events.changed(self, **{OUTREACH: {cid}}),
                      lambda exc: self._failed(label, exc), label=label)

    def _failed(self, label: str, exc: BaseException) -> None:
        self._events.say(f"Could not {label.lower()}: {exc}")
        self._events.changed(self, **{OUTREACH: {self.suggestion.customer_id}})


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
    """Hide this occurrence for good (next year's birthday still comes)."""

    def __init__(self, s: Suggestion, service: TodayService, ops: Operations,
                 events: AppEvents, text: str = "") -> None:
        super().__init__(text or f"Dismiss “{s.title}” for {s.customer}", s, service, ops,
                         events)

    def hide(self) -> None:
        self._service.dismiss(self.suggestion)
