"""The window's safety wiring: a damaged notebook, a busy one, backups on open and close, a full
disk during a save."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from storage import backups, customers
from storage.db import (
    NotebookFull,
    changed_since_mark,
    close_notebook,
    current_notebook,
    open_notebook,
)
from storage.lock import NotebookLock
from tests.ui.helpers import add_customer, open_customer, settle
from ui import app
from ui.backups import safety


@pytest.fixture
def shop(tmp_path):
    """A closed notebook with two customers and a verified backup of it."""
    path = tmp_path / "shop.rapport"
    open_notebook(path)
    add_customer()
    add_customer(given_name="Tom", family_name="Baker", emails=[])
    backups.backup_now("manual")
    close_notebook()
    yield path
    close_notebook()


def damage(path) -> str:
    """Flip the header of the customer table's root page; return the file's digest."""
    con = sqlite3.connect(f"{path.as_uri()}?immutable=1", uri=True)
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'customer'").fetchone()[0]
    size = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    data = bytearray(path.read_bytes())
    for i in range((root - 1) * size, (root - 1) * size + 8):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))
    return hashlib.sha256(bytes(data)).hexdigest()


def test_a_damaged_notebook_offers_the_backup_and_recovers(shop, monkeypatch, told):
    damaged = damage(shop)
    offered, done = [], []
    monkeypatch.setattr(safety, "offer_backup",
                        lambda path, detail, backup, *_: offered.append((path, backup))
                        or safety.RESTORE)
    monkeypatch.setattr(safety, "recovered", lambda aside, backup: done.append(aside))
    info = app.open_or_welcome(shop, explicit=True)
    assert info is not None and info.path == shop and not info.read_only
    assert offered[0][0] == shop and offered[0][1].reason == "manual"
    assert customers.count() == 2
    aside = done[0]
    assert aside.parent == shop.parent and "damaged" in aside.name
    assert hashlib.sha256(aside.read_bytes()).hexdigest() == damaged  # kept, untouched
    assert told == []


def test_quitting_instead_leaves_the_damaged_file_as_it_was(shop, monkeypatch):
    damaged = damage(shop)
    monkeypatch.setattr(safety, "offer_backup", lambda *a: None)
    assert app.open_or_welcome(shop, explicit=True) is None
    assert current_notebook() is None
    assert hashlib.sha256(shop.read_bytes()).hexdigest() == damaged


def test_a_damaged_notebook_without_backups_is_never_touched(shop, monkeypatch):
    for backup in backups.list_backups(shop):
        backup.path.unlink()
    damaged = damage(shop)
    offered = []
    monkeypatch.setattr(safety, "offer_backup", lambda path, detail, backup, *_:
                        offered.append(backup) or safety.RESTORE)
    assert app.open_or_welcome(shop, explicit=True) is None
    assert offered == [None]
    assert hashlib.sha256(shop.read_bytes()).hexdigest() == damaged


def test_a_busy_notebook_refuses_the_second_window_and_raises_the_first(
        shop, qtbot, monkeypatch, told):
    from ui.single_instance import RaiseServer

    monkeypatch.setattr(safety, "OPEN_WAIT", 0.05)
    first = NotebookLock(shop)
    assert first.acquire()
    server = RaiseServer(shop)
    try:
        with qtbot.waitSignal(server.raise_requested, timeout=3000):
            assert app.open_or_welcome(shop, explicit=True) is None
    finally:
        first.release()
    assert current_notebook() is None
    title, text = told[0]
    assert title == "Notebook already open"
    assert "shop.rapport is already open in another Rapport window" in text
    assert "brought to the front" in text


def test_without_a_first_window_the_message_says_what_to_do(shop, monkeypatch, told):
    monkeypatch.setattr(safety, "OPEN_WAIT", 0.05)
    first = NotebookLock(shop, role="window")  # a window whose raise server is not up yet
    assert first.acquire()
    try:
        assert app.open_or_welcome(shop, explicit=True) is None
    finally:
        first.release()
    assert "Close it there" in told[0][1]


def test_backups_on_open_and_on_close(notebook, qtbot):
    from ui.events import AppEvents
    from ui.operations import Operations

    ops = Operations(after_each=app.close_thread_connection)
    safety.backup_on_open(ops, AppEvents())
    assert ops.wait_idle(5000)
    assert [b.reason for b in backups.list_backups(notebook.path)] == ["daily"]
    assert not changed_since_mark()
    safety.backup_on_close()  # nothing changed since the daily copy: no copy
    assert len(backups.list_backups(notebook.path)) == 1
    ops.run(lambda: add_customer())  # a save on the worker, as the window makes them
    assert ops.wait_idle(5000)
    safety.backup_on_close()
    assert [b.reason for b in backups.list_backups(notebook.path)] == ["close", "daily"]
    ops.shutdown()


def test_a_full_disk_during_a_save_is_explained(people, window, monkeypatch, told):
    from storage import customers as storage_customers

    def full(_customer):
        raise NotebookFull("The disk is full (or the notebook reached its size limit): the last "
                           "change was not saved. Everything saved before it is safe.")

    screen = window.screens["customers"]
    open_customer(window, people["tom"])
    monkeypatch.setattr(storage_customers, "save_customer", full)
    screen.detail_page.profile.editor("given_name").setText("Thomas")
    screen.detail._on_changed()  # as typing does
    assert screen.detail.save()
    settle(window)
    assert told and told[0][0] == "The disk is full"
    assert "Everything saved before it is safe" in told[0][1]
    assert customers.get_customer(people["tom"]).given_name == "Tom"  # nothing half-written


def test_a_full_disk_in_any_other_job_is_explained(window, told):
    window.ops.run(lambda: (_ for _ in ()).throw(NotebookFull("The disk is full.")),
                   label="some save")
    settle(window)
    assert told == [("The disk is full", "The disk is full.")]
