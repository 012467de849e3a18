"""What a hand-off needs from the notebook: each suggestion's number or address, and the
personal message of an email suggestion (worded as its card would be, but queued nowhere)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from domain.outreach.handoff import DETAIL, reach_for
from domain.outreach.suggestion import Suggestion
from storage.db import db

OWN_WORDS = frozenset({"promise_due", "problem_follow_up"})


@dataclass(frozen=True, slots=True)
class Draft:
    """One email ready to send: to whom, about what, in which words."""

    suggestion: Suggestion
    name: str
    address: str
    subject: str
    body: str


def fill_reach(suggestions: Iterable[Suggestion]) -> None:
    """Set each suggestion's ``reach``: the first phone or email its channel uses (none
    when the customer closed that channel). One query for a queue of up to 300 people."""
    wanted = [s for s in suggestions if s.channel in DETAIL]
    ids = sorted({s.customer_id for s in wanted})
    found: dict[str, dict[int, list[str]]] = {"phone": {}, "email": {}, "closed": {}}
    for part in (ids[i:i + 300] for i in range(0, len(ids), 300)):  # SQLite caps the ?s
        marks = ",".join("?" * len(part))
        rows = db.execute_sql(
            f"SELECT 'phone', customer_id, number, position FROM phone "
            f"WHERE customer_id IN ({marks}) UNION ALL "
            f"SELECT 'email', customer_id, address, position FROM email "
            f"WHERE customer_id IN ({marks}) UNION ALL "
            f"SELECT 'closed', id, do_not_contact, 0 FROM customer WHERE id IN ({marks}) "
            "ORDER BY 1, 2, 4", tuple(part) * 3)
        for what, cid, value, _ in rows:
            found[what].setdefault(cid, []).append(value or "")
    for s in wanted:
        closed = ",".join(found["closed"].get(s.customer_id, ())).split(",")
        s.reach = reach_for(s.channel, found["phone"].get(s.customer_id, ()),
                            found["email"].get(s.customer_id, ()),
                            [w.strip() for w in closed])


def email_drafts(suggestions: Iterable[Suggestion], today: date,
                 channel: str = "email") -> list[Draft]:
    """A draft for each suggestion on ``channel`` (an email, or a text) with an address or
    number: the words its card would have (the same templates and variant rotation),
    nothing written to the notebook."""
    from storage import card_batch  # templates load only here: `today` stays quick

    mail = [s for s in suggestions if s.channel == channel]
    fill_reach(mail)
    mail = [s for s in mail if s.reach]
    from storage.templates import load_sender

    signs_as = load_sender().signs_as()
    # A promise or a problem is kept in the owner's own words: the greeting and the signature
    # frame them; no card's words about something else.
    return [Draft(s, person.display_name, s.reach, subject_for(s),
                  f"Dear {person.greeting_name},\n\n\n" + (f"\n{signs_as}\n" if signs_as else "")
                  if s.kind in OWN_WORDS else card.text)
            for s, card, person in card_batch.card_words(mail, today)]


def subject_for(s: Suggestion) -> str:
    """The subject line: the occasion's headline ("Happy birthday"); for a promise or a
    problem, kept in the owner's own words, a plain "Following up" the owner may change
    (a promise is worded for the owner, "Email the quote", not for the customer)."""
    from domain.cards import headline, occasion_for

    if s.kind in OWN_WORDS:
        return "Following up"
    return headline(occasion_for(s.occasion or s.kind))
