"""Issue 14, behaviour 3: a promise made "back in 24 hours" is due at its hour, not its day.
The rule is given ``today`` and a ``now`` (never a clock): at 15:01 a promise due at 15:00 is
overdue on that day; without a ``now`` it is due that day, as before."""

from __future__ import annotations

from datetime import datetime

from domain.outreach import Settings, build_queue
from tests.domain.outreach_builders import FRI_20_NOV, d, one, person, promise


def at(hhmm: str) -> datetime:
    return datetime.fromisoformat(f"2026-11-20T{hhmm}")


def promised(*dues: str, now: datetime | None = None, pid: int = 7):
    people = [person(cid=n + 1, name=f"P{n} Lopez", promises=[promise(due, pid=pid + n)])
              for n, due in enumerate(dues)]
    return build_queue(people, FRI_20_NOV, Settings(), now=now)


def test_at_1501_a_promise_due_at_1500_is_overdue_and_says_since_when():
    found = one(promised("2026-11-20T15:00", now=at("15:01")), "promise_due")
    assert found.group(FRI_20_NOV) == "overdue"
    assert found.reason == "Promised: call back about the lilies — overdue since 15:00"


def test_before_its_hour_it_is_due_today_at_that_hour():
    found = one(promised("2026-11-20T15:00", now=at("14:59")), "promise_due")
    assert found.group(FRI_20_NOV) == "today"
    assert found.reason == "Promised: call back about the lilies — due today at 15:00"


def test_without_a_now_the_day_decides_as_before():
    found = one(promised("2026-11-20T15:00"), "promise_due")
    assert found.group(FRI_20_NOV) == "today"


def test_only_on_its_day_a_now_on_another_day_changes_nothing():
    tomorrow = one(promised("2026-11-21T09:00", now=at("23:59")), "promise_due")
    assert tomorrow.group(FRI_20_NOV) == "week"
    untimed = one(promised("2026-11-20T00:00", now=at("15:01")), "promise_due")
    assert untimed.group(FRI_20_NOV) == "today"  # no hour given: due all day


def test_promises_of_one_day_are_ordered_by_their_hour():
    found = promised("2026-11-20T16:30", "2026-11-20T09:00", "2026-11-20T00:00",
                     "2026-11-20T12:15")
    assert [s.due_time and s.due_time.isoformat("minutes") for s in found] == [
        "09:00", "12:15", "16:30", None]
    assert {s.due for s in found} == {d("2026-11-20")}
