"""Working out everyone's agenda at once (storage.agenda.rebuild with no ids: a setting
changed, a notebook imported) stores what working each customer out singly stores."""

import gc
import random
from datetime import date, timedelta
from decimal import Decimal

import pytest

from domain.model import Purchase
from storage import agenda, agenda_input, bulk, customers, records, timeline
from storage.db import db
from tests.bench.generate import make_customer

START = date(2026, 11, 2)
COLUMNS = ("customer_id, kind, key, due, shows_from, shows_until, channel, every, "
           "milestone_kind, rank, kth_touch, quiet, detail")


def stored() -> tuple[list, list]:
    rows = db.execute_sql(f"SELECT {COLUMNS} FROM agenda ORDER BY {COLUMNS}").fetchall()
    people = db.execute_sql("SELECT * FROM agenda_customer ORDER BY customer_id").fetchall()
    return rows, people


def seed(count: int, rng: random.Random) -> list[int]:
    bulk.write_all(bulk.NotebookContent([make_customer(i, START, rng)
                                         for i in range(1, count + 1)]))
    return [c.id for c in records.load_customers()]


def refer(friend: int, referrer: int) -> None:
    """``friend`` sent by ``referrer``, with a first purchase the referrer is due thanks for."""
    c = customers.get_customer(friend)
    c.referred_by = referrer
    customers.save_customer(c)
    with db.atomic():  # their earlier purchases would make this one not their first
        db.execute_sql("DELETE FROM purchase WHERE customer_id = ?", (friend,))
    timeline.add(friend, Purchase(START - timedelta(days=1), Decimal(20), "roses"))


def test_everyone_worked_out_a_few_at_a_time_is_each_worked_out_singly(notebook, monkeypatch):
    """Chunks of three over numbers with gaps, referrals across chunks both ways: the same
    rows as each customer worked out on their own (the path a single write takes)."""
    monkeypatch.setattr(agenda, "_clock", lambda: START)
    ids = seed(40, random.Random(7))
    with db.atomic():
        for gone in ids[10:14]:
            customers.delete_customer(gone)
    ids = ids[:10] + ids[14:]
    refer(ids[-1], ids[1])  # a referrer in the first chunk, their friend in the last
    refer(ids[2], ids[-2])  # and the other way round
    with db.atomic():
        agenda.rebuild(ids, START)
    singly = stored()
    monkeypatch.setattr(agenda, "CHUNK", 3)
    with db.atomic():
        assert agenda.rebuild(None, START) == len(ids)
    assert stored() == singly
    thanked = {cid for (cid,) in db.execute_sql(
        "SELECT customer_id FROM agenda WHERE kind = 'thank_you_referral'")}
    assert {ids[1], ids[-2]} <= thanked


@pytest.mark.parametrize("enabled", [True, False])
def test_working_everyone_out_leaves_the_cycle_collector_as_it_was(notebook, monkeypatch,
                                                                   enabled):
    """It is paused while agendas are worked out, and back as it was after, even when the
    work fails half-way."""
    monkeypatch.setattr(agenda, "_clock", lambda: START)
    seed(3, random.Random(1))
    seen = []
    real = agenda_input.contacts

    def contacts(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(agenda_input, "contacts", contacts)
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        with db.atomic():
            agenda.rebuild(None, START)
        assert seen == [False] and gc.isenabled() is enabled

        def broken(*args, **kwargs):
            raise RuntimeError("the disk went away")

        monkeypatch.setattr(agenda_input, "contacts", broken)
        with pytest.raises(RuntimeError), db.atomic():
            agenda.rebuild(None, START)
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_an_entry_s_detail_is_the_json_the_standard_encoder_writes():
    """The encoder made once writes what ``json.dumps`` does, for every kind of value a rule
    puts in an entry's words (Today decodes it with ``json.loads``)."""
    import json
    from datetime import time

    from domain.outreach.entries import Entry

    odd = 'Zoë "Z" \\ \u2028 \x1f 王小明 😀'
    e = Entry(7, odd, "milestone", START, "mail", "k", START, START,
              (odd, 2.5, True, None, 1e300, -0.0, 12, ("nested", 3)), title="Ella's",
              occasion=None, source_id=9, due_time=time(9, 30))
    expected = json.dumps([odd, list(e.words), "Ella's", None, 9, "09:30"],
                          ensure_ascii=False, separators=(",", ":"))
    assert agenda._detail(e) == expected
    assert json.loads(agenda._detail(e))[1][7] == ["nested", 3]
    with pytest.raises(TypeError):
        agenda._detail(Entry(7, "x", "milestone", START, None, "k", START, START, (object(),)))


def test_everyone_worked_out_leaves_every_agenda_index_as_declared(notebook, monkeypatch):
    """The indexes set aside while everyone's rows are stored (agenda's and agenda_customer's)
    are all back after, as the schema declares them, and a failure half-way rolls back to
    them too."""
    monkeypatch.setattr(agenda, "_clock", lambda: START)
    seed(5, random.Random(3))

    def indexes() -> list:
        return db.execute_sql("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                              "tbl_name IN ('agenda', 'agenda_customer') ORDER BY name"
                              ).fetchall()

    before = indexes()
    assert {"agenda_until", "agenda_as_of", "agenda_due"} <= {name for name, _ in before}
    with db.atomic():
        agenda.rebuild(None, START)
    assert indexes() == before

    def broken(*_args, **_kwargs):
        raise RuntimeError("half-way")

    monkeypatch.setattr(agenda, "_store", broken)
    with pytest.raises(RuntimeError), db.atomic():
        agenda.rebuild(None, START)
    assert indexes() == before
