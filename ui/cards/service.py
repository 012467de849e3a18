"""What the card screens may ask of the notebook and the PDF renderers, in one object.

Every method runs inside an operation (on the worker thread), never from paint or ``data()``;
tests can hand in a fake. Rendering returns the PDF (``ui/cards/pdf_raster.PdfPages``: its bytes
and page sizes), which the window's previews and Print… render with PDFium: one drawing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from domain.cards import pick_variant
from domain.model import Card, Customer, Milestone, Template
from domain.templates import Sender
from storage import customers, records
from storage import templates as store

if TYPE_CHECKING:  # PDFium loads only when something is drawn
    from ui.cards.pdf_raster import PdfPages

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
    also: list[str] = field(default_factory=list)  # lines for other occasions it answers


@dataclass(slots=True)
class Unfit:
    """A card left out of a batch because its words (or its envelope's address) do not fit."""

    card: Card
    customer: str
    misfit: Any  # exports.cards.fit_report.Misfit: what, by how much, the larger format


@dataclass(slots=True)
class Batch:
    """A print run: the cards' PDF, their envelopes' PDF, who lacks an address, and the
    cards left out because they do not fit (never printed cut)."""

    cards: list[Card]
    card_pdf: PdfPages
    envelope_pdf: PdfPages | None = None
    no_address: list[str] = field(default_factory=list)
    unfit: list[Unfit] = field(default_factory=list)
    fits_all: str = ""  # the card format in which every chosen card fits ("" none)
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
        also = store.also_lines(suggestion, customer) if suggestion is not None else []
        return EditorData(customer, store.load_sender(), occasion, templates, suggested, card,
                          milestone, friend, also)

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
                   sender: Sender | None = None) -> PdfPages:
        """One card drawn as it will print (no printer offsets): its PDF."""
        from exports import cards
        from exports.cards.jobs import job_for

        customer = customer or customers.get_customer(card.customer_id)
        renderer = cards.get(card.card_format, "card")()
        return _draw(renderer, [job_for(card, customer, sender or store.load_sender())])

    def card_fit(self, card: Card, customer: Customer, sender: Sender) -> Any:
        """Whether ``card`` fits its format at the readable floor: None, or a
        :class:`exports.cards.fit_report.Misfit` (by how much, and a larger format)."""
        from exports.cards import fit_report
        from exports.cards.jobs import job_for

        return fit_report.check(job_for(card, customer, sender), card.card_format)

    def card_preview(self, card_id: int) -> PdfPages:
        """A saved card drawn as it will print."""
        return self.card_pages(store.get_card(card_id))

    def render_batch(self, card_ids: Sequence[int], card_format: str, envelope_format: str,
                     printer: str = "", progress: Progress | None = None) -> Batch:
        """The chosen cards in one PDF and (unless ``envelope_format`` is empty) their
        envelopes in another, each with ``printer``'s offsets for its paper kind."""
        from exports import cards
        from exports.cards.offsets import offsets_for

        chosen, jobs, no_address = self._jobs(card_ids)
        unfit, fits_all = self._unfit(chosen, jobs, card_format, envelope_format)
        left_out = {u.card.id for u in unfit}
        kept = [i for i, card in enumerate(chosen) if card.id not in left_out]
        chosen, jobs = [chosen[i] for i in kept], [jobs[i] for i in kept]
        total = len(jobs) * (2 if envelope_format else 1)

        def step(base: int, what: str) -> Callable[[int], None]:
            return lambda n: progress(base + n, total, what) if progress else None

        card_cls = cards.get(card_format, "card")
        card_pdf = _draw(card_cls(offsets_for(printer, card_format)), jobs, step(0, "cards"))
        envelopes = None
        if envelope_format:
            envelope_cls = cards.get(envelope_format, "envelope")
            envelopes = _draw(envelope_cls(offsets_for(printer, envelope_format)), jobs,
                              step(len(jobs), "envelopes"))
        from exports.cards.coverage import unprintable

        return Batch(chosen, card_pdf, envelopes, no_address, unfit, fits_all,
                     unprintable(jobs))

    @staticmethod
    def _unfit(chosen: list[Card], jobs: list[Any], card_format: str,
               envelope_format: str) -> tuple[list[Unfit], str]:
        """The cards whose message (or envelope address) does not fit, by the rule every
        batch follows, and the card format in which all the cards fit."""
        from exports.cards import fit_report

        found: dict[int, Unfit] = {}
        for fmt in filter(None, (envelope_format, card_format)):  # the card's words win
            for i, misfit in fit_report.misfits(jobs, fmt):
                found[i] = Unfit(chosen[i], jobs[i].customer, misfit)
        unfit = [found[i] for i in sorted(found)]
        if not any(u.misfit.format == card_format for u in unfit):
            return unfit, card_format
        return unfit, fit_report.format_for_all(jobs, card_format)

    def switch_format(self, card_ids: Sequence[int], formats: Sequence[str]) -> None:
        """Give each card its format (a larger one its words fit); they stay unsent."""
        for card_id, card_format in zip(card_ids, formats, strict=True):
            card = store.get_card(card_id)
            card.card_format = card_format
            store.update_card(card)

    def writing_aid(self, card_ids: Sequence[int], card_format: str,
                    printer: str = "") -> PdfPages:
        """The chosen cards with guide lines only, then a page of talking points each."""
        from exports import cards
        from exports.cards.aids import WritingAid
        from exports.cards.offsets import offsets_for
        from ui.cards import pdf_raster

        _chosen, jobs, _missing = self._jobs(card_ids)
        aid = WritingAid(cards.get(card_format, "card"), offsets_for(printer, card_format))
        return pdf_raster.read(aid.render(jobs))

    def calibration_page(self, kind: str, paper: str, printer: str = "") -> PdfPages:
        """The calibration page for paper of ``kind`` on the size ``paper`` (a format's name,
        or Letter or A4), with ``printer``'s current offsets for that kind."""
        from exports.cards.aids import CalibrationPage
        from exports.cards.geometry import Offsets
        from exports.cards.offsets import calibration_paper, kind_name
        from ui.cards import pdf_raster

        offsets = Offsets(*store.load_printer_offsets(printer, kind))
        return pdf_raster.read(CalibrationPage(calibration_paper(paper), offsets,
                                               kind_name(kind)).render())

    def _jobs(self, card_ids: Sequence[int]) -> tuple[list[Card], list[Any], list[str]]:
        from exports.cards.jobs import job_for

        chosen = [store.get_card(i) for i in card_ids]
        people = {c.id: c for c in records.load_customers(
            list(dict.fromkeys(c.customer_id for c in chosen)))}
        sender = store.load_sender()
        pairs = [(c, people[c.customer_id]) for c in chosen if c.customer_id in people]
        no_address = sorted({p.display_name for _c, p in pairs if p.mailing_address() is None})
        return [c for c, _p in pairs], [job_for(c, p, sender) for c, p in pairs], no_address

    # --- settings ----------------------------------------------------------------------

    def load_sender(self) -> Sender:
        """Who the cards come from."""
        return store.load_sender()

    def save_sender(self, sender: Sender) -> None:
        """Keep who the cards come from."""
        store.save_sender(sender)

    def printer_offsets(self, printer: str, kind: str) -> tuple[float, float]:
        """``printer``'s offsets in points for paper of ``kind`` (the default ones when it
        has none)."""
        return store.load_printer_offsets(printer, kind)

    def save_printer_offsets(self, printer: str, kind: str, x: float, y: float,
                             default: bool) -> None:
        """Keep ``printer``'s offsets in points for paper of ``kind`` (and as the default
        ones when ``default``)."""
        store.save_printer_offsets(x, y, printer, default, kind)

def _draw(renderer: Any, jobs: Sequence[Any], progress: Callable[[int], None] | None = None,
          chunk: int = 24) -> PdfPages:
    """Draw ``jobs`` with ``renderer`` (an ``exports.cards`` format) into one PDF.

    ``progress(n)`` hears how many jobs are drawn so far, every ``chunk`` jobs (24 keeps
    2-up and 4-up sheets whole).
    """
    from ui.cards import pdf_raster

    pdf = renderer.new_pdf()
    for start in range(0, max(len(jobs), 1), chunk):
        renderer.draw_all(pdf, jobs[start:start + chunk])
        if progress is not None:
            progress(min(len(jobs), start + chunk))
    return pdf_raster.read(pdf.finish())
