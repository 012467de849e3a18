"""Issue 14, behaviour 3: Today says a promise's hour and orders by it; once the hour has
passed on its day the promise is overdue. The screen's clock gives the time of day (a clock
giving only a day, as in the other tests, plans by the day)."""

from __future__ import annotations

from datetime import date, datetime

from domain.model import Interaction, Promise
from tests.ui.test_today_support import MONDAY, Clock, add, open_window, shown
from ui.today.model import suggestion_cells


def promised(given: str, hour: int) -> int:
    return add(given, interactions=[Interaction(date(2026, 11, 20), "visit")],
               promises=[Promise(date(2026, 11, 18), datetime(2026, 11, 23, hour, 0),
                                 f"Call back about the {given.lower()} order")])


def test_a_promise_is_overdue_after_its_hour_and_today_orders_by_the_hour(
        qtbot, notebook, made):
    promised("Ann", 17)
    promised("Zed", 9)
    promised("Bob", 15)
    clock = Clock(datetime(2026, 11, 23, 15, 1))  # a minute past Bob's hour
    window = open_window(qtbot, notebook, clock, made)
    assert shown(window) == [("Overdue", "Zed Lopez", "promise_due"),
                             ("Overdue", "Bob Lopez", "promise_due"),
                             ("Today", "Ann Lopez", "promise_due")]
    controller = window.screens["today"].controller
    assert controller.today == MONDAY
    cells = {s.customer: suggestion_cells(s, MONDAY) for s in controller.model.suggestions()}
    assert cells["Bob Lopez"][2].text == "Overdue since 15:00"
    assert cells["Bob Lopez"][1].text.endswith("overdue since 15:00")
    assert cells["Ann Lopez"][2].text == "Due today by 17:00"
