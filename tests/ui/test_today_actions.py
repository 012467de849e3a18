"""Acting on a suggestion from the Today screen: done logs exactly one touch (Ctrl+Z takes it
back), snooze hides until a day (Ctrl+Z brings it back), dismiss hides this occurrence only, a
card written for the print queue takes it off the list."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QObject, Signal

from domain.model import Card
from storage import customers, outreach
from tests.ui.test_today_support import (
    MONDAY,
    add,
    choose,
    open_window,
    prepare,
    settle,
    shown,
)
from ui.today import dialogs
from ui.today.controller import next_week
from ui.today.service import ContactOptions


@pytest.fixture
def people(notebook):
    return prepare()


@pytest.fixture
def window(qtbot, notebook, people, clock, made):
    return open_window(qtbot, notebook, clock, made)


def _answer_done(monkeypatch, channel: str, note: str, seen: list | None = None):
    def fake_exec(dialog):
        if seen is not None:
            seen.append(dialog)
        dialog.channel.setCurrentIndex(dialog.channel.findData(channel))
        dialog.note.setPlainText(note)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(dialogs.DoneDialog, "exec", fake_exec)


def test_done_logs_one_touch_with_the_channel_and_note(window, people, monkeypatch):
    before = customers.get_customer(people["tara"]).interactions
    _answer_done(monkeypatch, "email", "Sent the peony prices.")
    choose(window, "Tara Lopez")
    window.screens["today"].view.panel.done_button.click()
    settle(window)
    tara = customers.get_customer(people["tara"])
    new = tara.interactions[len(before):]
    assert [(i.when, i.kind, i.channel, i.summary) for i in new] == [
        (MONDAY, "email", "email", "Sent the peony prices.")]
    assert [p.status for p in tara.promises] == ["kept"]
    assert [c for _g, c, _k in shown(window)] == ["Olga Lopez", "Wes Lopez"]
    assert window.sidebar.item(0).text() == "Today  1"
    for other in ("olga", "wes"):  # nobody else got a touch
        assert len(customers.get_customer(people[other]).interactions) == 1


def _tara(people) -> tuple:
    tara = customers.get_customer(people["tara"])
    return [(i.id, i.summary) for i in tara.interactions], [p.status for p in tara.promises]


def test_ctrl_z_takes_done_back_and_redo_does_it_again(window, people, monkeypatch):
    before = _tara(people)
    _answer_done(monkeypatch, "phone", "Called about the peonies.")
    choose(window, "Tara Lopez")
    window.screens["today"].view.panel.done_button.click()
    settle(window)
    assert window.statusBar().currentMessage() == (
        "Logged for Tara Lopez: Called about the peonies. Ctrl+Z undoes it.")
    assert "Tara Lopez" not in [c for _g, c, _k in shown(window)]
    assert window.actions["undo"].text() == "&Undo Mark “Promise” for Tara Lopez done"
    window.actions["undo"].trigger()
    settle(window)
    assert window.statusBar().currentMessage() == "Undone: Mark “Promise” for Tara Lopez done."
    assert _tara(people) == before  # the touch gone, the promise open again
    assert ("Today", "Tara Lopez", "promise_due") in shown(window)
    assert window.sidebar.item(0).text() == "Today  2"
    window.actions["redo"].trigger()
    settle(window)
    assert window.statusBar().currentMessage() == "Redone: Mark “Promise” for Tara Lopez done."
    touches, promises = _tara(people)
    assert [t for _id, t in touches[len(before[0]):]] == ["Called about the peonies."]
    assert promises == ["kept"]
    assert "Tara Lopez" not in [c for _g, c, _k in shown(window)]


def test_a_done_that_failed_leaves_nothing_to_undo(window, people, monkeypatch):
    _answer_done(monkeypatch, "phone", "")

    def fail(*_args):
        raise RuntimeError("disk gone")

    monkeypatch.setattr(outreach, "act_on", fail)
    choose(window, "Tara Lopez")
    window.screens["today"].view.panel.done_button.click()
    settle(window)
    assert window.statusBar().currentMessage() == "Could not log it for Tara Lopez: disk gone"
    assert ("Today", "Tara Lopez", "promise_due") in shown(window)
    assert not window.undo_stack.canUndo()


def test_done_offers_the_suggested_channel_and_greys_do_not_contact(window, qtbot):
    s = choose(window, "Wes Lopez")
    dialog = dialogs.DoneDialog(s, ContactOptions("Wes Lopez", frozenset({"phone", "text"}),
                                                  frozenset({"mail", "phone", "email"})))
    qtbot.addWidget(dialog)
    combo = dialog.channel
    assert combo.currentData() == "mail"
    model = combo.model()
    enabled = {combo.itemData(i): model.item(i).isEnabled() for i in range(combo.count())}
    assert enabled == {"mail": True, "phone": False, "email": True, "text": False,
                       "visit": True}
    assert combo.itemText(combo.findData("phone")) == "Phone — do not contact"


def test_a_cancelled_done_logs_nothing(window, people, monkeypatch):
    monkeypatch.setattr(dialogs.DoneDialog, "exec",
                        lambda d: dialogs.DoneDialog.DialogCode.Rejected)
    choose(window, "Olga Lopez")
    window.screens["today"].controller.done_selected()
    settle(window)
    assert len(customers.get_customer(people["olga"]).interactions) == 1
    assert len(shown(window)) == 3


def test_snooze_hides_until_the_day_and_undo_brings_it_back(window, clock):
    controller = window.screens["today"].controller
    choose(window, "Olga Lopez")
    menu = window.screens["today"].view.panel.snooze_menu
    menu.aboutToShow.emit()
    tomorrow = next(a for a in menu.actions() if a.text().startswith("Until tomorrow"))
    assert tomorrow.text() == "Until tomorrow (Tue 24 Nov)"
    tomorrow.trigger()
    settle(window)
    assert "Olga Lopez" not in [c for _g, c, _k in shown(window)]
    assert window.sidebar.item(0).text() == "Today  1"
    window.actions["undo"].trigger()
    settle(window)
    assert ("Overdue", "Olga Lopez", "keep_in_touch") in shown(window)
    window.actions["redo"].trigger()
    settle(window)
    assert "Olga Lopez" not in [c for _g, c, _k in shown(window)]
    clock.day = MONDAY + timedelta(days=1)  # the next morning it is back
    controller.check_date()
    settle(window)
    assert ("Overdue", "Olga Lopez", "keep_in_touch") in shown(window)


def test_snooze_to_a_chosen_day(window, clock, monkeypatch):
    day = date(2026, 11, 27)

    def pick(dialog):
        dialog.until.set_value(day)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(dialogs.SnoozeDialog, "exec", pick)
    choose(window, "Olga Lopez")
    window.screens["today"].controller.snooze_pick()
    settle(window)
    s_hidden = [c for _g, c, _k in shown(window)]
    assert "Olga Lopez" not in s_hidden
    clock.day = day - timedelta(days=1)
    assert "Olga Lopez" not in [s.customer for s in outreach.today_queue(clock.day)]
    assert "Olga Lopez" in [s.customer for s in outreach.today_queue(day)]
    assert next_week(MONDAY) == date(2026, 11, 30)


def test_dismiss_hides_only_this_occurrence(qtbot, notebook, clock, made):
    from datetime import datetime

    from domain.dates import PartialDate
    from domain.model import Interaction, Milestone, Promise

    add("Wes", interactions=[Interaction(date(2026, 11, 20), "visit")],
        milestones=[Milestone("birthday", PartialDate(12, 4, 1980))],
        promises=[Promise(date(2026, 11, 20), datetime(2026, 11, 24, 0, 0), "Email the quote")])
    window = open_window(qtbot, notebook, clock, made)
    assert [k for _g, _c, k in shown(window)] == ["promise_due", "milestone"]
    choose(window, "Wes Lopez")
    birthday = next(s for s in window.screens["today"].controller.model.suggestions()
                    if s.kind == "milestone")
    window.screens["today"].controller.select(birthday.key)
    window.actions["dismiss_suggestion"].trigger()  # Del on the list
    settle(window)
    assert [k for _g, _c, k in shown(window)] == ["promise_due"]  # the promise stays
    next_year = [s.kind for s in outreach.today_queue(date(2027, 11, 29))]
    assert "milestone" in next_year  # next year's birthday still comes
    window.actions["undo"].trigger()
    settle(window)
    assert [k for _g, _c, k in shown(window)] == ["promise_due", "milestone"]


class _FakeEditor(QObject):
    saved = Signal(object, object)


def test_a_card_put_in_the_print_queue_takes_it_off_the_list(window, people, monkeypatch):
    import ui.cards.editor as editor_module

    opened = []

    def fake_open(parent, ctx, customer_id, occasion, suggestion_key=None, **kw):
        opened.append((customer_id, occasion, kw["suggestion"].kind))
        editor = _FakeEditor()
        opened.append(editor)
        return editor

    monkeypatch.setattr(editor_module, "open_card_editor", fake_open)
    s = choose(window, "Wes Lopez")
    window.screens["today"].view.panel.write_button.click()
    assert opened[0] == (people["wes"], "birthday", "milestone")
    opened[1].saved.emit(Card(people["wes"], "birthday", "Happy birthday!", status="draft"),
                         s.key)
    settle(window)
    assert "Wes Lopez" in [c for _g, c, _k in shown(window)]  # a draft is not done yet
    opened[1].saved.emit(Card(people["wes"], "birthday", "Happy birthday!", status="queued"),
                         s.key)
    settle(window)
    assert "Wes Lopez" not in [c for _g, c, _k in shown(window)]


def test_a_read_only_notebook_shows_but_does_not_act(qtbot, notebook, people, clock, made):
    from storage.db import NotebookInfo

    info = NotebookInfo(notebook.path, notebook.version, True, "Opened read-only.")
    window = open_window(qtbot, info, clock, made)
    assert len(shown(window)) == 3
    choose(window, "Olga Lopez")
    panel = window.screens["today"].view.panel
    assert not panel.done_button.isEnabled() and not panel.dismiss_button.isEnabled()
    assert panel.open_button.isEnabled()


def test_a_dismissed_promise_comes_back_a_cadence_after_the_day_it_was_dismissed(
        qtbot, notebook, clock, made):
    from datetime import datetime

    from domain.model import Interaction, Promise

    add("Vi", interactions=[Interaction(date(2026, 11, 10), "visit")],
        promises=[Promise(date(2026, 11, 10), datetime(2026, 11, 20, 0, 0), "Call back")])
    window = open_window(qtbot, notebook, clock, made)
    choose(window, "Vi Lopez")
    promise = next(s for s in window.screens["today"].controller.model.suggestions()
                   if s.customer == "Vi Lopez")
    window.screens["today"].controller.select(promise.key)
    window.actions["dismiss_suggestion"].trigger()
    settle(window)
    assert "Vi Lopez" not in [c for _g, c, _k in shown(window)]
    month_on = MONDAY + timedelta(days=30)  # the default cadence, from the day of dismissing
    assert "Vi Lopez" not in [s.customer for s in outreach.today_queue(month_on
                                                                       - timedelta(days=1))]
    assert "Vi Lopez" in [s.customer for s in outreach.today_queue(month_on)]
