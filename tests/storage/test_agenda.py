"""The stored agenda (storage.agenda): worked out in the transaction of every write, read for a
day with one indexed query, and always the queue the rules give from scratch."""

import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.dates import PartialDate
from domain.model import Customer, Interaction, Milestone, Promise, Purchase
from domain.outreach import Settings, from_customer, plan_queue
from storage import (
    agenda,
    agenda_read,
    agenda_rework,
    backups,
    bulk,
    customers,
    outreach,
    records,
    timeline,
)
from storage.db import close_notebook, db, open_notebook
from tests.bench.generate import make_customer

START = date(2026, 11, 2)


def scratch(day: date, prefs: Settings | None = None):
    """The queue the rules give for ``day`` over every customer read whole."""
    prefs = prefs or outreach.load_settings()
    book = [from_customer(c) for c in records.load_customers()]
    return plan_queue(book, day, prefs, outreach.load_states(day))


def stored_rows() -> int:
    return db.execute_sql("SELECT count(*) FROM agenda").fetchone()[0]


def seed(count: int, rng: random.Random, day: date = START) -> list[int]:
    made = [make_customer(i, day, rng) for i in range(1, count + 1)]
    bulk.write_all(bulk.NotebookContent(made))
    return [c.id for c in records.load_customers()]


def edit(rng: random.Random, ids: list[int], day: date) -> None:
    """One of the writes an owner makes, on a random customer."""
    cid = rng.choice(ids)
    when = day - timedelta(days=rng.randint(-3, 40))
    what = rng.randrange(6)
    if what == 0:
        timeline.add(cid, Interaction(when, rng.choice(["call", "card", "email", "note"]), "x"))
    elif what == 1:
        timeline.add(cid, Purchase(when, Decimal(rng.randint(1, 90)), "roses"))
    elif what == 2:
        timeline.add(cid, Promise(when, datetime.combine(when + timedelta(days=3),
                                                         datetime.min.time()), "call back"))
    elif what == 3:
        c = customers.get_customer(cid)
        c.milestones = [*c.milestones, Milestone("birthday", PartialDate(
            when.month, min(when.day, 28), 1980))]
        customers.save_customer(c)
    elif what == 4:
        found = outreach.today_queue(day)
        if found:
            outreach.dismiss(rng.choice(found), day)
    else:
        c = customers.get_customer(cid)
        c.referred_by = rng.choice([None, *ids])
        if c.referred_by == cid:
            c.referred_by = None
        customers.save_customer(c)


@contextmanager
def seeded(tmp_path_factory, seed_n: int, count: int) -> Iterator[tuple[random.Random, list]]:
    """A fresh notebook of ``count`` random customers, its agendas worked out on START."""
    rng = random.Random(seed_n)
    previous = agenda._clock
    agenda.set_clock(lambda: START)
    try:
        open_notebook(tmp_path_factory.mktemp("agenda") / "n.rapport")
        yield rng, seed(count, rng)
    finally:
        agenda.set_clock(previous)
        close_notebook()


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.integers(0, 10_000), st.integers(1, 14), st.integers(0, 8), st.integers(0, 150))
def test_the_stored_agenda_gives_the_queue_worked_out_from_scratch(tmp_path_factory, seed_n,
                                                                   count, edits, later):
    """For random notebooks, writes and days: the queue read from the stored agendas (kept
    through every write, worked out on the days before ``later``) is the rules' queue."""
    with seeded(tmp_path_factory, seed_n, count) as (rng, ids):
        for _ in range(edits):
            edit(rng, ids, START)
        day = START + timedelta(days=later)
        assert outreach.today_plan(day) == outreach.today_plan(day)  # nothing left to work out
        found = outreach.today_plan(day)
        expected = scratch(day)
        assert found.suggestions == expected.suggestions
        assert found.waiting == expected.waiting
        cal = outreach.calendar(day, 60)
        assert cal == agenda_read._calendar_of(day, day + timedelta(days=60), None)


def act(rng: random.Random, day: date, undone: list) -> None:
    """One of the things an owner does on Today: Done (and its undo), snooze, restore."""
    found = outreach.today_queue(day)
    what = rng.randrange(4)
    if what == 0 and undone:
        outreach.undo_act(undone.pop())
    elif what == 1 and found:
        s = rng.choice(found)
        undone.append(outreach.act_on(s, s.channel or "call", "", day))
    elif what == 2 and found:
        outreach.snooze(rng.choice(found), day + timedelta(days=rng.randint(1, 9)))
    elif found:
        s = rng.choice(found)
        outreach.dismiss(s, day)
        if rng.random() < 0.5:
            outreach.restore(s)


@settings(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.integers(0, 10_000), st.integers(1, 14), st.integers(1, 8))
def test_today_read_after_each_write_is_the_queue_worked_out_from_scratch(tmp_path_factory,
                                                                          seed_n, count, edits):
    """The day's plan is kept between reads and only the customers a write changed are
    planned again (storage.agenda_read._again): after every write and every Done, Snooze,
    Dismiss and undo, it is the rules' queue from scratch."""
    with seeded(tmp_path_factory, seed_n, count) as (rng, ids):
        undone: list = []
        outreach.today_plan(START)
        for _ in range(edits):
            edit(rng, ids, START) if rng.random() < 0.5 else act(rng, START, undone)
            found, expected = outreach.today_plan(START), scratch(START)
            assert agenda_read._kept is not None  # read again from the kept plan
            assert found.suggestions == expected.suggestions
            assert found.waiting == expected.waiting
            agenda_read._kept = None  # the day planned whole, reach filled in afresh
            assert [(s.key, s.reach) for s in found.suggestions] == \
                [(s.key, s.reach) for s in outreach.today_plan(START).suggestions]


def test_a_number_changed_is_the_number_today_hands_off(notebook, monkeypatch):
    monkeypatch.setattr(agenda, "_clock", lambda: START)
    cid = customers.save_customer(Customer(given_name="Ann", family_name="Lee",
                                           phones=["+1 503 555 0100"],
                                           preferred_channels=["phone"]))
    timeline.add(cid, Interaction(date(2026, 8, 3), "call", "Talked"))
    first = [s for s in outreach.today_queue(START) if s.customer_id == cid]
    assert [s.reach for s in first] == ["+1 503 555 0100"]
    ann = customers.get_customer(cid)
    ann.phones = ["+1 503 555 0199"]
    customers.save_customer(ann)
    assert [s.reach for s in outreach.today_queue(START) if s.customer_id == cid] == \
        ["+1 503 555 0199"]


def test_a_text_goes_to_the_mobile_as_the_printed_agenda_says(notebook, monkeypatch):
    """Today (window and `today --json`) handed a text to the first number, a landline, while
    the printed agenda (domain.reach) named the mobile: two answers to one question. Both
    follow domain.outreach.handoff.reach_for with the numbers' labels now."""
    from domain.outreach.handoff import shown_reach
    from domain.reach import reach_for

    monkeypatch.setattr(agenda, "_clock", lambda: START)
    cid = customers.save_customer(Customer(
        given_name="Ann", family_name="Lee", phones=["+1 503 555 0100", "+1 503 555 0177"],
        phone_labels={"+1 503 555 0100": "home", "+1 503 555 0177": "mobile"},
        preferred_channels=["text"]))
    timeline.add(cid, Interaction(date(2026, 8, 3), "call", "Talked"))
    [text] = [s for s in outreach.today_queue(START) if s.customer_id == cid]
    assert text.channel == "text"
    assert text.reach == "+1 503 555 0177"  # what Today's link dials: the stored form
    # the agenda on paper names the same number, written as people write it (shown_reach)
    assert reach_for(customers.get_customer(cid), "text") == shown_reach("text", text.reach, "US")


def test_a_done_committed_on_another_thread_while_the_day_is_read_is_not_lost(notebook,
                                                                             monkeypatch):
    """The Today count reads on the second worker while the owner acts on the first: a Done
    committed during that read (after its snapshot) shows at the next read — the plan read
    from the older snapshot is not kept."""
    import threading

    from storage.db import close_thread_connection

    monkeypatch.setattr(agenda, "_clock", lambda: START)
    seed(40, random.Random(5))
    s = next(x for x in outreach.today_queue(START) if x.kind == "keep_in_touch")
    agenda_read._kept = None
    real = agenda_read._read

    def read_while_done(*args):
        found = real(*args)  # the snapshot is taken; now the worker logs a call (no snooze
        # or dismissal to give it away: only the agenda worked out again tells)

        def done() -> None:
            timeline.add(s.customer_id, Interaction(START, "call", "Talked"))
            close_thread_connection()
        worker = threading.Thread(target=done)
        worker.start()
        worker.join(10)
        return found

    monkeypatch.setattr(agenda_read, "_read", read_while_done)
    before = outreach.today_plan(START)  # read from the snapshot before the Done
    monkeypatch.setattr(agenda_read, "_read", real)
    assert s.key in {x.key for x in before.suggestions}
    after = outreach.today_plan(START)
    assert s.key not in {x.key for x in after.suggestions}
    assert after.suggestions == scratch(START).suggestions


def test_whose_agendas_a_write_worked_out_is_told_once_it_is_committed(notebook,
                                                                       monkeypatch):
    heard = []
    monkeypatch.setattr(agenda, "listeners",
                        [lambda ids: heard.append((ids, db.in_transaction()))])
    cid = customers.save_customer(Customer(given_name="Ann", family_name="Lee"))
    heard.clear()
    with pytest.raises(ValueError), db.atomic():
        timeline.add(cid, Interaction(START, "call", "Talked"))
        raise ValueError  # rolled back: nothing told
    assert heard == []
    timeline.add(cid, Interaction(START, "call", "Talked"))
    assert heard == [({cid}, False)]  # after the commit, outside the transaction


def test_a_read_that_fails_halfway_leaves_no_kept_plan_behind(notebook, monkeypatch):
    monkeypatch.setattr(agenda, "_clock", lambda: START)
    ids = seed(6, random.Random(2))
    outreach.today_plan(START)
    timeline.add(ids[0], Interaction(START, "call", "Talked"))

    def broken(*_args):
        raise OSError("disk I/O error")

    with monkeypatch.context() as patched:
        patched.setattr(agenda_read, "_agendas", broken)
        with pytest.raises(OSError):
            outreach.today_plan(START)
    assert agenda_read._kept is None
    assert outreach.today_plan(START).suggestions == scratch(START).suggestions


def test_a_kept_plan_is_not_carried_to_another_notebook(tmp_path, monkeypatch):
    monkeypatch.setattr(agenda, "_clock", lambda: START)
    for name, count in (("a.rapport", 3), ("b.rapport", 5)):
        open_notebook(tmp_path / name)
        try:
            seed(count, random.Random(count))
            assert outreach.today_plan(START).suggestions == scratch(START).suggestions
        finally:
            close_notebook()


def test_a_touch_works_out_that_customer_s_agenda_in_its_transaction(notebook, monkeypatch):
    monkeypatch.setattr(agenda, "_clock", lambda: START)
    cid = customers.save_customer(Customer(given_name="Ana", family_name="Ruiz"))
    timeline.add(cid, Interaction(date(2026, 9, 1), "call", "Chat"))
    assert db.execute_sql("SELECT count(*) FROM agenda_dirty").fetchone()[0] == 0
    due = db.execute_sql("SELECT due FROM agenda WHERE customer_id = ? AND kind = "
                         "'keep_in_touch'", (cid,)).fetchone()[0]
    assert due == "2026-10-01"
    timeline.add(cid, Interaction(date(2026, 10, 30), "visit", "Dropped by"))
    due = db.execute_sql("SELECT due FROM agenda WHERE customer_id = ? AND kind = "
                         "'keep_in_touch'", (cid,)).fetchone()[0]
    assert due == "2026-11-29"


def test_a_failed_write_leaves_the_agenda_as_it_was(notebook, monkeypatch):
    monkeypatch.setattr(agenda, "_clock", lambda: START)
    cid = customers.save_customer(Customer(given_name="Ana", family_name="Ruiz"))
    before = db.execute_sql("SELECT * FROM agenda ORDER BY rowid").fetchall()
    with pytest.raises(RuntimeError), db.atomic():
        timeline.add(cid, Interaction(date(2026, 10, 30), "visit", "Dropped by"))
        raise RuntimeError("the owner's disk filled")
    assert db.execute_sql("SELECT * FROM agenda ORDER BY rowid").fetchall() == before
    assert db.execute_sql("SELECT count(*) FROM agenda_dirty").fetchone()[0] == 0


def test_a_setting_changed_works_out_everyone_again(notebook, monkeypatch):
    monkeypatch.setattr(agenda, "_clock", lambda: START)
    rng = random.Random(4)
    seed(20, rng)
    outreach.save_settings(Settings(default_cadence_days=10))
    assert db.execute_sql("SELECT count(*) FROM agenda_dirty").fetchone()[0] == 0
    assert {e for (e,) in db.execute_sql("SELECT DISTINCT every FROM agenda "
                                         "WHERE kind = 'keep_in_touch'")} == {10}
    assert outreach.today_plan(START).suggestions == scratch(START).suggestions


def test_a_setting_only_the_day_s_policy_reads_works_no_one_out(notebook, monkeypatch):
    """The daily capacity, the cap's days, the quiet time, a shorter window: the stored
    agendas answer for them (50,000 customers worked out again took 6 s for nothing)."""
    from dataclasses import replace

    monkeypatch.setattr(agenda, "_clock", lambda: START)
    seed(20, random.Random(5))
    outreach.save_settings(Settings(default_cadence_days=20))  # shapes entries: rebuilt
    calls = []
    real = agenda.rebuild
    monkeypatch.setattr(agenda, "rebuild", lambda *a, **k: calls.append(a[0]) or real(*a, **k))
    policy = replace(outreach.load_settings(), daily_capacity=3, cap_days=30, queue_days=5,
                     sympathy_quiet_days=10)
    outreach.save_settings(policy)
    assert calls == [] and db.execute_sql("SELECT count(*) FROM agenda_dirty").fetchone()[0] == 0
    assert outreach.today_plan(START).suggestions == scratch(START).suggestions
    reworked = []
    real_rework = agenda_rework.rework
    monkeypatch.setattr(agenda_rework, "rework", lambda rules, *a, **k: reworked.append(
        [r.__name__ for r in rules]) or real_rework(rules, *a, **k))
    outreach.save_settings(replace(policy, queue_days=9))  # a longer window: milestones ahead
    outreach.save_settings(replace(policy, queue_days=9, thank_you_days=4))
    assert calls == []  # only the rules reading them (tests/storage/test_agenda_settings.py)
    assert reworked == [["milestones"], ["first_purchase", "referral"]]
    assert outreach.today_plan(START).suggestions == scratch(START).suggestions


def test_the_note_of_the_settings_agendas_were_made_with_is_not_exported(notebook,
                                                                         monkeypatch):
    monkeypatch.setattr(agenda, "_clock", lambda: START)
    seed(3, random.Random(1))
    assert db.execute_sql("SELECT count(*) FROM setting WHERE key = ?",
                          (agenda.MADE_WITH,)).fetchone()[0] == 1
    assert not any(k.startswith("agenda.") for k in bulk.load_settings())


def test_saving_the_same_settings_again_works_nothing_out(notebook, monkeypatch):
    monkeypatch.setattr(agenda, "_clock", lambda: START)
    outreach.save_settings(Settings(default_cadence_days=10))
    calls = []
    monkeypatch.setattr(agenda, "rebuild", lambda *a, **k: calls.append(a))
    outreach.save_settings(Settings(default_cadence_days=10))
    assert calls == []


def test_deleting_a_customer_takes_their_agenda_and_their_referrer_s_thanks(notebook,
                                                                           monkeypatch):
    monkeypatch.setattr(agenda, "_clock", lambda: START)
    ana = customers.save_customer(Customer(given_name="Ana", family_name="Ruiz"))
    bo = customers.save_customer(Customer(given_name="Bo", family_name="Lee", referred_by=ana,
                                          customer_since=date(2026, 10, 30)))
    assert "thank_you_referral" in {s.kind for s in outreach.today_queue(START)}
    customers.delete_customer(bo)
    assert db.execute_sql("SELECT count(*) FROM agenda WHERE customer_id = ?",
                          (bo,)).fetchone()[0] == 0
    assert "thank_you_referral" not in {s.kind for s in outreach.today_queue(START)}


def test_a_day_the_agenda_no_longer_holds_for_is_rolled_forward_and_stored(notebook,
                                                                          monkeypatch):
    monkeypatch.setattr(agenda, "_clock", lambda: START)
    cid = customers.save_customer(Customer(given_name="Ana", family_name="Ruiz",
                                           customer_since=date(2026, 1, 5)))
    timeline.add(cid, Interaction(date(2026, 12, 24), "call", "Booked ahead"))
    until = db.execute_sql("SELECT until FROM agenda_customer").fetchone()[0]
    assert until == "2026-12-23"  # the touch dated ahead counts from its day
    later = date(2026, 12, 28)
    monkeypatch.setattr(agenda, "_clock", lambda: later)
    assert outreach.today_plan(later).suggestions == scratch(later).suggestions
    assert db.execute_sql("SELECT as_of FROM agenda_customer").fetchone()[0] == later.isoformat()


def test_a_read_only_notebook_with_agendas_left_to_work_out_reads_right(notebook, monkeypatch):
    monkeypatch.setattr(agenda, "_clock", lambda: START)
    cid = customers.save_customer(Customer(given_name="Ana", family_name="Ruiz"))
    db.execute_sql("INSERT INTO interaction (customer_id, date, kind, channel, summary) "
                   "VALUES (?, '2026-10-20', 'call', 'phone', 'autocommit')", (cid,))
    assert db.execute_sql("SELECT count(*) FROM agenda_dirty").fetchone()[0] == 1
    close_notebook()
    open_notebook(notebook.path, read_only=True)
    assert outreach.today_plan(date(2026, 11, 22)).suggestions == \
        scratch(date(2026, 11, 22)).suggestions
    [s] = outreach.today_queue(date(2026, 11, 22))
    assert s.due == date(2026, 11, 19)


def test_other_settings_than_the_stored_are_worked_out_on_the_spot(notebook, monkeypatch):
    monkeypatch.setattr(agenda, "_clock", lambda: START)
    seed(15, random.Random(9))
    odd = Settings(default_cadence_days=7, queue_days=10)
    assert outreach.today_plan(START, odd).suggestions == scratch(START, odd).suggestions
    week = Settings(queue_days=6, daily_capacity=3)  # what only the day's policy reads
    assert outreach.today_plan(START, week).suggestions == scratch(START, week).suggestions


def test_a_version_9_notebook_migrates_to_the_agenda_in_place(tmp_path, monkeypatch):
    """The standing table and its triggers go, the agenda's come, a backup first; the queue
    reads the same before and after its agendas are first worked out."""
    from peewee import SqliteDatabase

    from storage import migrations
    from storage.notebook_file import APPLICATION_ID

    monkeypatch.setattr(agenda, "_clock", lambda: START)
    path = tmp_path / "old.rapport"
    old = SqliteDatabase(str(path), pragmas={"foreign_keys": 1})
    for step in migrations.STEPS[:migrations.AGENDA - 1]:
        with old.atomic():
            step(old)
    old.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    old.execute_sql(f"PRAGMA user_version = {migrations.AGENDA - 1}")
    old.execute_sql("INSERT INTO customer (given_name, family_name, created, updated, "
                    "customer_since) VALUES ('Vera', 'Ng', '2020-01-01T00:00:00', "
                    "'2020-01-01T00:00:00', '2020-01-01')")
    old.execute_sql("INSERT INTO interaction (customer_id, date, kind, channel, summary) "
                    "VALUES (1, '2026-10-01', 'call', 'phone', 'Chat')")
    old.close()
    open_notebook(path)
    try:
        tables = {n for (n,) in db.execute_sql("SELECT name FROM sqlite_master")}
        assert "standing" not in tables and {"agenda", "agenda_customer"} <= tables
        assert not any("standing" in n for n in tables)
        assert [b.reason for b in backups.list_backups(path)] == [f"before-v{migrations.LATEST}"]
        [s] = outreach.today_queue(START)
        assert (s.customer, s.kind, s.due) == ("Vera Ng", "keep_in_touch", date(2026, 10, 31))
        timeline.add(1, Interaction(date(2026, 10, 20), "visit", "Came by"))
        assert db.execute_sql("SELECT count(*) FROM agenda_customer").fetchone()[0] == 1
        assert [s.due for s in outreach.today_queue(date(2026, 11, 20))] == [date(2026, 11, 19)]
    finally:
        close_notebook()


@pytest.mark.parametrize("version", [3, 5, 9])
def test_an_older_notebook_read_only_plans_the_day_as_once_migrated(tmp_path, monkeypatch,
                                                                     version):
    """A notebook nothing may migrate (a read-only folder, a reader beside a writer) has no
    stored agendas: its queue is worked out on the spot, and is the migrated one's."""
    import shutil

    from peewee import SqliteDatabase

    from storage import migrations
    from storage.notebook_file import APPLICATION_ID

    monkeypatch.setattr(agenda, "_clock", lambda: START)
    path = tmp_path / "old.rapport"
    old = SqliteDatabase(str(path), pragmas={"foreign_keys": 1})
    for step in migrations.STEPS[:version]:
        with old.atomic():
            step(old)
    old.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    old.execute_sql(f"PRAGMA user_version = {version}")
    for n, (first, touched, bought) in enumerate((("Vera", "2026-10-01", "2026-06-01"),
                                                  ("Ola", "2026-09-20", "2026-10-29"))):
        old.execute_sql("INSERT INTO customer (given_name, family_name, created, updated, "
                        "customer_since) VALUES (?, 'Ng', '2020-01-01T00:00:00', "
                        "'2020-01-01T00:00:00', '2020-01-01')", (first,))
        old.execute_sql("INSERT INTO interaction (customer_id, date, kind, channel, summary) "
                        "VALUES (?, ?, 'call', 'phone', 'Chat')", (n + 1, touched))
        old.execute_sql("INSERT INTO purchase (customer_id, date, amount_cents, description) "
                        "VALUES (?, ?, 1200, 'Roses')", (n + 1, bought))
    old.close()
    copy = tmp_path / "copy.rapport"
    shutil.copy(path, copy)
    day = date(2026, 11, 20)
    open_notebook(path, read_only=True)
    try:
        read_only = outreach.today_queue(day)
    finally:
        close_notebook()
    open_notebook(copy)
    try:
        assert outreach.today_queue(day) == read_only
        assert {s.customer for s in read_only} == {"Vera Ng", "Ola Ng"}
    finally:
        close_notebook()


def test_a_friend_s_first_purchase_taken_back_changes_the_referrer_s_thanks(notebook,
                                                                          monkeypatch):
    """Ana referred Bo: her thank-you is dated by his first purchase; undone, it is dated by
    when he was added again (the referrer's agenda is worked out with the friend's)."""
    monkeypatch.setattr(agenda, "_clock", lambda: START)
    ana = customers.save_customer(Customer(given_name="Ana", family_name="Ruiz",
                                           customer_since=date(2026, 1, 5)))
    bo = customers.save_customer(Customer(given_name="Bo", family_name="Lee", referred_by=ana,
                                          customer_since=date(2026, 9, 1)))
    bought = timeline.add(bo, Purchase(date(2026, 10, 30), Decimal(20), "Roses"))
    day = date(2026, 11, 3)
    assert "thank_you_referral" in {s.kind for s in outreach.today_queue(day)}
    timeline.remove(bought)
    assert outreach.today_plan(day).suggestions == scratch(day).suggestions
    assert "thank_you_referral" not in {s.kind for s in outreach.today_queue(day)}
