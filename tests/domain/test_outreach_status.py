"""An archived or deceased customer gets no suggestion at all, whatever is due for them; made
active again, everything comes back (the rules' boundary, ``today`` passed in)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tests.domain.outreach_builders import (
    FRI_20_NOV,
    family,
    milestone,
    person,
    problem,
    promise,
    queue,
    touch,
)

LAPSED = [date(2026, 1, 5), date(2026, 2, 4), date(2026, 3, 6), date(2026, 4, 5)]


def everything_due():
    """A customer due every kind of suggestion the rules make on Friday 20 November."""
    return person(
        1, "Ann Lee", touches=[touch("2026-08-01")],  # keep in touch long overdue
        milestones=[milestone("birthday", "1970-11-21")],
        family=[family("Rosa", "daughter", "--11-22")],
        promises=[promise("2026-11-20T00:00")], problems=[problem("2026-11-17")],
        purchases=[*LAPSED, date(2026, 11, 18)])


def test_an_active_customer_due_everything_gets_suggestions():
    kinds = {s.kind for s in queue(everything_due())}
    assert {"milestone", "promise_due", "problem_follow_up"} <= kinds


@pytest.mark.parametrize("status", ["archived", "deceased"])
def test_an_archived_or_deceased_customer_gets_no_suggestion_at_all(status):
    assert queue(replace(everything_due(), status=status)) == []


@pytest.mark.parametrize("status", ["archived", "deceased"])
def test_keep_in_touch_and_lapse_are_not_suggested_either(status):
    lapsed = person(2, "Bo Chen", purchases=LAPSED)
    quiet = person(3, "Cy Diaz", touches=[touch("2026-06-01")])
    assert {s.kind for s in queue(lapsed, quiet, today=FRI_20_NOV)} >= {"keep_in_touch"}
    assert queue(replace(lapsed, status=status), replace(quiet, status=status)) == []


def test_unarchiving_brings_them_back():
    archived = replace(everything_due(), status="archived")
    assert queue(archived) == []
    assert queue(replace(archived, status="")) == queue(everything_due())
