"""Keep in touch, lapsed customers and the channel each is suggested on."""

import pytest

from domain.model import CHANNELS
from tests.domain.outreach_builders import d, one, person, queue, suggested, touch

MON_23_NOV = d("2026-11-23")


def test_last_touch_reason_with_the_facts():
    c = person(touches=[touch("2026-09-20", "call")])
    found = one(queue(c, today=MON_23_NOV), "keep_in_touch")
    assert found.reason == "Last touch 64 days ago (a call on 20 Sep)"
    assert found.due == d("2026-10-20") and found.group(MON_23_NOV) == "overdue"
    assert found.occasion == "keep_in_touch"


def test_due_within_the_week_shows_as_this_week():
    c = person(touches=[touch("2026-10-25", "email", "email")])
    found = one(queue(c), "keep_in_touch")
    assert found.due == d("2026-11-24") and found.group(d("2026-11-20")) == "week"
    assert not queue(person(touches=[touch("2026-10-29", "email", "email")]))


def test_a_touch_today_resets_the_cadence():
    c = person(touches=[touch("2026-09-20"), touch("2026-11-20", "visit")])
    assert "keep_in_touch" not in [s.kind for s in suggested(c)]


def test_a_note_is_not_a_touch_but_a_purchase_is_contact():
    bought = person(touches=[touch("2026-08-01")], purchases=[d("2026-11-02")])
    assert "keep_in_touch" not in [s.kind for s in suggested(bought)]
    long_ago = person(touches=[touch("2026-08-01")], purchases=[d("2026-10-10")])
    found = one(suggested(long_ago), "keep_in_touch")
    assert found.reason == "Last contact 41 days ago (a purchase on 10 Oct)"
    strict = one(suggested(bought, purchase_counts_as_touch=False), "keep_in_touch")
    assert strict.reason.startswith("Last touch 111 days ago (a call on 1 Aug)")


def test_never_touched_counts_from_customer_since():
    c = person(added=d("2026-10-02"))
    found = one(queue(c), "keep_in_touch")
    assert found.due == d("2026-11-01")
    assert found.reason == "No touch logged yet — customer since 2 Oct"


@pytest.mark.parametrize(("own", "tags", "expected_due"), [
    (14, ("vip",), "2026-10-29"),  # the customer's own cadence wins
    (None, ("vip", "slow"), "2026-10-25"),  # else the shortest tag cadence
    (None, ("untagged",), "2026-11-14"),  # else the default (30 days)
])
def test_cadence_own_then_tag_then_default(own, tags, expected_due):
    c = person(cadence_days=own, tags=tags, touches=[touch("2026-10-15")])
    found = one(suggested(c, tag_cadences={"vip": 10, "slow": 60}), "keep_in_touch")
    assert found.due == d(expected_due)


def test_default_cadence_setting():
    c = person(touches=[touch("2026-11-01")])
    assert one(suggested(c, default_cadence_days=14), "keep_in_touch").due == d("2026-11-15")


@pytest.mark.parametrize(("history", "expected"), [
    (["call"], "email"),  # away from the phone
    (["email"], "phone"),
    (["email", "call"], "text"),  # away from both last ones
    (["text", "email", "call"], "mail"),
    (["card", "text", "email"], "phone"),  # the least recently used comes back
])
def test_channel_rotates_away_from_the_last_ones(history, expected):
    days = ["2026-09-20", "2026-09-01", "2026-08-01"]
    c = person(touches=[touch(day, kind) for day, kind in zip(days, history, strict=False)])
    assert one(suggested(c), "keep_in_touch").channel == expected


def test_rotation_prefers_the_customer_s_channels():
    c = person(preferred_channels=("text", "email"), touches=[touch("2026-09-20", "text")])
    assert one(suggested(c), "keep_in_touch").channel == "email"
    again = person(preferred_channels=("text", "email"),
                   touches=[touch("2026-09-20", "email"), touch("2026-08-20", "text")])
    assert one(suggested(again), "keep_in_touch").channel == "text"


def test_two_touches_the_same_last_day_both_count_as_last():
    c = person(touches=[touch("2026-09-20", "call"), touch("2026-09-20", "email", "email")])
    assert one(suggested(c), "keep_in_touch").channel == "text"


@pytest.mark.parametrize("open_channel", CHANNELS)
def test_all_channels_but_one_blocked_suggests_that_one(open_channel):
    blocked = tuple(ch for ch in CHANNELS if ch != open_channel)
    c = person(do_not_contact=blocked, touches=[touch("2026-09-20", "call")],
               purchases=[d("2026-01-01"), d("2026-02-01"), d("2026-03-01")])
    found = suggested(c)
    assert found and {s.channel for s in found} == {open_channel}


def test_every_channel_blocked_means_no_keep_in_touch():
    c = person(do_not_contact=CHANNELS, touches=[touch("2026-09-20")])
    assert suggested(c) == []


def test_missing_details_close_a_channel_like_do_not_contact():
    c = person(reachable=frozenset({"visit", "email"}), touches=[touch("2026-09-20", "email",
                                                                       "email")])
    assert one(suggested(c), "keep_in_touch").channel == "visit"


def test_lapsed_against_their_own_usual_gap():
    monthly = [d("2026-01-05"), d("2026-02-04"), d("2026-03-06"), d("2026-04-05")]
    c = person(purchases=monthly, touches=[touch("2026-11-19")])
    found = one(queue(c, today=d("2026-07-04")), "lapsed")  # 90 days (2 × 30 < 90)
    assert found.due == d("2026-07-04") and found.occasion == "we_miss_you"
    assert found.reason == "No purchase since 5 Apr (90 days); usually every 30 days"
    assert found.key == "lapsed:1:2026-04-05"
    assert "lapsed" not in [s.kind for s in queue(c, today=d("2026-06-26"))]


def test_lapsed_threshold_is_twice_a_long_median_gap():
    seasonal = [d("2025-01-01"), d("2025-04-11"), d("2025-07-20"), d("2025-10-28")]  # 100 days
    c = person(purchases=seasonal, touches=[touch("2026-05-10")])
    assert one(suggested(c, today=d("2026-05-16")), "lapsed").due == d("2026-05-16")
    assert "lapsed" not in [s.kind for s in suggested(c, today=d("2026-05-08"))]


def test_one_purchase_is_never_lapsed():
    c = person(purchases=[d("2024-01-05")], touches=[touch("2026-11-19")])
    assert "lapsed" not in [s.kind for s in suggested(c)]


def test_keep_in_touch_gives_way_to_another_reason_to_reach_out():
    monthly = [d("2026-01-05"), d("2026-02-04"), d("2026-03-06"), d("2026-04-05")]
    c = person(purchases=monthly, touches=[touch("2026-05-01")])
    assert [s.kind for s in queue(c)] == ["lapsed"]
