"""A real main window over a fresh temporary notebook, its worker thread included."""

from __future__ import annotations

import pytest

from tests.ui.helpers import add_customer


@pytest.fixture(autouse=True)
def _no_modal_questions(monkeypatch):
    """No test may leave a message box waiting: every question has a scripted answer."""
    from ui import ask

    monkeypatch.setattr(ask, "unsaved", lambda *a, **k: ask.DISCARD)
    monkeypatch.setattr(ask, "confirm", lambda *a, **k: False)
    monkeypatch.setattr(ask, "inform", lambda *a, **k: None)
    monkeypatch.setattr(ask, "yes_no", lambda *a, **k: False)  # "does this keep the promise?"
    from ui.first_day import ShopDialog  # a notebook made in a test: the shop's details skipped

    monkeypatch.setattr(ShopDialog, "exec", lambda self: ShopDialog.DialogCode.Rejected)


@pytest.fixture
def people(notebook):
    """A handful of customers with distinct names, companies and notes."""
    return {
        "peggy": add_customer(notes="Loves orchids."),
        "tom": add_customer(given_name="Tom", family_name="Baker", company="Baker Bros",
                            emails=[], notes=""),
        "zoe": add_customer(given_name="Zoë", family_name="Łukasik", emails=["zoe@example.com"],
                            notes="Allergic to lilies."),
        "ann": add_customer(given_name="Ann", family_name="Lee", company="Lee & Co", emails=[]),
    }


@pytest.fixture
def make_window(qtbot, notebook):
    """Build the main window for the open notebook; waits until the list is loaded."""
    from ui.events import AppEvents
    from ui.main_window import MainWindow
    from ui.operations import Operations
    from ui.preferences import Preferences

    made = []

    def make(info=None):
        events = AppEvents()
        ops = Operations(after_each=_close_thread_connection)
        window = MainWindow(info or notebook, events, ops, Preferences("US", False))
        qtbot.addWidget(window)
        window.show()
        window.show_screen("customers")  # the window opens on Today; these tests edit customers
        made.append(window)
        screen = window.screens["customers"]
        qtbot.waitUntil(screen.list.is_loaded, timeout=5000)
        _let_the_start_finish(window)
        return window

    yield make
    for window in made:
        window.ops.wait_idle()
        window.ops.shutdown()


@pytest.fixture
def window(make_window):
    return make_window()


@pytest.fixture
def screen(window):
    return window.screens["customers"]


def _let_the_start_finish(window) -> None:
    """Once the rows are in, the list takes the keyboard on the next turn of the event loop
    and Qt makes the first row current, which loads that customer in the background. Let all
    of it land, so no test races the window's own start."""
    from PySide6.QtCore import QCoreApplication

    for _ in range(3):
        QCoreApplication.processEvents()
        assert window.ops.wait_idle(5000)


@pytest.fixture
def made():
    """Windows opened by the Today and Calendar tests (test_today_support.open_window), closed
    at the end."""
    from tests.ui.test_today_support import close_windows

    windows = []
    yield windows
    close_windows(windows)


@pytest.fixture
def clock():
    """The day the Today and Calendar screens read: MONDAY until a test moves it."""
    from tests.ui.test_today_support import MONDAY, Clock

    return Clock(MONDAY)


def _close_thread_connection() -> None:
    from ui.app import close_thread_connection

    close_thread_connection()


@pytest.fixture
def told(monkeypatch):
    """What ``ask.inform`` was told, as (title, text): no message box is left modal."""
    from ui import ask

    said: list[tuple[str, str]] = []
    monkeypatch.setattr(ask, "inform", lambda parent, title, text, *a, **k:
                        said.append((title, text)))
    return said
