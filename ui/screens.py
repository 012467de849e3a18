"""The sidebar's screens: a registry of (key, title, icon, factory).

To add a screen, write its widget (taking a ``ScreenContext``) and add one ``ScreenSpec`` to
``SCREENS``; the main window lists every spec in the sidebar from the start and builds a
screen the first time it is wanted (shown, or asked for through ``ScreenContext.screen``), so
a screen nobody opens costs nothing at start. Only screens that work are listed. A screen may
define ``on_shown()`` (called when it comes to the front), ``can_close() -> bool`` (asked
before the window closes) and ``badge_changed(int, str)`` (a count beside its title).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from storage.db import NotebookInfo
from ui.actions import Actions
from ui.events import AppEvents
from ui.operations import Operations
from ui.preferences import Preferences


def _now(fn: Callable[[], None]) -> None:
    fn()


@dataclass
class ScreenContext:
    """What every screen may use; handed to each factory by the main window."""

    notebook: NotebookInfo
    events: AppEvents
    ops: Operations
    actions: Actions
    undo_stack: QUndoStack
    prefs: Preferences
    show_screen: Callable[[str], None]
    # Another screen by key, built when needed (None when absent): for hand-overs such as
    # "open this customer".
    screen: Callable[[str], QWidget | None] = lambda _key: None
    # Run slow start-up work once the window has painted, so the worker thread does not
    # compete with the first paint for the GIL (at once when the window already has).
    after_first_paint: Callable[[Callable[[], None]], None] = _now


@dataclass(frozen=True)
class ScreenSpec:
    key: str
    title: str
    icon: str  # a name from ui.icons
    factory: Callable[[ScreenContext], QWidget]
    # Window actions that lead to this screen while it is not built yet: action name → the
    # screen's method (a dotted path) doing what the action asks, "" to just show it. Once
    # built, the screen has connected them itself: Ctrl+N on Today builds Customers and calls
    # its ``new_customer``; later presses reach the screen directly.
    entries: dict[str, str] = field(default_factory=dict)
    # The sidebar count while the screen is not built: a factory of a QObject with a
    # ``badge_changed(int, str)`` signal and ``start()``/``stop()``, started after the first
    # paint and stopped once the screen itself is built.
    badge: Callable[[ScreenContext], QObject] | None = None


def _today(ctx: ScreenContext) -> QWidget:
    from ui.today.screen import TodayScreen
    from ui.today.service import TodayService

    return TodayScreen(TodayService(), ctx)


def _today_badge(ctx: ScreenContext) -> QObject:
    from ui.today.badge import TodayBadge
    from ui.today.service import TodayService

    return TodayBadge(TodayService(), ctx)


def _calendar(ctx: ScreenContext) -> QWidget:
    from ui.calendar.screen import CalendarScreen
    from ui.calendar.service import CalendarService

    return CalendarScreen(CalendarService(), ctx)


def _customers(ctx: ScreenContext) -> QWidget:
    from ui.customers.screen import CustomersScreen
    from ui.customers.service import CustomerService

    return CustomersScreen(CustomerService(), ctx)


def _cards(ctx: ScreenContext) -> QWidget:
    from ui.cards.screen import CardsScreen
    from ui.cards.service import CardService

    return CardsScreen(CardService(), ctx)


def _templates(ctx: ScreenContext) -> QWidget:
    from ui.templates.screen import TemplatesScreen
    from ui.templates.service import TemplateService

    return TemplatesScreen(TemplateService(), ctx)


def _insights(ctx: ScreenContext) -> QWidget:
    from ui.insights.screen import InsightsScreen
    from ui.insights.service import InsightsService

    return InsightsScreen(InsightsService(), ctx)


SCREENS: list[ScreenSpec] = [
    ScreenSpec("today", "Today", "today", _today,
               {"go_today": "", "outreach_settings": "settings.open"}, _today_badge),
    ScreenSpec("customers", "Customers", "customers", _customers,
               {"new_customer": "new_customer", "find": "focus_search",
                "log_touch": "log_touch", "write_card": "write_card"}),
    ScreenSpec("calendar", "Calendar", "calendar", _calendar),
    ScreenSpec("cards", "Cards", "cards", _cards, {"print_cards": "controller.print_shortcut",
                                                  "print_labels": "controller.labels"}),
    ScreenSpec("templates", "Templates", "templates", _templates),
    ScreenSpec("insights", "Insights", "insights", _insights),
]
