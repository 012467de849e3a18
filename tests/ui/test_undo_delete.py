"""Deleting asks first; Ctrl+Z brings the customer back with everything they had."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from domain.model import Purchase
from storage import customers, timeline
from storage.customers import NotFound
from tests.ui.helpers import add_customer, open_customer, settle, shown_names
from ui import ask


def test_delete_asks_and_cancel_keeps_the_customer(people, window, screen, monkeypatch):
    asked = []
    monkeypatch.setattr(ask, "confirm", lambda *a, **k: asked.append(a[2]) or False)
    open_customer(window, people["tom"])
    window.actions["delete_customer"].trigger()
    settle(window)
    assert asked == ["Delete Tom Baker?"]
    assert customers.get_customer(people["tom"]).family_name == "Baker"


def test_undo_brings_back_a_deleted_customer(people, window, screen, monkeypatch):
    monkeypatch.setattr(ask, "confirm", lambda *a, **k: True)
    friend = add_customer(given_name="Bo", family_name="Friend", referred_by=people["zoe"])
    timeline.add(people["zoe"], Purchase(date(2026, 10, 3), Decimal("120.50"), "Orchid"))
    screen.list.load()
    settle(window)
    open_customer(window, people["zoe"])
    window.actions["delete_customer"].trigger()
    settle(window)
    with pytest.raises(NotFound):
        customers.get_customer(people["zoe"])
    assert "Zoë Łukasik" not in shown_names(screen)
    assert screen.detail_page.pages.currentWidget() is screen.detail_page.nobody
    assert window.actions["undo"].text() == "&Undo Delete Zoë Łukasik"

    window.actions["undo"].trigger()
    settle(window)
    back = customers.get_customer(people["zoe"])
    assert back.display_name == "Zoë Łukasik"
    assert [p.description for p in back.purchases] == ["Orchid"]
    assert customers.get_customer(friend).referred_by == people["zoe"]
    assert "Zoë Łukasik" in shown_names(screen)
    assert screen.detail.customer_id() == people["zoe"]  # shown again

    window.actions["redo"].trigger()
    settle(window)
    with pytest.raises(NotFound):
        customers.get_customer(people["zoe"])


def test_the_delete_key_works_in_the_list(people, window, screen, qtbot, monkeypatch):
    from PySide6.QtCore import Qt

    monkeypatch.setattr(ask, "confirm", lambda *a, **k: True)
    open_customer(window, people["ann"])
    window.activateWindow()
    screen.list_panel.table.setFocus()
    qtbot.waitUntil(screen.list_panel.table.hasFocus, timeout=2000)
    qtbot.keyClick(screen.list_panel.table, Qt.Key.Key_Delete)
    settle(window)
    assert customers.count() == 3


def test_delete_in_a_text_field_deletes_text_not_the_customer(people, window, screen, qtbot,
                                                              monkeypatch):
    from PySide6.QtCore import Qt

    monkeypatch.setattr(ask, "confirm", lambda *a, **k: pytest.fail("asked to delete"))
    open_customer(window, people["ann"])
    edit = screen.detail_page.profile.editor("given_name")
    window.activateWindow()
    edit.setFocus()
    edit.setCursorPosition(0)
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    assert edit.text() == "nn"
    assert customers.count() == 4
