"""The window and a command line run on one notebook: a reader never keeps the window out; a
writer makes it open read-only, say so, and take over once the writer is done."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from shiboken6 import isValid

from storage import customers
from storage.db import close_notebook, current_notebook, open_notebook
from tests.ui.helpers import add_customer
from ui import app
from ui.backups import safety

ROOT = Path(__file__).resolve().parents[2]

HOLDER = """
import sys, time
from storage.db import open_notebook
open_notebook(sys.argv[1], read_only=sys.argv[2] == "read")
print("open", flush=True)
time.sleep(60)
"""

# The lock is free once this prints "done"; it checks that nobody else writes meanwhile.
BUSY_PROBE = """
import sys
from storage.db import NotebookBusy, open_notebook
try:
    open_notebook(sys.argv[1], wait=0)
except NotebookBusy:
    print("busy")
else:
    print("free")
"""


def other_rapport(path: Path, mode: str) -> subprocess.Popen:
    """A command line run that has ``path`` open for writing (``write``) or reading."""
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(path), mode], cwd=ROOT,
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "open"
    return child


def probe(path: Path) -> str:
    return subprocess.run([sys.executable, "-c", BUSY_PROBE, str(path)], cwd=ROOT,
                          capture_output=True, text=True, check=True).stdout.strip()


@pytest.fixture
def shop(tmp_path):
    path = tmp_path / "shop.rapport"
    open_notebook(path)
    add_customer()
    close_notebook()
    yield path
    close_notebook()


@pytest.fixture
def shown(qtbot, tmp_path):
    from PySide6.QtWidgets import QApplication

    made = app.ShownWindow(QApplication.instance(),
                           QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    yield made
    if made.window is not None:
        made.window.close()
        made.ops.shutdown()


def test_a_command_reading_the_notebook_does_not_keep_the_window_out(shop, told):
    reader = other_rapport(shop, "read")  # export, backup, today, print-labels
    try:
        started = time.monotonic()
        info = app.open_or_welcome(shop, explicit=True)
        assert time.monotonic() - started < safety.OPEN_WAIT
        assert info is not None and not info.read_only
        assert told == []
    finally:
        reader.kill()
        reader.wait()


def test_a_command_writing_the_notebook_opens_the_window_read_only_saying_so(shop, told):
    writer = other_rapport(shop, "write")  # import, print-cards
    try:
        info = app.open_or_welcome(shop, explicit=True)
        assert info is not None and info.read_only and info.waiting
        assert info.reason == (f"shop.rapport is being changed by another Rapport (pid "
                               f"{writer.pid}). It is open read-only until that is done.")
        assert customers.count() == 1  # it reads what the command has committed
        assert told == []  # no box to click away: the banner says it
    finally:
        writer.kill()
        writer.wait()


def test_the_window_takes_over_once_the_command_is_done(shop, shown, qtbot, told):
    writer = other_rapport(shop, "write")
    try:
        info = app.open_or_welcome(shop, explicit=True)
        shown.show(info)
        first = shown.window
        assert first.notebook.read_only and first.banner.isVisible()
        assert not first.actions["new_customer"].isEnabled()
        assert shown.wait.is_waiting()
        qtbot.wait(300)
        assert shown.window is first  # still written by the command: still read-only
    finally:
        writer.kill()  # done, however it ends
        writer.wait()
    qtbot.waitUntil(lambda: shown.window is not first, timeout=5000)
    window = shown.window
    assert not window.notebook.read_only and not current_notebook().read_only
    assert not hasattr(window, "banner")
    assert window.actions["new_customer"].isEnabled()
    assert "The other Rapport is done: shop.rapport is open for changes again." in \
        window.statusBar().currentMessage()
    assert not isValid(first) or not first.isVisible()  # gone, or going
    add_customer(given_name="Tom", family_name="Baker")
    assert customers.count() == 2
    assert probe(shop) == "busy"  # the window is the writer now
    assert told == []


def test_the_window_waits_while_a_dialog_is_open(shop, shown, qtbot, monkeypatch):
    from PySide6.QtWidgets import QApplication

    writer = other_rapport(shop, "write")
    shown.show(app.open_or_welcome(shop, explicit=True))
    first = shown.window
    writer.kill()
    writer.wait()
    monkeypatch.setattr(QApplication, "activeModalWidget", staticmethod(lambda: first))
    shown.wait.check()
    assert shown.window is first and current_notebook().read_only
    monkeypatch.undo()
    shown.wait.check()
    assert shown.window is not first and not current_notebook().read_only


def test_a_window_that_has_the_notebook_still_comes_forward(shop, qtbot, told):
    from ui.single_instance import RaiseServer

    first = subprocess.Popen([sys.executable, "-c", HOLDER.replace(
        "open_notebook(sys.argv[1], read_only=sys.argv[2] == \"read\")",
        "open_notebook(sys.argv[1], role='window')"), str(shop), "write"],
        cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert first.stdout.readline().strip() == "open"
    try:
        assert app.open_or_welcome(shop, explicit=True) is None  # no raise server: it says so
        assert told[0][0] == "Notebook already open" and "Close it there" in told[0][1]
        server = RaiseServer(shop)
        with qtbot.waitSignal(server.raise_requested, timeout=3000):
            assert app.open_or_welcome(shop, explicit=True) is None
        assert "brought to the front" in told[1][1]
    finally:
        first.kill()
        first.wait()
    assert current_notebook() is None


def test_a_fifo_as_the_notebook_is_refused_at_once(tmp_path, told):
    fifo = tmp_path / "shop.rapport"
    os.mkfifo(fifo)
    started = time.monotonic()
    assert app.open_or_welcome(fifo, explicit=True) is None
    assert time.monotonic() - started < 2
    assert told[0][0] == "Cannot open the notebook"
    assert "shop.rapport is not a regular file" in told[0][1]
