"""What a card that went out answers is read the way the stored agendas read customers
(storage.agenda_input, a handful of grouped queries), not by reading each customer whole: for
random notebooks, writes, days and occasions it is what the rules give for the customer read
whole (the rule, domain.outreach.answered, stays one)."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.model import Card
from domain.outreach import from_customer
from domain.outreach.answered import answered_by_card, card_context
from domain.templates import OCCASIONS
from storage import answers, outreach, records
from tests.storage.test_agenda import START, edit, seeded


def whole(cards: list[Card], day) -> dict[str, object]:
    """The suggestions ``cards`` answer, each customer read whole (the rule's own input)."""
    ctx = card_context(day, outreach.load_settings())
    people = {c.id: from_customer(c) for c in records.load_customers()}
    return {s.key: s for card in cards
            for s in answered_by_card(card.occasion, people[card.customer_id], ctx)}


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.integers(0, 10_000), st.integers(1, 14), st.integers(0, 8), st.integers(-20, 150))
def test_what_cards_answer_is_what_the_rules_give_for_whole_customers(tmp_path_factory, seed_n,
                                                                      count, edits, later):
    with seeded(tmp_path_factory, seed_n, count) as (rng, ids):
        for _ in range(edits):
            edit(rng, ids, START)
        day = START + timedelta(days=later)
        cards = [Card(cid, occasion, "", "a7", "printed", day)
                 for cid in ids for occasion in OCCASIONS]
        found = answers.answered(cards, day)
        assert found == whole(cards, day)
