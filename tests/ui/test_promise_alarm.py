"""Issue 16, Deliver 7: while the window is open, a notice when a promise with a time falls
due; one timer set for the next one (no polling), re-set after a change; never twice for one
promise; those already overdue at opening make one summary. The clock is a test's own."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from domain.model import Interaction, Promise
from storage import timeline
from tests.ui.helpers import add_customer, settle
from ui.promise_alarm import PromiseAlarm


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def promised(who: int, hour: int, what: str, minute: int = 0, day: int = 23) -> None:
    timeline.add(who, Promise(date(2026, 11, 20), datetime(2026, 11, day, hour, minute), what))


@pytest.fixture
def ana(notebook):
    return add_customer(given_name="Ana", family_name="Lopez",
                        interactions=[Interaction(date(2026, 11, 20), "call")])


def alarm_for(window, clock) -> tuple[PromiseAlarm, list]:
    alarm = PromiseAlarm(window.ops, window.events, window, clock=clock, tray=False)
    said: list[tuple[str, str]] = []
    alarm.told.connect(lambda title, text: said.append((title, text)))
    alarm.start()
    settle(window)
    return alarm, said


def ring(window, alarm, clock, at: datetime) -> None:
    """Time passes to ``at`` and the timer goes off (no sleeping)."""
    assert alarm.timer.isActive()
    clock.now = at
    alarm.timer.timeout.emit()
    settle(window)


def test_a_promise_is_told_at_its_hour_once(ana, window):
    promised(ana, 15, "Call back about the order")
    promised(ana, 17, "Send the quote", minute=30)
    clock = Clock(datetime(2026, 11, 23, 14, 0))
    alarm, said = alarm_for(window, clock)
    assert said == []
    assert alarm.next_at == datetime(2026, 11, 23, 15, 0)
    assert 3_599_000 <= alarm.timer.remainingTime() <= 3_600_000  # one timer, for 3 pm
    ring(window, alarm, clock, datetime(2026, 11, 23, 15, 0))
    assert said == [("Promise due: Ana", "Call back about the order — promised for 3 pm")]
    assert "promised for 3 pm" in window.statusBar().currentMessage()  # no tray here
    assert alarm.next_at == datetime(2026, 11, 23, 17, 30)
    window.events.changed(None, timeline={ana})  # any change looks again: nothing twice
    alarm._settle.timeout.emit()
    settle(window)
    ring(window, alarm, clock, datetime(2026, 11, 23, 17, 30))
    assert said[1:] == [("Promise due: Ana", "Send the quote — promised for 5:30 pm")]
    assert alarm.next_at is None and not alarm.timer.isActive()


def test_a_new_promise_sets_the_timer_again(ana, window):
    clock = Clock(datetime(2026, 11, 23, 14, 0))
    alarm, said = alarm_for(window, clock)
    assert alarm.next_at is None and not alarm.timer.isActive()
    promised(ana, 14, "Ring the supplier", minute=20)
    window.events.changed(None, timeline={ana})
    alarm._settle.timeout.emit()
    settle(window)
    assert alarm.next_at == datetime(2026, 11, 23, 14, 20)
    ring(window, alarm, clock, datetime(2026, 11, 23, 14, 20, 1))
    assert said == [("Promise due: Ana", "Ring the supplier — promised for 2:20 pm")]


def test_overdue_at_opening_is_one_summary_not_a_flood(ana, window):
    bob = add_customer(given_name="Bob", family_name="Ng")
    for n in range(5):
        promised(ana if n % 2 else bob, 8 + n, f"Promise {n}")
    promised(ana, 0, "Due on the day, no hour")  # never a notice
    clock = Clock(datetime(2026, 11, 23, 14, 0))
    alarm, said = alarm_for(window, clock)
    assert said == [("5 promises are past their time",
                     "Bob (8 am), Ana (9 am), Bob (10 am) and 2 more. They are on Today.")]
    window.events.changed(None, timeline={ana})
    alarm._settle.timeout.emit()
    settle(window)
    assert len(said) == 1


def test_a_closed_window_tells_nothing(ana, window):
    promised(ana, 15, "Call back")
    clock = Clock(datetime(2026, 11, 23, 14, 0))
    alarm, said = alarm_for(window, clock)
    alarm.stop()
    clock.now = datetime(2026, 11, 23, 15, 0)
    alarm.check()
    settle(window)
    assert said == [] and not alarm.timer.isActive()
