"""What a hand-off needs from the notebook: each suggestion's number or address, and the
personal message of an email suggestion (worded as its card would be, but queued nowhere)."""

from __future__ import annotations

import json
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
    """Set each suggestion's ``reach``: the first phone (a mobile first for a text) or email
    its channel uses, by the rule the printed agenda follows (``reach_for``); none when the
    customer closed that channel. One read, whatever the queue's size."""
    wanted = [s for s in suggestions if s.channel in DETAIL]
    if not wanted:
        return
    ids: dict[str, set[int]] = {"phone": set(), "email": set()}
    for s in wanted:
        ids[DETAIL[s.channel or ""]].add(s.customer_id)
    found: dict[str, dict[int, list[str]]] = {"phone": {}, "email": {}, "closed": {}}
    labels: dict[int, dict[str, str]] = {}  # a text goes to a mobile (reach_for)
    for what, cid, value, _, label in db.execute_sql(_REACH, {
            "phone": json.dumps(sorted(ids["phone"])), "email": json.dumps(sorted(ids["email"])),
            "all": json.dumps(sorted(ids["phone"] | ids["email"]))}):
        found[what].setdefault(cid, []).append(value)
        if label:
            labels.setdefault(cid, {})[value] = label
    for s in wanted:
        cid = s.customer_id
        closed = [w.strip() for w in found["closed"].get(cid, [""])[0].split(",")]
        s.reach = reach_for(s.channel, found["phone"].get(cid, ()), found["email"].get(cid, ()),
                            closed, labels.get(cid))


# The phones of those called or texted, the emails of those written to, in their order, and
# who closed a channel: one read. At 50,000 customers, 3,300 suggestions in 10 ms (in chunks of
# 300 ids, everyone's phones and emails read, 21 ms).
_REACH = """
SELECT 'phone', customer_id, number, position, label FROM phone
WHERE customer_id IN (SELECT value FROM json_each(:phone))
UNION ALL SELECT 'email', customer_id, address, position, '' FROM email
WHERE customer_id IN (SELECT value FROM json_each(:email))
UNION ALL SELECT 'closed', id, do_not_contact, 0, '' FROM customer
WHERE do_not_contact != '' AND id IN (SELECT value FROM json_each(:all))
ORDER BY 2, 4
"""


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
