"""How long a dismissal lasts (issue 14 item 6): until the next occasion of its kind, and for
an occurrence that never passes by itself (a lapse, an open promise or problem) one cadence
period at most, so that dismissing it never silences the customer for good."""

from datetime import date

import pytest

from domain.outreach import Settings, State, build_queue
from domain.outreach.queue import dismissal
from domain.outreach.schedule import shift
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


def on(c, day: date, states, **settings):
    return [s.kind for s in build_queue([c], day, Settings(**settings), states)]


def dismissed_on(c, kind: str, day: date = FRI_20_NOV, every: int = 30) -> dict[str, State]:
    (s,) = [s for s in queue(c, today=day) if s.kind == kind]
    return {s.key: dismissal(s, day, every)}


@pytest.mark.parametrize("c, kind", [
    (person(purchases=MONTHLY, touches=[touch("2026-05-01")]), "lapsed"),
    (person(promises=[promise("2026-11-18T00:00")], touches=[touch("2026-09-01")]),
     "promise_due"),
    (person(problems=[problem("2026-11-10")], touches=[touch("2026-09-01")]),
     "problem_follow_up"),
])
def test_a_dismissal_lasts_one_cadence_period_then_it_is_back(c, kind):
    states = dismissed_on(c, kind)
    assert on(c, FRI_20_NOV, states) == []  # nor a keep-in-touch in its place
    assert on(c, shift(FRI_20_NOV, 29), states) == []
    assert on(c, shift(FRI_20_NOV, 30), states) == [kind]


def test_the_limit_is_the_customers_own_cadence():
    c = person(cadence_days=14, purchases=MONTHLY, touches=[touch("2026-05-01")])
    (s,) = queue(c)
    assert dismissal(s, FRI_20_NOV, 14) == State(d("2026-12-04"), dismissed=True)
    states = {s.key: dismissal(s, FRI_20_NOV, 14)}
    assert on(c, d("2026-12-03"), states) == [] and on(c, d("2026-12-04"), states) == ["lapsed"]


def test_a_dismissed_we_miss_you_comes_back_at_the_next_lapse_within_the_limit():
    c = person(purchases=MONTHLY, touches=[touch("2026-05-01")])
    states = dismissed_on(c, "lapsed", every=400)  # a long cadence: the next lapse comes first
    c.purchases = [*MONTHLY, d("2026-11-21")]  # she came back, then stayed away again
    again = build_queue([c], d("2027-02-22"), Settings(), states)
    assert [s.kind for s in again] == ["lapsed"] and again[0].key not in states


def test_occasions_that_pass_by_themselves_stay_dismissed_for_good():
    birthday = person(milestones=[milestone("birthday", "--12-04")],
                      touches=[touch("2026-11-19")])
    (s,) = queue(birthday)
    assert dismissal(s, FRI_20_NOV, 30) == State(dismissed=True)
    kit = person(touches=[touch("2026-10-01")])
    (s,) = queue(kit)
    assert dismissal(s, FRI_20_NOV, 30) == State(dismissed=True)  # the next period is new


def test_an_expired_dismissal_is_loaded_but_hides_nothing():
    assert State(d("2026-12-20"), dismissed=True).hides(d("2026-12-19"))
    assert not State(d("2026-12-20"), dismissed=True).hides(d("2026-12-20"))
    assert State(dismissed=True).hides(date.max)
