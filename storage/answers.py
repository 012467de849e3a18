"""Cards that went out settle the suggestions they answer, in the transaction that marks
them printed or mailed (storage.templates.set_status): one rule (domain.outreach.answered)
for the customer page, a batch and ``print-cards --mark-printed``.

The customers are read as the stored agendas read them (storage.agenda_input: the rules'
view, a handful of grouped queries), not whole: a day's 2,000 cards at 50,000 customers read
their whole timelines again for 0.4 s, for the same answer (tests/storage/test_answers_read)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from domain.model import Card
from domain.outreach import Suggestion
from domain.outreach.answered import answered_by_card, card_context
from storage import agenda_input, outreach


def settle_sent(cards: Sequence[Card], when: date) -> list[Suggestion]:
    """Remember as answered, as Done does, the suggestions ``cards`` (just gone out on
    ``when``) answer; return them. Runs inside the caller's transaction."""
    found = answered(cards, when)
    outreach.mark_handled(found.values())
    return list(found.values())


def answered(cards: Sequence[Card], when: date) -> dict[str, Suggestion]:
    """The suggestions ``cards``, gone out on ``when``, answer, by key (saving nothing)."""
    if not cards:
        return {}
    settings = outreach.load_settings()
    people = agenda_input.contacts(when, settings, {c.customer_id for c in cards})
    ctx = card_context(when, settings)
    found: dict[str, Suggestion] = {}
    for card in cards:
        person = people.get(card.customer_id)
        if person is not None:
            found.update((s.key, s) for s in answered_by_card(card.occasion, person, ctx))
    return found
