"""The daily capacity: at most so many nudges (keep in touch, we miss you) a day, the longest
overdue first; what answers something that happened is never cut."""

from datetime import date

from domain.outreach import NUDGES, Settings, State, build_queue, plan_queue
from domain.outreach.report import waiting_line
from tests.domain.outreach_builders import (
    FRI_20_NOV,
    d,
    milestone,
    person,
    problem,
    promise,
    touch,
)

MONTHLY = [d("2026-01-05"), d("2026-02-04"), d("2026-03-06"), d("2026-04-05")]


def called(cid: int, day: str, **kw):
    """Customer ``cid``, last called on ``day``: due a keep-in-touch 30 days later."""
    return person(cid, f"Person {cid:02d}", touches=[touch(day)], **kw)


def plan(*contacts, today: date = FRI_20_NOV, states=None, **settings):
    return plan_queue(list(contacts), today, Settings(**settings), states)


def test_the_longest_overdue_nudges_are_shown_and_the_rest_counted():
    book = [called(n, f"2026-09-{n:02d}") for n in range(1, 11)]
    found = plan(*book, daily_capacity=3)
    assert [s.customer_id for s in found.suggestions] == [1, 2, 3]
    assert found.waiting == 7


def test_the_default_capacity_is_twenty_a_day():
    book = [called(n, "2026-09-01") for n in range(1, 31)]
    assert Settings().daily_capacity == 20
    found = plan(*book)
    assert (len(found.suggestions), found.waiting) == (20, 10)


def test_keep_in_touch_and_lapsed_share_one_capacity():
    lapsed = person(1, "Lapsed", purchases=MONTHLY, touches=[touch("2026-05-01")])
    found = plan(lapsed, called(2, "2026-09-01"), called(3, "2026-10-01"), daily_capacity=2)
    assert [(s.customer_id, s.kind) for s in found.suggestions] == [
        (1, "lapsed"), (2, "keep_in_touch")]  # due 4 Jul, then 1 Oct
    assert found.waiting == 1


def test_on_the_same_day_the_customer_who_spent_most_comes_first_then_the_oldest():
    book = [called(1, "2026-09-01"), called(2, "2026-09-01", lifetime_cents=90_000),
            called(3, "2026-09-01"), called(4, "2026-09-01", lifetime_cents=5_000)]
    chosen = [{s.customer_id for s in plan(*book, daily_capacity=n).suggestions}
              for n in (1, 2, 3)]
    assert chosen == [{2}, {2, 4}, {2, 4, 1}]  # shown in the queue's usual order


def test_promises_problems_thanks_milestones_and_sympathy_are_never_cut():
    book = [
        person(1, "Ann", promises=[promise("2026-11-20T00:00")], touches=[touch("2026-09-01")]),
        person(2, "Bo", problems=[problem("2026-11-10")], touches=[touch("2026-09-01")]),
        person(3, "Cy", purchases=[d("2026-11-18")], added=d("2026-11-18")),
        person(4, "Dee", milestones=[milestone("birthday", "--12-04")],
               touches=[touch("2026-09-01")]),
        person(5, "Eli", milestones=[milestone("bereavement", "2026-11-18", whose="Tom")],
               touches=[touch("2026-09-01")]),
        called(6, "2026-09-01"),
    ]
    found = plan(*book, daily_capacity=0)
    assert sorted(s.kind for s in found.suggestions) == [
        "milestone", "problem_follow_up", "promise_due", "sympathy",
        "thank_you_first_purchase"]
    assert found.waiting == 1  # only Person 06's keep-in-touch is held back
    assert plan(*book).waiting == 0


def test_a_snoozed_or_dismissed_nudge_makes_room_for_the_next():
    book = [called(n, f"2026-09-{n:02d}") for n in range(1, 6)]
    first, second = plan(*book, daily_capacity=2).suggestions
    states = {first.key: State(dismissed=True), second.key: State(snoozed_until=d("2026-12-01"))}
    found = plan(*book, states=states, daily_capacity=2)
    assert [s.customer_id for s in found.suggestions] == [3, 4]
    assert found.waiting == 1  # hidden ones are not waiting: the owner put them away


def test_build_queue_is_the_capped_list():
    book = [called(n, f"2026-09-{n:02d}") for n in range(1, 6)]
    capped = build_queue(book, FRI_20_NOV, Settings(daily_capacity=2))
    assert capped == plan(*book, daily_capacity=2).suggestions
    assert sum(s.kind in NUDGES for s in capped) == 2


def test_the_capacity_is_a_stored_setting():
    stored = Settings(daily_capacity=5).to_dict()
    assert stored["daily_capacity"] == 5
    assert Settings.from_dict(stored).daily_capacity == 5
    assert Settings.from_dict({"daily_capacity": -3}).daily_capacity == 20  # kept sane


def test_the_line_about_who_is_waiting():
    assert waiting_line(0, 20) == ""
    assert waiting_line(26_980, 20) == (
        "…and 26,980 more customers are due a keep-in-touch or a we-miss-you note "
        "(the 20 longest overdue are shown each day)")
    assert waiting_line(1, 1).startswith("…and 1 more customer is due")
    assert "daily capacity is 0" in waiting_line(3, 0)
