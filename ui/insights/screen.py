"""The Insights screen: the last 12 months at a glance (touches against the goal, thank-you
coverage, lifetime value, who is drifting, referrals, what winning a customer costs)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.insights.controller import InsightsController
from ui.insights.service import InsightsService
from ui.insights.view import InsightsView
from ui.screens import ScreenContext
from ui.today.screen import customer_opener


class InsightsScreen(QWidget):
    """Loads the first time it comes to the front, then whenever the notebook changes."""

    def __init__(self, service: InsightsService, ctx: ScreenContext,
                 clock: Callable[[], date] = date.today, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("insightsScreen")
        self.view = InsightsView(ctx.ops)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.controller = InsightsController(self.view, service, ctx.ops, ctx.events, clock,
                                             customer_opener(ctx))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.controller.load_if_stale()  # the first screen is shown without on_shown

    def on_shown(self) -> None:
        """The screen came to the front: bring the figures up to date."""
        self.controller.load_if_stale()
