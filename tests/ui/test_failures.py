"""A failure in the window: logged with its traceback (0600), told in one box, window usable."""

from __future__ import annotations

import stat
import sys
import threading

import pytest
from PySide6.QtCore import QRunnable, QThreadPool, QTimer, qWarning
from PySide6.QtWidgets import QApplication, QPushButton

from storage import logs
from ui import failures
from ui.failure_dialog import FailureDialog


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def reporter(qtbot, monkeypatch, clock):
    """The window's hooks, installed for the test and given back after it."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored when the test ends
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    made = failures.FailureReporter(logs.install(), clock=clock)
    made.install()
    yield made
    made.uninstall()
    if made.dialog is not None:
        made.dialog.close()
    logs.remove()


def boxes() -> list[FailureDialog]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, FailureDialog) and w.isVisible()]


def log_text(reporter) -> str:
    return reporter.log_file.read_text(encoding="utf-8")


def save_order():
    raise RuntimeError("the order could not be totted up")


def test_an_exception_in_a_slot_is_logged_and_told(qtbot, reporter):
    button = QPushButton("Save")
    qtbot.addWidget(button)
    button.clicked.connect(save_order)
    qtbot.mouseClick(button, _left())
    qtbot.waitUntil(lambda: reporter.dialog is not None, timeout=3000)
    text = log_text(reporter)
    assert "Traceback" in text and "RuntimeError: the order could not be totted up" in text
    assert "in save_order" in text
    assert stat.S_IMODE(reporter.log_file.stat().st_mode) == 0o600
    box = reporter.dialog
    assert boxes() == [box] and not box.isModal()
    assert "Something went wrong while Rapport was busy with “save order”" in box.headline.text()
    assert "safe" in box.safety.text() and str(reporter.log_file) in box.where.text()


def test_fifty_identical_failures_make_one_box_that_counts_them(qtbot, reporter):
    for _ in range(50):
        QTimer.singleShot(0, save_order)
    qtbot.waitUntil(lambda: reporter.dialog is not None, timeout=3000)
    qtbot.waitUntil(lambda: "50 times" in reporter.dialog.repeats.text(), timeout=3000)
    assert len(boxes()) == 1
    text = log_text(reporter)
    assert text.count("Traceback") == 1  # then one line at 2, 10 times: not 50 tracebacks
    assert text.count("The same failure again") == 2
    still = QPushButton("Still works")  # the window answers: the box is modeless
    qtbot.addWidget(still)
    clicked = []
    still.clicked.connect(lambda: clicked.append(True))
    qtbot.mouseClick(still, _left())
    assert clicked == [True]


def test_another_failure_while_the_box_shows_is_counted_in_it(qtbot, reporter):
    QTimer.singleShot(0, save_order)
    qtbot.waitUntil(lambda: reporter.dialog is not None, timeout=3000)
    QTimer.singleShot(0, lambda: {}["missing"])
    qtbot.waitUntil(lambda: "1 other failure" in reporter.dialog.repeats.text(), timeout=3000)
    assert len(boxes()) == 1 and "KeyError: 'missing'" in log_text(reporter)


def test_the_same_failure_just_after_closing_waits_then_shows_again(qtbot, reporter, clock):
    QTimer.singleShot(0, save_order)
    qtbot.waitUntil(lambda: reporter.dialog is not None, timeout=3000)
    first = reporter.dialog.failure
    reporter.dialog.reject()
    QTimer.singleShot(0, save_order)
    qtbot.waitUntil(lambda: reporter.count(first) == 2, timeout=3000)
    qtbot.wait(50)
    assert reporter.dialog is None and boxes() == []
    clock.now += failures.QUIET_SECONDS + 1
    QTimer.singleShot(0, save_order)
    qtbot.waitUntil(lambda: reporter.dialog is not None, timeout=3000)


def test_a_worker_thread_that_raises_is_logged_and_told_on_the_gui_thread(qtbot, reporter):
    class Job(QRunnable):
        def run(self):
            raise LookupError("from a Qt worker")

    QThreadPool.globalInstance().start(Job())
    qtbot.waitUntil(lambda: reporter.dialog is not None, timeout=3000)
    reporter.dialog.reject()
    clock_free = threading.Thread(target=lambda: 1 / 0, name="python-thread")
    clock_free.start()
    clock_free.join()
    qtbot.waitUntil(lambda: reporter.dialog is not None, timeout=3000)
    text = log_text(reporter)
    assert "LookupError: from a Qt worker" in text and "ZeroDivisionError" in text


def test_qt_warnings_go_to_the_log(qtbot, reporter):
    qWarning("a Qt warning for the log")
    assert "WARNING qt: a Qt warning for the log" in log_text(reporter)


def test_copy_details_and_open_the_log_folder(qtbot, reporter, monkeypatch):
    opened = []
    monkeypatch.setattr("ui.failure_dialog.QDesktopServices.openUrl", opened.append)
    QTimer.singleShot(0, save_order)
    qtbot.waitUntil(lambda: reporter.dialog is not None, timeout=3000)
    reporter.dialog.copy.click()
    copied = QApplication.clipboard().text()
    assert "RuntimeError: the order could not be totted up" in copied and "Traceback" in copied
    reporter.dialog.open_folder.click()
    assert opened[0].toLocalFile() == str(reporter.log_file.parent)


def test_a_database_error_does_not_claim_the_data_is_safe():
    import sqlite3

    failure = failures.describe(sqlite3.DatabaseError("database disk image is malformed"))
    assert "Check notebook" in failure.safety and "safe" not in failure.safety


def test_a_stored_value_that_cannot_be_read_asks_for_a_check(tmp_path):
    """A date in the notebook that is not a date (a flipped bit, another program's edit) fails
    a read with a ValueError deep in storage: the box said "Everything already saved in your
    notebook is safe", where the notebook is what is damaged. It asks for Check notebook…"""
    from storage import records

    try:
        records._due("2026-1x-05 17:00")  # how a promise's due moment is read
    except ValueError as exc:
        failure = failures.describe(exc)
    assert "Check notebook" in failure.safety and "safe" not in failure.safety
    try:
        int("not a number")  # the same error raised by the window's own code
    except ValueError as exc:
        assert "Check notebook" not in failures.describe(exc).safety


def test_the_window_installs_its_hooks_before_anything_else(monkeypatch, tmp_path):
    from ui import app, platform_check

    seen = []

    def refuse():
        seen.append(sys.excepthook)
        return "no display here"

    before = sys.excepthook
    monkeypatch.setattr(platform_check, "problem", refuse)
    assert app.run_app(tmp_path / "shop.rapport", explicit=True) == 1
    assert isinstance(getattr(seen[0], "__self__", None), failures.FailureReporter)
    assert sys.excepthook is before  # given back when the window is gone
    logs.remove()


def _left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_a_failing_menu_command_in_the_real_window(qtbot, reporter, monkeypatch, make_window):
    from ui.main_window import MainWindow

    def broken_about(self):
        raise AttributeError("'NoneType' object has no attribute 'path'")

    monkeypatch.setattr(MainWindow, "_about", broken_about)
    window = make_window()
    reporter.attach(window, window.ops)
    window.actions["about"].trigger()
    qtbot.waitUntil(lambda: reporter.dialog is not None, timeout=3000)
    box = reporter.dialog
    assert box.parent() is window and "“broken about”" in box.headline.text()
    assert "AttributeError" in log_text(reporter)
    window.show_screen("today")  # the window carries on: screens open, the worker works
    done = []
    window.ops.run(lambda: 42, on_success=done.append)
    assert window.ops.wait_idle(5000) and done == [42]


def test_an_operation_nobody_handles_fails_into_the_box(qtbot, reporter, make_window):
    window = make_window()
    reporter.attach(window, window.ops)
    window.ops.run(lambda: [][1], label="count the cards")
    window.ops.wait_idle(5000)
    qtbot.waitUntil(lambda: reporter.dialog is not None, timeout=3000)
    assert "“count the cards”" in reporter.dialog.headline.text()
    assert log_text(reporter).count("IndexError: list index out of range") == 1


def test_a_full_disk_keeps_its_own_words_and_no_second_box(qtbot, reporter, make_window):
    from storage.errors import NotebookFull

    def full():
        raise NotebookFull("The disk is full: the last change was not saved.")

    window = make_window()
    reporter.attach(window, window.ops)
    window.ops.run(full, label="save customer")
    window.ops.wait_idle(5000)
    qtbot.wait(50)
    assert reporter.dialog is None


def test_a_bug_in_a_handled_operation_is_logged_too(qtbot, reporter, make_window):
    window = make_window()
    told = []

    def bug():
        raise TypeError("unsupported operand type(s) for +: 'int' and 'str'")

    window.ops.run(bug, on_failure=told.append, label="save card")
    window.ops.run(lambda: int("x"), on_failure=told.append, label="read a number")
    window.ops.wait_idle(5000)
    assert len(told) == 2 and reporter.dialog is None  # its screen has told the owner
    text = log_text(reporter) if reporter.log_file.exists() else ""
    assert "TypeError: unsupported operand" in text and "Traceback" in text
    assert "invalid literal" not in text  # bad input is not a bug: no traceback kept


def test_an_exception_that_cannot_be_shown_as_text_is_still_told(qtbot, reporter):
    class Mute(Exception):
        def __str__(self):
            raise RuntimeError("no words")

    def fail():
        raise Mute()

    QTimer.singleShot(0, fail)
    qtbot.waitUntil(lambda: reporter.dialog is not None, timeout=3000)
    assert "Mute" in reporter.dialog.summary.text()


@pytest.mark.parametrize("spoil", ["directory", "symlink", "fifo"])
def test_a_log_that_could_not_be_written_is_not_named_as_holding_the_details(
        qtbot, monkeypatch, clock, tmp_path, spoil):
    """The box must not send the owner to a log the failure never reached."""
    import os

    path = logs.log_path()
    if spoil == "directory":
        path.mkdir()
    elif spoil == "symlink":
        path.symlink_to(tmp_path / "elsewhere.log")
    else:
        os.mkfifo(path)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    made = failures.FailureReporter(logs.install(), clock=clock)
    made.install()
    try:
        QTimer.singleShot(0, save_order)
        qtbot.waitUntil(lambda: made.dialog is not None, timeout=3000)
        where = made.dialog.where.text()
        assert "could not be written" in where and str(path) in where
        assert "RuntimeError: the order could not be totted up" in made.dialog.details()
        assert not (tmp_path / "elsewhere.log").exists()
    finally:
        made.uninstall()
        if made.dialog is not None:
            made.dialog.close()
        logs.remove()


def test_damage_met_in_the_rules_storage_feeds_asks_for_a_check(tmp_path):
    """A value read from the notebook that the domain's rules then choke on (a cadence stored
    as text: TypeError in domain.outreach) said "Everything already saved in your notebook is
    safe": only an error raised in storage's own code counted as the notebook's."""
    import sqlite3
    from datetime import date

    import main
    from storage import outreach
    from storage.db import close_notebook, open_notebook

    book = tmp_path / "shop.rapport"
    assert main.main(["demo", str(book)]) == 0
    con = sqlite3.connect(book)
    with con:
        con.execute("UPDATE customer SET cadence_days = 'monthly'")
    con.close()
    open_notebook(book)
    try:
        with pytest.raises(Exception) as caught:
            outreach.today_queue(date.today())
    finally:
        close_notebook()
    assert "Check notebook" in failures.describe(caught.value).safety
