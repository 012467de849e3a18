"""Writing a day's cards for the print queue: read once, write the batch in one transaction.

Each new card is written from the next template variant in rotation, so consecutive customers
get different words. The rotation needs, per occasion, which variant each template was last
used for and which one each customer last received; a batch reads that once per occasion and
keeps it up to date in memory as it writes cards, instead of reading every card of the
occasion again for each new card (which made a day of 9,000 cards quadratic). The new cards
are inserted together, with the ids SQLite would have given them one by one, so the words
each customer gets are the same as when cards were written one at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from domain.cards import compose, occasion_for, pick_variant
from domain.model import Card, Customer, Milestone, Template
from domain.templates import OCCASIONS, Sender, TemplateProblem, build_context
from storage import customers, records
from storage import templates as store
from storage.db import db

UNSENT = ("draft", "queued")


class CardBatch:
    """Cards written for one day, held in memory until :meth:`write`.

    Use it inside one ``db.atomic()`` block: what it read stays true until it writes.
    """

    def __init__(self, today: date, card_format: str) -> None:
        self.today, self.card_format = today, card_format
        self._sender: Sender | None = None
        self._templates: dict[str, list[Template]] = {}
        self._usage: dict[str, tuple[dict[int, int], dict[int, int]]] = {}
        self._unsent: dict[tuple[int, str], Card] | None = None
        self._next_id = 0
        self._new: list[Card] = []

    def card_for(self, customer: Customer, occasion: str, milestone: Milestone | None = None,
                 friend: str = "", also: Sequence[str] = ()) -> Card:
        """The customer's unsent card for ``occasion``, or a new queued one written from the
        next variant in rotation (``also``: lines for other occasions it answers)."""
        if customer.id is None:
            raise ValueError("a card is written for a customer of the notebook")
        unsent = self._unsent_cards()
        found = unsent.get((customer.id, occasion))
        if found is not None:
            return found
        template = self._next_template(occasion, customer.id)
        if self._sender is None:
            self._sender = store.load_sender()
        context = build_context(customer, self._sender, occasion, self.today, milestone,
                                friend, also)
        text = compose_named(template, context) if template is not None else ""
        card = Card(customer.id, occasion, text, self.card_format, "queued", self.today,
                    template_id=template.id if template else None, id=self._new_id())
        self._new.append(card)
        unsent[(customer.id, occasion)] = card
        if card.template_id is not None:  # this card now counts in its occasion's rotation
            last_used, last_for_customer = self._usage_of(occasion)
            last_used[card.template_id] = card.id or 0
            last_for_customer[customer.id] = card.template_id
        return card

    def write(self) -> list[Card]:
        """Insert the new cards in one statement batch; return them."""
        db.connection().executemany(
            "INSERT INTO card (id, customer_id, occasion, text, card_format, status, created, "
            "printed, mailed, template_id) VALUES (?,?,?,?,?,?,?,?,?,?)",
            [(c.id, c.customer_id, c.occasion, c.text, c.card_format, c.status,
              _iso(c.created), _iso(c.printed), _iso(c.mailed), c.template_id)
             for c in self._new])
        written, self._new = self._new, []
        return written

    def _next_template(self, occasion: str, customer_id: int) -> Template | None:
        found = self._templates_of(occasion) or self._templates_of("keep_in_touch")
        if not found:
            return None
        last_used, last_for_customer = self._usage_of(found[0].occasion)
        return pick_variant(found, last_used, customer_id, last_for_customer.get(customer_id))

    def _templates_of(self, occasion: str) -> list[Template]:
        if occasion not in self._templates:
            self._templates[occasion] = store.list_templates(occasion)
        return self._templates[occasion]

    def _usage_of(self, occasion: str) -> tuple[dict[int, int], dict[int, int]]:
        # Read before this batch writes anything, then kept up to date in card_for.
        if occasion not in self._usage:
            self._usage[occasion] = store.template_usage(occasion)
        return self._usage[occasion]

    def _unsent_cards(self) -> dict[tuple[int, str], Card]:
        """Each customer's oldest unsent card per occasion (read once)."""
        if self._unsent is None:
            self._unsent = {}
            unsent = [c for status in UNSENT for c in store.list_cards(status)]
            for card in sorted(unsent, key=lambda c: c.id or 0):
                self._unsent.setdefault((card.customer_id, card.occasion), card)
        return self._unsent

    def _new_id(self) -> int:
        # The id SQLite gives a row of an INTEGER PRIMARY KEY table: one more than the largest.
        if not self._next_id:
            self._next_id = db.execute_sql("SELECT coalesce(max(id), 0) FROM card"
                                           ).fetchone()[0] + 1
        self._next_id += 1
        return self._next_id - 1


def card_for(customer: Customer, occasion: str, today: date, card_format: str,
             milestone: Milestone | None = None, friend: str = "") -> Card:
    """One customer's unsent card for ``occasion`` (found, or written and saved now)."""
    with db.atomic():
        batch = CardBatch(today, card_format)
        card = batch.card_for(customer, occasion, milestone, friend)
        batch.write()
    return card


def cards_for_suggestions(suggestions: Iterable[Any], today: date, card_format: str,
                          whole: bool = True) -> list[tuple[Card, Customer]]:
    """A card (found or newly queued) and its customer for each Today suggestion; all in one
    transaction, so a template that cannot be used leaves no card half-queued.

    ``whole=False``: the customers come with only what their cards are written from (see
    ``records.load_customers``): a writing aid's talking points would lack their touches."""
    with db.atomic():
        return _cards_for_suggestions(list(suggestions), today, card_format, whole)


def card_words(suggestions: Iterable[Any], today: date) -> list[tuple[Any, Card, Customer]]:
    """Each suggestion with the card its customer would get (an unsent one, or written from
    the next variant in rotation) and the customer, saving nothing: an email's words."""
    found = _cards_for_suggestions(list(suggestions), today, "", False, keep=False)
    return [(s, card, person) for s, (card, person) in found]


def _cards_for_suggestions(suggestions: list[Any], today: date, card_format: str,
                           whole: bool, keep: bool = True) -> list[tuple[Any, Any]]:
    ids = list(dict.fromkeys(s.customer_id for s in suggestions))
    people = {c.id: c for c in records.load_customers(ids, whole)}
    answered = [a for s in suggestions for a in (s, *getattr(s, "also", ()))]
    referred = [a.source_id for a in answered
                if a.kind == "thank_you_referral" and a.source_id is not None]
    friends = customers.names(referred)
    batch = CardBatch(today, card_format)
    out = []
    for s in suggestions:
        person = people.get(s.customer_id)
        if person is None:
            continue
        milestone = store.milestone_of(s, person)
        friend = friends.get(s.source_id, "") if s.kind == "thank_you_referral" else ""
        card = batch.card_for(person, occasion_for(s.occasion or s.kind), milestone, friend,
                              store.also_lines(s, person, friends))
        out.append((s, (card, person)) if not keep else (card, person))
    if keep:
        batch.write()
        return [(replace(card), person) for card, person in out]
    return out


def compose_named(template: Template, context: dict[str, Any]) -> str:
    """The card's words; a problem names its template, so the owner can mend it."""
    try:
        return compose(template, context)
    except TemplateProblem as exc:
        label = OCCASIONS.get(template.occasion, template.occasion)
        raise TemplateProblem(f"the “{template.name}” template ({label}) cannot be used: "
                              f"{exc}") from None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
