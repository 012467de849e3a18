"""Today's read leaves unread the keep-in-touch of a customer another entry stands for
(storage.agenda_read._read, domain.outreach.policy.keep_in_touch_stands_aside). For random
customers with a card, a promise or a thank-you coming up, touches before and after it came
into the window, and snoozes, dismissals and restores on what shows: Today, read from the
kept plan and read afresh, is the rules' queue worked out from scratch."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.dates import PartialDate
from domain.model import Address, Customer, Interaction, Milestone, Promise, Purchase
from storage import agenda, agenda_read, customers, outreach
from storage.db import close_notebook, open_notebook
from tests.storage.test_agenda import scratch

DAY = date(2026, 11, 27)

# (what stands for the next touch, days from DAY it is due, touches: days before DAY)
_customer = st.tuples(
    st.sampled_from(["birthday", "promise", "first_purchase", "none"]),
    st.integers(-3, 12), st.lists(st.integers(0, 40), max_size=3))
# (customer index, what to do with one of their shown suggestions, days it is put off)
_act = st.tuples(st.integers(0, 5), st.sampled_from(["snooze", "dismiss", "restore", "touch"]),
                 st.integers(1, 9))


def _add(n: int, what: str, due_in: int, touched: list[int]) -> int:
    due = DAY + timedelta(days=due_in)
    kw: dict = {"interactions": [Interaction(DAY - timedelta(days=t), "visit") for t in touched]}
    if what == "birthday":
        kw["milestones"] = [Milestone("birthday", PartialDate(due.month, due.day))]
    elif what == "promise":
        kw["promises"] = [Promise(DAY - timedelta(days=5), datetime.combine(due, time(17)),
                                  "call back")]
    elif what == "first_purchase":
        kw["purchases"] = [Purchase(DAY - timedelta(days=max(0, -due_in)), Decimal(40), "roses")]
    return customers.save_customer(Customer(
        given_name=f"C{n}", family_name="Lopez", emails=[f"c{n}@example.com"],
        phones=["+15035550101"], addresses=[Address("1 Elm St", "Portland", mailing=True)],
        customer_since=date(2020, 1, 6), **kw))


def _do(ids: list[int], act: tuple[int, str, int], put_off: list) -> None:
    who, what, days = act
    cid = ids[who % len(ids)]
    if what == "restore":
        if put_off:
            outreach.restore(put_off.pop())
        return
    if what == "touch":
        from storage import timeline

        timeline.add(cid, Interaction(DAY, "call", "x"))
        return
    mine = [s for s in outreach.today_queue(DAY) if s.customer_id == cid]
    if not mine:
        return
    s = mine[0]
    if what == "snooze":
        outreach.snooze(s, DAY + timedelta(days=days))
    else:
        outreach.dismiss(s, DAY)
    put_off.append(s)


def _key(plan) -> list[tuple]:
    return [(s.customer_id, s.kind, s.key, s.due) for s in plan]


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(_customer, min_size=1, max_size=6), st.lists(_act, max_size=6),
       st.integers(2, 14))
def test_today_with_keep_in_touch_left_unread_is_the_rules_queue(tmp_path_factory, people,
                                                                 acts, cadence):
    """A deliberately broken keep_in_touch_stands_aside (always True) fails this test."""
    previous = agenda._clock
    agenda.set_clock(lambda: DAY)  # stored agendas hold on the day read
    try:
        open_notebook(tmp_path_factory.mktemp("aside") / "n.rapport")
        outreach.save_settings(replace(outreach.load_settings(), default_cadence_days=cadence))
        ids = [_add(n, *p) for n, p in enumerate(people)]
        put_off: list = []
        outreach.today_queue(DAY)
        for act in acts:
            _do(ids, act, put_off)
            kept = outreach.today_queue(DAY)  # the kept plan, told of each change
            expected = scratch(DAY).suggestions
            assert _key(kept) == _key(expected)
            agenda_read._kept = None
            assert _key(outreach.today_plan(DAY, keep=False).suggestions) == _key(expected)
        agenda_read._kept = None
        assert _key(outreach.today_queue(DAY)) == _key(scratch(DAY).suggestions)
    finally:
        agenda.set_clock(previous)
        agenda_read._kept = None
        close_notebook()
