"""The window's fast customer list gives exactly what storage.customers.list_rows gives."""

from __future__ import annotations

from datetime import date

from domain.model import Address, Interaction
from storage import customer_list, customers, timeline
from tests.ui.helpers import add_customer


def test_customer_rows_match_list_rows(notebook):
    add_customer(tags=["vip", "regular"], addresses=[
        Address("1 A St", "Salem", "OR", "", "US", False),
        Address("2 B St", "Eugene", "OR", "", "US", True)])
    bo = add_customer(given_name="Bo", family_name="Ng", emails=[], phones=[], tags=[],
                      addresses=[], company="Ng Co")
    add_customer(given_name="Zoë", family_name="Łukasik", emails=["z@example.com", "y@x.org"])
    timeline.add(bo, Interaction(date(2026, 3, 1), "call"))
    timeline.add(bo, Interaction(date(2026, 5, 1), "visit"))
    rows = customer_list.rows()
    assert rows == customers.list_rows()
    first = next(r for r in rows if r.name == "Margaret Shaw")
    assert (first.city, first.tags) == ("Eugene", "vip, regular")  # the mailing address
    assert next(r for r in rows if r.id == bo).last_touch == date(2026, 5, 1)
    assert customer_list.rows(2) == rows[:2]
    assert customer_list.rows(0) == []


def test_read_in_chunks_the_rows_are_the_same(notebook, monkeypatch):
    """Read a few customers at a time (by ranges of ids), sorted by name once: the same rows,
    ties between equal names in id order, each chunk's emails, tags and touches its own."""
    ids = [add_customer(given_name=name, family_name="Ng" if i % 2 else "Abe",
                        tags=[f"t{i}"], emails=[f"p{i}@example.com"])
           for i, name in enumerate(["Zed", "Amy", "Bo", "Amy", "Cy", "Amy", "Di"])]
    timeline.add(ids[3], Interaction(date(2026, 3, 1), "call"))
    monkeypatch.setattr(customer_list, "CHUNK", 2)
    rows = customer_list.rows()
    assert rows == customers.list_rows()
    assert [r.id for r in rows if r.name == "Amy Ng"] == sorted(ids[i] for i in (1, 3, 5))
    assert customer_list.rows(values=False) == [r._replace(lifetime=()) for r in rows]


def test_rows_of_some_ids_are_their_list_rows(notebook, monkeypatch):
    ids = [add_customer(given_name=name, tags=[name.lower()])
           for name in ("Zed", "Amy", "Bo", "Cy", "Di")]
    monkeypatch.setattr(customer_list, "CHUNK", 2)  # three queries of at most two ids
    wanted = [ids[0], ids[1], ids[3], ids[4]]
    rows = customer_list.rows_of(wanted)
    assert rows == [
        r for r in customer_list.rows(values=False) if r.id in wanted]
    assert [r.name.split()[0] for r in rows] == ["Amy", "Cy", "Di", "Zed"]


def test_first_contact_is_by_position_whatever_order_rows_were_written(notebook):
    """The list shows each customer's first email, phone and city by position (the mailing
    address before the others), however the rows lie in the file: positions rewritten so the
    file's order and the positions disagree, ties in ``mailing`` broken by position."""
    from storage.db import db

    a = add_customer(given_name="Ann", emails=["a1@x.org", "a2@x.org", "a3@x.org"],
                     phones=["+15035550101", "+15035550102"], addresses=[
                         Address("1 A St", "Salem", "OR", "", "US", False),
                         Address("2 B St", "Eugene", "OR", "", "US", True),
                         Address("3 C St", "Bend", "OR", "", "US", True)])
    b = add_customer(given_name="Bo", emails=["b1@x.org", "b2@x.org"], phones=[],
                     addresses=[Address("4 D St", "Astoria", "OR", "", "US", False),
                                Address("5 E St", "Medford", "OR", "", "US", False)])
    with db.atomic():  # last written first by position, for every customer's contacts
        for table in ("email", "phone", "address"):
            db.execute_sql(f"UPDATE {table} SET position = 10 - position")
    rows = {r.id: r for r in customer_list.rows()}
    assert rows == {r.id: r for r in customers.list_rows()}
    assert (rows[a].email, rows[a].phone, rows[a].city) == ("a3@x.org", "+15035550102", "Bend")
    assert (rows[b].email, rows[b].phone, rows[b].city) == ("b2@x.org", "", "Medford")
    for limit in (1, 2):
        assert customer_list.rows(limit) == customer_list.rows()[:limit]


def test_a_list_row_stays_a_fixed_value(notebook):
    """50,000 rows are built at each start as plain tuples (issue 17), yet a row is still a
    value: no field can be changed, equal rows are equal and hash alike, the lifetime value
    comes apart with ``_replace``."""
    import pytest

    add_customer()
    row = customer_list.rows()[0]
    with pytest.raises(AttributeError):
        row.name = "Someone else"  # type: ignore[misc]
    same = customer_list.rows()[0]
    assert row == same and hash(row) == hash(same) and row is not same
    assert row._replace(lifetime=()).lifetime == ()
    assert row.status == "" and row.lifetime == ()
