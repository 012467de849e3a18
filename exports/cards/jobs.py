"""What one printed card needs, gathered from the notebook's plain data. No reportlab."""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.cards import headline
from domain.model import Card, Customer
from domain.templates import Sender, format_date


@dataclass(slots=True)
class CardJob:
    """One card (and its envelope or label) ready to draw."""

    text: str = ""
    headline: str = ""
    recipient: list[str] = field(default_factory=list)  # name and address lines
    sender: list[str] = field(default_factory=list)  # return address lines
    business: str = ""
    customer: str = ""  # the display name, for the talking-points sheet
    talking_points: list[tuple[str, str]] = field(default_factory=list)


def recipient_lines(customer: Customer) -> list[str]:
    """Name, company and mailing address as an envelope shows them."""
    name = " ".join(p for p in (customer.given_name.strip(), customer.family_name.strip()) if p)
    lines = [name] if name else []
    if customer.company.strip() and customer.company.strip() != name:
        lines.append(customer.company.strip())
    address = customer.mailing_address()
    return lines + (address.lines() if address else [])


def talking_points(customer: Customer) -> list[tuple[str, str]]:
    """The customer's facts, for an owner who writes the card by hand."""
    points = [("Call them", customer.greeting_name)]
    if customer.pronunciation:
        points.append(("Say it", customer.pronunciation))
    for fact in customer.facts:
        label = {"family": "Family", "pet": "Pet", "interest": "Interest", "like": "Likes",
                 "dislike": "Dislikes", "gift_idea": "Gift idea",
                 "how_we_met": "How we met"}.get(fact.kind, fact.kind)
        extra = f" ({fact.relation})" if fact.relation else ""
        points.append((label, fact.value + extra))
    if customer.purchases:
        last = max(customer.purchases, key=lambda p: p.when)
        points.append(("Last purchase", f"{last.description} — {format_date(last.when)}"))
    notes = [i for i in customer.interactions if i.summary]
    if notes:
        last_note = max(notes, key=lambda i: i.when)
        points.append(("Last note", f"{last_note.summary} — {format_date(last_note.when)}"))
    if customer.notes.strip():
        points.append(("Notes", customer.notes.strip()))
    return points


def job_for(card: Card, customer: Customer, sender: Sender) -> CardJob:
    """Everything needed to print ``card`` for ``customer``."""
    return CardJob(text=card.text, headline=headline(card.occasion),
                   recipient=recipient_lines(customer), sender=sender.return_lines(),
                   business=sender.business, customer=customer.display_name,
                   talking_points=talking_points(customer))
