"""The customer list, search, and each customer's profile: one transaction per action."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from domain.model import Card, Customer, CustomerRow, display_name
from domain.text import fold
from storage import records
from storage.db import db


class NotFound(LookupError):
    """The customer (or item) is no longer in the notebook."""


_LIST_SQL = """
SELECT c.id, c.given_name, c.family_name, c.preferred_name, c.company, c.sort_key,
       (SELECT address FROM email WHERE customer_id = c.id ORDER BY position LIMIT 1),
       (SELECT number FROM phone WHERE customer_id = c.id ORDER BY position LIMIT 1),
       (SELECT city FROM address WHERE customer_id = c.id
         ORDER BY mailing DESC, position LIMIT 1),
       (SELECT group_concat(name, ', ') FROM
         (SELECT name FROM tag WHERE customer_id = c.id ORDER BY position)),
       (SELECT max(date) FROM interaction WHERE customer_id = c.id)
FROM customer c
"""


def list_rows(ids: list[int] | None = None) -> list[CustomerRow]:
    """Every customer (or ``ids``) as a light row, sorted by name."""
    where = ""
    params: tuple[int, ...] = ()
    if ids is not None:
        where, params = f" WHERE c.id IN ({','.join('?' * len(ids))})", tuple(ids)
    rows = db.execute_sql(_LIST_SQL + where + " ORDER BY c.sort_key, c.id", params)
    fromiso = date.fromisoformat
    return [
        CustomerRow(r[0], display_name(r[1], r[2], r[3], r[4]), r[5], r[4], r[6] or "",
                    r[7] or "", r[8] or "", r[9] or "", fromiso(r[10]) if r[10] else None)
        for r in rows
    ]


def count() -> int:
    return db.execute_sql("SELECT count(*) FROM customer").fetchone()[0]


_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str) -> str:
    """Turn what the owner typed into an FTS5 query: every word, as a prefix, must match."""
    words = _WORD.findall(fold(text))
    return " ".join(f'"{w}"*' for w in words)


def search_ids(text: str) -> list[int]:
    """Ids of customers whose names, company, notes or details match every typed word."""
    query = fts_query(text)
    if not query:
        return []
    return [r[0] for r in db.execute_sql(
        "SELECT rowid FROM customer_fts WHERE customer_fts MATCH ?", (query,))]


def get_customer(customer_id: int) -> Customer:
    found = records.load_customers([customer_id])
    if not found:
        raise NotFound(f"Customer {customer_id} is no longer in the notebook.")
    return found[0]


def save_customer(c: Customer) -> int:
    """Create or update the profile (names, contacts, facts, milestones); return the id.

    The timeline (interactions, purchases, promises, problems) is left as it is; it has its
    own functions in timeline.py.
    """
    with db.atomic():
        if c.id is None:
            customer_id = records.insert_customer(c)
            records.insert_timeline([(customer_id, c)])
        else:
            customer_id = c.id
            if not db.execute_sql("SELECT 1 FROM customer WHERE id = ?",
                                  (customer_id,)).fetchone():
                raise NotFound(f"Customer {customer_id} is no longer in the notebook.")
            records.update_customer_row(c)
            records.delete_children(customer_id, records.PROFILE_CHILDREN)
        records.insert_profile_children([(customer_id, c)])
        records.reindex([customer_id])
    return customer_id


@dataclass
class DeletedCustomer:
    """All that a delete removed, so that undo can put it back exactly."""

    customer: Customer
    referred_ids: list[int] = field(default_factory=list)
    cards: list[Card] = field(default_factory=list)
    stamps: tuple[str, str] | None = None  # (created, updated) as they were


def delete_customer(customer_id: int) -> DeletedCustomer:
    with db.atomic():
        customer = get_customer(customer_id)
        stamps = db.execute_sql("SELECT created, updated FROM customer WHERE id = ?",
                                (customer_id,)).fetchone()
        referred = [r[0] for r in db.execute_sql(
            "SELECT id FROM customer WHERE referred_by = ?", (customer_id,))]
        cards = [Card(customer_id, r[1], r[2], r[3], r[4], _d(r[5]), _d(r[6]), _d(r[7]), r[8],
                      r[0]) for r in db.execute_sql(
            "SELECT id, occasion, text, card_format, status, created, printed, mailed, "
            "template_id FROM card WHERE customer_id = ?", (customer_id,))]
        db.execute_sql("DELETE FROM customer WHERE id = ?", (customer_id,))
        db.execute_sql("DELETE FROM customer_fts WHERE rowid = ?", (customer_id,))
    return DeletedCustomer(customer, referred, cards, tuple(stamps))


def restore_customer(deleted: DeletedCustomer) -> int:
    """Put back a deleted customer with the same id, timeline, cards and referrals."""
    c = deleted.customer
    with db.atomic():
        if c.referred_by is not None and not _exists(c.referred_by):
            c.referred_by = None
        customer_id = records.insert_customer(c, keep_id=True)
        if deleted.stamps:  # not new: added (and last changed) when they first were
            db.execute_sql("UPDATE customer SET created = ?, updated = ? WHERE id = ?",
                           (*deleted.stamps, customer_id))
        records.insert_profile_children([(customer_id, c)])
        records.insert_timeline([(customer_id, c)])
        for card in deleted.cards:
            db.execute_sql(
                "INSERT INTO card (id, customer_id, occasion, template_id, text, card_format, "
                "status, created, printed, mailed) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (card.id, customer_id, card.occasion, card.template_id, card.text,
                 card.card_format, card.status, _iso(card.created), _iso(card.printed),
                 _iso(card.mailed)))
        for rid in deleted.referred_ids:
            db.execute_sql("UPDATE customer SET referred_by = ? WHERE id = ?",
                           (customer_id, rid))
        records.reindex([customer_id])
    return customer_id


def _exists(customer_id: int) -> bool:
    return bool(db.execute_sql("SELECT 1 FROM customer WHERE id = ?", (customer_id,))
                .fetchone())


def _d(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def names(ids: list[int]) -> dict[int, str]:
    """Display names of ``ids`` (for referrers and the like)."""
    if not ids:
        return {}
    rows = db.execute_sql(
        "SELECT id, given_name, family_name, preferred_name, company FROM customer "
        f"WHERE id IN ({','.join('?' * len(ids))})", tuple(ids))
    return {r[0]: display_name(r[1], r[2], r[3], r[4]) for r in rows}


def referrals_of(customer_id: int) -> list[tuple[int, str]]:
    rows = db.execute_sql(
        "SELECT id, given_name, family_name, preferred_name, company FROM customer "
        "WHERE referred_by = ? ORDER BY sort_key", (customer_id,))
    return [(r[0], display_name(r[1], r[2], r[3], r[4])) for r in rows]


def tag_names() -> list[str]:
    """Every tag in use, each once, in alphabetical order whatever the case."""
    rows = db.execute_sql("SELECT DISTINCT name FROM tag ORDER BY name COLLATE NOCASE")
    return [r[0] for r in rows]
