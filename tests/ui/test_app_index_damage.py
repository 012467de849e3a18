"""Damage quick_check misses, in the window: found on the worker after the first paint, every
save refused, a Repair offered (then and at the next start), the repair verified."""

from __future__ import annotations

import random

import pytest
from PySide6.QtWidgets import QMessageBox

from domain.model import Customer
from storage import backups, customers
from storage.check import check_file
from storage.db import CorruptNotebook, close_notebook, current_notebook, open_notebook
from tests.storage.flips import flip_in_index, verdicts
from tests.ui.helpers import add_customer
from ui import app
from ui.backups import safety


@pytest.fixture
def clicks(monkeypatch):
    """Answer each message box with the button named in ``clicks`` (first to last)."""
    answers = Answers()

    def exec_(box):
        answers.shown.append([b.text() for b in box.buttons()])
        answers.titles.append(box.windowTitle())
        wanted = answers.pop(0)
        next(b for b in box.buttons() if b.text() == wanted).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return answers


class Answers(list):
    """The buttons to click, and the buttons each box showed."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[list[str]] = []
        self.titles: list[str] = []


@pytest.fixture
def shop(tmp_path):
    """A closed notebook of 30 customers whose email index has one flipped byte."""
    path = tmp_path / "shop.rapport"
    open_notebook(path)
    for i in range(30):
        add_customer(given_name=f"Customer{i}", emails=[f"c{i}@example.com"])
    close_notebook()
    flip_in_index(path, random.Random(1))
    quick, full = verdicts(path)
    assert quick == "ok" and full != ["ok"]
    yield path
    close_notebook()


def run_open_checks(qtbot, events=None):
    from ui.events import AppEvents
    from ui.operations import Operations

    ops = Operations(after_each=app.close_thread_connection)
    safety.backup_on_open(ops, events or AppEvents())
    assert ops.wait_idle(5000)
    qtbot.wait(50)
    assert ops.wait_idle(5000)
    return ops


def test_damage_found_after_the_first_paint_is_repaired_on_request(shop, qtbot, clicks, told):
    from ui.events import AppEvents

    events = AppEvents()
    changes: list[dict] = []
    events.data_changed.connect(lambda changed, _who: changes.append(changed))
    open_notebook(shop)  # opening stays quick: quick_check passes it
    clicks.extend(["Repair", "OK"])
    ops = run_open_checks(qtbot, events)
    assert clicks.titles[-1] == "Notebook repaired"
    # Every screen reads the repaired notebook again (a screen whose load failed included).
    assert changes and set(changes[-1]) >= {"customers", "timeline", "cards", "templates"}
    assert [b.reason for b in backups.list_backups(shop)][-1] == "before-repair"
    customers.save_customer(Customer(given_name="After"))  # saving works again
    assert customers.count() == 31
    ops.shutdown()
    close_notebook()
    assert check_file(shop) == []


def test_not_now_refuses_every_save_and_the_next_start_offers_the_repair(
        shop, qtbot, clicks, told, monkeypatch):
    open_notebook(shop)
    clicks.append("Not now")
    ops = run_open_checks(qtbot)
    assert not backups.list_backups(shop)  # no daily copy of a damaged notebook either
    with pytest.raises(CorruptNotebook) as err:
        customers.save_customer(Customer(given_name="Lost?"))
    assert safety.tell_if_disk_full(None, err.value)  # the window explains it
    assert told[-1][0] == "Notebook damaged" and "damaged" in told[-1][1]
    ops.shutdown()
    close_notebook()
    offered = []
    monkeypatch.setattr(safety, "offer_backup", lambda path, detail, backup, repairable:
                        offered.append(repairable) or safety.REPAIR)
    clicks.append("OK")
    info = app.open_or_welcome(shop, explicit=True)
    assert offered == [True] and info is not None and current_notebook() is not None
    assert clicks.titles[-1] == "Notebook repaired"
    customers.save_customer(Customer(given_name="Saved"))
    assert customers.count() == 31


def test_the_dialog_offers_repair_only_for_index_damage(shop, clicks):
    clicks.extend(["Repair", "Quit"])
    assert safety.offer_backup(shop, "row 3 missing from index x", None, True) == safety.REPAIR
    assert safety.offer_backup(shop, "Tree 4 page 4 cell 0", None, False) is None
    assert "Repair" in clicks.shown[0] and "Repair" not in clicks.shown[1]
