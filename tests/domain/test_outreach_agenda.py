"""A customer's agenda, worked out on one day, is the rules' answer on every day it holds for:
the queue from agendas kept since an earlier day equals the queue worked out from scratch."""

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.model import CHANNELS
from domain.outreach import (
    Context,
    Settings,
    State,
    agenda_of,
    plan_day,
    plan_queue,
    suggestions_for,
)
from domain.outreach.schedule import shift
from tests.domain.outreach_builders import d, milestone, person, promise, touch
from tests.domain.test_outreach_properties import (
    FAST,
    any_day,
    channels,
    contacts,
    near,
    outreach_settings,
)

MON_23_NOV = d("2026-11-23")


def fresh_and_kept(book, today, prefs, states=None, back=0):
    """(the queue worked out on ``today``, the queue from agendas worked out ``back`` days
    before, as storage keeps them: those that no longer hold worked out again)."""
    states = states or {}
    earlier = shift(today, -back)
    ctx = Context(earlier, prefs, {c.id: c for c in book})
    now = Context(today, prefs, {c.id: c for c in book})
    kept = [a if a.holds_on(today) else agenda_of(c, now)
            for c in book for a in [agenda_of(c, ctx)]]
    return plan_queue(book, today, prefs, states), plan_day(kept, today, prefs, states)


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

@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(around_a_day(), st.integers(0, 200), st.data())
def test_kept_agendas_give_the_queue_worked_out_from_scratch(case, back, data):
    today, book, prefs = case
    states = hidden_states(data, book, today, prefs) if data.draw(st.booleans()) else {}
    fresh, kept = fresh_and_kept(book, today, prefs, states, back)
    assert kept == fresh


@FAST
@given(st.lists(contacts(1), min_size=1, max_size=1), any_day, outreach_settings,
       st.integers(0, 130))
def test_kept_agendas_answer_for_any_day_and_any_customer(book, today, prefs, back):
    book[0].reachable = frozenset({"visit", *(book[0].reachable or ())})
    fresh, kept = fresh_and_kept(book, today, prefs, back=back)
    assert kept == fresh


def test_an_agenda_holds_until_a_touch_dated_ahead():
    ann = person(1, "Ann Lee", touches=[touch("2026-10-01"), touch("2026-12-24")])
    ctx = Context(MON_23_NOV, Settings(), {1: ann})
    a = agenda_of(ann, ctx)
    assert a.until == d("2026-12-23") and a.last_touch == d("2026-10-01")


def test_an_agenda_holds_at_most_its_days_ahead():
    ann = person(1, "Ann Lee", touches=[touch("2026-10-01")])
    a = agenda_of(ann, Context(MON_23_NOV, Settings(), {1: ann}))
    assert a.until == MON_23_NOV + timedelta(days=120)
    assert not a.holds_on(MON_23_NOV - timedelta(days=1))


def test_an_archived_customer_has_nothing_on_their_agenda():
    ann = person(1, "Ann Lee", status="archived", promises=[promise("2026-11-23T09:00")])
    assert agenda_of(ann, Context(MON_23_NOV, Settings(), {1: ann})).entries == []


def test_a_yearly_birthday_rolls_over_within_the_days_ahead():
    ann = person(1, "Ann Lee", milestones=[milestone("birthday", "1980-12-01")],
                 reachable=frozenset(CHANNELS), touches=[touch("2026-11-20")])
    ctx = Context(d("2026-11-01"), Settings(), {1: ann})
    keys = {e.key for e in agenda_of(ann, ctx).entries if e.kind == "milestone"}
    assert keys == {"milestone:1:birthday:12-01::2026"}
    assert suggestions_for(ann, Context(d("2026-11-25"), Settings(), {1: ann}))
