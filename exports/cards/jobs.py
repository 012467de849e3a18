"""What one printed card needs, gathered from the notebook's plain data. No reportlab.

``CardJob`` itself lives in ``cardjob.py`` (the formats need it, not what fills it in).
"""

from __future__ import annotations

from domain.cards import headline
from domain.model import Address, Card, Customer
from domain.outreach.rules.sympathy import departed, died, died_phrase
from domain.postal import country_code, person_name, postal_lines
from domain.templates import Sender, format_date
from exports.cards.cardjob import CardJob

__all__ = ["CardJob", "is_abroad", "job_for", "recipient_lines", "talking_points"]


def recipient_lines(customer: Customer, home: str = "US") -> list[str]:
    """Name, company and mailing address as the address's country writes them; ``home`` is
    the owner's country (no country line for mail that stays in it)."""
    name = person_name(customer.given_name, customer.family_name)
    company = customer.company.strip()
    address = customer.mailing_address() or Address()
    return postal_lines(address, home, name, "" if company == name else company)


def is_abroad(customer: Customer, home: str) -> bool:
    """True when the customer's mailing address is in another country than ``home``."""
    address = customer.mailing_address()
    if address is None or not address.country.strip():
        return False
    return country_code(address.country) != home.upper()


def talking_points(customer: Customer) -> list[tuple[str, str]]:
    """The customer's facts, for an owner who writes the card by hand."""
    points = [("Call them", customer.greeting_name)]
    if customer.pronunciation:
        points.append(("Say it", customer.pronunciation))
    gone = departed(customer.milestones)
    for fact in customer.facts:
        label = {"family": "Family", "pet": "Pet", "interest": "Interest", "like": "Likes",
                 "dislike": "Dislikes", "gift_idea": "Gift idea",
                 "how_we_met": "How we met"}.get(fact.kind, fact.kind)
        extra = f" ({fact.relation})" if fact.relation else ""
        when = died(fact.value, gone) if fact.kind in ("family", "pet") else None
        extra += f" — {died_phrase(when)}" if when else ""  # never someone to greet
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
                   recipient=recipient_lines(customer, sender.home),
                   sender=sender.return_lines(is_abroad(customer, sender.home)),
                   business=sender.business, customer=customer.display_name,
                   talking_points=talking_points(customer))
