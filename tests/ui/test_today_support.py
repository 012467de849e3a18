"""Shared builders for the Today and Calendar tests (no tests here): a notebook prepared with
storage functions, and a main window whose screens read a fixed, changeable day."""

from __future__ import annotations

from datetime import date, datetime

from domain.dates import PartialDate
from domain.model import Address, Customer, Interaction, Milestone, Promise
from storage import customers

MONDAY = date(2026, 11, 23)  # "today" in these tests: never the real clock


class Clock:
    """A day the tests set; the screens call it instead of ``date.today``."""

    def __init__(self, day: date = MONDAY) -> None:
        self.day = day

    def __call__(self) -> date:
        return self.day


def add(given: str, **kw) -> int:
    """A reachable customer (email, phone, a postal address), a customer since 2020."""
    kw.setdefault("family_name", "Lopez")
    kw.setdefault("emails", [f"{given.lower()}@example.com"])
    kw.setdefault("phones", ["+15035550101"])
    kw.setdefault("addresses", [Address("1 Elm St", "Portland", "OR", "97201", "US", True)])
    kw.setdefault("customer_since", date(2020, 1, 6))
    return customers.save_customer(Customer(given_name=given, **kw))


def prepare() -> dict[str, int]:
    """One suggestion per group on MONDAY: Olga overdue (keep in touch, last touch 53 days
    ago), Tara today (a promised call), Wes this week (a birthday card to post by Fri 27)."""
    return {
        "olga": add("Olga", interactions=[Interaction(date(2026, 10, 1), "call")]),
        "tara": add("Tara", interactions=[Interaction(date(2026, 11, 20), "visit")],
                    promises=[Promise(date(2026, 11, 18), datetime(2026, 11, 23, 15, 0),
                                      "Call back about the peonies")]),
        "wes": add("Wes", interactions=[Interaction(date(2026, 11, 20), "visit")],
                   milestones=[Milestone("birthday", PartialDate(12, 4, 1980))]),
    }


def screens_at(clock: Clock):
    """Today, Customers and Calendar, the first and last reading ``clock`` (and Today's count
    while its screen is not built)."""
    from dataclasses import replace

    from ui.calendar.screen import CalendarScreen
    from ui.calendar.service import CalendarService
    from ui.screens import SCREENS
    from ui.today.badge import TodayBadge
    from ui.today.screen import TodayScreen
    from ui.today.service import TodayService

    spec = {s.key: s for s in SCREENS}
    return [
        replace(spec["today"], factory=lambda ctx: TodayScreen(TodayService(), ctx, clock=clock),
                badge=lambda ctx: TodayBadge(TodayService(), ctx, clock)),
        spec["customers"],
        replace(spec["calendar"],
                factory=lambda ctx: CalendarScreen(CalendarService(), ctx, clock=clock)),
    ]


def open_window(qtbot, notebook, clock: Clock, made: list):
    """The main window on ``notebook``, Today loaded; add it to ``made`` for clean-up."""
    from ui.app import close_thread_connection
    from ui.events import AppEvents
    from ui.main_window import MainWindow
    from ui.operations import Operations
    from ui.preferences import Preferences

    ops = Operations(after_each=close_thread_connection)
    window = MainWindow(notebook, AppEvents(), ops, Preferences("US", False), screens_at(clock))
    qtbot.addWidget(window)
    window.show()
    made.append(window)
    today = window.screens["today"]
    qtbot.waitUntil(today.controller.is_loaded, timeout=5000)
    settle(window)
    return window


def close_windows(made: list) -> None:
    """Let each window's work finish, then stop its worker."""
    for window in made:
        window.ops.wait_idle()
        window.ops.shutdown()


def settle(window) -> None:
    """Every queued operation ran, what it started next (a dialog, a refresh) too."""
    from PySide6.QtCore import QCoreApplication

    today = window.screens["today"].controller
    for _ in range(4):
        assert window.ops.wait_idle(5000)
        QCoreApplication.processEvents()  # a dialog opened right after its job
        if today._refresh.isActive():
            today._refresh.stop()
            today.load()
    assert window.ops.wait_idle(5000)


def shown(window) -> list[tuple[str, str, str]]:
    """(group heading, customer, kind) of every row of the Today list, in order."""
    model = window.screens["today"].controller.model
    out, heading = [], ""
    for row in range(model.rowCount()):
        r = model.row_at(row)
        if r.is_header:
            heading = r.label
        else:
            out.append((heading, r.item.customer, r.item.kind))
    return out


def choose(window, customer: str):
    """Select the first suggestion for ``customer``; return it."""
    controller = window.screens["today"].controller
    s = next(s for s in controller.model.suggestions() if s.customer == customer)
    controller.select(s.key)
    assert controller.current() == s
    return s
