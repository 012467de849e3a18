"""Marking a day's cards printed (or mailed) is one transaction for the whole batch: a number
of statements that does not grow with the cards, the same touches logged as one card at a
time, and nothing changed when one card of the batch is gone."""

from datetime import date

import pytest

from domain.model import Address, Card, Customer
from storage import customers
from storage import templates as store
from storage.customers import NotFound
from storage.db import db

TODAY = date(2026, 11, 23)
# Statements run once per card, in one executemany each (SQLite's trace reports every row,
# and the statements of the triggers a row fires).
AGENDA_READS = ("SELECT c.id, c.given_name", "SELECT id FROM customer WHERE referred_by",
                "SELECT t.customer_id", "SELECT customer_id, kind, month",
                "SELECT customer_id, kind, value", "SELECT customer_id, id, made",
                "SELECT p.customer_id")
PER_ROW = ("INSERT INTO interaction", "UPDATE card SET", "UPDATE customer SET", "-- TRIGGER")


def queued_cards(count: int, occasion: str = "birthday") -> list[int]:
    ids = []
    for i in range(count):
        cid = customers.save_customer(Customer(
            given_name=f"C{i}", family_name="Shaw",
            addresses=[Address("12 Elm St", "Portland", "OR", "97201", mailing=True)]))
        ids.append(store.create_card(Card(cid, occasion, f"Happy birthday, C{i}!",
                                          status="queued", created=TODAY)).id)
    return ids


def statements_for(card_ids: list[int], status: str = "printed") -> tuple[int, int]:
    """(statements run once for the batch, statements run per card) while marking."""
    seen: list[str] = []
    db.connection().set_trace_callback(seen.append)
    try:
        store.set_status(card_ids, status, TODAY)
    finally:
        db.connection().set_trace_callback(None)
    # The agendas of the customers touched are worked out again before the commit: work per
    # customer, by design (storage.agenda), not per card.
    seen = [s for s in seen if "agenda" not in s and not s.lstrip().startswith(AGENDA_READS)]
    per_row = sum(1 for s in seen if s.lstrip().startswith(PER_ROW))
    return len(seen) - per_row, per_row


def test_the_statements_of_marking_a_batch_do_not_grow_with_its_cards(notebook):
    ids = queued_cards(40)
    small, large = statements_for(ids[:2]), statements_for(ids[2:])
    assert small[0] == large[0]  # reads and transaction statements: as many for 38 as for 2
    assert large[1] == small[1] * 19  # the rest is one row per card


def touches(customer_id: int) -> list[tuple[str, str, str | None]]:
    return [(i.kind, i.summary, i.channel) for i in customers.get_customer(customer_id)
            .interactions]


def test_a_batch_logs_one_card_touch_per_card_the_first_time_it_goes_out(notebook):
    ids = queued_cards(3)
    cards = store.set_status([ids[0], ids[1], ids[1]], "printed", TODAY)
    assert [c.id for c in cards] == [ids[0], ids[1], ids[1]]
    assert all(c.status == "printed" and c.printed == TODAY for c in cards)
    mailed = store.set_status(ids, "mailed", date(2026, 11, 24))
    assert [(c.status, c.mailed) for c in mailed] == [("mailed", date(2026, 11, 24))] * 3
    assert mailed[0].printed == TODAY and mailed[2].printed is None
    for card_id in ids:  # printed then mailed, or mailed at once: one touch each
        customer_id = store.get_card(card_id).customer_id
        assert touches(customer_id) == [("card", "Birthday card", "mail")]
    assert store.set_status(ids, "queued", TODAY)[0].status == "queued"  # no touch undone


def test_a_batch_with_a_card_that_is_gone_changes_nothing(notebook):
    ids = queued_cards(3)
    store.delete_card(ids[1])
    with pytest.raises(NotFound):
        store.set_status(ids, "printed", TODAY)
    assert [store.get_card(i).status for i in (ids[0], ids[2])] == ["queued", "queued"]
    assert all(not touches(store.get_card(i).customer_id) for i in (ids[0], ids[2]))


def test_marking_moves_the_customers_last_change(notebook):
    ids = queued_cards(2)
    people = [store.get_card(i).customer_id for i in ids]
    db.execute_sql("UPDATE customer SET updated = '2020-01-01T00:00:00'")
    store.set_status(ids, "printed", TODAY)
    stamps = [db.execute_sql("SELECT updated FROM customer WHERE id = ?", (p,)).fetchone()[0]
              for p in people]
    assert all(s > "2020-01-01T00:00:00" for s in stamps)
