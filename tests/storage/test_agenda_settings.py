"""A setting changed works out again only the rules that read it (storage.agenda_rework), and
leaves exactly the stored agendas a whole rebuild does."""

import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import fields, replace
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.dates import PartialDate
from domain.model import Milestone, Problem
from domain.outreach import Settings
from domain.outreach.rules import KIND, POLICY, READS, RULES, WHOLE, rules_reading
from storage import agenda, agenda_rework, customers, outreach, timeline
from storage.db import db
from tests.bench.generate import TAGS
from tests.storage.test_agenda import START, edit, scratch, seeded


def stored() -> tuple[list, list]:
    """Every stored agenda row but its rowid, in one order."""
    rows = db.execute_sql("SELECT customer_id, kind, key, due, shows_from, shows_until, "
                          "channel, every, milestone_kind, detail, rank, kth_touch, quiet "
                          "FROM agenda").fetchall()
    heads = db.execute_sql("SELECT * FROM agenda_customer").fetchall()
    return sorted(rows, key=repr), sorted(heads)


def rebuilt_whole() -> tuple[list, list]:
    """The stored agendas a whole rebuild leaves (the notebook is left as it was)."""
    con = db.connection()
    con.execute("SAVEPOINT whole")
    try:
        agenda.rebuild(None, agenda.today())
        return stored()
    finally:
        con.execute("ROLLBACK TO whole")
        con.execute("RELEASE whole")


def rebuilt_as_made() -> tuple[list, list]:
    """The stored agendas the rules give each customer on the day their agenda was made (as
    stored), worked out whole (the notebook is left as it was)."""
    by_day: dict[str, list[int]] = {}
    for cid, made in db.execute_sql("SELECT customer_id, as_of FROM agenda_customer"):
        by_day.setdefault(made, []).append(cid)
    con = db.connection()
    con.execute("SAVEPOINT whole")
    try:
        for made, ids in by_day.items():
            agenda.rebuild(ids, date.fromisoformat(made))
        return stored()
    finally:
        con.execute("ROLLBACK TO whole")
        con.execute("RELEASE whole")


def all_hold(day: date) -> bool:
    """Whether every customer's stored agenda holds on ``day``."""
    return not db.execute_sql("SELECT 1 FROM agenda_customer WHERE as_of > :day OR until < :day",
                              {"day": day.isoformat()}).fetchone()


NAMES = [f.name for f in fields(Settings)]


def enrich(rng: random.Random, ids: list[int], day: date) -> None:
    """What the generated notebooks seldom hold, on a few customers: a recent loss, an open
    problem, one resolved lately (the sympathy, follow-up and patience rules read them)."""
    for cid in rng.sample(ids, min(len(ids), 3)):
        when = day - timedelta(days=rng.randint(0, 45))
        what = rng.randrange(3)
        if what == 0:
            c = customers.get_customer(cid)
            c.milestones = [*c.milestones, Milestone(
                "bereavement", PartialDate(when.month, when.day, when.year), "Tom")]
            customers.save_customer(c)
        else:
            timeline.add(cid, Problem(when, "Late order", "open" if what == 1 else "resolved",
                                      None if what == 1 else when + timedelta(days=1)))


def changed(rng: random.Random, before: Settings, names: list[str]) -> Settings:
    """``before`` with the settings ``names`` changed at random."""
    values = {}
    for name in names:
        old = getattr(before, name)
        if name == "tag_cadences":
            values[name] = {t: rng.randint(1, 60) for t in rng.sample(TAGS, rng.randint(0, 3))}
        elif isinstance(old, bool):
            values[name] = not old
        elif isinstance(old, float):
            values[name] = rng.choice([1.0, 1.5, 2.5, 3.0])
        else:
            values[name] = max(0 if name == "cap_touches" else 1, old + rng.randint(-20, 40))
    return replace(before, **values)


def test_every_setting_is_read_by_a_named_rule_the_agenda_or_the_policy_only():
    named = WHOLE | POLICY | set().union(*READS.values())
    assert {f.name for f in fields(Settings)} <= named
    assert set(READS) == set(RULES) == set(KIND)
    assert rules_reading(["default_cadence_days"]) == tuple(
        r for r in RULES if r.__name__ == "keep_in_touch")
    assert rules_reading(["cap_touches"]) is None
    assert rules_reading(["no_such_setting"]) is None


@contextmanager
def sharing(share: float) -> Iterator[None]:
    """Within the block, a rework works out everyone whole above ``share`` (1.0: never, the
    agendas not made on the day then worked out whole beside the others' rules)."""
    before = agenda_rework.WHOLE_SHARE
    agenda_rework.WHOLE_SHARE = share
    try:
        yield
    finally:
        agenda_rework.WHOLE_SHARE = before


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.integers(0, 10_000), st.integers(1, 30), st.integers(0, 5),
       st.lists(st.lists(st.sampled_from(NAMES), min_size=1, max_size=3), min_size=1,
                max_size=4), st.integers(0, 40), st.sampled_from([0.5, 1.0]))
def test_a_setting_changed_leaves_the_agendas_a_whole_rebuild_does(
        tmp_path_factory, seed_n, count, edits, changes, later, share):
    """For random notebooks, writes, days and setting changes (one after another, some on a
    later day than the agendas were made), each stored agenda is what the rules give whole on
    the day it was made, and holds on the day (or is as it was, for a change only the day's
    policy reads), and Today is the rules' queue from scratch."""
    with seeded(tmp_path_factory, seed_n, count) as (rng, ids), sharing(share):
        day = START + timedelta(days=later)
        agenda.set_clock(lambda: day)
        enrich(rng, ids, day)
        for _ in range(edits):
            edit(rng, ids, day)
        for names in changes:
            before, was = outreach.load_settings(), stored()
            after = changed(rng, before, names)
            policy_only = agenda.fits(after)  # nothing is worked out again
            outreach.update_settings(before, after)
            assert stored() == (was if policy_only else rebuilt_as_made())
            assert policy_only or all_hold(day)
        found, expected = outreach.today_plan(day), scratch(day)
        assert found.suggestions == expected.suggestions
        assert found.waiting == expected.waiting


def record_rewrites() -> None:
    """From now on, note the kind of every stored agenda row deleted or updated."""
    db.execute_sql("CREATE TEMP TABLE written (kind TEXT)")
    for event in ("DELETE", "UPDATE"):
        db.execute_sql(f"CREATE TEMP TRIGGER agenda_{event} AFTER {event} ON agenda "
                       "BEGIN INSERT INTO written VALUES (old.kind); END")


def rewritten() -> set[str]:
    """The kinds of the rows deleted or updated since :func:`record_rewrites`."""
    return {k for (k,) in db.execute_sql("SELECT kind FROM written")}


def test_a_cadence_changed_rewrites_only_the_keep_in_touch_rows(tmp_path_factory):
    """The other kinds' rows (birthdays, promises, the calendar…) stay as they were stored."""
    with seeded(tmp_path_factory, 7, 40):
        assert {k for (k,) in db.execute_sql("SELECT kind FROM agenda")} >= {
            "calendar", "milestone", "keep_in_touch"}
        record_rewrites()
        before = outreach.load_settings()
        outreach.update_settings(before, replace(
            before, default_cadence_days=before.default_cadence_days + 1))
        assert rewritten() == {"keep_in_touch"}
        assert stored() == rebuilt_whole()


def test_agendas_made_a_day_before_are_reworked_on_their_day(tmp_path_factory):
    """The commoner case: the agendas were made on an earlier day (the last whole rebuild's).
    A cadence changed rewrites their keep-in-touch rows alone, worked out on that day, and
    Today is still the rules' queue."""
    with seeded(tmp_path_factory, 11, 40):
        later = START + timedelta(days=1)
        agenda.set_clock(lambda: later)
        record_rewrites()
        before = outreach.load_settings()
        outreach.update_settings(before, replace(
            before, default_cadence_days=before.default_cadence_days - 9))
        assert rewritten() == {"keep_in_touch"}
        assert {d for (d,) in db.execute_sql("SELECT as_of FROM agenda_customer")} == {
            START.isoformat()}
        assert stored() == rebuilt_as_made() and all_hold(later)
        found, expected = outreach.today_plan(later), scratch(later)
        assert found.suggestions == expected.suggestions
