"""What the card screens may ask of the notebook and the PDF renderers, in one object.

Every method runs inside an operation (on the worker thread), never from paint or ``data()``;
tests can hand in a fake. Rendering returns the PDF bytes and the same pages as drawing steps
(``ui/cards/recording.py``), which the window paints for its previews and the printer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from domain.cards import pick_variant
from domain.model import Card, Customer, Milestone, Template
from domain.templates import Sender
from storage import customers, records
from storage import templates as store
from ui.cards.recording import Page, Rendered

Progress = Callable[[int, int, str], None]  # done, total, what is being drawn


@dataclass(slots=True)
class CardRow:
    """One line of the Cards screen's lists."""

    card: Card
    customer: str


@dataclass(slots=True)
class EditorData:
    """Everything the card editor shows for one customer and occasion."""

    customer: Customer
    sender: Sender
    occasion: str
    templates: list[Template]
    suggested: Template | None = None
    card: Card | None = None  # the unsent card being edited, if there is one
    milestone: Milestone | None = None
    friend: str = ""


@dataclass(slots=True)
class Batch:
    """A print run: the cards' PDF, their envelopes' PDF, and who lacks an address."""

    cards: list[Card]
    card_pdf: Rendered
    envelope_pdf: Rendered | None = None
    no_address: list[str] = field(default_factory=list)
    unprintable: list[Any] = field(default_factory=list)  # exports.cards.coverage.Unprintable


class CardService:
    """Thin facade over ``storage.templates`` and ``exports.cards``."""

    # --- the editor --------------------------------------------------------------------

    def editor_data(self, customer_id: int, occasion: str, card_id: int | None = None,
                    suggestion: Any = None) -> EditorData:
        """The customer, sender, templates and any unsent card for ``occasion``."""
        customer = customers.get_customer(customer_id)
        card = store.get_card(card_id) if card_id is not None else self._unsent(
            customer_id, occasion)
        occasion = card.occasion if card is not None else occasion
        templates, suggested = self.templates_for(occasion, customer_id)
        milestone, friend = (store.suggestion_details(suggestion, customer)
                             if suggestion is not None else (None, ""))
        return EditorData(customer, store.load_sender(), occasion, templates, suggested, card,
                          milestone, friend)

    def templates_for(self, occasion: str, customer_id: int | None
                      ) -> tuple[list[Template], Template | None]:
        """The occasion's templates and the variant next in rotation for this customer."""
        found = store.list_templates(occasion)
        if not found:
            return [], None
        last_used, last_for_customer = store.template_usage(occasion)
        return found, pick_variant(found, last_used, customer_id,
                                   last_for_customer.get(customer_id or -1))

    @staticmethod
    def _unsent(customer_id: int, occasion: str) -> Card | None:
        return next((c for c in store.list_cards(customer_id=customer_id)
                     if c.occasion == occasion and c.status in ("draft", "queued")), None)

    def save_card(self, card: Card) -> Card:
        """Create or update ``card`` with its status (draft or queued); return it saved."""
        if card.id is None:
            return store.create_card(card)
        store.update_card(card)
        return store.set_status([card.id], card.status, date.today())[0]

    # --- the lists ---------------------------------------------------------------------

    def card_rows(self, status: str, limit: int | None = None) -> list[CardRow]:
        """Cards of ``status`` with their customer's name; the newest ``limit`` when given."""
        cards = store.list_cards(status)
        if limit is not None:
            cards = cards[::-1][:limit]
        names = customers.names(list({c.customer_id for c in cards}))
        return [CardRow(c, names.get(c.customer_id, "(no name)")) for c in cards]

    def set_status(self, card_ids: Sequence[int], status: str, when: date) -> list[Card]:
        """Move cards on; printed or mailed logs a card touch (one transaction)."""
        return store.set_status(card_ids, status, when)

    def delete_card(self, card_id: int) -> Card:
        """Delete a card; what it returns lets undo put it back."""
        card = store.get_card(card_id)
        store.delete_card(card_id)
        return card

    def restore_card(self, card: Card) -> Card:
        """Put a deleted card back (with a new id)."""
        return store.create_card(Card(card.customer_id, card.occasion, card.text,
                                      card.card_format, card.status, card.created,
                                      card.printed, card.mailed, card.template_id))

    # --- rendering ---------------------------------------------------------------------

    def card_pages(self, card: Card, customer: Customer | None = None,
                   sender: Sender | None = None) -> list[Page]:
        """One card drawn as it will print (no printer offsets)."""
        from exports import cards
        from exports.cards.jobs import job_for
        from ui.cards.recording import render

        customer = customer or customers.get_customer(card.customer_id)
        renderer = cards.get(card.card_format, "card")()
        job = job_for(card, customer, sender or store.load_sender())
        return render(renderer, [job]).pages

    def card_preview(self, card_id: int) -> list[Page]:
        """A saved card drawn as it will print."""
        return self.card_pages(store.get_card(card_id))

    def render_batch(self, card_ids: Sequence[int], card_format: str, envelope_format: str,
                     printer: str = "", progress: Progress | None = None) -> Batch:
        """The chosen cards in one PDF and (unless ``envelope_format`` is empty) their
        envelopes in another, with ``printer``'s offsets."""
        from exports import cards
        from ui.cards.recording import render

        chosen, jobs, no_address = self._jobs(card_ids)
        offsets = self._offsets(printer)
        total = len(jobs) * (2 if envelope_format else 1)

        def step(base: int, what: str) -> Callable[[int], None]:
            return lambda n: progress(base + n, total, what) if progress else None

        card_pdf = render(cards.get(card_format, "card")(offsets), jobs, step(0, "cards"))
        envelopes = None
        if envelope_format:
            envelopes = render(cards.get(envelope_format, "envelope")(offsets), jobs,
                               step(len(jobs), "envelopes"))
        from exports.cards.coverage import unprintable

        return Batch(chosen, card_pdf, envelopes, no_address, unprintable(jobs))

    def writing_aid(self, card_ids: Sequence[int], card_format: str,
                    printer: str = "") -> Rendered:
        """The chosen cards with guide lines only, then a page of talking points each."""
        from exports import cards
        from exports.cards.aids import WritingAid
        from ui.cards.recording import render_whole

        _chosen, jobs, _missing = self._jobs(card_ids)
        aid = WritingAid(cards.get(card_format, "card"), self._offsets(printer))
        return render_whole(aid, jobs)

    def calibration_page(self, paper: str, printer: str = "") -> Rendered:
        """The calibration page on Letter or A4, with ``printer``'s current offsets."""
        from exports.cards.aids import CalibrationPage, sheet_for
        from ui.cards.recording import render_whole

        return render_whole(CalibrationPage(sheet_for(paper), self._offsets(printer)))

    def _jobs(self, card_ids: Sequence[int]) -> tuple[list[Card], list[Any], list[str]]:
        from exports.cards.jobs import job_for

        chosen = [store.get_card(i) for i in card_ids]
        people = {c.id: c for c in records.load_customers(
            list(dict.fromkeys(c.customer_id for c in chosen)))}
        sender = store.load_sender()
        pairs = [(c, people[c.customer_id]) for c in chosen if c.customer_id in people]
        no_address = sorted({p.display_name for _c, p in pairs if p.mailing_address() is None})
        return [c for c, _p in pairs], [job_for(c, p, sender) for c, p in pairs], no_address

    @staticmethod
    def _offsets(printer: str) -> Any:
        from exports.cards.geometry import Offsets

        return Offsets(*store.load_printer_offsets(printer))

    # --- settings ----------------------------------------------------------------------

    def load_sender(self) -> Sender:
        """Who the cards come from."""
        return store.load_sender()

    def save_sender(self, sender: Sender) -> None:
        """Keep who the cards come from."""
        store.save_sender(sender)

    def printer_offsets(self, printer: str) -> tuple[float, float]:
        """``printer``'s offsets in points (the default ones when it has none)."""
        return store.load_printer_offsets(printer)

    def save_printer_offsets(self, printer: str, x: float, y: float, default: bool) -> None:
        """Keep ``printer``'s offsets in points (and as the default ones when ``default``)."""
        store.save_printer_offsets(x, y, printer, default)
