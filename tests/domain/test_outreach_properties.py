"""Property tests: any notebook, any day — the engine answers, and never on a closed channel."""

import calendar
from collections import Counter
from datetime import date, datetime, time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.dates import PartialDate
from domain.model import (
    CHANNELS,
    INTERACTION_KINDS,
    MILESTONE_KINDS,
    Fact,
    Milestone,
    Problem,
    ProblemUpdate,
    Promise,
)
from domain.outreach import KINDS, NUDGES, Contact, Settings, Touch, build_queue, plan_queue
from domain.outreach.suggestion import OBLIGATIONS, REPLIES
from domain.outreach.upcoming import upcoming

days = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
near = st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31))
edges = st.sampled_from([date.min, date(1, 1, 2), date(9999, 12, 30), date.max])
any_day = st.one_of(near, days, edges)
channels = st.lists(st.sampled_from(CHANNELS), unique=True, max_size=5).map(tuple)
words = st.text(max_size=12)


@st.composite
def partial_dates(draw):
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 29 if month == 2 else 30))
    year = draw(st.none() | st.integers(1, 9999))
    if (month, day) == (2, 29) and year and not calendar.isleap(year):
        year = None
    return PartialDate(month, day, year)


touches = st.builds(Touch, any_day, st.sampled_from([k for k in INTERACTION_KINDS
                                                     if k != "note"]),
                    st.none() | st.sampled_from(CHANNELS))
milestones = st.builds(Milestone, st.sampled_from(MILESTONE_KINDS), partial_dates(), words,
                       st.booleans(), words, st.none() | st.integers(1, 99))
family = st.builds(Fact, st.sampled_from(["family", "pet"]), words,
                   st.none() | partial_dates(), words)
promises = st.builds(Promise, any_day, st.builds(datetime.combine, any_day, st.just(time())),
                     words, st.sampled_from(["open", "kept", "missed"]),
                     st.none() | st.integers(1, 99))
problems = st.builds(Problem, any_day, words, st.sampled_from(["open", "resolved"]),
                     st.none() | any_day, words,
                     st.lists(st.builds(ProblemUpdate, any_day, words), max_size=3),
                     st.none() | st.integers(1, 99))


@st.composite
def contacts(draw, cid):
    return Contact(
        cid, draw(words), draw(words), draw(st.none() | any_day),
        draw(st.none() | st.integers(-5, 400)), draw(st.lists(st.sampled_from(["a", "b"]),
                                                              max_size=2).map(tuple)),
        draw(channels), draw(channels), draw(st.none() | channels.map(frozenset)),
        draw(st.none() | st.integers(0, 6)),
        draw(st.lists(touches, max_size=6)), draw(st.lists(any_day, max_size=6)),
        draw(st.lists(milestones, max_size=3)), draw(st.lists(family, max_size=2)),
        draw(st.lists(promises, max_size=2)), draw(st.lists(problems, max_size=2)))


@st.composite
def notebooks(draw):
    return [draw(contacts(cid)) for cid in range(1, draw(st.integers(1, 5)) + 1)]


outreach_settings = st.builds(
    Settings, default_cadence_days=st.integers(0, 400),
    tag_cadences=st.dictionaries(st.sampled_from(["a", "b"]), st.integers(0, 90)),
    mailing_lead_days=st.integers(0, 30), queue_days=st.integers(0, 30),
    problem_follow_up_days=st.integers(0, 30), lapse_factor=st.floats(0, 10),
    lapse_min_days=st.integers(0, 400), cap_touches=st.integers(0, 5),
    cap_days=st.integers(0, 60), purchase_counts_as_touch=st.booleans(),
    daily_capacity=st.integers(0, 3))

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(notebooks(), any_day, outreach_settings)
def test_engine_answers_and_never_suggests_a_closed_channel(book, today, prefs):
    found = build_queue(book, today, prefs)
    people = {c.id: c for c in book}
    for s in found:
        c = people[s.customer_id]
        assert s.kind in KINDS
        assert s.reason and s.key
        if s.channel is None:
            assert s.kind in OBLIGATIONS
            continue
        assert s.channel not in c.do_not_contact
        assert c.reachable is None or s.channel in c.reachable


@FAST
@given(notebooks(), near, outreach_settings)
def test_queue_is_ordered_windowed_unique_and_capped(book, today, prefs):
    planned = plan_queue(book, today, prefs)
    found = planned.suggestions
    nudges = sum(s.kind in NUDGES for s in found)
    assert nudges <= prefs.daily_capacity and planned.waiting >= 0
    assert nudges == prefs.daily_capacity or planned.waiting == 0  # none held back needlessly
    assert found == sorted(found, key=lambda s: s.sort_key())
    horizon = date.fromordinal(today.toordinal() + prefs.queue_days)
    assert all(s.due <= horizon for s in found)
    assert len({(s.customer_id, s.key) for s in found}) == len(found)
    settled = [(s.customer_id, key) for s in found for key in s.settled_keys()]
    assert len(set(settled)) == len(settled)  # one card answers an occasion at most once
    assert all(a.customer_id == s.customer_id and a.due == s.due and a.channel == s.channel
               for s in found for a in s.also)
    # The cap holds back nudges only: a customer shown one has room for every outreach queued.
    outreach = Counter(s.customer_id for s in found if s.kind not in REPLIES)
    nudged = {s.customer_id for s in found if s.kind in NUDGES}
    assert all(outreach[cid] <= prefs.cap_touches for cid in nudged)


@FAST
@given(notebooks(), any_day, st.integers(0, 400))
def test_calendar_answers_for_any_day(book, today, span):
    entries = upcoming(book, today, span)
    assert all(today <= e.when for e in entries)
    assert entries == sorted(entries, key=lambda e: (e.when, e.customer.casefold(), e.title,
                                                     e.key))


@FAST
@given(notebooks(), near)
def test_closing_every_channel_leaves_only_obligations(book, today):
    for c in book:
        c.do_not_contact = CHANNELS
    assert {s.kind for s in build_queue(book, today)} <= OBLIGATIONS
