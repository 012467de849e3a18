"""The standing table: each customer's latest touch and purchase days, kept by triggers.

The Today queue reads it instead of asking the timeline 100,000 times at 50,000 customers, so
it must match the timeline after every kind of write, and a notebook without it (version 3,
opened read-only) must plan the same day.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from domain.model import Customer, Interaction, Promise, Purchase
from storage import check, customers, migrations, outreach, outreach_input, timeline
from storage.db import close_notebook, db, open_notebook

RECOMPUTED = """
SELECT c.id,
       (SELECT max(date) FROM interaction WHERE customer_id = c.id AND kind != 'note'),
       (SELECT group_concat(date) FROM (SELECT date FROM purchase WHERE customer_id = c.id
        ORDER BY date))
FROM customer c ORDER BY c.id
"""


def recomputed() -> list[tuple]:
    """What the standing table should hold, asked of the timeline itself."""
    return [tuple(r) for r in db.execute_sql(RECOMPUTED) if r[1] or r[2]]


def stored() -> list[tuple]:
    return [tuple(r) for r in db.execute_sql(
        "SELECT customer_id, last_touch, purchases FROM standing "
        "WHERE last_touch IS NOT NULL OR purchases IS NOT NULL ORDER BY 1")]


def add(name: str, **kw) -> int:
    return customers.save_customer(Customer(given_name=name, family_name="Lee", **kw))


def test_every_kind_of_write_keeps_the_standing(notebook):
    ann = add("Ann", interactions=[Interaction(date(2026, 3, 1), "call", channel="phone"),
                                   Interaction(date(2026, 9, 1), "note")],
              purchases=[Purchase(date(2025, 5, 2), Decimal(3)),
                         Purchase(date(2024, 1, 9), Decimal(4))])
    bo = add("Bo")
    assert stored() == recomputed() == [(ann, "2026-03-01", "2024-01-09,2025-05-02")]

    visit = timeline.add(bo, Interaction(date(2026, 10, 4), "visit", channel="visit"))
    bought = timeline.add(bo, Purchase(date(2026, 10, 4), Decimal(9)))
    assert stored() == recomputed()

    visit.when, bought.when = date(2026, 11, 1), date(2023, 2, 2)
    timeline.update(visit)
    timeline.update(bought)
    assert (bo, "2026-11-01", "2023-02-02") in stored()

    visit.kind = "note"  # a note is not a touch
    timeline.update(visit)
    assert stored() == recomputed()
    assert (bo, None, "2023-02-02") in stored()

    timeline.remove(bought)
    timeline.log_touch(bo, Interaction(date(2026, 11, 20), "email", channel="email"))
    assert stored() == recomputed()

    gone = customers.delete_customer(ann)
    assert [r[0] for r in stored()] == [bo]
    customers.restore_customer(gone)  # undo brings back the timeline, and its standing
    assert stored() == recomputed()
    assert len(stored()) == 2


def test_moving_entries_to_another_customer_updates_both(notebook):
    ann = add("Ann", interactions=[Interaction(date(2026, 3, 1), "call")],
              purchases=[Purchase(date(2025, 5, 2), Decimal(3))])
    bo = add("Bo", purchases=[Purchase(date(2026, 1, 1), Decimal(3))])
    with db.atomic():  # as a merge does: the timeline follows the customer kept
        db.execute_sql("UPDATE interaction SET customer_id = ? WHERE customer_id = ?", (bo, ann))
        db.execute_sql("UPDATE purchase SET customer_id = ? WHERE customer_id = ?", (bo, ann))
    assert stored() == recomputed() == [(bo, "2026-03-01", "2025-05-02,2026-01-01")]


_DAYS = st.dates(date(2020, 1, 1), date(2030, 12, 31)).map(date.isoformat)
_OPS = st.lists(st.one_of(
    st.tuples(st.just("add"), st.sampled_from(["interaction", "purchase"]),
              st.integers(1, 3), _DAYS, st.sampled_from(["call", "note", "visit"])),
    st.tuples(st.just("move"), st.sampled_from(["interaction", "purchase"]),
              st.integers(0, 20), st.integers(1, 3), st.none()),
    st.tuples(st.just("redate"), st.sampled_from(["interaction", "purchase"]),
              st.integers(0, 20), _DAYS, st.none()),
    st.tuples(st.just("rekind"), st.just("interaction"), st.integers(0, 20), st.none(),
              st.sampled_from(["call", "note"])),
    st.tuples(st.just("delete"), st.sampled_from(["interaction", "purchase"]),
              st.integers(0, 20), st.none(), st.none()),
), max_size=25)


def _apply(op: tuple) -> None:
    what, table, a, b, c = op
    ids = [r[0] for r in db.execute_sql(f"SELECT id FROM {table} ORDER BY id")]
    if what == "add":
        if table == "interaction":
            db.execute_sql("INSERT INTO interaction (customer_id, date, kind) VALUES (?,?,?)",
                           (a, b, c))
        else:
            db.execute_sql("INSERT INTO purchase (customer_id, date) VALUES (?,?)", (a, b))
        return
    if not ids:
        return
    row = ids[a % len(ids)]
    if what == "move":
        db.execute_sql(f"UPDATE {table} SET customer_id = ? WHERE id = ?", (b, row))
    elif what == "redate":
        db.execute_sql(f"UPDATE {table} SET date = ? WHERE id = ?", (b, row))
    elif what == "rekind":
        db.execute_sql("UPDATE interaction SET kind = ? WHERE id = ?", (c, row))
    else:
        db.execute_sql(f"DELETE FROM {table} WHERE id = ?", (row,))


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=_OPS)
@example(ops=[("add", "interaction", 1, "2026-01-01", "call"),
              ("rekind", "interaction", 0, None, "note")])
def test_any_sequence_of_writes_keeps_the_standing(notebook, ops):
    with db.atomic() as txn:
        for name in ("Ann", "Bo", "Cy"):
            add(name)
        for op in ops:  # a later write to the same customer would hide a stale row
            _apply(op)
            assert stored() == recomputed(), op
        txn.rollback()  # the next example starts from an empty notebook again


def test_a_touch_or_purchase_after_the_day_planned_is_left_out(notebook):
    ann = add("Ann", interactions=[Interaction(date(2026, 3, 1), "call"),
                                   Interaction(date(2026, 12, 24), "visit")],
              purchases=[Purchase(date(2025, 5, 2), Decimal(3)),
                         Purchase(date(2027, 1, 9), Decimal(4))])
    add("Bo", interactions=[Interaction(date(2027, 1, 1), "visit")])
    day = date(2026, 11, 23)
    lines = outreach_input.standings(day)
    before_v4 = db.execute_sql(outreach_input._STANDINGS_BEFORE_V4,
                               {"today": day.isoformat()}).fetchall()
    assert lines == before_v4
    assert lines[0][0] == ann and lines[0][-2:] == ("2026-03-01", "2025-05-02")
    assert lines[1][-2:] == (None, None)


def _as_version_3(path) -> None:
    """Make the notebook at ``path`` what version 3 left: no standing table, no triggers, no
    index of family birthdays."""
    con = sqlite3.connect(path)
    names = [r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%standing%'")]
    for name in names:
        con.execute(f"DROP TRIGGER {name}")
    con.execute("DROP TABLE standing")
    con.execute("DROP INDEX fact_birthday_day")
    con.execute("PRAGMA user_version = 3")
    con.commit()
    con.close()


def _busy_notebook(path) -> date:
    day = date(2026, 11, 23)
    open_notebook(path)
    for n in range(12):
        cid = add(f"P{n}", interactions=[Interaction(day - timedelta(days=20 + 9 * n), "call")],
                  purchases=[Purchase(day - timedelta(days=400 - 30 * n), Decimal(5)),
                             Purchase(day - timedelta(days=100 + 11 * n), Decimal(5))])
        timeline.add(cid, Promise(day - timedelta(days=3), datetime(2026, 11, 25, 9), "ring"))
    return day


def test_a_version_3_notebook_gets_its_standing_when_opened(tmp_path):
    path = tmp_path / "v3.rapport"
    day = _busy_notebook(path)
    expected = outreach.today_plan(day)
    close_notebook()
    _as_version_3(path)
    open_notebook(path)
    try:
        assert db.execute_sql("PRAGMA user_version").fetchone()[0] == migrations.LATEST
        assert stored() == recomputed() and len(stored()) == 12
        assert outreach.today_plan(day) == expected
    finally:
        close_notebook()


def test_a_version_3_notebook_read_only_plans_the_same_day(tmp_path):
    path = tmp_path / "v3.rapport"
    day = _busy_notebook(path)
    expected = outreach.today_plan(day)
    assert expected.suggestions
    close_notebook()
    _as_version_3(path)
    open_notebook(path, read_only=True)
    try:
        assert outreach.today_plan(day) == expected
    finally:
        close_notebook()
    assert check.check_file(path) == []  # a version 3 notebook has no standing to check


def test_check_names_customers_whose_standing_is_stale(tmp_path):
    path = tmp_path / "stale.rapport"
    _busy_notebook(path)
    close_notebook()
    assert check.check_file(path) == []
    con = sqlite3.connect(path)
    con.execute("UPDATE standing SET last_touch = '2001-01-01' WHERE customer_id IN (2, 5)")
    con.execute("INSERT INTO standing (customer_id, purchases) VALUES (99, '2020-01-01')")
    con.commit()
    con.close()
    assert check.check_file(path) == [
        "A Today summary that does not match the timeline: 2 customers (ids 2, 5).",
        "A Today summary of a customer who is not in the notebook: 1 Today summary (id 99).",
    ]


def test_family_birthdays_are_found_by_their_day_not_by_a_pass_over_every_detail(notebook):
    plan = " ".join(str(r[-1]) for r in db.execute_sql(
        "EXPLAIN QUERY PLAN SELECT id FROM fact WHERE kind IN ('family', 'pet') "
        "AND substr(birthday, -5) IN ('11-23', '11-24')"))
    assert "fact_birthday_day" in plan
