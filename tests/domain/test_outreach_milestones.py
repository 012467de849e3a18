"""Milestones: print-by dates in business days, Feb 29, ages, family, anniversaries."""

from datetime import date

import pytest

from domain.outreach import Settings
from domain.outreach.schedule import (
    business_days_before,
    day_ranges,
    days_of_year,
    lookahead_days,
    post_by,
)
from tests.domain.outreach_builders import (
    d,
    family,
    milestone,
    one,
    person,
    queue,
    suggested,
)


@pytest.mark.parametrize(("occasion", "print_by"), [
    ("2026-12-04", "2026-11-27"),  # Friday → the Friday before
    ("2026-12-07", "2026-11-30"),  # Monday → the Monday before (a weekend skipped)
    ("2026-12-06", "2026-11-30"),  # Sunday → Monday: Sat and Sun do not count
    ("2026-12-05", "2026-11-30"),  # Saturday
    ("2026-12-09", "2026-12-02"),  # Wednesday → across the weekend to Wednesday
])
def test_lead_time_counts_business_days(occasion, print_by):
    assert post_by(d(occasion), Settings()) == d(print_by)


def test_business_days_before_zero_is_the_day():
    assert business_days_before(d("2026-12-05"), 0) == d("2026-12-05")


def test_posted_birthday_card_due_on_print_by_date():
    found = one(queue(person(milestones=[milestone("birthday", "--12-04")])), "milestone")
    assert found.due == d("2026-11-27") and found.channel == "mail"
    assert found.reason == "Birthday on Fri 4 Dec — post the card by 27 Nov"
    assert found.occasion == "birthday" and found.title == "Birthday"
    assert found.key == "milestone:1:birthday:12-04::2026"


def test_card_appears_when_its_print_by_date_enters_the_week():
    c = person(milestones=[milestone("birthday", "--12-04")])
    assert "milestone" not in [s.kind for s in queue(c, today=d("2026-11-19"))]
    assert "milestone" in [s.kind for s in queue(c, today=d("2026-11-20"))]


def test_print_by_today_and_too_late_falls_back_to_a_call():
    c = person(milestones=[milestone("birthday", "--11-27")])  # print by Fri 20 Nov
    assert one(queue(c), "milestone").reason.endswith("— post the card today")
    late = person(milestones=[milestone("birthday", "--11-24")])  # print by 17 Nov
    found = one(queue(late), "milestone")
    assert (found.channel, found.due) == ("phone", d("2026-11-24"))
    assert found.reason == ("Birthday on Tue 24 Nov — too late to post a card; call instead")


def test_too_late_with_only_the_post_open_keeps_the_card_overdue():
    late = person(milestones=[milestone("birthday", "--11-24")],
                  do_not_contact=("phone", "email", "text", "visit"))
    found = one(queue(late), "milestone")
    assert (found.channel, found.due) == ("mail", d("2026-11-17"))
    assert found.reason.endswith("the card should have been posted by 17 Nov")
    assert found.group(d("2026-11-20")) == "overdue"


def test_a_preferred_channel_other_than_post_is_due_on_the_day():
    c = person(milestones=[milestone("birthday", "--11-26")], preferred_channels=("email",))
    found = one(queue(c), "milestone")
    assert (found.channel, found.due) == ("email", d("2026-11-26"))
    assert found.reason == "Birthday on Thu 26 Nov"
    later = person(milestones=[milestone("birthday", "--12-01")], preferred_channels=("email",))
    assert "milestone" not in [s.kind for s in queue(later)]  # on the day: not this week


def test_year_less_birthdays_never_show_an_age_known_years_do():
    plain = one(queue(person(milestones=[milestone("birthday", "--12-04")])), "milestone")
    assert "turns" not in plain.reason and "year" not in plain.reason
    aged = one(queue(person(milestones=[milestone("birthday", "1976-12-04")])), "milestone")
    assert aged.reason == "Birthday on Fri 4 Dec (turns 50) — post the card by 27 Nov"


def test_feb_29_falls_on_feb_28_in_a_common_year():
    c = person(milestones=[milestone("birthday", "1980-02-29")], preferred_channels=("phone",))
    found = one(queue(c, today=d("2027-02-22")), "milestone")
    assert found.due == d("2027-02-28")
    assert found.reason == "Birthday on Sun 28 Feb (turns 47)"
    assert found.key.endswith(":2027")


def test_feb_29_is_feb_29_in_a_leap_year():
    c = person(milestones=[milestone("birthday", "--02-29")], preferred_channels=("phone",))
    found = one(queue(c, today=d("2028-02-25")), "milestone")
    assert found.due == d("2028-02-29")
    assert found.reason == "Birthday on Tue 29 Feb"


def test_feb_29_card_is_posted_by_business_days_before_feb_28():
    c = person(milestones=[milestone("birthday", "--02-29")])
    found = one(queue(c, today=d("2027-02-19")), "milestone")
    # Sun 28 Feb 2027 → five business days earlier: Mon 22 Feb.
    assert (found.channel, found.due) == ("mail", d("2027-02-22"))


def test_family_member_birthday_names_whose_it_is():
    c = person(milestones=[milestone("birthday", "2018-12-04", whose="Ella")],
               family=[family("Ella", "daughter")])
    found = one(queue(c), "milestone")
    assert found.title == "Ella's birthday (Maria's daughter)"
    assert found.reason == ("Ella's birthday (Maria's daughter) on Fri 4 Dec (turns 8) — post "
                            "the card by 27 Nov")


def test_family_birthday_kept_on_the_detail_alone_counts_once():
    only_fact = person(family=[family("Ella", "daughter", "--12-04")])
    found = one(queue(only_fact), "milestone")
    assert found.title == "Ella's birthday (Maria's daughter)"
    both = person(family=[family("Ella", "daughter", "--12-04")],
                  milestones=[milestone("birthday", "--12-04", whose="Ella")])
    assert [s.kind for s in queue(both)] == ["milestone"]
    assert one(queue(both), "milestone").key == found.key


def test_wedding_anniversary_shows_the_years_when_known():
    c = person(milestones=[milestone("wedding_anniversary", "2001-11-26")],
               preferred_channels=("phone",))
    assert one(queue(c), "milestone").reason == "Wedding anniversary on Thu 26 Nov (25 years)"


def test_customer_anniversary_from_the_first_purchase():
    c = person(purchases=[d("2016-11-25"), d("2026-01-05")], preferred_channels=("phone",),
               touches=[])
    found = one(suggested(c), "milestone")
    assert found.due == d("2026-11-25") and found.occasion == "customer_anniversary"
    assert found.reason == ("Customer anniversary on Wed 25 Nov (10 years since the first "
                            "purchase)")


def test_no_anniversary_in_the_first_year_or_when_one_is_recorded():
    young = person(purchases=[d("2026-11-19")], preferred_channels=("phone",))
    assert "milestone" not in [s.kind for s in suggested(young)]
    recorded = person(purchases=[d("2016-11-25")], preferred_channels=("phone",),
                      milestones=[milestone("customer_anniversary", "--03-01")])
    assert "milestone" not in [s.kind for s in suggested(recorded)]


def test_one_off_milestone_heard_of_late_still_gets_a_card():
    c = person(milestones=[milestone("new_baby", "2026-11-15")])
    found = one(queue(c), "milestone")
    assert (found.channel, found.due) == ("mail", d("2026-11-15"))
    assert found.reason == "New baby on 15 Nov — send a card"
    too_old = person(milestones=[milestone("new_baby", "2026-10-15")])
    assert "milestone" not in [s.kind for s in queue(too_old)]


def test_one_off_without_a_year_or_in_another_year_never_fires():
    undated = person(milestones=[milestone("promotion", "--11-25")])
    last_year = person(milestones=[milestone("promotion", "2025-11-25")])
    assert "milestone" not in [s.kind for s in suggested(undated, last_year)]


@pytest.mark.parametrize("lead", [0, 1, 4, 5, 6, 10, 23])
def test_the_look_ahead_covers_the_week_and_the_lead_time(lead):
    s = Settings(mailing_lead_days=lead, milestone_window_days=0)
    for weekday in range(7):
        occasion = date(2026, 11, 16 + weekday)
        span = (occasion - post_by(occasion, s)).days
        assert lookahead_days(s) >= s.queue_days + span


def test_days_of_year_give_feb_29_with_feb_28_in_common_years():
    assert 60 in days_of_year(d("2027-02-28"), d("2027-02-28"))
    assert days_of_year(d("2028-02-28"), d("2028-02-28")) == [59]
    assert days_of_year(d("2028-02-29"), d("2028-02-29")) == [60]


def test_day_ranges_wrap_at_new_year():
    assert day_ranges(d("2026-12-30"), d("2027-01-02")) == [(1, 2), (365, 366)]
