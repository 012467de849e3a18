"""The Today screen: three groups in the engine's order, who / why / when / how on each row,
the sidebar count, the empty state, keys, opening the customer, refreshing on changes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

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
from ui.today.model import COL_HOW, COL_WHEN, COL_WHO, COL_WHY
from ui.today.rows import SUB_ROLE


@pytest.fixture
def people(notebook):
    return prepare()


@pytest.fixture
def window(qtbot, notebook, people, clock, made):
    return open_window(qtbot, notebook, clock, made)


def test_the_window_opens_on_today_with_three_groups(window):
    screen = window.screens["today"]
    assert window.stack.currentWidget() is screen
    assert window.sidebar.item(0).text().startswith("Today")
    assert shown(window) == [("Overdue", "Olga Lopez", "keep_in_touch"),
                             ("Today", "Tara Lopez", "promise_due"),
                             ("This week", "Wes Lopez", "milestone")]
    model = screen.controller.model
    headers = [model.row_at(r) for r in model.header_rows()]
    assert [(h.label, h.count) for h in headers] == [("Overdue", 1), ("Today", 1),
                                                     ("This week", 1)]
    assert "Monday 23 November 2026" in screen.view.subtitle.text()
    assert "1 overdue" in screen.view.subtitle.text()


def test_each_row_says_who_why_when_and_how(window):
    model = window.screens["today"].controller.model

    def cells(customer):
        row = next(r for r in model.item_rows() if model.item_at(r).customer == customer)
        return [(model.index(row, c).data(), model.index(row, c).data(SUB_ROLE))
                for c in (COL_WHO, COL_WHY, COL_WHEN, COL_HOW)]

    assert cells("Olga Lopez") == [
        ("Olga Lopez", "Keep in touch"),
        ("Last touch 53 days ago (a call on 1 Oct)", ""),
        ("23 days overdue", "Sat 31 Oct"),
        ("Email", "")]
    assert cells("Tara Lopez")[2] == ("Due today by 15:00", "Mon 23 Nov")  # issue 14: its hour
    assert cells("Wes Lopez") == [
        ("Wes Lopez", "Birthday"),
        ("Birthday on Fri 4 Dec (turns 46) — post the card by 27 Nov", ""),
        ("In 4 days", "Fri 27 Nov"),
        ("Posted card", "")]
    for row in model.item_rows():  # plain words only: no kind codes, no ids
        text = " ".join(str(model.index(row, c).data()) for c in range(4))
        assert "_" not in text and "milestone:" not in text


def test_the_sidebar_counts_overdue_and_today(window):
    item = window.sidebar.item(0)
    assert item.text() == "Today  2"
    assert item.toolTip() == "2 suggestions overdue or due today"


def test_the_side_panel_shows_the_chosen_suggestion(window):
    choose(window, "Wes Lopez")
    panel = window.screens["today"].view.panel
    assert panel.currentWidget() is panel.page
    assert panel.name.text() == "Wes Lopez"
    assert "post the card by 27 Nov" in panel.reason.text()
    assert panel.write_button.isVisible() and panel.write_button.isEnabled()
    choose(window, "Tara Lopez")
    assert not panel.write_button.isVisibleTo(panel)  # a promise is kept in your own words
    assert panel.done_button.isEnabled()


def test_enter_and_ctrl_l_on_the_list_open_done(window, qtbot, monkeypatch):
    asked = []

    def record(dialog):
        asked.append(dialog.channel.currentData())
        return dialogs.DoneDialog.DialogCode.Rejected

    monkeypatch.setattr(dialogs.DoneDialog, "exec", record)
    screen = window.screens["today"]
    choose(window, "Olga Lopez")
    tree = screen.view.tree
    window.activateWindow()
    tree.setFocus()
    qtbot.waitUntil(tree.hasFocus, timeout=2000)
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    settle(window)
    qtbot.keyClick(tree, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    settle(window)
    assert asked == ["email", "email"]
    assert window.stack.currentWidget() is screen  # Ctrl+L stayed on Today


def test_open_customer_shows_them_on_the_customers_screen(window, people, qtbot):
    choose(window, "Wes Lopez")
    window.screens["today"].view.panel.open_button.click()
    customers = window.screens["customers"]
    assert window.stack.currentWidget() is customers
    qtbot.waitUntil(lambda: customers.detail.customer_id() == people["wes"], timeout=5000)
    settle(window)
    assert customers.detail_page.name.text() == "Wes Lopez"


def test_a_change_in_the_notebook_refreshes_the_queue(window):
    cid = add("Zed", interactions=[])  # never touched, a customer since 2020: overdue
    window.events.changed(None, customers={cid})
    settle(window)
    assert ("Overdue", "Zed Lopez", "keep_in_touch") in shown(window)
    assert window.sidebar.item(0).text() == "Today  3"


def test_a_new_day_reloads(window, clock):
    clock.day = MONDAY.replace(day=30)
    window.screens["today"].controller.check_date()
    settle(window)
    screen = window.screens["today"]
    assert "Monday 30 November 2026" in screen.view.subtitle.text()
    assert shown(window) == [("Overdue", "Olga Lopez", "keep_in_touch"),
                             ("Overdue", "Tara Lopez", "promise_due"),
                             ("This week", "Wes Lopez", "milestone")]
    wes = next(s for s in screen.controller.model.suggestions() if s.customer == "Wes Lopez")
    assert wes.channel == "phone"  # too late to post the card: call on the day


def test_nothing_due_says_so_kindly(qtbot, notebook, clock, made):
    from domain.model import Interaction

    add("Ana", interactions=[Interaction(MONDAY, "visit")])  # seen today: nothing due
    window = open_window(qtbot, notebook, clock, made)
    view = window.screens["today"].view
    assert view.pages.currentWidget() is view.empty
    assert view.empty.heading.text() == "Nothing due — a good day to call a regular"
    assert window.sidebar.item(0).text() == "Today"


def test_an_other_milestone_is_named_by_its_note(qtbot, notebook, clock, made):
    from domain.dates import PartialDate
    from domain.model import Interaction, Milestone

    add("Renée", interactions=[Interaction(MONDAY, "visit")],
        milestones=[Milestone("custom", PartialDate(11, 27),
                              note="Opening night of her solo show at the Pearl gallery")])
    window = open_window(qtbot, notebook, clock, made)
    [s] = window.screens["today"].controller.model.suggestions()
    assert s.title == "Opening night of her solo show at the Pearl gallery"
    assert s.reason.startswith("Opening night of her solo show at the Pearl gallery on Fri")
    assert "Other" not in s.reason


def test_a_failed_read_says_so_and_a_later_change_reads_again(
        qtbot, notebook, people, clock, made, monkeypatch):
    """A read that fails (a disk error, damage) leaves no endless "Looking through…": the
    page says what happened, and the next change in the notebook reads the queue again."""
    from storage.db import NotebookError
    from tests.ui.test_today_support import screens_at
    from ui.app import close_thread_connection
    from ui.events import AppEvents
    from ui.main_window import MainWindow
    from ui.operations import Operations
    from ui.preferences import Preferences
    from ui.today.service import TodayService

    real = TodayService.queue
    failing = [True]

    def queue(self, today):
        if failing[0]:
            raise NotebookError("The notebook could not be read (a disk error).")
        return real(self, today)

    monkeypatch.setattr(TodayService, "queue", queue)
    window = MainWindow(notebook, AppEvents(), Operations(after_each=close_thread_connection),
                        Preferences("US", False), screens_at(clock))
    qtbot.addWidget(window)
    window.show()
    made.append(window)
    view = window.screens["today"].view
    qtbot.waitUntil(lambda: view.pages.currentWidget() is view.failed, timeout=5000)
    assert "could not be read" in view.failed.text.text()
    failing[0] = False
    window.events.changed(None, customers=None)
    qtbot.waitUntil(window.screens["today"].controller.is_loaded, timeout=5000)
    settle(window)
    assert view.pages.currentWidget() is view.splitter


def test_on_a_small_laptop_the_reason_stays_readable(window, qtbot):
    """At 1024×700 the fixed Who/When/How widths left Why a few characters ("No purch…") behind
    a horizontal scrollbar. The fixed columns give way first; the reason keeps a third."""
    window.resize(1024, 700)
    qtbot.wait(50)
    tree = window.screens["today"].view.tree
    header = tree.header()
    total = sum(header.sectionSize(c) for c in range(header.count()))
    assert total <= tree.viewport().width() + 1
    assert header.sectionSize(COL_WHY) >= tree.viewport().width() * 0.3
    window.resize(1440, 900)
    qtbot.wait(50)
    assert header.sectionSize(COL_WHO) == 205  # full widths where there is room


def test_on_a_small_laptop_the_name_comes_before_the_channel_word(
        qtbot, notebook, people, clock, made):
    """At 1024×700 names were cut ("Gerald Whitfi…") while How spelled "Post…" beside its
    icon. How gives way first, to its icon alone (the word is the cell's tip, and the side
    panel's "Suggested: …"); the name keeps the room. With a desktop's font at 96 dpi (the
    offscreen one is smaller, and everything fitted)."""
    from PySide6.QtGui import QFont, QFontMetrics
    from PySide6.QtWidgets import QApplication

    usual = QApplication.font()
    larger = QFont(usual)
    larger.setPointSizeF(usual.pointSizeF() * 1.25)
    QApplication.setFont(larger)
    try:
        window = open_window(qtbot, notebook, clock, made)
        window.resize(1024, 700)
        qtbot.wait(50)
        tree = window.screens["today"].view.tree
        header = tree.header()
        bold = QFont(tree.font())
        bold.setWeight(QFont.Weight.DemiBold)
        name = QFontMetrics(bold).horizontalAdvance("Gerald Whitfield") + 16
        assert header.sectionSize(COL_WHO) >= name
        word = QFontMetrics(tree.font()).horizontalAdvance("Posted card") + 16 + 16 + 8
        assert header.sectionSize(COL_HOW) < word  # narrower than icon and word: icon alone
        model = tree.model()
        rows = [model.index(r, COL_HOW) for r in range(model.rowCount())]
        words = {i.data(Qt.ItemDataRole.DisplayRole) for i in rows} - {None, ""}
        assert words and words <= {i.data(Qt.ItemDataRole.ToolTipRole) for i in rows}
    finally:
        QApplication.setFont(usual)
