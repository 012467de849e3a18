"""The number or address to use for a channel: one rule for every place that hands a
suggestion off (the printed agenda, and whatever shows a call, a text or an email)."""

from __future__ import annotations

from domain.model import Customer
from domain.postal import postal_lines

_MOBILE = ("cell", "mobile", "iphone")  # how address books label a number that takes texts


def reach_for(customer: Customer, channel: str | None, home: str = "US") -> str:
    """The phone number (calls and texts: a mobile first for a text), the email address, or
    the street address on one line (visits and cards) to reach ``customer`` by ``channel``;
    "" when the notebook has none. ``home`` is the owner's country (no country line in it)."""
    if channel in ("phone", "text"):
        phones = list(customer.phones)
        if channel == "text":  # a mobile number first: a landline does not take texts
            phones.sort(key=lambda p: not _is_mobile(customer.phone_labels.get(p, "")))
        return phones[0] if phones else ""
    if channel == "email":
        return customer.emails[0] if customer.emails else ""
    if channel in ("mail", "visit"):
        address = customer.mailing_address()
        return ", ".join(postal_lines(address, home)) if address else ""
    return ""


def _is_mobile(label: str) -> bool:
    return any(word in label.lower() for word in _MOBILE)
