from datetime import date, datetime
from decimal import Decimal

import pytest

from domain.dates import PartialDate
from domain.model import (
    Address,
    Customer,
    Fact,
    Interaction,
    Milestone,
    Problem,
    ProblemUpdate,
    Promise,
    Purchase,
)
from storage import customers, timeline
from storage.customers import NotFound


def make_customer(**kw) -> Customer:
    base = dict(
        given_name="Margaret", family_name="Shaw", preferred_name="Peggy",
        company="Shaw & Daughters", emails=["peggy@example.com"], phones=["+15035550101"],
        addresses=[Address("12 Elm St", "Portland", "OR", "97201", "US", mailing=True)],
        tags=["regular", "florals"], do_not_contact=["text"],
        facts=[Fact("pet", "Biscuit", relation="dog"), Fact("interest", "orchids")],
        milestones=[Milestone("birthday", PartialDate(2, 29, 1980)),
                    Milestone("wedding_anniversary", PartialDate(6, 12))],
        notes="Prefers mornings.",
    )
    base.update(kw)
    return Customer(**base)


def test_save_and_load_round_trip(notebook):
    cid = customers.save_customer(make_customer())
    loaded = customers.get_customer(cid)
    assert loaded.display_name == "Margaret “Peggy” Shaw"
    assert loaded.emails == ["peggy@example.com"]
    assert loaded.addresses[0].mailing is True
    assert loaded.milestones[0].date == PartialDate(2, 29, 1980)
    assert loaded.milestones[1].date.year is None
    assert [f.value for f in loaded.facts] == ["Biscuit", "orchids"]
    assert loaded.do_not_contact == ["text"]


def test_update_replaces_profile_but_keeps_timeline(notebook):
    cid = customers.save_customer(make_customer())
    timeline.add(cid, Interaction(date(2026, 11, 1), "call", "Asked about lilies"))
    c = customers.get_customer(cid)
    c.emails = ["new@example.com"]
    c.facts = []
    customers.save_customer(c)
    again = customers.get_customer(cid)
    assert again.emails == ["new@example.com"]
    assert again.facts == []
    assert [i.summary for i in again.interactions] == ["Asked about lilies"]


def test_search_is_prefix_and_accent_blind(notebook):
    customers.save_customer(make_customer(given_name="Zoë", family_name="Łukasik",
                                          preferred_name=""))
    customers.save_customer(make_customer(given_name="Tom", family_name="Baker",
                                          preferred_name="", facts=[], notes=""))
    assert len(customers.search_ids("zoe")) == 1
    assert len(customers.search_ids("luk")) == 1
    assert len(customers.search_ids("orchid")) == 1  # a fact
    assert customers.search_ids("") == []
    assert customers.search_ids('"; DROP TABLE customer; --') == []


def test_delete_and_restore_brings_back_everything(notebook):
    referrer = customers.save_customer(make_customer(given_name="Ann", family_name="Lee"))
    cid = customers.save_customer(make_customer())
    friend = customers.save_customer(make_customer(given_name="Bo", referred_by=cid))
    timeline.add(cid, Purchase(date(2026, 10, 3), Decimal("120.50"), "Orchid"))
    timeline.add(cid, Promise(date(2026, 10, 3), datetime(2026, 10, 9, 15, 0), "Call back"))
    timeline.add(cid, Problem(date(2026, 10, 4), "Wilted", updates=[
        ProblemUpdate(date(2026, 10, 5), "Replacement sent")]))
    before = customers.get_customer(cid)
    deleted = customers.delete_customer(cid)
    with pytest.raises(NotFound):
        customers.get_customer(cid)
    assert customers.get_customer(friend).referred_by is None
    customers.restore_customer(deleted)
    after = customers.get_customer(cid)
    strip = lambda c: (c.display_name, c.emails, [p.amount for p in c.purchases],  # noqa: E731
                       [p.what for p in c.promises], [u.summary for p in c.problems
                                                       for u in p.updates])
    assert strip(after) == strip(before)
    assert customers.get_customer(friend).referred_by == cid
    assert customers.search_ids("Margaret") == [cid] or cid in customers.search_ids("Margaret")
    assert referrer


def test_list_rows(notebook):
    cid = customers.save_customer(make_customer())
    timeline.add(cid, Interaction(date(2026, 11, 2), "visit"))
    rows = customers.list_rows()
    assert rows[0].email == "peggy@example.com"
    assert rows[0].city == "Portland"
    assert rows[0].tags == "regular, florals"
    assert rows[0].last_touch == date(2026, 11, 2)


def test_undoing_a_delete_keeps_when_the_customer_was_added(notebook):
    """Their "added" date starts the keep-in-touch clock of someone never touched, and tells
    them apart in backups: bringing them back must not make them new."""
    from storage.db import db

    cid = customers.save_customer(make_customer(customer_since=None))
    db.execute_sql("UPDATE customer SET created = '2024-02-03T10:00:00', "
                   "updated = '2024-05-06T11:00:00' WHERE id = ?", (cid,))
    customers.restore_customer(customers.delete_customer(cid))
    assert db.execute_sql("SELECT created, updated FROM customer WHERE id = ?",
                          (cid,)).fetchone() == ("2024-02-03T10:00:00", "2024-05-06T11:00:00")
