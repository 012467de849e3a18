"""A quick start: only the screen on show is built, actions that lead to another screen build
it, the Today count comes without the Today screen, and background work waits its turn."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt

from tests.ui.test_today_support import MONDAY, Clock, prepare, screens_at


def new_window(qtbot, notebook, made, screens=None, start_on=None):
    from ui.app import close_thread_connection
    from ui.events import AppEvents
    from ui.main_window import MainWindow
    from ui.operations import Operations
    from ui.preferences import Preferences

    ops = Operations(after_each=close_thread_connection)
    window = MainWindow(notebook, AppEvents(), ops, Preferences("US", False), screens,
                        start_on=start_on)
    qtbot.addWidget(window)
    made.append(window)
    window.show()
    return window


def test_screens_are_built_when_first_shown(people, qtbot, notebook, made):
    from ui.cards.screen import CardsScreen
    from ui.screens import SCREENS

    window = new_window(qtbot, notebook, made)
    assert window.sidebar.count() == len(SCREENS)  # every screen is listed from the start
    assert set(window.screens) == {"today"}  # only the one on show is built
    assert not window.findChildren(CardsScreen)
    qtbot.waitUntil(window.screens["today"].controller.is_loaded, timeout=5000)
    assert not window.findChildren(CardsScreen)
    window.sidebar.setCurrentRow(3)  # Cards
    cards = window.screens["cards"]
    assert isinstance(cards, CardsScreen) and window.stack.currentWidget() is cards
    qtbot.waitUntil(cards.controller.is_loaded, timeout=5000)
    assert set(window.screens) == {"today", "cards"}


def test_ctrl_n_on_today_opens_a_new_customer(people, qtbot, notebook, made):
    window = new_window(qtbot, notebook, made)
    today = window.screens["today"]
    qtbot.waitUntil(today.controller.is_loaded, timeout=5000)
    window.activateWindow()
    today.view.tree.setFocus()
    qtbot.waitUntil(today.view.tree.hasFocus, timeout=2000)
    assert "customers" not in window.screens
    qtbot.keyClick(today.view.tree, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    customers = window.screens["customers"]
    assert window.stack.currentWidget() is customers
    assert customers.detail.is_new()
    qtbot.waitUntil(customers.list.is_loaded, timeout=5000)
    assert customers.list.model.rowCount() == len(people)
    # From now on the screen answers Ctrl+N itself, once.
    calls = []
    customers.detail.show_new = lambda: calls.append("new")
    window.actions["new_customer"].trigger()
    assert calls == ["new"]


def test_find_and_go_today_reach_screens_not_built_yet(people, qtbot, notebook, made):
    window = new_window(qtbot, notebook, made)
    window.actions["find"].trigger()  # Ctrl+F
    customers = window.screens["customers"]
    assert window.stack.currentWidget() is customers
    window.show_screen("today")
    window.actions["go_today"].trigger()
    assert window.stack.currentWidget() is window.screens["today"]


def test_ctrl_p_on_today_prints_once_the_cards_are_in(people, qtbot, notebook, made):
    from domain.model import Card
    from storage import templates as store
    from ui.cards.print_dialog import PrintDialog

    store.create_card(Card(people["tom"], "keep_in_touch", "Dear Tom, thank you.", "a2-folded",
                           "queued"))
    window = new_window(qtbot, notebook, made)
    window.actions["print_cards"].trigger()
    cards = window.screens["cards"]
    assert window.stack.currentWidget() is cards
    qtbot.waitUntil(lambda: cards.findChild(PrintDialog) is not None, timeout=5000)
    dialog = cards.findChild(PrintDialog)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.is_ready, timeout=10000)
    assert len(dialog.batch.cards) == 1  # the print queue


def test_outreach_settings_work_before_today_is_built(people, qtbot, notebook, made,
                                                      monkeypatch):
    from ui.outreach_settings_dialog import OutreachSettingsDialog

    seen = []
    monkeypatch.setattr(OutreachSettingsDialog, "exec",
                        lambda d: seen.append(d.cadence.value()) or 0)
    window = new_window(qtbot, notebook, made, start_on="customers")
    assert "today" not in window.screens
    window.actions["outreach_settings"].trigger()
    qtbot.waitUntil(lambda: seen == [30], timeout=5000)
    assert window.stack.currentWidget() is window.screens["customers"]  # it stays in front


def test_the_today_count_comes_without_the_today_screen(notebook, qtbot, made, monkeypatch):
    from ui import main_window

    prepare()  # Olga overdue, Tara due today, Wes later this week
    monkeypatch.setattr(main_window, "BADGE_DELAY_MS", 0)
    window = new_window(qtbot, notebook, made, screens_at(Clock(MONDAY)), start_on="customers")
    qtbot.waitUntil(lambda: window.sidebar.item(0).text() == "Today  2", timeout=5000)
    assert "today" not in window.screens
    assert window.sidebar.item(0).toolTip() == "2 suggestions overdue or due today"
    window.show_screen("today")  # the screen counts from now on
    today = window.screens["today"]
    qtbot.waitUntil(today.controller.is_loaded, timeout=5000)
    assert window.sidebar.item(0).text() == "Today  2"
    assert not window._badges


def test_background_work_waits_for_the_jobs_asked_for(qtbot):
    from ui.operations import Operations

    ops = Operations()
    done = []
    ops.run(lambda: time.sleep(0.2) or "job", done.append)
    ops.when_idle(lambda: done.append("idle"))
    qtbot.waitUntil(lambda: "idle" in done, timeout=3000)
    assert done == ["job", "idle"]
    ops.stop_deferred()  # the window closes: nothing new starts
    ops.when_idle(lambda: done.append("late"))
    qtbot.wait(50)
    assert "late" not in done
    ops.shutdown()


def test_work_set_aside_never_holds_up_the_owner_s_jobs(qtbot):
    """The full check and the daily copy read the whole file (seconds at 200,000 customers):
    set aside, a search asked for meanwhile is answered at once."""
    import threading

    from ui.operations import Operations

    ops = Operations()
    release = threading.Event()
    done = []
    ops.aside(lambda: release.wait(5) and "backup", done.append)
    ops.run(lambda: "search", done.append)
    qtbot.waitUntil(lambda: "search" in done, timeout=2000)
    assert done == ["search"] and not ops.is_busy()  # the window does not look busy either
    release.set()
    qtbot.waitUntil(lambda: "backup" in done, timeout=3000)
    ops.shutdown()


def test_the_daily_backup_and_check_are_set_aside(monkeypatch):
    from ui.backups import safety

    class Ops:
        def __init__(self):
            self.aside_labels, self.run_labels = [], []

        def aside(self, fn, ok=None, failed=None, label=""):
            self.aside_labels.append(label)

        def run(self, fn, ok=None, failed=None, label=""):
            self.run_labels.append(label)

    ops = Ops()
    safety.backup_on_open(ops, None)
    assert ops.aside_labels == ["integrity check"] and ops.run_labels == []
