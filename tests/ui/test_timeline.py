"""Timeline entries: logged with Ctrl+L, added, edited and removed in dialogs, all undoable."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from PySide6.QtWidgets import QDialog

from domain.model import Problem, Promise, Purchase
from storage import customers, timeline
from tests.ui.helpers import open_customer, settle
from ui.customers import timeline_dialogs
from ui.models.timeline_model import COL_DETAILS, COL_STATUS


def _answer(monkeypatch, dialog_class, fill):
    """Make ``dialog_class.exec`` fill the form, press OK and return what OK returned."""

    def fake_exec(dialog):
        fill(dialog)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(dialog_class, "exec", fake_exec)


def test_ctrl_l_logs_a_touch(people, window, screen, monkeypatch):
    def fill(d):
        d.kind.setCurrentIndex(d.kind.findData("visit"))
        d.when.set_value(date(2026, 11, 2))
        d.summary.setPlainText("Came in for tulips.")

    _answer(monkeypatch, timeline_dialogs.TouchDialog, fill)
    open_customer(window, people["peggy"])
    window.actions["log_touch"].trigger()
    settle(window)
    touches = customers.get_customer(people["peggy"]).interactions
    assert [(t.kind, t.when, t.summary, t.channel) for t in touches] == [
        ("visit", date(2026, 11, 2), "Came in for tulips.", "visit")]
    model = screen.detail_page.timeline.model
    assert model.index(0, COL_DETAILS).data() == "Came in for tulips."
    assert screen.detail_page.tabs.currentWidget() is screen.detail_page.timeline
    window.actions["undo"].trigger()
    settle(window)
    assert customers.get_customer(people["peggy"]).interactions == []
    assert model.rowCount() == 0


def test_ctrl_l_without_a_customer_says_so(people, window, screen, monkeypatch):
    messages = []
    window.events.status_message.connect(messages.append)
    monkeypatch.setattr(timeline_dialogs.TouchDialog, "exec", lambda d: QDialog.DialogCode.Rejected)
    screen.list.select(None)
    settle(window)
    assert screen.detail.customer_id() is None
    window.actions["log_touch"].trigger()
    assert messages == ["Choose a saved customer first."]


def test_a_note_needs_text(people, window, screen, monkeypatch):
    seen = {}

    def fill(d):
        d.kind.setCurrentIndex(d.kind.findData("note"))
        d.summary.setPlainText("  ")
        d.accept()  # refused: stays open
        seen["error"] = d.boxes["summary"].error.text()
        d.summary.setPlainText("Remember the anniversary.")

    _answer(monkeypatch, timeline_dialogs.TouchDialog, fill)
    open_customer(window, people["peggy"])
    screen.detail.timeline.add("touch")
    settle(window)
    assert seen["error"] == "A note needs some text."
    assert customers.get_customer(people["peggy"]).interactions[0].summary == \
        "Remember the anniversary."


def test_purchase_amount_is_checked(people, window, screen, monkeypatch):
    seen = {}

    def fill(d):
        d.amount.setText("lots")
        d.accept()
        seen["error"] = d.boxes["amount"].error.text()
        d.amount.setText("$1,250.5")
        d.description.setText("Wedding flowers")

    _answer(monkeypatch, timeline_dialogs.PurchaseDialog, fill)
    open_customer(window, people["tom"])
    screen.detail.timeline.add("purchase")
    settle(window)
    assert "amount" in seen["error"]
    bought = customers.get_customer(people["tom"]).purchases
    assert [(p.amount, p.description) for p in bought] == [(Decimal("1250.50"), "Wedding flowers")]


def test_promise_is_edited_and_the_edit_undone(people, window, screen, monkeypatch):
    cid = people["ann"]
    timeline.add(cid, Promise(date(2026, 11, 1), datetime(2026, 11, 3, 15, 0), "Call back"))
    open_customer(window, cid)
    model = screen.detail_page.timeline.model
    status = model.index(0, COL_STATUS).data()
    assert status.startswith(("Overdue since 3 Nov", "Due 3 Nov")) and status.endswith("15:00")
    _answer(monkeypatch, timeline_dialogs.PromiseDialog,
            lambda d: d.status.setCurrentIndex(d.status.findData("kept")))
    screen.detail_page.timeline.table.selectRow(0)
    screen.detail_page.timeline.edit_button.click()
    settle(window)
    assert customers.get_customer(cid).promises[0].status == "kept"
    assert model.index(0, COL_STATUS).data() == "Kept"
    window.actions["undo"].trigger()
    settle(window)
    assert customers.get_customer(cid).promises[0].status == "open"


def test_problem_gets_an_update_and_is_resolved(people, window, screen, monkeypatch):
    cid = people["zoe"]
    timeline.add(cid, Problem(date(2026, 11, 1), "Roses wilted"))
    open_customer(window, cid)

    def fill(d):
        d.update_text.setText("Sent a replacement bunch")
        d._add_update()
        d.status.setCurrentIndex(d.status.findData("resolved"))
        d.resolved.set_value(date(2026, 11, 4))

    _answer(monkeypatch, timeline_dialogs.ProblemDialog, fill)
    screen.detail_page.timeline.table.selectRow(0)
    screen.detail_page.timeline.edit_button.click()
    settle(window)
    problem = customers.get_customer(cid).problems[0]
    assert (problem.status, problem.resolved) == ("resolved", date(2026, 11, 4))
    assert [u.summary for u in problem.updates] == ["Sent a replacement bunch"]


def test_remove_and_undo_keeps_the_entry_and_its_id(people, window, screen):
    cid = people["tom"]
    added = timeline.add(cid, Purchase(date(2026, 10, 3), Decimal("12.00"), "Tulips"))
    open_customer(window, cid)
    screen.detail_page.timeline.table.selectRow(0)
    screen.detail_page.timeline.remove_button.click()
    settle(window)
    assert customers.get_customer(cid).purchases == []
    window.actions["undo"].trigger()
    settle(window)
    assert [p.id for p in customers.get_customer(cid).purchases] == [added.id]


def test_the_delete_key_in_the_timeline_removes_the_entry_not_the_customer(
        people, window, screen, qtbot, monkeypatch):
    import pytest
    from PySide6.QtCore import Qt

    from ui import ask

    monkeypatch.setattr(ask, "confirm", lambda *a, **k: pytest.fail("asked to delete"))
    cid = people["tom"]
    timeline.add(cid, Purchase(date(2026, 10, 3), Decimal("12.00"), "Tulips"))
    open_customer(window, cid)
    page = screen.detail_page
    page.tabs.setCurrentWidget(page.timeline)
    page.timeline.table.selectRow(0)
    window.activateWindow()
    page.timeline.table.setFocus()
    qtbot.waitUntil(page.timeline.table.hasFocus, timeout=2000)
    qtbot.keyClick(page.timeline.table, Qt.Key.Key_Delete)
    settle(window)
    assert customers.get_customer(cid).purchases == []
    assert customers.count() == 4
