"""The customer list, search, and each customer's profile: one transaction per action."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from domain.model import Customer, CustomerRow, display_name
from storage import models, owned, records
from storage.db import db, notebook_version
from storage.lifetime import lifetime_values
from storage.migrations import FIELDS


class NotFound(LookupError):
    """The customer (or item) is no longer in the notebook."""


# Raw SQL on purpose: the whole list is read at every start; 50,000 rows take 0.42 s as
# sqlite3 tuples and 0.88 s as peewee ``.tuples()`` (MEASURED.md, this machine).
_LIST_SQL = """
SELECT c.id, c.given_name, c.family_name, c.preferred_name, c.company, c.sort_key,
       (SELECT address FROM email WHERE customer_id = c.id ORDER BY position LIMIT 1),
       (SELECT number FROM phone WHERE customer_id = c.id ORDER BY position LIMIT 1),
       (SELECT city FROM address WHERE customer_id = c.id
         ORDER BY mailing DESC, position LIMIT 1),
       (SELECT group_concat(name, ', ') FROM
         (SELECT name FROM tag WHERE customer_id = c.id ORDER BY position)),
       (SELECT max(date) FROM interaction WHERE customer_id = c.id), {status}
FROM customer c
"""


def list_rows(ids: list[int] | None = None) -> list[CustomerRow]:
    """Every customer (or ``ids``) as a light row, sorted by name."""
    where = ""
    params: tuple[int, ...] = ()
    if ids is not None:
        where, params = f" WHERE c.id IN ({','.join('?' * len(ids))})", tuple(ids)
    status = "c.status" if notebook_version() >= FIELDS else "''"  # older, read-only: none
    rows = db.execute_sql(_LIST_SQL.format(status=status) + where + " ORDER BY c.sort_key, c.id",
                          params)
    fromiso = date.fromisoformat
    rows = rows.fetchall()
    worth = lifetime_values(f" WHERE customer_id IN ({','.join('?' * len(rows))})",
                            tuple(r[0] for r in rows)) if rows else {}
    return [
        CustomerRow(r[0], display_name(r[1], r[2], r[3], r[4]), r[5], r[4], r[6] or "",
                    r[7] or "", r[8] or "", r[9] or "", fromiso(r[10]) if r[10] else None,
                    r[11], worth.get(r[0], ()))
        for r in rows
    ]


def count() -> int:
    """How many customers the notebook holds."""
    return models.Customer.select().count()


def search_ids(text: str) -> list[int]:
    """Ids of the customers ``text`` finds: names, company, notes, details, emails, addresses,
    and phone numbers in any writing (storage.customer_search, the one rule). Imported here:
    it brings the phone-number library, which printing and Today never need."""
    from storage import customer_search

    return customer_search.search_ids(text)


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
            if not models.Customer.select().where(models.Customer.id == customer_id).exists():
                raise NotFound(f"Customer {customer_id} is no longer in the notebook.")
            records.update_customer_row(c)
            records.delete_children(customer_id, records.PROFILE_CHILDREN)
        records.insert_profile_children([(customer_id, c)])
        records.reindex([customer_id])
    return customer_id


@dataclass
class DeletedCustomer:
    """All that a delete removed, so that undo can put it back exactly."""

    rows: owned.CustomerRows  # the customer's row and every row they own (storage.models)
    referred_ids: list[int] = field(default_factory=list)  # customers they had referred

    @property
    def customer_id(self) -> int:
        return self.rows.customer_id


def delete_customer(customer_id: int) -> DeletedCustomer:
    """Delete the customer and all they own (their rows go with them: ON DELETE CASCADE);
    what :func:`restore_customer` needs to undo it."""
    with db.atomic():
        rows = owned.read(customer_id)
        if rows is None:
            raise NotFound(f"Customer {customer_id} is no longer in the notebook.")
        referred = [r[0] for r in models.Customer.select(models.Customer.id)
                    .where(models.Customer.referred_by == customer_id).tuples()]
        models.Customer.delete().where(models.Customer.id == customer_id).execute()
        db.execute_sql("DELETE FROM customer_fts WHERE rowid = ?", (customer_id,))
    return DeletedCustomer(rows, referred)


def restore_customer(deleted: DeletedCustomer) -> int:
    """Put back a deleted customer as they were: their number, timeline, cards, photo,
    snoozes and dismissals, and who they referred; return their id."""
    with db.atomic():
        customer_id = owned.put_back(deleted.rows)
        if deleted.referred_ids:
            models.Customer.update(referred_by=customer_id).where(
                models.Customer.id.in_(deleted.referred_ids)).execute()
        records.reindex([customer_id])
    return customer_id


def names(ids: list[int]) -> dict[int, str]:
    """Display names of ``ids`` (for referrers and the like)."""
    if not ids:
        return {}
    rows = _named().where(models.Customer.id.in_(ids))
    return {r[0]: display_name(r[1], r[2], r[3], r[4]) for r in rows}


def referrals_of(customer_id: int) -> list[tuple[int, str]]:
    """(id, display name) of the customers ``customer_id`` referred, sorted by name."""
    them = models.Customer
    rows = _named().where(them.referred_by == customer_id).order_by(them.sort_key)
    return [(r[0], display_name(r[1], r[2], r[3], r[4])) for r in rows]


def tag_names() -> list[str]:
    """Every tag in use, each once, in alphabetical order whatever the case."""
    rows = db.execute_sql("SELECT DISTINCT name FROM tag ORDER BY name COLLATE NOCASE")
    return [r[0] for r in rows]


def _named() -> Any:
    """Customers' ids and the parts of their display name."""
    them = models.Customer
    return them.select(them.id, them.given_name, them.family_name, them.preferred_name,
                       them.company).tuples()
