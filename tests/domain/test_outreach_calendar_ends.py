"""The queue at the calendar's ends (years 1 and 9999): windows clamp, nothing overflows, and
what falls due on the first or last day still shows."""

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.model import Promise
from domain.outreach import Context, Settings, plan_queue
from domain.outreach.schedule import shift
from tests.domain.outreach_builders import milestone, person, problem, touch
from tests.domain.test_outreach_agenda import fresh_and_kept
from tests.domain.test_outreach_properties import FAST, channels

FIRST_DAYS = [date.min + timedelta(days=n) for n in (0, 1, 6, 7, 8)]
LAST_DAYS = [date.max - timedelta(days=n) for n in (0, 1, 6, 7, 8, 30, 31)]


def due_on(day: date, pid: int) -> Promise:
    return Promise(day, datetime.combine(day, time(9)), "call back", "open", pid)


def book_at_the_ends() -> list:
    """Promises due on the calendar's first and last days, a birthday on each, an old touch."""
    return [
        person(1, "Ann Lee", promises=[due_on(date.max, 1)]),
        person(2, "Bo Chen", promises=[due_on(date.min, 2)]),
        person(3, "Cy Diaz", added=date.min, touches=[touch("0001-01-01")]),
        person(4, "Di Eng", milestones=[milestone("birthday", "--12-31")], added=date.min),
        person(5, "Ed Fox", milestones=[milestone("birthday", "--01-02")], added=date.min),
    ]


@pytest.mark.parametrize("queue_days", [0, 7, 30])
@pytest.mark.parametrize("today", FIRST_DAYS + LAST_DAYS)
def test_the_window_clamps_at_the_calendar_s_ends(today, queue_days):
    prefs = Settings(queue_days=queue_days)
    ctx = Context(today, prefs)
    assert ctx.today <= ctx.horizon <= ctx.look_until and ctx.horizon <= ctx.reach
    found = plan_queue(book_at_the_ends(), today, prefs).suggestions
    assert all(s.due <= ctx.horizon for s in found)
    promised = {s.customer_id for s in found if s.kind == "promise_due"}
    last_day_in_window = today.toordinal() + queue_days >= date.max.toordinal()
    assert promised == ({1, 2} if last_day_in_window else {2})


@pytest.mark.parametrize("today", LAST_DAYS[:2])
def test_the_last_days_still_show_what_is_due(today):
    found = plan_queue(book_at_the_ends(), today).suggestions
    assert {(s.customer_id, s.kind) for s in found} >= {
        (1, "promise_due"), (2, "promise_due"), (3, "keep_in_touch"), (4, "milestone")}


def test_the_first_day_shows_a_birthday_on_the_second():
    found = plan_queue(book_at_the_ends(), date.min).suggestions
    assert [(s.customer_id, s.kind) for s in found] == [
        (2, "promise_due"), (5, "milestone")]


def ends() -> st.SearchStrategy[date]:
    """The first or the last six weeks of the calendar."""
    return st.integers(0, 42).flatmap(lambda n: st.sampled_from(
        [date.min + timedelta(days=n), date.max - timedelta(days=n)]))


def around(today: date) -> st.SearchStrategy[date]:
    """A day up to a season either side of ``today``, held within the calendar."""
    return st.integers(-120, 120).map(lambda n: shift(today, n))


@st.composite
def at_an_end(draw):
    """(today, notebook, settings) near one of the calendar's ends."""
    today = draw(ends())
    days = around(today)
    book = [person(
        cid, f"Customer {cid}", added=draw(st.none() | days),
        cadence_days=draw(st.none() | st.integers(1, 60)),
        do_not_contact=draw(channels),
        touches=[touch(t.isoformat()) for t in draw(st.lists(days, max_size=3))],
        purchases=draw(st.lists(days, max_size=4)),
        milestones=[milestone("birthday", f"--{m:%m-%d}") for m in
                    draw(st.lists(days, max_size=1))],
        promises=[due_on(p, cid) for p in draw(st.lists(days, max_size=1))],
        problems=[problem(p.isoformat(), pid=cid) for p in draw(st.lists(days, max_size=1))])
        for cid in range(1, draw(st.integers(1, 6)) + 1)]
    prefs = Settings(queue_days=draw(st.integers(0, 30)),
                     mailing_lead_days=draw(st.integers(0, 10)),
                     lapse_min_days=draw(st.integers(0, 120)),
                     daily_capacity=draw(st.integers(0, 3)))
    return today, book, prefs


@FAST
@given(at_an_end())
def test_near_the_ends_the_engine_answers_and_kept_agendas_agree(case):
    today, book, prefs = case
    everyone, triaged = fresh_and_kept(book, today, prefs, back=3)
    assert triaged == everyone
    horizon = shift(today, prefs.queue_days)
    assert all(s.due <= horizon for s in everyone.suggestions)
