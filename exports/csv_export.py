"""Customers as a spreadsheet: UTF-8 with a BOM (so Excel reads accents), one row per customer.

Every cell that a spreadsheet could take for a formula — starting with ``=`` ``+`` ``-`` ``@``
or their full-width forms, even behind blanks and invisible characters, or with a tab or a
line break — gets a leading apostrophe (``exports.csv_guard``; OWASP's advice against CSV
injection). The header ends with ``MARK``, so Rapport's own CSV import takes off exactly the
apostrophes the guard added; the column names are ones its guessed mapping recognises, so
the file re-imports as it was.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path

from domain.contacts_extras import OWN_FIELD_PREFIX
from domain.model import Customer, Milestone
from exports.atomic import write_atomic
from exports.csv_guard import MARK, guard

__all__ = ["FORMULA_STARTS", "MARK", "dumps", "export_file", "guard", "header", "row"]
from storage import records
from storage.db import db

# Full-width = + - @ : some spreadsheets normalise them to the ASCII ones before evaluating.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d",
                  "\uff20")
_FIXED_HEAD = ["Given name", "Family name", "Preferred name", "Company", "Job title"]
_FIXED_TAIL = ["Street", "City", "Region", "Postal code", "Country", "Birthday",
               "Anniversary", "Tags", "Customer since", "Last touch", "Do not contact", "Notes"]


def header(max_emails: int, max_phones: int, own: Sequence[str] | None = None) -> list[str]:
    """The header row; its last cell, ``MARK``, tells Rapport's import the guard is ours.
    ``own``: the notebook's own fields in use, each a column ("Field: Inseam"), and then the
    status, all after the fixed columns (None: neither is in use)."""
    emails = ["Email"] + [f"Email {n}" for n in range(2, max_emails + 1)]
    phones = ["Phone"] + [f"Phone {n}" for n in range(2, max_phones + 1)]
    extra = [] if own is None else [*(OWN_FIELD_PREFIX + name for name in own), "Status"]
    return [*_FIXED_HEAD, *emails, *phones, *_FIXED_TAIL, *extra, MARK]


def _date(milestones: list[Milestone], kind: str) -> str:
    found = next((m for m in milestones if m.kind == kind and not m.whose), None)
    return found.date.iso() if found else ""


def row(c: Customer, max_emails: int, max_phones: int,
        own: Sequence[str] | None = None) -> list[str]:
    """One customer's cells, unguarded, in ``header`` order."""
    address = c.mailing_address()
    place = [address.street, address.city, address.region, address.postal_code,
             address.country] if address else [""] * 5
    last_touch = max((i.when for i in c.interactions), default=None)
    return [
        c.given_name, c.family_name, c.preferred_name, c.company, c.role,
        *_padded(c.emails, max_emails), *_padded(c.phones, max_phones), *place,
        _date(c.milestones, "birthday"), _date(c.milestones, "wedding_anniversary"),
        ", ".join(c.tags), c.customer_since.isoformat() if c.customer_since else "",
        last_touch.isoformat() if last_touch else "", ", ".join(c.do_not_contact), c.notes,
        *([] if own is None else [*(c.fields.get(name, "") for name in own), c.status]),
        "",  # under MARK
    ]


def _padded(values: list[str], width: int) -> list[str]:
    return values[:width] + [""] * (width - len(values[:width]))


def dumps(customers: Iterable[Customer]) -> bytes:
    """The CSV file's bytes: UTF-8 with a BOM, CRLF, every cell guarded."""
    customers = list(customers)
    max_emails = max((len(c.emails) for c in customers), default=1) or 1
    max_phones = max((len(c.phones) for c in customers), default=1) or 1
    # The own fields anyone filled, and a status column beside them when any is used.
    names = list(dict.fromkeys(name for c in customers for name in c.fields))
    own = names if names or any(c.status for c in customers) else None
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header(max_emails, max_phones, own))
    writer.writerows([guard(cell) for cell in row(c, max_emails, max_phones, own)]
                     for c in customers)
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def export_file(path: Path) -> int:
    """Write every customer to ``path`` as CSV; return how many."""
    with db.reading():  # one consistent snapshot
        customers = records.load_customers()
    write_atomic(Path(path), dumps(customers))
    return len(customers)
