"""Today's "Print today's N cards": the day's posted cards in one action.

It writes (or finds) a card for each posted suggestion of the day, by the rule
``print-cards`` uses (``domain.outreach.posted`` and ``storage.card_batch``), on the worker,
then opens the batch print dialog with the cards and their envelopes; once printed, the
dialog offers to mark them printed, which logs a card touch for each customer.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QPushButton, QWidget

from domain.model import Card
from domain.outreach import Suggestion, posted
from ui.events import AppEvents
from ui.operations import Operations
from ui.today.service import TodayService
from ui.widgets.fit import fit_to_screen

if TYPE_CHECKING:
    from ui.cards.print_dialog import PrintDialog

NONE_DUE = "No posted cards are due today or this week: nothing to print."
READ_ONLY = "The notebook is read-only: printing writes the cards into it."


def button_text(count: int) -> str:
    """"Print today's 4 cards" ("Print today's cards" for none)."""
    if not count:
        return "Print today's cards"
    return f"Print today's {count} card{'s' if count != 1 else ''}"


class TodaysCards(QObject):
    """Drives the button over the Today list; ``dialog`` is the print dialog it opened."""

    def __init__(self, button: QPushButton, service: TodayService, ops: Operations,
                 events: AppEvents, read_only: bool, parent: QWidget) -> None:
        super().__init__(parent)
        self.button, self._service, self._ops, self._events = button, service, ops, events
        self._read_only, self._parent = read_only, parent
        self.dialog: PrintDialog | None = None
        self.show_count([])

    def show_count(self, suggestions: Sequence[Suggestion]) -> None:
        """Say how many cards the day's queue posts; off, with the reason, when none."""
        count = len(posted(suggestions))
        self.button.setText(button_text(count))
        self.button.setEnabled(bool(count) and not self._read_only)
        self.button.setToolTip(
            READ_ONLY if self._read_only else NONE_DUE if not count else
            "Write the day's posted cards (the ones not written yet from their template), "
            "then print them with their envelopes")

    def print_cards(self, suggestions: Sequence[Suggestion], today: date) -> None:
        """Write the day's posted cards on the worker, then open the print dialog."""
        mail = posted(suggestions)
        if not mail or self._read_only:
            return
        service = self._service
        self.button.setEnabled(False)
        self._ops.run(lambda: service.todays_cards(mail, today),
                      lambda cards: self._written(cards, today), self._failed,
                      label="write today's cards")

    def _written(self, cards: list[Card], today: date) -> None:
        from ui.cards import CARDS
        from ui.cards.print_dialog import PrintDialog, usual_format
        from ui.cards.service import CardService

        self.button.setEnabled(True)
        ids = [c.id for c in cards if c.id is not None]
        self._events.changed(self, **{CARDS: set(ids)})  # new cards in the print queue
        dialog = self.dialog = PrintDialog(CardService(), self._ops, self._events, ids,
                                           usual_format(cards), self._read_only, self._parent,
                                           clock=lambda: today)  # marked on Today's day
        fit_to_screen(dialog)
        dialog.show()

    def _failed(self, exc: BaseException) -> None:
        from domain.templates import TemplateProblem

        self.button.setEnabled(True)
        if isinstance(exc, TemplateProblem):  # print-cards' words for the same problem
            self._events.say(f"Nothing was printed: {exc}. Mend it on the Templates screen.")
        else:
            self._events.say(f"Today's cards could not be written: {exc}")
