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
