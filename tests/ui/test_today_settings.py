"""Outreach settings: the dialog saves through storage, the Today queue follows, and a
problem shows under its field without closing the dialog."""

from __future__ import annotations

from datetime import date

import pytest

from domain.model import Interaction
from domain.outreach import Settings
from storage import outreach
from tests.ui.test_today_support import (
    MONDAY,
    Clock,
    add,
    open_window,
    prepare,
    settle,
    shown,
)
from ui.outreach_settings_dialog import OutreachSettingsDialog


@pytest.fixture
def window(qtbot, notebook, made):
    prepare()
    add("Vic", tags=["vip"], interactions=[Interaction(date(2026, 11, 3), "call")])
    return open_window(qtbot, notebook, Clock(MONDAY), made)


def _answer(monkeypatch, fill):
    def fake_exec(dialog):
        fill(dialog)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(OutreachSettingsDialog, "exec", fake_exec)


def test_saved_settings_change_the_queue(window, monkeypatch):
    assert "Olga Lopez" in [c for _g, c, _k in shown(window)]  # 53 days: past 30
    assert "Vic Lopez" not in [c for _g, c, _k in shown(window)]  # 20 days

    def fill(d):
        assert d.tags.tag.findText("vip") >= 0  # the notebook's tags are offered
        d.cadence.setValue(90)
        d.tags.tag.setEditText("vip")
        d.tags.days.setValue(14)
        d.tags.add()
        d.cap_touches.setValue(3)

    _answer(monkeypatch, fill)
    window.actions["outreach_settings"].trigger()
    settle(window)
    stored = outreach.load_settings()
    assert (stored.default_cadence_days, stored.cap_touches) == (90, 3)
    assert stored.tag_cadences == {"vip": 14}
    names = [c for _g, c, _k in shown(window)]
    assert "Olga Lopez" not in names  # 53 days is within the new 90
    assert ("Overdue", "Vic Lopez", "keep_in_touch") in shown(window)  # vip: every 14 days


def test_removing_a_tag_cadence_goes_back_to_the_default(window, monkeypatch):
    outreach.set_tag_cadence("vip", 14)
    _answer(monkeypatch, lambda d: (d.tags.table.selectRow(0), d.tags.remove_selected()))
    window.screens["today"].settings.open()
    settle(window)
    assert outreach.load_settings().tag_cadences == {}


def test_the_settings_button_on_today_opens_the_dialog(window, monkeypatch):
    seen = []
    monkeypatch.setattr(OutreachSettingsDialog, "exec",
                        lambda d: seen.append(d.cadence.value()) or 0)
    window.screens["today"].view.settings_button.click()
    settle(window)
    assert seen == [30]


def test_a_problem_shows_under_its_field(qtbot):
    dialog = OutreachSettingsDialog(Settings(), ["vip"])
    qtbot.addWidget(dialog)
    dialog.lead.setValue(10)
    dialog.window.setValue(7)
    dialog.tags.tag.setEditText("regular")  # typed, never added
    dialog.accept()
    assert dialog.result() != OutreachSettingsDialog.DialogCode.Accepted
    assert "as far ahead" in dialog.boxes["milestone_window_days"].error.text()
    assert "Press Add" in dialog.boxes["tag_cadences"].error.text()
    dialog.window.setValue(21)
    dialog.tags.tag.setEditText("")
    dialog.accept()
    assert dialog.result() == OutreachSettingsDialog.DialogCode.Accepted
    assert (dialog.value().mailing_lead_days, dialog.value().milestone_window_days) == (10, 21)


def test_adding_an_empty_tag_says_so(qtbot):
    dialog = OutreachSettingsDialog(Settings(tag_cadences={"vip": 14}), [])
    qtbot.addWidget(dialog)
    dialog.tags.add()
    assert dialog.tags.error.text() == "Type or choose a tag first."
    dialog.tags.tag.setEditText("VIP")  # the same tag: its days change, no second row
    dialog.tags.days.setValue(10)
    dialog.tags.add()
    assert dialog.tags.value() == {"vip": 10}


def test_the_daily_capacity_is_offered_when_the_engine_has_one(qtbot):
    settings = Settings()
    dialog = OutreachSettingsDialog(settings, [])
    qtbot.addWidget(dialog)
    if not hasattr(settings, "daily_capacity"):
        assert dialog.capacity is None
        return
    dialog.capacity.setValue(35)
    dialog.accept()
    assert dialog.value().daily_capacity == 35
