"""The Calendar screen: the next 60 days of milestones by week, ages only when the year is
known, Feb 29 on Feb 28 in a common year, the post-by day of a card, opening the customer."""

from __future__ import annotations

from datetime import date

import pytest

from domain.dates import PartialDate
from domain.model import Fact, Milestone
from tests.ui.test_today_support import Clock, add, open_window, settle
from ui.calendar.model import COL_DATE, COL_OCCASION, COL_POST, COL_WHO, COL_YEARS
from ui.today.rows import SUB_ROLE

COMMON_YEAR_DAY = date(2027, 2, 20)  # a Saturday; 2027 has no Feb 29


@pytest.fixture
def people(notebook):
    return {
        "leap": add("Lea", milestones=[Milestone("birthday", PartialDate(2, 29, 1988))]),
        "yearless": add("Yan", milestones=[Milestone("birthday", PartialDate(3, 5))]),
        "family": add("Maria", facts=[Fact("family", "Ella", PartialDate(3, 1, 2018),
                                           "daughter")]),
        "later": add("Otto", milestones=[Milestone("wedding_anniversary",
                                                   PartialDate(5, 30, 2000))]),
    }


@pytest.fixture
def calendar(qtbot, notebook, people, made):
    window = open_window(qtbot, notebook, Clock(COMMON_YEAR_DAY), made)
    window.show_screen("calendar")
    screen = window.screens["calendar"]
    qtbot.waitUntil(lambda: screen.controller.today is not None, timeout=5000)
    settle(window)
    return window, screen


def _rows(screen):
    model = screen.controller.model
    out = []
    for row in range(model.rowCount()):
        r = model.row_at(row)
        if r.is_header:
            out.append((r.label, r.count))
        else:
            out.append(tuple(model.index(row, c).data()
                             for c in (COL_DATE, COL_WHO, COL_OCCASION, COL_YEARS, COL_POST)))
    return out


def test_milestones_of_the_next_sixty_days_by_week(calendar):
    _window, screen = calendar
    assert _rows(screen) == [
        ("Next week", 1),
        ("Sun 28 Feb", "Lea Lopez", "Birthday", "turns 39", "Mon 22 Feb"),
        ("Week of Mon 1 Mar", 2),
        ("Mon 1 Mar", "Maria Lopez", "Ella's birthday (Maria's daughter)", "turns 9",
         "Mon 22 Feb"),
        ("Fri 5 Mar", "Yan Lopez", "Birthday", "", "Fri 26 Feb"),
    ]
    assert "3 milestones in the next 60 days" in screen.view.subtitle.text()


def test_a_year_less_birthday_never_shows_an_age(calendar):
    _window, screen = calendar
    model = screen.controller.model
    row = next(r for r in model.item_rows() if model.item_at(r).customer == "Yan Lopez")
    assert model.index(row, COL_YEARS).data() == ""
    assert model.index(row, COL_DATE).data(SUB_ROLE) == "In 13 days"


def test_feb_29_falls_on_feb_28_in_a_common_year(calendar):
    _window, screen = calendar
    entries = [screen.controller.entry_at(r) for r in screen.controller.model.item_rows()]
    lea = next(e for e in entries if e.customer == "Lea Lopez")
    assert lea.when == date(2027, 2, 28)


def test_double_click_opens_the_customer(calendar, people, qtbot):
    window, screen = calendar
    model = screen.controller.model
    row = next(r for r in model.item_rows() if model.item_at(r).customer == "Maria Lopez")
    screen.view.tree.doubleClicked.emit(model.index(row, COL_WHO))
    customers = window.screens["customers"]
    assert window.stack.currentWidget() is customers
    qtbot.waitUntil(lambda: customers.detail.customer_id() == people["family"], timeout=5000)


def test_a_late_card_says_so(qtbot, notebook, made):
    add("Kim", milestones=[Milestone("birthday", PartialDate(2, 23, 1990))])
    window = open_window(qtbot, notebook, Clock(COMMON_YEAR_DAY), made)
    window.show_screen("calendar")
    settle(window)
    rows = _rows(window.screens["calendar"])
    assert rows[1] == ("Tue 23 Feb", "Kim Lopez", "Birthday", "turns 37", "Too late to post")


def test_nothing_coming_up_says_what_to_do(qtbot, notebook, made):
    window = open_window(qtbot, notebook, Clock(COMMON_YEAR_DAY), made)
    window.show_screen("calendar")
    settle(window)
    view = window.screens["calendar"].view
    assert view.pages.currentWidget() is view.empty


def test_an_other_milestone_is_named_by_its_note(qtbot, notebook, made):
    add("Renée", milestones=[Milestone("custom", PartialDate(3, 2), note="Shop opening\nbring "
                                       "balloons")])
    window = open_window(qtbot, notebook, Clock(COMMON_YEAR_DAY), made)
    window.show_screen("calendar")
    settle(window)
    rows = _rows(window.screens["calendar"])
    assert rows[1][:3] == ("Tue 2 Mar", "Renée Lopez", "Shop opening")
