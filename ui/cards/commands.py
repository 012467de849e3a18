"""Undoable deletes on the card screens: the work runs on the worker, then the change bus hears.

``QUndoStack.push`` calls ``redo()`` at once; each step starts an operation and returns.
Operations run in order, so an undo never overtakes the delete it undoes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from domain.model import Card
from ui.cards import CARDS
from ui.cards.service import CardService
from ui.events import AppEvents
from ui.operations import Operations


class WorkerCommand(QUndoCommand):
    """Runs ``forward()``/``back()`` on the worker; each returns the changes to announce
    (``events.changed`` keywords)."""

    def __init__(self, text: str, ops: Operations, events: AppEvents) -> None:
        super().__init__(text)
        self._ops, self._events = ops, events

    def forward(self) -> dict:
        raise NotImplementedError

    def back(self) -> dict:
        raise NotImplementedError

    def redo(self) -> None:
        self._run(self.forward, self.text())

    def undo(self) -> None:
        self._run(self.back, f"undo {self.text()}")

    def _run(self, work: Callable[[], dict], label: str) -> None:
        self._ops.run(work, lambda changes: self._events.changed(self, **changes),
                      lambda exc: self._events.say(f"Could not {label.lower()}: {exc}"),
                      label=label)


class DeleteCards(WorkerCommand):
    """Delete cards; undo puts them back (with new ids)."""

    def __init__(self, card_ids: list[int], service: CardService, ops: Operations,
                 events: AppEvents) -> None:
        count = len(card_ids)
        super().__init__(f"Delete {count} card{'s' if count != 1 else ''}", ops, events)
        self._ids, self._service = list(card_ids), service
        self._deleted: list[Card] = []

    def forward(self) -> dict:
        self._deleted = [self._service.delete_card(i) for i in self._ids]
        return {CARDS: set(self._ids)}

    def back(self) -> dict:
        self._ids = [self._service.restore_card(c).id for c in self._deleted]
        return {CARDS: set(self._ids)}
