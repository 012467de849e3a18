"""Promises, problem follow-ups and sympathy."""

import pytest

from domain.model import CHANNELS
from tests.domain.outreach_builders import (
    d,
    family,
    milestone,
    one,
    person,
    problem,
    promise,
    queue,
    suggested,
    touch,
)

SALES_WORDS = ("offer", "purchase", "bought", "sale", "discount", "coupon", "deal", "%",
               "miss you")


def test_promise_due_today_says_so():
    found = one(queue(person(promises=[promise("2026-11-20T00:00")])), "promise_due")
    assert found.reason == "Promised: call back about the lilies — due today"
    assert (found.due, found.channel, found.key) == (d("2026-11-20"), "phone", "promise_due:7")
    assert found.source_id == 7


def test_promise_with_a_time_and_overdue_ones():
    timed = one(suggested(person(promises=[promise("2026-11-20T15:00")])), "promise_due")
    assert timed.reason == "Promised: call back about the lilies — due today at 15:00"
    late = one(suggested(person(promises=[promise("2026-11-18T15:00")])), "promise_due")
    assert late.reason == "Promised: call back about the lilies — 2 days overdue"
    soon = one(suggested(person(promises=[promise("2026-11-24T09:30")])), "promise_due")
    assert soon.reason == "Promised: call back about the lilies — due Tue 24 Nov at 09:30"


@pytest.mark.parametrize("status", ["kept", "missed"])
def test_kept_or_missed_promise_never_shows(status):
    c = person(promises=[promise("2026-11-18T00:00", status=status)])
    assert "promise_due" not in [s.kind for s in suggested(c)]


def test_promise_beyond_the_week_waits():
    assert "promise_due" not in [s.kind for s in queue(person(
        promises=[promise("2026-11-28T00:00")]))]


@pytest.mark.parametrize(("what", "channel"), [
    ("email the quote for the wedding", "email"),
    ("text when the peonies arrive", "text"),
    ("drop by with the vase", "visit"),
    ("post the catalogue", "mail"),
    ("find out about the lilies", "phone"),
])
def test_promise_channel_follows_its_words(what, channel):
    c = person(promises=[promise("2026-11-20T00:00", what)])
    assert one(suggested(c), "promise_due").channel == channel


def test_promise_shows_even_when_every_channel_is_closed():
    c = person(do_not_contact=CHANNELS, promises=[promise("2026-11-20T00:00")])
    assert [(s.kind, s.channel) for s in queue(c)] == [("promise_due", None)]


def test_problem_follow_up_after_three_quiet_days():
    c = person(problems=[problem("2026-11-10", updates=("2026-11-16",),
                                 waiting_on="the supplier")])
    found = one(queue(c), "problem_follow_up")
    assert found.due == d("2026-11-19")
    assert found.reason == ("Problem: wilted roses — no update for 4 days (since 16 Nov); "
                            "waiting on the supplier")
    assert found.key == "problem_follow_up:9:2026-11-16"


def test_fresh_problem_follow_up_is_planned_for_later_in_the_week():
    found = one(queue(person(problems=[problem("2026-11-19")])), "problem_follow_up")
    assert found.due == d("2026-11-22")
    assert found.reason == "Problem: wilted roses — last update yesterday; follow up on Sun 22 Nov"


def test_resolved_problem_has_no_follow_up():
    c = person(problems=[problem("2026-11-01", resolved="2026-11-19")])
    assert [s.kind for s in queue(c)] == ["thank_you_patience"]


def test_sympathy_at_once_without_sales_wording():
    c = person(milestones=[milestone("bereavement", "2026-11-18", whose="Tom")],
               family=[family("Tom", "husband")])
    found = one(queue(c), "sympathy")
    assert found.due == d("2026-11-18") and found.channel == "mail"
    assert found.reason == "Loss of Tom (Maria's husband) on 18 Nov — a note of sympathy"
    assert found.occasion == "sympathy" and found.title == "Sympathy"
    text = f"{found.reason} {found.title} {found.occasion}".casefold()
    assert not any(word in text for word in SALES_WORDS)


def test_sympathy_quiets_sales_wording_but_not_a_birthday():
    c = person(milestones=[milestone("bereavement", "2026-11-02"),
                           milestone("birthday", "--12-04")],
               purchases=[d("2016-11-25"), d("2026-01-05"), d("2026-02-04"), d("2026-03-06")],
               touches=[touch("2026-08-01")])
    raw = {s.kind for s in suggested(c, cap_touches=9)}
    assert {"lapsed", "milestone", "sympathy"} <= raw
    shown = queue(c, cap_touches=9)
    assert sorted(s.kind for s in shown) == ["milestone", "sympathy"]
    assert [s.occasion for s in shown if s.kind == "milestone"] == ["birthday"]


def test_quiet_time_ends_after_sixty_days():
    c = person(milestones=[milestone("bereavement", "2026-09-01")],
               touches=[touch("2026-09-15", "card")])
    assert [s.kind for s in queue(c)] == ["keep_in_touch"]
    assert queue(c, sympathy_quiet_days=90) == []


def test_sympathy_ends_with_a_card_or_after_a_month():
    loss = milestone("bereavement", "2026-11-10")
    visited = person(milestones=[loss], touches=[touch("2026-11-12", "visit")])
    assert "sympathy" in [s.kind for s in suggested(visited)]  # where they told us
    carded = person(milestones=[loss], touches=[touch("2026-11-12", "card")])
    assert "sympathy" not in [s.kind for s in suggested(carded)]
    old = person(milestones=[milestone("bereavement", "2026-10-01")])
    assert "sympathy" not in [s.kind for s in suggested(old)]


def test_bereavement_without_a_year_cannot_be_placed():
    c = person(milestones=[milestone("bereavement", "--11-18")])
    assert "sympathy" not in [s.kind for s in suggested(c)]
