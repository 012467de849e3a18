"""The queue: window, order, groups, the cap, snooze and dismiss."""

from datetime import date

import pytest

from domain.outreach import Settings, State, build_queue
from domain.outreach.queue import grouped
from tests.domain.outreach_builders import (
    FRI_20_NOV,
    d,
    milestone,
    person,
    problem,
    promise,
    queue,
    touch,
)

MONTHLY = [d("2026-01-05"), d("2026-02-04"), d("2026-03-06"), d("2026-04-05")]


def test_sorted_by_due_date_then_kind_priority():
    a = person(1, "Ann Lee", promises=[promise("2026-11-20T00:00")],
               touches=[touch("2026-11-19")])
    b = person(2, "Bo Chen", touches=[touch("2026-10-21")])  # keep in touch due 20 Nov
    c = person(3, "Cy Diaz", problems=[problem("2026-11-17")])  # follow-up due 20 Nov
    e = person(4, "Eve Fox", touches=[touch("2026-10-01")])  # overdue since 31 Oct
    found = queue(b, a, c, e)
    assert [(s.customer, s.kind) for s in found] == [
        ("Eve Fox", "keep_in_touch"), ("Ann Lee", "promise_due"),
        ("Cy Diaz", "problem_follow_up"), ("Bo Chen", "keep_in_touch")]


def test_grouped_overdue_today_this_week():
    a = person(1, "Ann Lee", touches=[touch("2026-10-01")])
    b = person(2, "Bo Chen", touches=[touch("2026-10-21")])
    c = person(3, "Cy Diaz", touches=[touch("2026-10-25")])
    groups = grouped(queue(a, b, c), FRI_20_NOV)
    assert [(label, [s.customer for s in items]) for label, items in groups] == [
        ("Overdue", ["Ann Lee"]), ("Today", ["Bo Chen"]), ("This week", ["Cy Diaz"])]


def test_cap_counts_recent_touches():
    busy = person(milestones=[milestone("birthday", "--12-04")], purchases=MONTHLY,
                  touches=[touch("2026-11-10"), touch("2026-11-12", "email", "email")])
    assert [s.kind for s in queue(busy)] == ["milestone"]  # issue 14: only the nudge waits
    once = person(milestones=[milestone("birthday", "--12-04")], purchases=MONTHLY,
                  touches=[touch("2026-11-12")])
    assert [s.kind for s in queue(once)] == ["milestone"]  # the card before the nudge


def test_touches_older_than_a_fortnight_leave_room():
    c = person(milestones=[milestone("birthday", "--12-04")], purchases=MONTHLY,
               touches=[touch("2026-11-06"), touch("2026-11-06", "email", "email")])
    assert sorted(s.kind for s in queue(c)) == ["lapsed", "milestone"]


def test_cap_of_queued_suggestions_keeps_the_most_important():
    c = person(milestones=[milestone("birthday", "--12-04"),
                           milestone("wedding_anniversary", "--12-03")],
               purchases=MONTHLY, touches=[touch("2026-05-01")])
    assert [s.kind for s in queue(c)] == ["milestone", "milestone"]
    assert [s.kind for s in queue(c, cap_touches=3)] == ["lapsed", "milestone", "milestone"]


def test_promises_problems_and_sympathy_are_never_capped():
    c = person(promises=[promise("2026-11-20T00:00")], problems=[problem("2026-11-10")],
               milestones=[milestone("bereavement", "2026-11-18")],
               touches=[touch("2026-11-19", "visit"), touch("2026-11-18", "call"),
                        touch("2026-11-17", "email", "email")])
    assert sorted(s.kind for s in queue(c)) == ["problem_follow_up", "promise_due", "sympathy"]


def test_snoozed_until_a_day_then_back_on_that_day():
    c = person(touches=[touch("2026-10-01")])
    key = queue(c)[0].key
    states = {key: State(snoozed_until=d("2026-11-23"))}
    assert build_queue([c], FRI_20_NOV, Settings(), states) == []
    assert build_queue([c], d("2026-11-22"), Settings(), states) == []
    assert [s.key for s in build_queue([c], d("2026-11-23"), Settings(), states)] == [key]


def test_dismiss_hides_this_occurrence_only():
    c = person(milestones=[milestone("birthday", "--12-04")], touches=[touch("2026-11-19")])
    this_year = queue(c)[0]
    states = {this_year.key: State(dismissed=True)}
    assert build_queue([c], FRI_20_NOV, Settings(), states) == []
    next_year = build_queue([c], d("2027-11-26"), Settings(), states)
    assert [s.due for s in next_year] == [d("2027-11-29")]  # Sat 4 Dec 2027 → Mon 29 Nov
    assert next_year[0].key != this_year.key


def test_dismissed_keep_in_touch_comes_back_a_cadence_later():
    c = person(touches=[touch("2026-10-01")])
    first = queue(c)[0]
    states = {first.key: State(dismissed=True)}
    assert build_queue([c], FRI_20_NOV, Settings(), states) == []
    later = build_queue([c], d("2026-11-30"), Settings(), states)
    assert [s.kind for s in later] == ["keep_in_touch"] and later[0].key != first.key


def test_json_objects_carry_what_the_command_line_promises():
    found = queue(person(touches=[touch("2026-10-01")]))[0].to_json(FRI_20_NOV)
    assert {"customer", "customer_id", "kind", "due", "channel", "reason", "key",
            "occasion"} <= set(found)
    assert found["due"] == "2026-10-31" and found["customer"] == "Maria Lopez"


def hiding(found, kind: str, state: State) -> dict[str, State]:
    """``state`` for the one suggestion of ``kind`` in ``found``."""
    (key,) = [s.key for s in found if s.kind == kind]
    return {key: state}


SNOOZED = State(snoozed_until=d("2026-11-27"))
DISMISSED = State(dismissed=True)


@pytest.mark.parametrize("state", [SNOOZED, DISMISSED])
def test_hiding_a_birthday_card_brings_no_keep_in_touch_in_its_place(state):
    c = person(milestones=[milestone("birthday", "--12-04")], touches=[touch("2026-09-01")])
    found = queue(c)
    assert [s.kind for s in found] == ["milestone"]  # overdue keep-in-touch gives way to it
    assert build_queue([c], FRI_20_NOV, Settings(), hiding(found, "milestone", state)) == []


@pytest.mark.parametrize("state", [SNOOZED, DISMISSED])
def test_hiding_a_promise_or_a_we_miss_you_brings_no_keep_in_touch(state):
    for c in (person(promises=[promise("2026-11-18T00:00")], touches=[touch("2026-09-01")]),
              person(purchases=MONTHLY, touches=[touch("2026-05-01")])):
        [found] = queue(c)
        assert found.kind in ("promise_due", "lapsed")
        assert build_queue([c], FRI_20_NOV, Settings(), {found.key: state}) == []


def test_hiding_a_card_frees_no_room_under_the_cap_for_a_we_miss_you():
    c = person(milestones=[milestone("birthday", "--12-04")], purchases=MONTHLY,
               touches=[touch("2026-11-12")])  # one touch this fortnight: room for one more
    found = queue(c)
    assert [s.kind for s in found] == ["milestone"]
    assert build_queue([c], FRI_20_NOV, Settings(), hiding(found, "milestone", SNOOZED)) == []


def test_a_snoozed_card_comes_back_on_its_day_still_instead_of_keep_in_touch():
    c = person(milestones=[milestone("birthday", "--12-04")], touches=[touch("2026-09-01")])
    states = hiding(queue(c), "milestone", SNOOZED)
    assert [s.kind for s in build_queue([c], d("2026-11-27"), Settings(), states)] == [
        "milestone"]


def test_once_the_occurrence_has_passed_keep_in_touch_is_back():
    c = person(milestones=[milestone("birthday", "--12-04")], touches=[touch("2026-09-01")])
    states = hiding(queue(c), "milestone", DISMISSED)
    assert [s.kind for s in build_queue([c], d("2026-12-05"), Settings(), states)] == [
        "keep_in_touch"]


@pytest.mark.parametrize("done_on", ["2026-11-20", "2026-11-18"])
def test_after_done_the_next_keep_in_touch_comes_a_cadence_later(done_on):
    """Done logs a touch and marks the suggestion handled (dismissed): a lapsed customer the
    owner wrote to is not silenced for good, early (due this week) or late."""
    c = person(purchases=MONTHLY, touches=[touch("2026-05-01")])
    lapse = queue(c, today=d(done_on))[0]
    assert lapse.kind == "lapsed"
    states = {lapse.key: DISMISSED}
    c.touches = [touch(done_on, "email", "email"), *c.touches]
    assert build_queue([c], FRI_20_NOV, Settings(), states) == []
    month_on = date.fromordinal(d(done_on).toordinal() + 30)
    assert [s.kind for s in build_queue([c], month_on, Settings(), states)] == [
        "keep_in_touch"]
