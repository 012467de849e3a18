"""Cards that went out settle the suggestions they answer, in the transaction that marks
them printed or mailed (storage.templates.set_status): one rule (domain.outreach.answered)
for the customer page, a batch and ``print-cards --mark-printed``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from domain.model import Card
from domain.outreach import Suggestion, from_customer
from domain.outreach.answered import answered_by_card, card_context
from storage import outreach, records


def settle_sent(cards: Sequence[Card], when: date) -> list[Suggestion]:
    """Remember as answered, as Done does, the suggestions ``cards`` (just gone out on
    ``when``) answer; return them. Runs inside the caller's transaction."""
    if not cards:
        return []
    ids = list(dict.fromkeys(c.customer_id for c in cards))
    people = {c.id: from_customer(c) for c in records.load_customers(ids)}
    ctx = card_context(when, outreach.load_settings())
    found: dict[str, Suggestion] = {}
    for card in cards:
        person = people.get(card.customer_id)
        if person is not None:
            found.update((s.key, s) for s in answered_by_card(card.occasion, person, ctx))
    outreach.mark_handled(found.values())
    return list(found.values())
