"""The Calendar screen: milestones of the next 60 days, a section per week."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from ui import theme
from ui.calendar.controller import CalendarController
from ui.calendar.model import COL_DATE, COL_OCCASION, COL_POST, COL_WHO, COL_YEARS
from ui.calendar.service import CalendarService
from ui.screens import ScreenContext
from ui.today.screen import customer_opener
from ui.today.view import grouped_tree
from ui.widgets.columns import fit_columns
from ui.widgets.empty_state import EmptyState

_WIDTHS = {COL_DATE: 140, COL_WHO: 240, COL_YEARS: 190, COL_POST: 150}
_FLOORS = {COL_DATE: "Wed 30 Dec", COL_WHO: "Margaret Shaw",
           COL_POST: "Post a card by"}  # whole even when narrow


class CalendarView(QWidget):
    """Layout only: a heading, the list, an empty state."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 10)
        layout.setSpacing(8)
        layout.addWidget(theme.label("Calendar", "heading"))
        self.subtitle = theme.label("", "muted")
        layout.addWidget(self.subtitle)
        self.tree = grouped_tree("calendarList", wrap_columns=(COL_YEARS,))
        self.tree.setToolTip("Double-click (or Enter) to open the customer")
        self.empty = EmptyState("calendar", "No birthdays or anniversaries coming up",
                                "Add birthdays, anniversaries and other milestones on a "
                                "customer's Personal tab; the next 60 days show here.")
        self.loading = EmptyState("calendar", "Looking through the notebook…", "")
        self.pages = QStackedWidget()
        for page in (self.loading, self.tree, self.empty):
            self.pages.addWidget(page)
        layout.addWidget(self.pages, 1)

    def fit_columns(self) -> None:
        """Column widths, once the model is in place."""
        fit_columns(self.tree, _WIDTHS, COL_OCCASION, _FLOORS)

    def show_page(self, name: str) -> None:
        """``loading``, ``list`` or ``empty``."""
        self.pages.setCurrentWidget({"loading": self.loading, "list": self.tree,
                                     "empty": self.empty}[name])


class CalendarScreen(QWidget):
    """Loads the first time it comes to the front, then whenever the notebook changes."""

    def __init__(self, service: CalendarService, ctx: ScreenContext,
                 clock: Callable[[], date] = date.today, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarScreen")
        self.view = CalendarView()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.controller = CalendarController(self.view, service, ctx.ops, ctx.events, clock,
                                             customer_opener(ctx))

    def on_shown(self) -> None:
        """The screen came to the front: bring the list up to date; it takes the keys."""
        self.controller.load_if_stale()
        self.view.tree.setFocus(Qt.FocusReason.OtherFocusReason)
