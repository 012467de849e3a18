"""Triage of a large notebook: the engine over the customers it names gives exactly the queue,
and the count of waiting nudges, of the engine over everyone."""

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.model import CHANNELS
from domain.outreach import Context, Settings, State, plan_queue, suggestions_for, triage
from domain.outreach.queue import Planner
from tests.domain.outreach_builders import (
    d,
    milestone,
    person,
    promise,
    recent_touches,
    standing,
    touch,
)
from tests.domain.test_outreach_properties import (
    FAST,
    any_day,
    channels,
    contacts,
    near,
    outreach_settings,
)

MON_23_NOV = d("2026-11-23")


def everyone_and_triaged(book, today, prefs, states=None):
    """(the engine over ``book``, the engine over what triage names plus its count)."""
    states = states or {}
    found = triage([standing(c, today) for c in book], Context(today, prefs), states,
                   spoken_for(book), {c.id: c.tags for c in book if c.tags},
                   recent_touches(book, today, prefs))
    part = [c for c in book if c.id in found.whole]
    return (plan_queue(book, today, prefs, states),
            plan_queue(part, today, prefs, states, found.waiting))


def spoken_for(book):
    """As storage names them, only more: anyone with a milestone, family, promise, problem."""
    return {c.id for c in book if c.milestones or c.family or c.promises or c.problems}


def days_back(today: date, low: int, high: int):
    return st.integers(low, high).map(lambda n: date.fromordinal(today.toordinal() - n))


def anywhen(today: date):
    """A day near ``today``: lately, a year or more back (anniversaries), or just after."""
    return st.one_of(days_back(today, -3, 120), days_back(today, 120, 900),
                     st.builds(lambda y, j: date.fromordinal(today.toordinal() - 365 * y - j),
                               st.integers(1, 3), st.integers(-25, 25)))


# Where purchases and touches fall for each kind of customer.
PROFILES = {
    "regular": lambda today: (anywhen(today), 16, anywhen(today)),
    "newcomer": lambda today: (days_back(today, -2, 45), 3, days_back(today, -2, 60)),
    "lapser": lambda today: (days_back(today, 80, 700), 3, days_back(today, 0, 30)),
}


@st.composite
def customers(draw, cid: int, today: date, ids: int):
    """A regular, a newcomer or a lapsed buyer, dated around ``today``."""
    bought, most, touched = PROFILES[draw(st.sampled_from(sorted(PROFILES)))](today)
    kinds = st.sampled_from(["call", "visit", "email", "text", "card"])
    return person(
        cid, f"Customer {cid}", added=draw(st.none() | anywhen(today) | touched),
        cadence_days=draw(st.none() | st.integers(-1, 60)),
        tags=tuple(draw(st.lists(st.sampled_from(["a", "b"]), max_size=2, unique=True))),
        do_not_contact=draw(channels), reachable=frozenset({"visit", *draw(channels)}),
        referred_by=draw(st.none() | st.integers(1, ids)),
        touches=draw(st.lists(st.builds(touch_on, touched, kinds), max_size=4)),
        purchases=draw(st.lists(bought, max_size=most)),
        milestones=draw(st.lists(st.builds(lambda when: milestone("birthday", when.isoformat()),
                                           anywhen(today)), max_size=1)),
        promises=draw(st.lists(st.builds(lambda when: promise(f"{when}T00:00"), anywhen(today)),
                               max_size=1)),
        lifetime_cents=draw(st.sampled_from([0, 0, 500, 12_000])))


def touch_on(when: date, kind: str):
    return touch(when.isoformat(), kind)


@st.composite
def around_a_day(draw):
    """(today, notebook, settings): up to a dozen customers, and windows that matter."""
    today = draw(near)
    count = draw(st.integers(1, 12))
    book = [draw(customers(cid, today, count)) for cid in range(1, count + 1)]
    prefs = Settings(
        default_cadence_days=draw(st.integers(0, 60)),
        tag_cadences=draw(st.dictionaries(st.sampled_from(["a", "b"]), st.integers(0, 30))),
        mailing_lead_days=draw(st.integers(0, 8)), queue_days=draw(st.integers(0, 10)),
        thank_you_window_days=draw(st.integers(0, 40)), lapse_factor=draw(st.floats(0, 3)),
        lapse_min_days=draw(st.integers(0, 120)), cap_touches=draw(st.integers(0, 3)),
        cap_days=draw(st.integers(0, 20)), purchase_counts_as_touch=draw(st.booleans()),
        daily_capacity=draw(st.integers(0, 4)))
    return today, book, prefs


def hidden_states(data, book, today, prefs):
    """Snoozes and dismissals of some of what the rules would say."""
    ctx = Context(today, prefs, {c.id: c for c in book})
    keys = sorted({s.key for c in book for s in suggestions_for(c, ctx)})
    chosen = data.draw(st.lists(st.sampled_from(keys), unique=True) if keys else st.just([]))
    return {k: data.draw(st.builds(State, st.none() | near, st.booleans())) for k in chosen}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(around_a_day(), st.data())
def test_triage_then_the_engine_is_the_engine_over_everyone(case, data):
    today, book, prefs = case
    states = hidden_states(data, book, today, prefs) if data.draw(st.booleans()) else {}
    everyone, triaged = everyone_and_triaged(book, today, prefs, states)
    assert triaged == everyone


@FAST
@given(st.lists(contacts(1), min_size=1, max_size=1), any_day, outreach_settings)
def test_triage_answers_for_any_day_and_any_customer(book, today, prefs):
    book[0].reachable = frozenset({"visit", *(book[0].reachable or ())})
    everyone, triaged = everyone_and_triaged(book, today, prefs)
    assert triaged == everyone


def nudged(n: int, **kw):
    """Customer ``n``, last called ``n`` weeks before 1 Oct: due a keep-in-touch."""
    last = date.fromordinal(d("2026-10-01").toordinal() - 7 * n)
    return person(n, f"Person {n:02d}", touches=[touch(last.isoformat())], **kw)


def test_only_the_nudges_that_may_rank_are_seen_whole():
    book = [nudged(n) for n in range(1, 41)]
    prefs = Settings(daily_capacity=3)
    found = triage([standing(c, MON_23_NOV) for c in book], Context(MON_23_NOV, prefs),
                   {}, set(), {}, {})
    assert found.whole == {40, 39, 38} and found.waiting == 37
    everyone, triaged = everyone_and_triaged(book, MON_23_NOV, prefs)
    assert triaged == everyone and everyone.waiting == 37


def test_customers_other_rules_speak_for_are_seen_whole():
    book = [nudged(1, promises=[promise("2026-11-23T00:00")]),
            nudged(2, milestones=[milestone("birthday", "--11-27")]),
            person(3, "Newcomer", referred_by=4, added=d("2026-11-20")),
            nudged(4), nudged(5)]
    prefs = Settings(daily_capacity=1)
    found = triage([standing(c, MON_23_NOV) for c in book], Context(MON_23_NOV, prefs),
                   {}, spoken_for(book), {}, {})
    assert found.whole == {1, 2, 3, 4, 5}  # 4 sent the newcomer; 5 is the longest overdue
    everyone, triaged = everyone_and_triaged(book, MON_23_NOV, prefs)
    assert triaged == everyone


def test_a_dismissed_nudge_is_left_to_the_engine():
    book = [nudged(n) for n in range(1, 6)]
    prefs = Settings(daily_capacity=2)
    ctx = Context(MON_23_NOV, prefs, {c.id: c for c in book})
    states = {suggestions_for(book[4], ctx)[0].key: State(dismissed=True)}
    everyone, triaged = everyone_and_triaged(book, MON_23_NOV, prefs, states)
    assert triaged == everyone
    assert [s.customer_id for s in everyone.suggestions] == [4, 3] and everyone.waiting == 2


def test_every_channel_closed_is_left_to_the_engine():
    closed = nudged(9, do_not_contact=CHANNELS)
    everyone, triaged = everyone_and_triaged([closed, nudged(1)], MON_23_NOV,
                                             Settings(daily_capacity=1))
    assert triaged == everyone and [s.customer_id for s in everyone.suggestions] == [1]


def test_a_first_purchase_with_no_touch_since_is_seen_whole():
    c = person(1, "New", purchases=[d("2026-11-18")], touches=[touch("2026-11-13")])
    everyone, triaged = everyone_and_triaged([c], MON_23_NOV, Settings(daily_capacity=0))
    assert triaged == everyone
    assert [s.kind for s in everyone.suggestions] == ["thank_you_first_purchase"]


def test_no_nudge_when_the_fortnight_s_touches_fill_the_cap():
    c = person(1, "Busy", cadence_days=3,
               touches=[touch("2026-11-15"), touch("2026-11-12", "email", "email")])
    everyone, triaged = everyone_and_triaged([c], MON_23_NOV, Settings(daily_capacity=0))
    assert triaged == everyone and everyone.waiting == 0


def test_the_cap_s_window_starts_cap_days_back():
    # Two touches on 10 Nov, the first day of the fortnight up to 23 Nov.
    c = person(1, "Busy", cadence_days=3,
               touches=[touch("2026-11-10"), touch("2026-11-10", "email", "email")])
    everyone, triaged = everyone_and_triaged([c], MON_23_NOV, Settings(daily_capacity=0))
    assert triaged == everyone and everyone.waiting == 0
    assert everyone_and_triaged([c], d("2026-11-24"), Settings(daily_capacity=0))[0].waiting


def test_no_room_at_all_means_no_nudges():
    everyone, triaged = everyone_and_triaged([nudged(1)], MON_23_NOV,
                                             Settings(daily_capacity=0, cap_touches=0))
    assert triaged == everyone and everyone.waiting == 0


def test_a_purchase_need_not_count_as_a_touch():
    c = person(1, "Buyer", purchases=[d("2025-03-01"), d("2026-11-10")],
               touches=[touch("2026-08-01")])
    prefs = Settings(daily_capacity=0, purchase_counts_as_touch=False)
    everyone, triaged = everyone_and_triaged([c], MON_23_NOV, prefs)
    assert triaged == everyone and everyone.waiting == 1


def test_a_lapse_that_turns_on_the_usual_gap_is_settled_exactly():
    bought = [d("2025-01-10"), d("2025-01-20"), d("2025-02-01"), d("2026-06-01")]
    recent = [touch("2026-11-20")]  # no keep-in-touch due: only a lapse could be
    lapsed = person(1, "Lapsed", purchases=bought, touches=recent)  # usual gap 12 days
    steady = person(2, "Steady", purchases=[d("2020-06-01"), d("2026-06-01")], touches=recent)
    prefs = Settings(daily_capacity=0)
    found = triage([standing(c, MON_23_NOV) for c in (lapsed, steady)],
                   Context(MON_23_NOV, prefs), {}, set(), {}, {})
    assert found.whole == set() and found.waiting == 1


def test_a_lapse_is_sure_only_if_even_the_whole_span_has_lapsed():
    # One gap of 120 days: due 240 days after 1 May, in December; a touch yesterday.
    c = person(1, "Two buys", purchases=[d("2026-01-01"), d("2026-05-01")],
               touches=[touch("2026-11-22")])
    everyone, triaged = everyone_and_triaged([c], MON_23_NOV, Settings(daily_capacity=0))
    assert triaged == everyone and everyone.waiting == 0


def test_a_lapse_that_may_or_may_not_be_due_keeps_its_latest_bound():
    # Ann has lapsed (usual gap 123 days: due 2 Nov), which hides her keep-in-touch of 1 Oct;
    # Bo's keep-in-touch of 15 Oct comes first.
    ann = person(1, "Ann", touches=[touch("2026-09-01")], purchases=[
        d("2023-01-01"), d("2025-07-01"), d("2025-11-01"), d("2026-03-01")])
    bo = person(2, "Bo", touches=[touch("2026-09-15")])
    everyone, triaged = everyone_and_triaged([ann, bo], MON_23_NOV, Settings(daily_capacity=1))
    assert triaged == everyone
    assert [s.customer for s in everyone.suggestions] == ["Bo"] and everyone.waiting == 1


def test_a_referral_on_the_last_day_of_the_thank_you_window():
    newcomer = person(1, "New", referred_by=2, added=d("2026-10-24"))  # 30 days ago
    everyone, triaged = everyone_and_triaged([newcomer, nudged(2)], MON_23_NOV,
                                             Settings(daily_capacity=0))
    assert triaged == everyone
    assert [s.kind for s in everyone.suggestions] == ["thank_you_referral"]


def test_the_usual_gap_counts_the_latest_thirteen_purchases():
    # Gaps, oldest first: two long ones, six of 10 days, six of 100 days up to 3 Jul: the
    # latest twelve have a median of 55 days, so the lapse fell due 110 days after 3 Jul.
    last = d("2026-07-03").toordinal()
    gaps = [100] * 6 + [10] * 6 + [500, 500]
    days = [last - sum(gaps[:n]) for n in range(len(gaps) + 1)]
    c = person(1, "Regular", purchases=[date.fromordinal(n) for n in days],
               touches=[touch("2026-11-22")])
    everyone, triaged = everyone_and_triaged([c], MON_23_NOV, Settings(daily_capacity=0))
    assert triaged == everyone and everyone.waiting == 1


def test_a_first_purchase_anniversary_is_seen_whole():
    c = person(1, "Loyal", purchases=[d("2024-11-27")], touches=[touch("2026-11-20")])
    everyone, triaged = everyone_and_triaged([c], MON_23_NOV, Settings(daily_capacity=0))
    assert triaged == everyone
    assert [s.milestone_kind for s in everyone.suggestions] == ["customer_anniversary"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(around_a_day(), st.data())
def test_planning_in_batches_is_planning_everyone_at_once(case, data):
    """As storage plans: one batch, then the next, whoever referred someone held to the end."""
    today, book, prefs = case
    states = hidden_states(data, book, today, prefs) if data.draw(st.booleans()) else {}
    cut = data.draw(st.integers(0, len(book)))
    planner = Planner(today, prefs, states,
                      later={c.referred_by for c in book if c.referred_by is not None})
    planner.add(book[:cut])
    planner.add(book[cut:])
    assert planner.plan(3) == plan_queue(book, today, prefs, states, 3)


def test_a_newcomer_and_their_referrer_are_seen_whole_from_plain_tuples():
    # Storage hands its rows over as plain tuples, read by place, not as Standing.
    newcomer = (2, MON_23_NOV.isoformat(), None, "", 1, None, None)
    referrer = (1, "2020-01-01", None, "", None, None, None)
    no_nudges = Settings(daily_capacity=0)  # the referrer is seen whole for the thank-you only
    found = triage([referrer, newcomer], Context(MON_23_NOV, no_nudges), {}, (), {}, {})
    assert found.whole == {1, 2}
