"""The day's plan kept customer by customer (domain.outreach.queue.DayPlan): after changes to
some customers, to the snoozes and dismissals, and to the time of day, planning only those it
is told of gives the queue planned whole."""

from datetime import date, datetime, time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.outreach import Context, Settings, agenda_of, plan_day
from domain.outreach.policy import rank_of, shown
from domain.outreach.queue import RESERVE, DayPlan
from tests.domain.outreach_builders import person, promise
from tests.domain.test_outreach_agenda import MON_23_NOV, around_a_day, customers, hidden_states


def agendas(book, today, prefs):
    ctx = Context(today, prefs, {c.id: c for c in book})
    return {c.id: agenda_of(c, ctx) for c in book}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(around_a_day(), st.data())
def test_a_kept_plan_told_of_each_change_is_the_plan_made_whole(case, data):
    today, book, prefs = case
    states = hidden_states(data, book, today, prefs) if data.draw(st.booleans()) else {}
    now = None
    kept = DayPlan(list(agendas(book, today, prefs).values()), today, prefs, states, now)
    kept.queue()
    for _ in range(data.draw(st.integers(1, 4))):
        changed = set()
        if book and data.draw(st.booleans()):  # some customers' data changed, or deleted
            ids = data.draw(st.lists(st.sampled_from([c.id for c in book]), unique=True))
            before = {c.id: c.referred_by for c in book if c.id in ids}
            book = [c for c in book if c.id not in ids or data.draw(st.booleans())]
            book = [data.draw(customers(c.id, today, len(book))) if c.id in ids else c
                    for c in book]
            # as storage marks them: the customers, and who referred them (their thanks)
            changed |= {*ids, *before.values(), *(c.referred_by for c in book if c.id in ids)}
            changed.discard(None)
        if data.draw(st.booleans()):  # a snooze, a dismissal, a restore
            states = hidden_states(data, book, today, prefs)
        if data.draw(st.booleans()):  # the time of day moved on
            now = datetime.combine(today, data.draw(st.times()))
        every = agendas(book, today, prefs)
        changed |= kept.affected(states, now)
        kept.update(changed, [every[c] for c in changed if c in every], states, now)
        assert kept.queue() == plan_day(list(every.values()), today, prefs, states, now)


def test_a_promise_turns_late_at_its_hour_in_a_kept_plan():
    ann = person(1, "Ann Lee", promises=[promise("2026-11-23T15:00")])
    prefs = Settings()
    kept = DayPlan([agenda_of(ann, Context(MON_23_NOV, prefs, {1: ann}))], MON_23_NOV, prefs,
                   now=datetime.combine(MON_23_NOV, time(14, 0)))
    assert [s.late for s in kept.queue().suggestions] == [False]
    later = datetime.combine(MON_23_NOV, time(15, 30))
    changed = kept.affected({}, later)
    assert changed == {1}
    kept.update(changed, [agenda_of(ann, Context(MON_23_NOV, prefs, {1: ann}))], {}, later)
    assert [s.late for s in kept.queue().suggestions] == [True]


def test_plain_nudges_acted_on_past_those_kept_make_the_plan_stale():
    """Of the plain customers' nudges only the best ranked are kept: acting on more of them
    than RESERVE in a day asks for the day read whole, and until then the queue is right."""
    prefs = Settings(daily_capacity=3)
    book = [person(i, f"Customer {i}", added=date(2025, 1, 1 + i % 28), lifetime_cents=i)
            for i in range(1, RESERVE + 40)]
    every = agendas(book, MON_23_NOV, prefs)
    ctx = Context(MON_23_NOV, prefs)
    plain = [(rank_of(e, a, MON_23_NOV), e) for a in every.values() for e in shown(a, ctx, {})]
    kept = DayPlan([], MON_23_NOV, prefs, plain=plain)
    acted = 0
    while True:
        q = kept.queue()
        if kept.stale:
            break
        assert q == plan_day(list(every.values()), MON_23_NOV, prefs)
        gone = q.suggestions[0].customer_id
        del every[gone]
        kept.update({gone}, [], {}, None)
        acted += 1
    assert acted > RESERVE


def test_a_nudge_acted_on_gives_its_place_to_the_next_without_ranking_all_again():
    prefs = Settings(daily_capacity=2)
    book = [person(i, f"Customer {i}", added=date(2025, 1, 1)) for i in range(1, RESERVE + 10)]
    every = agendas(book, MON_23_NOV, prefs)
    kept = DayPlan(list(every.values()), MON_23_NOV, prefs)
    first = kept.queue()
    assert len(first.suggestions) == 2 and first.waiting == len(book) - 2
    gone = first.suggestions[0].customer_id
    kept.update({gone}, [], {}, None)
    again = kept.queue()
    del every[gone]
    assert again == plan_day(list(every.values()), MON_23_NOV, prefs)
    assert again.waiting == len(book) - 3
