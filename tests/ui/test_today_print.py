"""Issue 13, finding 7: "Print today's cards" on Today, in one action. It writes the day's
posted cards (the rule ``print-cards`` uses), opens the batch print dialog with the cards and
their envelopes, and once they are printed offers to mark them printed, which logs a card
touch for each customer. With no posted card due, the button is off and says why."""

from __future__ import annotations

from domain.dates import PartialDate
from domain.model import Interaction, Milestone
from storage import customers
from storage import templates as store
from tests.ui.test_today_support import MONDAY, add, open_window, prepare, settle, shown
from ui.cards.print_dialog import PrintDialog


def birthday(given: str, day: int) -> int:
    return add(given, interactions=[Interaction(MONDAY, "visit")],
               milestones=[Milestone("birthday", PartialDate(12, day, 1980))])


def test_the_button_counts_the_days_cards_and_prints_them(qtbot, notebook, clock, made):
    ids = prepare()  # Wes: a birthday card to post this week; Olga and Tara: no card
    yan = birthday("Yan", 2)
    window = open_window(qtbot, notebook, clock, made)
    button = window.screens["today"].view.print_button
    assert button.isEnabled() and button.text() == "Print today's 2 cards"
    button.click()
    settle(window)
    dialog = window.findChild(PrintDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.is_ready, timeout=10000)
    assert sorted(c.customer_id for c in dialog.batch.cards) == sorted([ids["wes"], yan])
    assert {c.occasion for c in dialog.batch.cards} == {"birthday"}
    assert dialog.envelope_format.currentData() and dialog.batch.envelope_pdf is not None
    assert len(store.list_cards("queued")) == 2  # written once, as print-cards writes them

    dialog.cards_pane.printed.emit(2)  # the printer took them: now offer to mark them
    assert dialog.mark_printed.isDefault() and "Mark them printed" in dialog.note.text()
    dialog.mark("printed")
    settle(window)
    assert {c.status for c in store.list_cards()} == {"printed"}
    for who in (ids["wes"], yan):
        assert [i.kind for i in customers.get_customer(who).interactions
                if i.kind == "card"] == ["card"]


def test_the_button_is_off_with_a_reason_when_no_card_is_due(qtbot, notebook, clock, made):
    add("Olga", interactions=[Interaction(MONDAY.replace(month=10, day=1), "call")])
    window = open_window(qtbot, notebook, clock, made)
    button = window.screens["today"].view.print_button
    assert not button.isEnabled()
    assert button.text() == "Print today's cards"
    assert "No posted cards are due" in button.toolTip()


def test_the_button_is_off_in_a_read_only_notebook(qtbot, notebook, clock, made):
    from storage.db import NotebookInfo

    prepare()
    info = NotebookInfo(notebook.path, notebook.version, True, "Opened read-only.")
    window = open_window(qtbot, info, clock, made)
    button = window.screens["today"].view.print_button
    assert not button.isEnabled() and "read-only" in button.toolTip()


def test_a_broken_template_prints_nothing_and_says_where_to_mend_it(qtbot, notebook, clock,
                                                                      made, monkeypatch):
    from domain.templates import TemplateProblem
    from ui.today.service import TodayService

    prepare()
    window = open_window(qtbot, notebook, clock, made)

    def broken(self, posted, today):
        raise TemplateProblem("the “Warm” template (Birthday) cannot be used: a bad brace")

    monkeypatch.setattr(TodayService, "todays_cards", broken)
    window.screens["today"].view.print_button.click()
    settle(window)
    assert window.findChild(PrintDialog) is None
    said = window.statusBar().currentMessage()
    assert "Nothing was printed" in said and "Mend it on the Templates screen" in said
    assert window.screens["today"].view.print_button.isEnabled()


def test_marking_the_batch_printed_settles_what_it_answers(qtbot, notebook, clock, made):
    """Issue 14, behaviour 2: the cards marked printed in the batch dialog take their
    suggestions off Today (as Done would), on the screen's day, not the machine's. (Their
    last touch is weeks old: the anti-nag cap hides nothing here.)"""
    ids = prepare()
    old = Interaction(MONDAY.replace(day=2), "visit")
    ann, bo = (add(given, interactions=[old],
                   milestones=[Milestone("birthday", PartialDate(11, 28, 1980))])
               for given in ("Ann", "Bo"))
    window = open_window(qtbot, notebook, clock, made)
    window.screens["today"].view.print_button.click()
    settle(window)
    dialog = window.findChild(PrintDialog)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.is_ready, timeout=10000)
    assert {c.customer_id for c in dialog.batch.cards} == {ids["wes"], ann, bo}
    dialog.cards_pane.printed.emit(3)
    dialog.mark("printed")
    settle(window)
    assert [(who, kind) for _g, who, kind in shown(window)] == [
        ("Olga Lopez", "keep_in_touch"), ("Tara Lopez", "promise_due")]
    button = window.screens["today"].view.print_button
    assert not button.isEnabled() and button.text() == "Print today's cards"
    assert {c.customer_id for c in store.list_cards("printed")} == {ids["wes"], ann, bo}
