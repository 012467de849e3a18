"""The sample customer the Templates screen previews with when no real one is chosen.

Pure data (no Qt): someone with a little of everything a template can mention, so every
placeholder shows what it would print.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from domain.dates import PartialDate
from domain.model import MILESTONE_KINDS, Customer, Fact, Milestone, Purchase

SAMPLE_FRIEND = "Tom Baker"


def sample_customer(today: date) -> Customer:
    """Margaret “Peggy” Shaw: a husband, a whippet, sailing, a recent bunch of peonies."""
    return Customer(
        given_name="Margaret", family_name="Shaw", preferred_name="Peggy",
        company="Shaw & Daughters", customer_since=date(today.year - 6, 4, 12),
        facts=[Fact("family", "Declan", relation="husband"),
               Fact("family", "Anna", relation="daughter"),
               Fact("pet", "Biscuit", relation="whippet"),
               Fact("interest", "sailing"), Fact("like", "peonies")],
        purchases=[Purchase(today - timedelta(days=12), Decimal("45.00"),
                            "a bunch of peonies")])


def milestone_for(customer: Customer, occasion: str, sample: bool,
                  today: date) -> Milestone | None:
    """The milestone an ``occasion`` card celebrates: the customer's own of that kind, or
    for the sample a made-up one (so years and ordinals show)."""
    if occasion not in MILESTONE_KINDS:
        return None
    found = next((m for m in customer.milestones if m.kind == occasion), None)
    if found is not None or not sample:
        return found
    soon = today + timedelta(days=10)
    day = min(soon.day, 28)
    return Milestone(occasion, PartialDate(soon.month, day, soon.year - 40))
