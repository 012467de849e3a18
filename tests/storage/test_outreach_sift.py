"""The plainest customers' nudges settled in SQL (storage.outreach_sift), and the Today plan
read in two batches beside it (storage.outreach_plan): customer by customer the SQL must say
what triage's judge says, and the plan must be the engine's over every customer, on one
connection or two."""

import random
import sqlite3
import sys
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from domain.model import Customer, Interaction, Promise, Purchase
from domain.outreach import Settings, from_customer, plan_queue
from domain.outreach.context import Context
from domain.outreach.triage import WHOLE, _Judge
from storage import (
    bulk,
    customers,
    outreach,
    outreach_input,
    outreach_plan,
    outreach_sift,
    records,
    timeline,
)
from storage.db import close_notebook, db, open_notebook
from tests.bench.generate import make_customer

MADE = date(2026, 11, 23)
DAYS = [MADE, MADE + timedelta(days=9), MADE + timedelta(days=45), date(2027, 2, 28),
        date(2028, 2, 29), MADE - timedelta(days=200)]
SETTINGS = [
    Settings(),
    Settings(purchase_counts_as_touch=False, daily_capacity=3),
    Settings(default_cadence_days=7, lapse_factor=1.5, lapse_min_days=30, queue_days=14),
    Settings(default_cadence_days=120, lapse_factor=3.0, cap_touches=1, cap_days=30,
             thank_you_window_days=10, daily_capacity=0),
    Settings(tag_cadences={"vip": 21}, daily_capacity=50),
]


def _generated(count: int, seed: int = 7) -> None:
    """``count`` varied customers as the benchmark makes them, and a few odd ones."""
    rng = random.Random(seed)
    with db.atomic():
        bulk.write_all(bulk.NotebookContent([make_customer(i, MADE, rng)
                                             for i in range(1, count + 1)]))
    future = customers.save_customer(Customer(
        given_name="Fay", family_name="Future", customer_since=MADE + timedelta(days=30),
        interactions=[Interaction(MADE + timedelta(days=3), "call")],
        purchases=[Purchase(MADE - timedelta(days=300), Decimal(4)),
                   Purchase(MADE + timedelta(days=2), Decimal(4))]))
    customers.save_customer(Customer(given_name="Ned", family_name="Never",
                                     customer_since=MADE - timedelta(days=40)))
    customers.save_customer(Customer(given_name="Ola", family_name="Own", cadence_days=10,
                                     tags=["vip"], customer_since=date(2024, 6, 6),
                                     purchases=[Purchase(MADE - timedelta(days=d), Decimal(2))
                                                for d in (900, 500, 200)]))
    customers.save_customer(Customer(given_name="Vi", family_name="Visitless",
                                     do_not_contact=["visit"], customer_since=date(2025, 1, 2),
                                     interactions=[Interaction(MADE - timedelta(days=90),
                                                               "call")]))
    cap_from = MADE - timedelta(days=13)  # two touches on the cap's first day fill it
    customers.save_customer(Customer(given_name="Cap", family_name="Full", cadence_days=7,
                                     customer_since=date(2025, 1, 2),
                                     interactions=[Interaction(cap_from, "call"),
                                                   Interaction(cap_from, "email")]))
    timeline.add(future, Promise(MADE, datetime(2026, 12, 1, 9), "ring back"))


@pytest.fixture(params=["child", "thread"])
def beside(request, monkeypatch):
    """The second connection in a child process, or in a thread (the window's case)."""
    monkeypatch.setattr(outreach_plan, "_may_fork", lambda: request.param == "child")
    return request.param


@pytest.fixture
def generated(notebook):
    _generated(250)
    outreach.set_tag_cadence("vip", 21)
    return notebook


def _judge_everyone(day: date, settings: Settings, states: dict) -> dict[int, object]:
    """What triage's judge says of every customer's line on ``day``."""
    ctx = Context(day, settings)
    lines = outreach_input.standings(day)
    judge = _Judge(ctx, states, outreach_input.tags_with_cadence(),
                   outreach_input.recent_touches(lines, ctx))
    return {line[0]: judge.nudge(line) for line in lines}


@pytest.mark.parametrize("settings", SETTINGS)
def test_the_sql_settles_each_plain_customer_as_the_judge_does(generated, settings):
    settings = replace(settings, tag_cadences={"vip": 21})
    settled = 0
    for day in DAYS:
        ctx = Context(day, settings)
        skip = outreach_input.tags_with_cadence().keys() | outreach_input.referrers()
        judged = _judge_everyone(day, settings, {})
        for cid, (verdict, low, high) in outreach_sift.verdicts(ctx, skip).items():
            if verdict == -1:
                continue  # odd: triage reads the line
            settled += 1
            expected = judged[cid]
            assert expected is not WHOLE, cid
            assert (None if verdict == 0 else (low, high)) == expected, (day, cid)
    assert settled > 500  # most customers are plain


def test_odd_customers_are_left_to_triage(generated):
    ctx = Context(MADE, Settings())
    verdicts = outreach_sift.verdicts(ctx, outreach_input.referrers())
    by_name = {c.given_name: c.id for c in records.load_customers()}
    for name in ("Fay", "Vi"):  # a touch after the day planned; visits closed
        assert verdicts[by_name[name]][0] == -1, name
    # Never touched, added 40 days ago: keep in touch from 10 days ago.
    assert verdicts[by_name["Ned"]][1:] == ((MADE - timedelta(days=10)).toordinal(),) * 2
    # Their own cadence of 10 days after the last purchase, or a lapse due by the horizon.
    assert verdicts[by_name["Ola"]][1:] == ((MADE - timedelta(days=190)).toordinal(),
                                            (MADE + timedelta(days=7)).toordinal())
    referred = [c.id for c in records.load_customers() if c.referred_by]
    assert referred and all(verdicts[cid][0] == -1 for cid in referred)


@pytest.mark.parametrize("settings", SETTINGS)
def test_the_plan_is_the_engine_over_everyone_on_one_connection_or_two(generated, settings,
                                                                      beside):
    outreach.save_settings(settings)
    settings = outreach.load_settings()
    whole = [from_customer(c) for c in records.load_customers()]
    for day in DAYS:
        states = outreach.load_states(day)
        expected = plan_queue(whole, day, settings, states)
        beside = outreach_plan.plan(day, settings, outreach.load_states, side=True)
        alone = outreach_plan.plan(day, settings, outreach.load_states, side=False)
        assert beside == alone == expected, day


def test_hidden_nudges_make_room_for_the_next_ones(generated):
    settings = outreach.load_settings()
    for day in DAYS[:3]:
        first = outreach.today_plan(day, settings)
        for s in [s for s in first.suggestions if s.kind in ("keep_in_touch", "lapsed")][:3]:
            outreach.snooze(s, day + timedelta(days=3))
        whole = [from_customer(c) for c in records.load_customers()]
        expected = plan_queue(whole, day, settings, outreach.load_states(day))
        assert outreach.today_plan(day, settings) == expected


def test_a_write_between_the_two_reads_plans_again_on_one_connection(generated, monkeypatch,
                                                                     beside):
    settings = outreach.load_settings()
    expected = outreach_plan.plan(MADE, settings, outreach.load_states, side=False)
    versions = iter([1, 2, 3])
    monkeypatch.setattr(outreach_plan, "_data_version", lambda: next(versions))
    sides = []
    real = outreach_plan._plan
    monkeypatch.setattr(outreach_plan, "_plan", lambda *a, side: sides.append(side) or
                        real(*a, side=side))
    assert outreach_plan.plan(MADE, settings, outreach.load_states) == expected
    assert sides == [True, False]


def test_a_failing_second_connection_leaves_the_plan_to_the_first(generated, monkeypatch,
                                                                  beside, caplog):
    settings = outreach.load_settings()
    expected = outreach_plan.plan(MADE, settings, outreach.load_states, side=False)

    def broken(path):
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(outreach_plan, "connect_read_only", broken)
    assert outreach_plan.plan(MADE, settings, outreach.load_states) == expected
    assert "failed" in caplog.text  # and no traceback reaches the owner's terminal


def test_settings_the_sql_cannot_follow_leave_everyone_to_triage(generated):
    for odd in (Settings(cap_touches=0), Settings(lapse_factor=float("inf")),
                Settings(default_cadence_days=2 ** 60)):
        assert not outreach_sift.applies(Context(MADE, odd))
        whole = [from_customer(c) for c in records.load_customers()]
        assert outreach.today_plan(MADE, odd) == plan_queue(whole, MADE, odd, {})


def _as_version_4(path) -> None:
    """Make the notebook at ``path`` what version 4 left: a standing table of text alone."""
    con = sqlite3.connect(path)
    con.executescript("""
        CREATE TEMP TABLE kept AS SELECT customer_id, last_touch, purchases FROM standing;
        DROP TABLE standing;
        CREATE TABLE standing (customer_id INTEGER PRIMARY KEY, last_touch TEXT,
                               purchases TEXT) WITHOUT ROWID;
        INSERT INTO standing SELECT * FROM kept;
        PRAGMA user_version = 4;
    """)
    con.close()


def test_a_version_4_notebook_plans_the_same_day_read_only_and_migrated(tmp_path):
    path = tmp_path / "v4.rapport"
    open_notebook(path)
    _generated(60)
    expected = outreach.today_plan(MADE)
    close_notebook()
    _as_version_4(path)
    open_notebook(path, read_only=True)
    try:
        assert outreach.today_plan(MADE) == expected
    finally:
        close_notebook()
    open_notebook(path)
    try:
        days = db.execute_sql("SELECT count(*) FROM standing WHERE last_day IS NOT NULL")
        assert days.fetchone()[0] > 50
        assert outreach.today_plan(MADE) == expected
    finally:
        close_notebook()


def test_inside_a_transaction_the_plan_reads_what_it_wrote(generated):
    settings = outreach.load_settings()
    before = outreach.today_plan(MADE, settings)
    verdicts = outreach_sift.verdicts(Context(MADE, settings))
    settled = [cid for cid, (verdict, _low, _high) in verdicts.items() if verdict == 1][:10]
    with db.atomic():  # touches no other connection can see yet
        for cid in settled:
            timeline.add(cid, Interaction(MADE, "call"))
        during = outreach.today_plan(MADE, settings)
        assert during == outreach_plan.plan(MADE, settings, outreach.load_states, side=False)
        assert during.waiting < before.waiting
        db.rollback()
    assert outreach.today_plan(MADE, settings) == before


def test_no_child_process_in_the_window_s_process_or_beside_other_threads(monkeypatch):
    import threading

    monkeypatch.setitem(sys.modules, "PySide6", sys.modules.get("PySide6", object()))
    assert not outreach_plan._may_fork()
    monkeypatch.delitem(sys.modules, "PySide6")
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(threading, "active_count", lambda: 2)
    assert not outreach_plan._may_fork()
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    assert outreach_plan._may_fork()


def test_a_child_reaped_by_someone_else_still_answers(generated, monkeypatch):
    """A parent that ignores SIGCHLD (the setting outlives exec) has the system reap it."""
    import signal

    settings = outreach.load_settings()
    expected = outreach_plan.plan(MADE, settings, outreach.load_states, side=False)
    monkeypatch.setattr(outreach_plan, "_may_fork", lambda: True)
    answered = []
    real = outreach_plan._Judging._from_child
    monkeypatch.setattr(outreach_plan._Judging, "_from_child",
                        staticmethod(lambda *a: answered.append(real(*a)) or answered[-1]))
    previous = signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    try:
        assert outreach_plan.plan(MADE, settings, outreach.load_states) == expected
    finally:
        signal.signal(signal.SIGCHLD, previous)
    assert answered and answered[0] is not None  # the child's answer, not a fallback


def test_settings_too_large_for_sqlite_plan_as_the_engine_does(generated):
    huge = Settings(daily_capacity=2 ** 63, cap_touches=2 ** 63)
    whole = [from_customer(c) for c in records.load_customers()]
    assert outreach.today_plan(MADE, huge) == plan_queue(whole, MADE, huge, {})


def test_a_plan_given_up_leaves_no_child_and_triages_nothing(generated, monkeypatch, caplog):
    import os

    monkeypatch.setattr(outreach_plan, "_may_fork", lambda: True)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(outreach_plan.gather, "contacts", interrupted)
    monkeypatch.setattr(outreach_plan._Judging, "result", lambda self: pytest.fail("waited"))
    with pytest.raises(KeyboardInterrupt):
        outreach_plan.plan(MADE, outreach.load_settings(), outreach.load_states)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no child left, not even a zombie
    assert "triaging here" not in caplog.text
