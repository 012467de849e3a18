"""storage.insights on a small real notebook: the rows the rules need, in grouped queries."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from domain.insights import FOUND_US_FIELD, REFERRED
from domain.model import Customer, Interaction, Purchase
from storage import custom_fields, customers, insights
from storage.db import db

TODAY = date(2026, 12, 7)


def _add(**kw) -> int:
    return customers.save_customer(Customer(**kw))


@pytest.fixture
def book(notebook):
    custom_fields.define(FOUND_US_FIELD)
    ann = _add(given_name="Ann", family_name="Lee", customer_since=date(2024, 1, 5),
               fields={FOUND_US_FIELD: "Instagram"},
               purchases=[Purchase(date(2026, 3, 2), Decimal("120.00")),
                          Purchase(date(2026, 3, 2), Decimal("30.00")),
                          Purchase(date(2026, 4, 1), Decimal("10.00"), currency="EUR")],
               interactions=[Interaction(date(2026, 3, 16), "card"),
                             Interaction(date(2026, 3, 3), "note"),
                             Interaction(date(2025, 3, 3), "call")])
    _add(given_name="Bob", referred_by=ann, customer_since=date(2026, 5, 1),
         purchases=[Purchase(date(2026, 5, 1), Decimal("45.50"))],
         interactions=[Interaction(date(2026, 5, 15), "call")])
    _add(given_name="Cy", purchases=[Purchase(date(2027, 1, 1), Decimal("9.00"))])  # after
    return ann


def test_the_rows_come_back_grouped(book):
    with db.reading():
        spent, days = insights.purchases("2026-12-08")
        spends = sorted((s.customer_id, s.currency, s.cents, s.purchases) for s in spent)
        touches = insights.touches("2026-01-01", "2026-12-08")
        people = {p.name: p for p in insights.people()}
    assert spends == [(book, "", 15_000, 2), (book, "EUR", 1_000, 1), (book + 1, "", 4_550, 1)]
    assert days[book] == [date(2026, 3, 2), date(2026, 4, 1)]
    assert book + 2 not in days  # bought only after the day
    assert sorted(t.kind for t in touches) == ["call", "card", "note"]
    assert people["Ann Lee"].source == "Instagram"
    assert people["Ann Lee"].since == date(2024, 1, 5)
    assert people["Bob"].referred_by == book


def test_insights_of_the_notebook(book):
    insights.save_source_costs({"Instagram": 20_000})
    ins = insights.insights(TODAY)
    assert ins.customers == 3
    assert (ins.coverage.new, ins.coverage.thanked, ins.coverage.share) == (2, 2, 1.0)
    assert [g.currency for g in ins.values] == ["", "EUR"]
    assert ins.values[0].top[0].name == "Ann Lee"
    assert ins.referred == 1 and ins.referrals[0].name == "Ann Lee"
    rows = {s.name: s for s in ins.sources}
    assert rows["Instagram"].cost_per_won == 20_000 and rows["Instagram"].won == 1
    assert rows[REFERRED].won == 1


def test_lifetime_values_for_the_list_are_per_currency(book):
    from storage.lifetime import lifetime_values

    with db.reading():
        values = lifetime_values()
    assert values[book] == (("", 15_000), ("EUR", 1_000))
    assert values[book + 2] == (("", 900),)


def test_costs_are_checked_when_saved_and_when_read(notebook):
    with pytest.raises(ValueError, match="cost"):
        insights.save_source_costs({"Flyers": -5})
    db.execute_sql("INSERT INTO setting (key, value) VALUES (?, ?)",
                   (insights.COSTS_KEY, '{"Flyers": "lots"}'))
    assert insights.source_costs() == {}


def test_record_sources_adds_the_field_once(notebook):
    insights.record_sources()
    insights.record_sources()
    assert [f.name for f in custom_fields.definitions()].count(FOUND_US_FIELD) == 1


def test_the_owners_own_spelling_of_the_field_is_read(notebook):
    custom_fields.define("found us VIA")
    _add(given_name="Di", fields={"found us VIA": "Radio"})
    insights.record_sources()  # not a second field
    assert len(custom_fields.definitions()) == 1
    with db.reading():
        assert [p.source for p in insights.people()] == ["Radio"]


def _selects() -> int:
    seen: list[str] = []
    con = db.connection()
    con.set_trace_callback(seen.append)
    try:
        insights.insights(TODAY)
    finally:
        con.set_trace_callback(None)
    return sum(1 for s in seen if s.lstrip().upper().startswith("SELECT"))


def test_no_query_per_customer(book):
    few = _selects()
    for i in range(30):
        _add(given_name=f"More {i}", referred_by=book,
             purchases=[Purchase(date(2026, 2, 1 + i % 20), Decimal("5"))],
             interactions=[Interaction(date(2026, 2, 2), "call")])
    assert _selects() == few <= 12
