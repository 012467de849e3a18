"""Thank-yous: first purchase, referral, patience — at their boundaries."""

from datetime import date
from decimal import Decimal

from domain.model import Customer, Interaction, Purchase
from domain.outreach import from_customer
from tests.domain.outreach_builders import (
    FRI_20_NOV,
    d,
    one,
    person,
    problem,
    queue,
    suggested,
    touch,
)


def test_first_purchase_thank_you_due_two_days_after():
    found = one(queue(person(purchases=[d("2026-11-18")])), "thank_you_first_purchase")
    assert found.due == d("2026-11-20")
    assert found.reason == "First purchase on 18 Nov — no thank-you yet"
    assert found.channel == "mail" and found.occasion == "first_purchase"
    assert found.key == "thank_you_first_purchase:1"


def test_first_purchase_today_reads_today():
    found = one(queue(person(purchases=[FRI_20_NOV])), "thank_you_first_purchase")
    assert found.reason == "First purchase today — no thank-you yet"
    assert found.due == d("2026-11-22") and found.group(FRI_20_NOV) == "week"


def test_a_touch_on_or_after_the_purchase_is_the_thank_you():
    for day in ("2026-11-18", "2026-11-19"):
        c = person(purchases=[d("2026-11-18")], touches=[touch(day, "card")])
        assert "thank_you_first_purchase" not in [s.kind for s in suggested(c)]
    earlier = person(purchases=[d("2026-11-18")], touches=[touch("2026-11-17")])
    assert "thank_you_first_purchase" in [s.kind for s in suggested(earlier)]


def test_only_the_first_purchase_and_only_for_a_month():
    repeat = person(purchases=[d("2026-01-05"), d("2026-11-18")])
    assert "thank_you_first_purchase" not in [s.kind for s in suggested(repeat)]
    edge = person(purchases=[d("2026-10-21")])  # 30 days ago: still thanked
    assert "thank_you_first_purchase" in [s.kind for s in suggested(edge)]
    old = person(purchases=[d("2026-10-20")])  # 31 days: history now
    assert "thank_you_first_purchase" not in [s.kind for s in suggested(old)]


def test_a_future_purchase_is_not_a_first_purchase_yet():
    c = person(purchases=[d("2026-11-25")])
    assert [s.kind for s in suggested(c)] == ["keep_in_touch"]


def test_referral_thanks_go_to_the_referrer_dated_by_first_purchase():
    maria = person(1, "Maria Lopez")
    ann = person(2, "Ann Lee", referred_by=1, purchases=[d("2026-11-17")],
                 added=d("2026-11-10"))
    found = one(queue(maria, ann, cap_touches=9), "thank_you_referral")
    assert (found.customer_id, found.customer) == (1, "Maria Lopez")
    assert found.due == d("2026-11-19")
    assert found.reason == "Referred Ann Lee (who first bought on 17 Nov) — no thank-you yet"
    assert found.key == "thank_you_referral:2" and found.occasion == "referral"


def test_referral_without_purchase_is_dated_by_when_added():
    maria = person(1, "Maria Lopez")
    ann = person(2, "Ann Lee", referred_by=1, added=d("2026-11-15"))
    found = one(suggested(maria, ann), "thank_you_referral")
    assert found.due == d("2026-11-17")
    assert found.reason == "Referred Ann Lee (added on 15 Nov) — no thank-you yet"


def test_referral_thanks_end_with_any_touch_of_the_referrer_since():
    maria = person(1, "Maria Lopez", touches=[touch("2026-11-17", "email")])
    ann = person(2, "Ann Lee", referred_by=1, purchases=[d("2026-11-17")])
    assert "thank_you_referral" not in [s.kind for s in suggested(maria, ann)]


def test_no_referral_thanks_for_a_missing_referrer_or_oneself():
    lone = person(2, "Ann Lee", referred_by=99, purchases=[d("2026-11-17")])
    selfish = person(3, "Bo Chen", referred_by=3, purchases=[d("2026-11-17")])
    assert "thank_you_referral" not in [s.kind for s in suggested(lone, selfish)]


def test_patience_note_after_resolution_then_gone_after_a_touch():
    fixed = problem("2026-11-10", resolved="2026-11-18")
    found = one(queue(person(problems=[fixed])), "thank_you_patience")
    assert found.due == d("2026-11-18") and found.channel == "mail"
    assert found.reason == ("Problem resolved on 18 Nov (wilted roses) — thank them for their "
                            "patience")
    assert "problem_follow_up" not in [s.kind for s in suggested(person(problems=[fixed]))]
    after = person(problems=[fixed], touches=[touch("2026-11-19", "card")])
    assert "thank_you_patience" not in [s.kind for s in suggested(after)]


def test_patience_note_lapses_after_a_month():
    fixed = problem("2026-10-01", resolved="2026-10-20")
    assert "thank_you_patience" not in [s.kind for s in suggested(person(problems=[fixed]))]


def test_from_customer_keeps_what_the_rules_need():
    c = Customer(given_name="Maria", family_name="Lopez", id=5, emails=["m@example.com"],
                 interactions=[Interaction(date(2026, 11, 19), "note", "just a note")],
                 purchases=[Purchase(date(2026, 11, 18), Decimal("12.00"))])
    contact = from_customer(c)
    assert contact.touches == []  # a note is not a touch
    assert contact.reachable == frozenset({"email", "visit"})
    assert one(suggested(contact), "thank_you_first_purchase").channel == "email"
