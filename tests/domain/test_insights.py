"""Insights (domain.insights): each figure from plain rows, the coverage rule at its edges."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest

from domain.insights import (
    NOT_RECORDED,
    REFERRED,
    Person,
    Spend,
    Touch,
    build,
    coverage,
    period_of,
)
from domain.insights_parts import buckets, referral_forest
from domain.outreach.settings import Settings

TODAY = date(2026, 12, 7)
BOUGHT = date(2026, 6, 10)  # a first purchase well inside the period


def _cover(touch_days, kinds=None, first=BOUGHT, earlier=()):
    kinds = kinds or ["call"] * len(touch_days)
    touches = [Touch(1, d, k) for d, k in zip(touch_days, kinds, strict=True)]
    days = sorted([*earlier, first])
    return build(TODAY, [Person(1, "Ann")], touches, [], {1: days}).coverage


def test_the_period_is_the_twelve_calendar_months_up_to_the_day():
    assert period_of(TODAY) == (date(2026, 1, 1), TODAY)
    assert period_of(date(2027, 1, 1)) == (date(2026, 2, 1), date(2027, 1, 1))


@pytest.mark.parametrize(("offset", "thanked"), [(0, 1), (1, 1), (14, 1), (15, 0), (-1, 0)])
def test_a_touch_counts_from_the_purchase_day_to_day_14_only(offset, thanked):
    c = _cover([BOUGHT + timedelta(days=offset)])
    assert (c.new, c.thanked, c.waiting) == (1, thanked, 0)
    assert c.share == thanked
    assert [m.name for m in c.missed] == ([] if thanked else ["Ann"])


def test_a_note_never_counts_but_every_other_kind_does():
    day = BOUGHT + timedelta(days=3)
    assert _cover([day], ["note"]).thanked == 0
    for kind in ("call", "visit", "email", "text", "card", "gift", "meeting"):
        assert _cover([day], [kind]).thanked == 1, kind


def test_first_purchase_is_the_first_ever_not_the_first_in_the_period():
    # Bought in 2025 (before the period), again in June: not a new customer of the period.
    c = _cover([BOUGHT], first=BOUGHT, earlier=[date(2025, 3, 1)])
    assert (c.new, c.thanked) == (0, 0)
    assert c.share is None


def test_a_first_purchase_on_the_periods_first_and_last_day_is_in_it():
    assert _cover([], first=date(2026, 1, 1)).new == 1
    assert _cover([], first=date(2025, 12, 31)).new == 0
    assert _cover([], first=TODAY).new == 1


def test_someone_within_their_14_days_is_waiting_not_missed():
    recent = TODAY - timedelta(days=13)
    c = _cover([], first=recent)
    assert (c.new, c.thanked, c.waiting, c.share) == (1, 0, 1, None)
    c = _cover([recent + timedelta(days=2)], first=recent)  # thanked already: counted
    assert (c.thanked, c.waiting, c.share) == (1, 0, 1)
    c = _cover([], first=TODAY - timedelta(days=14))  # the 14 days are over on the day
    assert (c.waiting, c.share) == (0, 0)


def test_touches_after_the_day_are_not_history():
    c = _cover([TODAY + timedelta(days=1)], first=TODAY - timedelta(days=3))
    assert c.thanked == 0


def test_coverage_share_over_many():
    firsts = {i: date(2026, 3, 1) for i in range(1, 5)}
    touches = [Touch(1, date(2026, 3, 1), "call"), Touch(2, date(2026, 3, 15), "card"),
               Touch(3, date(2026, 3, 16), "email"), Touch(4, date(2026, 3, 2), "note")]
    c = coverage(TODAY, touches, firsts, {})
    assert (c.new, c.thanked, c.share) == (4, 2, 0.5)


def test_touches_per_customer_per_month_against_the_goal():
    people = [Person(1, "A", since=date(2020, 1, 1)), Person(2, "B", since=date(2020, 1, 1)),
              Person(3, "C", since=date(2026, 11, 20)),  # joins in November
              Person(4, "D", status="archived", since=date(2020, 1, 1))]
    touches = [Touch(1, date(2026, 11, d), "call") for d in (1, 2, 3)] + [
        Touch(2, date(2026, 11, 5), "email"), Touch(2, date(2026, 11, 6), "note"),
        Touch(4, date(2026, 11, 5), "call"), Touch(3, date(2026, 12, 1), "text")]
    months = build(TODAY, people, touches, [], {}).months
    assert len(months) == 12 and months[0].first == date(2026, 1, 1)
    oct_, nov, dec = months[-3:]
    assert (oct_.active, oct_.none, oct_.goal, oct_.more) == (2, 2, 0, 0)
    assert (nov.active, nov.none, nov.goal, nov.more, nov.touches) == (3, 1, 1, 1, 4)
    assert (dec.active, dec.goal, dec.partial) == (3, 1, True)
    assert not nov.partial


def test_a_customer_touched_before_their_profile_date_is_on_the_books_that_month():
    people = [Person(1, "A", since=date(2026, 12, 1))]
    months = build(TODAY, people, [Touch(1, date(2026, 10, 3), "call")], [], {}).months
    assert (months[-3].active, months[-3].goal) == (1, 1)


def test_lifetime_value_never_adds_one_currency_to_another():
    spends = [Spend(1, "", 10_000, 2), Spend(2, "", 30_000, 1), Spend(1, "EUR", 5_000, 1),
              Spend(3, "USD", 99_900, 4)]
    people = [Person(1, "Ann"), Person(2, "Bob"), Person(3, "Cy")]
    values = build(TODAY, people, [], spends, {}).values
    assert [g.currency for g in values] == ["", "EUR", "USD"]
    own = values[0]
    assert (own.customers, own.total_cents, own.median_cents) == (2, 40_000, 20_000)
    assert [(t.name, t.cents, t.purchases) for t in own.top] == [("Bob", 30_000, 1),
                                                                 ("Ann", 10_000, 2)]
    assert values[1].total_cents == 5_000 and values[2].total_cents == 99_900


def test_value_buckets_cover_everyone_once():
    values = sorted([500, 2_000, 4_000, 9_000, 15_000, 30_000, 70_000, 120_000, 400_000])
    got = buckets(values)
    assert sum(b.customers for b in got) == len(values)
    assert got[-1].high_cents is None
    assert all(a.high_cents == b.low_cents for a, b in pairwise(got))


def test_drifting_is_past_the_usual_gap_and_short_of_a_lapse():
    every_30 = [date(2026, 1, 1) + timedelta(days=30 * i) for i in range(6)]  # last 30 May
    people = [Person(1, "Past gap"), Person(2, "On time"), Person(3, "Lapsed"),
              Person(4, "Once"), Person(5, "Archived", status="archived")]
    day = every_30[-1] + timedelta(days=45)  # 45 days since: past 30, short of 90
    bought = {1: every_30, 2: [*every_30[:-1], day - timedelta(days=10)],
              3: [date(2025, 1, 1), date(2025, 1, 31)], 4: [date(2026, 1, 1)], 5: every_30}
    d = build(day, people, [], [], bought, settings=Settings()).drifting
    assert [x.name for x in d.shown] == ["Past gap"]
    assert (d.count, d.lapsed, d.regular, d.once) == (1, 1, 1, 1)
    assert d.shown[0].usual_gap == 30 and d.shown[0].days_since == 45
    assert d.shown[0].lapses_in == 90 - 45  # the lapse rule: at least 90 days


def test_referrals_make_a_tree_biggest_first_and_survive_a_loop():
    people = [Person(1, "Ann"), Person(2, "Bob", referred_by=1), Person(3, "Cy", referred_by=2),
              Person(4, "Di", referred_by=1), Person(5, "Ed"), Person(6, "Flo", referred_by=5),
              Person(7, "Gus", referred_by=8), Person(8, "Hal", referred_by=7),
              Person(9, "Ivy", referred_by=404)]  # a referrer no longer in the notebook
    forest, referred = referral_forest(people)
    assert referred == 6
    assert [(n.name, n.size) for n in forest] == [("Ann", 3), ("Ed", 1), ("Gus", 1)]
    ann = forest[0]
    assert [(n.name, [m.name for m in n.sent]) for n in ann.sent] == [("Bob", ["Cy"]),
                                                                       ("Di", [])]


def test_a_long_chain_of_referrals_needs_no_recursion():
    people = [Person(1, "P1")] + [Person(i, f"P{i}", referred_by=i - 1) for i in range(2, 5001)]
    forest, referred = referral_forest(people)
    assert referred == 4999 and forest[0].size == 4999


def test_sources_give_the_cost_of_winning_a_customer_beside_their_worth():
    people = [Person(1, "A", source="Instagram"), Person(2, "B", source=" instagram "),
              Person(3, "C", referred_by=1), Person(4, "D"), Person(5, "E", source="Market")]
    bought = {1: [date(2026, 2, 1)], 2: [date(2026, 5, 1)], 3: [date(2024, 5, 1)],
              4: [date(2026, 7, 1)]}
    spends = [Spend(1, "", 20_000, 1), Spend(2, "", 10_000, 1), Spend(3, "", 5_000, 1)]
    costs = {"INSTAGRAM": 30_000, "Flyers": 8_000}
    ins = build(TODAY, people, [], spends, bought, costs)
    rows = {s.name: s for s in ins.sources}
    assert set(rows) == {"Instagram", REFERRED, NOT_RECORDED, "Market", "Flyers"}
    ig = rows["Instagram"]
    assert (ig.customers, ig.won, ig.cost_cents, ig.cost_per_won, ig.value_cents) == \
        (2, 2, 30_000, 15_000, 15_000)
    assert (rows["Flyers"].won, rows["Flyers"].cost_per_won) == (0, None)
    assert rows[REFERRED].won == 0  # first bought in 2024
    assert rows["Market"].value_cents is None
    assert ins.recorded_sources
    assert [s.name for s in ins.sources][-2:] == [REFERRED, NOT_RECORDED] or \
        [s.name for s in ins.sources][-2:] == [NOT_RECORDED, REFERRED]


def test_an_empty_notebook_has_insights_too():
    ins = build(TODAY, [], [], [], {})
    assert ins.coverage.share is None and ins.values == () and ins.referrals == ()
    assert all(m.active == 0 for m in ins.months)


def test_the_json_of_a_long_chain_of_referrals_is_cut_not_crashed():
    import json

    from domain.insights_report import DEEPEST, json_text

    people = [Person(1, "P1")] + [Person(i, f"P{i}", referred_by=i - 1) for i in range(2, 3001)]
    data = json.loads(json_text(build(TODAY, people, [], [], {})))
    node, depth = data["referrals"]["tree"][0], 0
    while node["sent"]:
        node, depth = node["sent"][0], depth + 1
    assert depth == DEEPEST and node["more"] == 3000 - 1 - DEEPEST
