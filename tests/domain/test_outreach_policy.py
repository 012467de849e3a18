"""The day's policy as owners asked for it (issue 14): the cap holds back only nudges, one card
answers two occasions of one day, a dismissal lasts until the next occasion or a cadence."""

import json

from domain.outreach import Settings, State, build_queue
from domain.outreach.report import json_text
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


# --- two occasions of one day, one card -----------------------------------------------------

WED_25_NOV = d("2026-11-25")


def birthday_and_referral(born: str = "1976-12-04"):
    """Maria's birthday card is to be posted by Fri 27 Nov, the day her thank-you for sending
    Ann (who first bought on Wed 25 Nov) falls due."""
    maria = person(1, "Maria Lopez", milestones=[milestone("birthday", born)],
                   touches=[touch("2026-11-10")])
    ann = person(2, "Ann Lee", referred_by=1, purchases=[WED_25_NOV], added=WED_25_NOV)
    return maria, ann


def test_a_birthday_and_a_thank_you_due_the_same_day_are_one_card():
    maria, ann = birthday_and_referral()
    found = [s for s in queue(maria, ann, today=WED_25_NOV) if s.customer_id == 1]
    assert len(found) == 1
    card = found[0]
    assert (card.kind, card.occasion, card.channel, card.due) == (
        "milestone", "birthday", "mail", d("2026-11-27"))
    assert card.title == "Birthday + Thank-you: referral"
    assert card.reason == ("Birthday on Fri 4 Dec (turns 50) — post the card by 27 Nov. "
                           "Also: Referred Ann Lee (who first bought today) — no thank-you yet")
    assert [a.kind for a in card.also] == ["thank_you_referral"]
    assert card.settled_keys() == (card.key, "thank_you_referral:2")


def test_one_done_settles_both():
    maria, ann = birthday_and_referral()
    (card,) = [s for s in queue(maria, ann, today=WED_25_NOV) if s.customer_id == 1]
    states = {key: State(dismissed=True) for key in card.settled_keys()}  # what Done stores
    maria.touches = [touch("2026-11-25", "card"), *maria.touches]
    later = build_queue([maria, ann], d("2026-11-26"), Settings(), states)
    assert [s.customer for s in later] == ["Ann Lee"]  # her own first-purchase thank-you


def test_a_reason_hidden_already_leaves_the_other_on_its_own():
    maria, ann = birthday_and_referral()
    states = {"thank_you_referral:2": State(snoozed_until=d("2026-11-30"))}
    (alone,) = [s for s in build_queue([maria, ann], WED_25_NOV, Settings(), states)
                if s.customer_id == 1]
    assert (alone.kind, alone.title, alone.also) == ("milestone", "Birthday", ())


def test_occasions_on_different_days_or_ways_stay_apart():
    maria, ann = birthday_and_referral("1976-12-07")  # card by Tue 1 Dec
    assert sorted(s.kind for s in queue(maria, ann, today=WED_25_NOV) if s.customer_id == 1) \
        == ["milestone", "thank_you_referral"]


def test_sympathy_is_never_folded_into_another_card():
    hal = person(milestones=[milestone("bereavement", "2026-11-18", whose="Tom"),
                             milestone("retirement", "2026-11-18")],
                 family=[family("Tom", "husband")])
    found = queue(hal)
    assert sorted(s.kind for s in found) == ["milestone", "sympathy"]
    assert all(s.also == () for s in found)


def test_the_json_names_every_reason_one_card_answers():
    maria, ann = birthday_and_referral()
    (card,) = [s for s in queue(maria, ann, today=WED_25_NOV) if s.customer_id == 1]
    also = card.to_json(WED_25_NOV)["also"]
    assert also == [{"kind": "thank_you_referral", "key": "thank_you_referral:2",
                     "title": "Thank-you: referral", "occasion": "referral",
                     "reason": "Referred Ann Lee (who first bought today) — no thank-you yet"}]


def test_the_quick_json_writer_writes_the_also_field_as_json_does():
    maria, ann = birthday_and_referral()
    found = queue(maria, ann, today=WED_25_NOV)
    expected = "[\n" + ",\n".join(json.dumps(s.to_json(WED_25_NOV), ensure_ascii=False)
                                  for s in found) + "\n]"
    assert json_text(found, WED_25_NOV) == expected and '"also"' in expected


# --- the person who died is never greeted -----------------------------------------------------

def test_no_birthday_card_is_suggested_for_someone_who_died():
    maria = person(family=[family("Ernesto", "husband", "1950-12-04")],
                   milestones=[milestone("bereavement", "2026-11-03", whose="ernesto "),
                               milestone("birthday", "--12-01", whose="Ernesto")],
                   touches=[touch("2026-11-19", "card")])
    assert queue(maria) == []  # the sympathy card is sent; no "Ernesto's birthday"
    maria.milestones = maria.milestones[1:]
    assert [s.title for s in queue(maria)] == ["Ernesto's birthday (Maria's husband)"]
    maria.milestones = [milestone("bereavement", "--11-03", whose="Ernesto")]  # no year
    assert queue(maria) == []  # nor the birthday kept on his family detail
