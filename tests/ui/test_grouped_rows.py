"""The grouped list under Today and Calendar (ui.today.rows.GroupedModel) at the size of a large
shop's day: the view is given a few hundred rows at a time, and a change to a few rows (a
suggestion done, one come due) takes out and puts in those rows alone, keeping the view's
place and selection, instead of laying out thousands of rows again."""

from __future__ import annotations

from datetime import date

import pytest

from domain.outreach import Suggestion
from ui.today.model import TodayModel
from ui.today.view import grouped_tree

DAY = date(2026, 11, 23)


def suggestion(n: int, due: date = DAY) -> Suggestion:
    return Suggestion("milestone", n, f"Customer {n:05}", due, "mail", "birthday",
                      f"milestone:{n}:birthday", "Birthday on Fri 27 Nov", "Birthday")


@pytest.fixture
def shown(qtbot):
    model = TodayModel()
    tree = grouped_tree("todayList")
    tree.setModel(model)
    tree.resize(900, 600)
    qtbot.addWidget(tree)
    tree.show()
    queue = [suggestion(n) for n in range(1, 5001)]
    model.set_queue(queue, DAY)
    return model, tree, queue


def test_a_day_of_5000_suggestions_gives_the_view_a_few_hundred_rows(shown, qtbot):
    model, tree, queue = shown
    qtbot.wait(50)  # the view lays out and paints
    assert model.rowCount() == 300  # a header and the first 299
    assert model.data(model.index(0, 0)) == "Today (5000)"  # the count is of them all
    bar = tree.verticalScrollBar()
    bar.setValue(bar.maximum())  # scrolled to the end of what it has: the next rows come
    assert model.rowCount() == 600
    assert model.row_of(queue[-1].key) == 5000  # one asked for far down is given, with those
    assert model.rowCount() == 5001  # before it


def test_end_goes_to_the_last_suggestion_of_the_day(shown, qtbot):
    from PySide6.QtCore import Qt

    model, tree, queue = shown
    tree.setFocus()
    tree.setCurrentIndex(model.index(1, 0))
    qtbot.keyClick(tree, Qt.Key.Key_End)
    assert model.suggestion_at(tree.currentIndex().row()) is queue[-1]


def test_one_suggestion_done_takes_out_its_row_alone(shown, qtbot):
    model, tree, queue = shown
    tree.setCurrentIndex(model.index(model.row_of(queue[9].key), 0))
    with qtbot.assertNotEmitted(model.modelReset), \
            qtbot.waitSignal(model.rowsRemoved) as removed:
        model.set_queue(queue[:2] + queue[3:], DAY)  # the third is done
    assert removed.args[1:] == [3, 3]  # after the header
    assert model.rowCount() == 299
    assert model.data(model.index(0, 0)) == "Today (4999)"
    assert model.suggestion_at(tree.currentIndex().row()) is queue[9]  # still selected


def test_one_come_due_puts_in_its_row_alone(shown, qtbot):
    model, _tree, queue = shown
    new = suggestion(9999)
    with qtbot.assertNotEmitted(model.modelReset), \
            qtbot.waitSignal(model.rowsInserted) as inserted:
        model.set_queue([*queue[:5], new, *queue[5:]], DAY)
    assert inserted.args[1:] == [6, 6]
    assert model.suggestion_at(6) is new


def test_a_different_day_shows_the_list_again(shown, qtbot):
    model, _tree, _queue = shown
    with qtbot.waitSignal(model.modelReset):
        model.set_queue([suggestion(n, date(2026, 11, 24)) for n in range(1, 400)], DAY)
    assert model.rowCount() == 300
