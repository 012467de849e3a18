"""The day's policy as owners asked for it (issue 14): the cap holds back only nudges, one card
answers two occasions of one day, a dismissal lasts until the next occasion or a cadence."""

from domain.outreach import Settings, build_queue
from tests.domain.outreach_builders import (
    FRI_20_NOV,
    d,
    family,
    milestone,
    person,
    problem,
    promise,
    queue,
    touch,
)

MONTHLY = [d("2026-01-05"), d("2026-02-04"), d("2026-03-06"), d("2026-04-05")]
# Two routine touches in the cap's fortnight: no room left for another unprompted nudge.
BUSY = [touch("2026-11-16", "visit"), touch("2026-11-12", "email", "email")]


def test_two_routine_touches_never_hide_a_birthday_or_a_retirement():
    loyal = person(milestones=[milestone("birthday", "1961-12-04"),
                               milestone("retirement", "2026-11-26")],
                   purchases=MONTHLY, touches=BUSY)
    found = queue(loyal)
    assert sorted(s.title for s in found) == ["Birthday", "Retirement"]
    assert "lapsed" not in [s.kind for s in found]  # the we-miss-you is what waits


def test_thank_yous_and_obligations_show_through_a_full_cap():
    ann = person(1, "Ann Lee", referred_by=2, purchases=[d("2026-11-18")],
                 touches=BUSY)  # touched before she first bought: her thank-you still stands
    bo = person(2, "Bo Chen", touches=BUSY, promises=[promise("2026-11-20T00:00")],
                problems=[problem("2026-11-10")])
    found = queue(ann, bo)
    assert sorted((s.customer, s.kind) for s in found) == [
        ("Ann Lee", "thank_you_first_purchase"), ("Bo Chen", "problem_follow_up"),
        ("Bo Chen", "promise_due"), ("Bo Chen", "thank_you_referral")]


def test_sympathy_shows_through_a_full_cap_and_its_quiet_time_holds_the_nudge():
    hal = person(milestones=[milestone("bereavement", "2026-11-19", whose="Tom")],
                 family=[family("Tom", "husband")], purchases=MONTHLY,
                 touches=[touch("2026-11-19", "visit"), touch("2026-11-18", "call")])
    assert [s.kind for s in queue(hal)] == ["sympathy"]


def test_the_cap_still_holds_back_keep_in_touch_and_we_miss_you():
    often = person(cadence_days=7, touches=[touch("2026-11-12", "visit"),
                                            touch("2026-11-08", "call")])
    lapsed = person(2, "Bo Chen", purchases=MONTHLY, touches=BUSY)
    assert queue(often, lapsed) == []
    assert [s.kind for s in queue(often, lapsed, cap_touches=3)] == ["lapsed", "keep_in_touch"]


def test_queued_cards_still_use_up_the_room_a_nudge_would_take():
    c = person(milestones=[milestone("birthday", "--12-04"),
                           milestone("wedding_anniversary", "--12-03")],
               purchases=MONTHLY, touches=[touch("2026-11-12")])
    assert [s.kind for s in queue(c)] == ["milestone", "milestone"]  # both, over the cap
    assert [s.kind for s in queue(c, cap_touches=4)] == ["lapsed", "milestone", "milestone"]


def test_a_moment_on_its_own_is_never_capped_even_at_a_cap_of_nothing():
    c = person(milestones=[milestone("birthday", "--12-04")], touches=BUSY)
    assert [s.kind for s in build_queue([c], FRI_20_NOV, Settings(cap_touches=0))] == [
        "milestone"]
