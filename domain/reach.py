"""The number or address to use for a channel, for a whole customer: the printed agenda's
question. Calls, texts and emails follow ``domain.outreach.handoff.reach_for`` (the rule Today
and ``today --json`` use, do-not-contact included); cards and visits get the postal address."""

from __future__ import annotations

from domain.model import Customer
from domain.outreach.handoff import reach_for as _contact
from domain.outreach.handoff import shown_reach
from domain.postal import postal_lines


def reach_for(customer: Customer, channel: str | None, home: str = "US") -> str:
    """The phone number (a mobile first for a text), the email address, or the street
    address on one line (visits and cards) to reach ``customer`` by ``channel``; "" when the
    notebook has none or they asked not to be reached that way. ``home`` is the owner's
    country (no country line in it; a number there written as it writes it)."""
    if channel in ("mail", "visit"):
        if channel in customer.do_not_contact:
            return ""
        address = customer.mailing_address()
        return ", ".join(postal_lines(address, home)) if address else ""
    return shown_reach(channel, _contact(channel, customer.phones, customer.emails,
                                         customer.do_not_contact, customer.phone_labels), home)
