"""The sidebar's screens: a registry of (key, title, icon, factory).

To add a screen, write its widget (taking a ``ScreenContext``) and add one ``ScreenSpec`` to
``SCREENS``; the main window builds the sidebar and the stack from this list. Only screens that
work are listed. A screen may define ``on_shown()`` (called when it comes to the front) and
``can_close() -> bool`` (asked before the window closes).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from storage.db import NotebookInfo
from ui.actions import Actions
from ui.events import AppEvents
from ui.operations import Operations
from ui.preferences import Preferences


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
    # Another screen by key (None when absent): for hand-overs such as "open this customer".
    screen: Callable[[str], QWidget | None] = lambda _key: None


@dataclass(frozen=True)
class ScreenSpec:
    key: str
    title: str
    icon: str  # a name from ui.icons
    factory: Callable[[ScreenContext], QWidget]


def _today(ctx: ScreenContext) -> QWidget:
    from ui.today.screen import TodayScreen
    from ui.today.service import TodayService

    return TodayScreen(TodayService(), ctx)


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


SCREENS: list[ScreenSpec] = [
    ScreenSpec("today", "Today", "today", _today),
    ScreenSpec("customers", "Customers", "customers", _customers),
    ScreenSpec("calendar", "Calendar", "calendar", _calendar),
    ScreenSpec("cards", "Cards", "cards", _cards),
    ScreenSpec("templates", "Templates", "templates", _templates),
]
