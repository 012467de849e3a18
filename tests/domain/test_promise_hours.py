"""Issue 16, Deliver 7: the words of a promise falling due at its hour, and which notices a
check gives: never twice for one promise, one summary for those overdue when the window opens."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from domain.promise_hours import TimedPromise, clock_time, notices, promise_notice

TODAY = date(2026, 11, 23)


def promise(pid: int, who: str, hour: int, minute: int = 0, day: int = 23,
            what: str = "Call back about the order") -> TimedPromise:
    return TimedPromise(pid, pid, who, what, datetime(2026, 11, day, hour, minute))


@pytest.mark.parametrize("hour, minute, said", [
    (15, 0, "3 pm"), (9, 30, "9:30 am"), (12, 0, "12 pm"), (0, 5, "12:05 am"), (23, 59, "11:59 pm"),
])
def test_a_clock_time_as_the_owner_says_it(hour, minute, said):
    assert clock_time(datetime(2026, 11, 23, hour, minute)) == said


def test_one_promise_at_its_hour():
    assert promise_notice(promise(1, "Ana", 15), TODAY) == (
        "Promise due: Ana", "Call back about the order — promised for 3 pm")
    assert promise_notice(promise(1, "Ana", 15, day=20), TODAY) == (
        "Promise due: Ana", "Call back about the order — promised for 3 pm on 20 Nov 2026")


def test_each_promise_falling_due_is_told_once():
    told: set[int] = set()
    first = notices([promise(1, "Ana", 15)], told, opening=False, today=TODAY)
    assert first == [("Promise due: Ana", "Call back about the order — promised for 3 pm")]
    assert told == {1}
    assert notices([promise(1, "Ana", 15)], told, opening=False, today=TODAY) == []
    both = notices([promise(1, "Ana", 15), promise(2, "Bob", 15)], told, False, TODAY)
    assert [title for title, _ in both] == ["Promise due: Bob"]


def test_promises_overdue_when_the_window_opens_make_one_summary():
    told: set[int] = set()
    late = [promise(n, name, 9 + n) for n, name in enumerate(["Ana", "Bob", "Cy", "Di"], 1)]
    [(title, text)] = notices(late, told, opening=True, today=TODAY)
    assert title == "4 promises are past their time"
    assert text == "Ana (10 am), Bob (11 am), Cy (12 pm) and 1 more. They are on Today."
    assert told == {1, 2, 3, 4}
    assert notices(late, told, opening=False, today=TODAY) == []


def test_one_overdue_at_opening_is_told_as_itself():
    [(title, text)] = notices([promise(7, "Ana", 8)], set(), opening=True, today=TODAY)
    assert (title, text) == ("Promise overdue: Ana",
                             "Call back about the order — promised for 8 am")


def test_many_falling_due_at_once_make_one_summary_too():
    many = [promise(n, f"P{n}", 15) for n in range(1, 8)]
    [(title, _text)] = notices(many, set(), opening=False, today=TODAY)
    assert title == "7 promises are due now"


def test_hostile_text_is_made_safe_for_a_notification():
    p = promise(1, "Ana\x1b[2J", 15, what="Call\nback\x07 " + "x" * 500)
    title, text = promise_notice(p, TODAY)
    assert "\x1b" not in title and "\x07" not in text and "\n" not in text
    assert len(text) <= 200
