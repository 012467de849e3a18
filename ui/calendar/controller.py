"""Behaviour of the Calendar screen: load on the worker when shown (and again after changes
or a new day), open the customer on a double-click or Enter."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, QTimer, Signal

from domain.outreach.upcoming import CalendarEntry
from ui.calendar.model import CalendarModel
from ui.calendar.service import DAYS, CalendarData, CalendarService
from ui.events import AppEvents
from ui.operations import Operations
from ui.today.model import long_date

REFRESH_MS = 300


class CalendarController(QObject):
    """Owns the model; loads lazily (the first time the screen is shown)."""

    loaded = Signal()

    def __init__(self, view, service: CalendarService, ops: Operations, events: AppEvents,
                 clock: Callable[[], date] = date.today,
                 open_customer: Callable[[int], None] | None = None) -> None:
        super().__init__(view)
        self.view, self._service, self._ops, self._clock = view, service, ops, clock
        self._open_customer = open_customer
        self.model = CalendarModel(self)
        self.today: date | None = None
        self._stale = True
        self._generation = 0
        self._refresh = QTimer(self, singleShot=True, interval=REFRESH_MS)
        self._refresh.timeout.connect(self.load)
        view.tree.setModel(self.model)
        view.fit_columns()
        view.tree.doubleClicked.connect(lambda index: self.open_row(index.row()))
        view.tree.activated.connect(lambda index: self.open_row(index.row()))
        events.data_changed.connect(self._on_data_changed)

    def load(self) -> None:
        """Read the coming milestones on the worker, then show them."""
        self._generation += 1
        generation, today = self._generation, self._clock()
        self._stale = False
        self._ops.run(lambda: self._service.upcoming(today),
                      lambda data: self._show(generation, data), label="calendar")

    def load_if_stale(self) -> None:
        """When shown: load unless what is shown is current (same day, nothing changed)."""
        if self._stale or self.today != self._clock():
            self.load()

    def _show(self, generation: int, data: CalendarData) -> None:
        if generation != self._generation:
            return
        self.today = data.today
        self.model.set_entries(data.entries, data.today, data.settings)
        count = len(data.entries)
        noun = "milestone" if count == 1 else "milestones"
        self.view.subtitle.setText(f"{count} {noun} in the next {DAYS} days, from "
                                   f"{long_date(data.today)}")
        self.view.show_page("list" if data.entries else "empty")
        self.loaded.emit()

    def _on_data_changed(self, changes: dict, _initiator: object) -> None:
        self._stale = True
        if self.view.isVisible():
            self._refresh.start()

    def entry_at(self, row: int) -> CalendarEntry | None:
        """The milestone on ``row``, or None."""
        return self.model.entry_at(row)

    def open_row(self, row: int) -> None:
        """Show the customer of the milestone on ``row``."""
        entry = self.model.entry_at(row)
        if entry is not None and self._open_customer is not None:
            self._open_customer(entry.customer_id)
