"""Merging two customers into one: the owner picks, field by field, which value to keep; the
lists (emails, phones, addresses, tags, details, milestones, timeline, purchases, promises,
problems, cards, snoozes) are combined. One transaction; undone exactly.

Both customers are read whole first (``storage.owned``, which follows ``CUSTOMER_TABLES``, the
one list of what a customer owns), so the undo puts both back as they were, numbers and all.
A profile row that says exactly what the kept customer already has (the same email, tag,
detail, milestone) is not doubled; the timeline, purchases and cards are all kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from storage import owned, records
from storage.customers import NotFound
from storage.db import db
from storage.models import CUSTOMER_TABLES, Customer, meta, owner_key

# The customer's own fields the merge dialog offers, in the order it shows them.
FIELDS = ("given_name", "family_name", "preferred_name", "pronunciation", "company", "role",
          "referred_by", "cadence_days", "customer_since", "preferred_channels",
          "do_not_contact", "notes")

# Per owned table: the columns that make two rows "the same" (then one is kept). Tables not
# named keep every row of both customers.
_SAME = {
    "email": ("lower(address)",),
    "phone": ("number",),
    "address": ("lower(street)", "lower(city)", "postal_code", "country"),
    "tag": ("lower(name)",),
    "fact": ("kind", "lower(value)", "relation", "coalesce(birthday, '')"),
    "milestone": ("kind", "coalesce(year, 0)", "month", "day", "whose"),
    "suggestion_state": ("key",),
    "field_value": ("name",),  # one value a field: the kept customer's
    "photo": (),  # one photo per customer: the kept customer's, else the other's
}


@dataclass
class Merged:
    """What :func:`unmerge` needs: both customers whole, and whom each had referred."""

    kept: owned.CustomerRows
    gone: owned.CustomerRows
    referred_by_kept: list[int] = field(default_factory=list)
    referred_by_gone: list[int] = field(default_factory=list)

    @property
    def kept_id(self) -> int:
        return self.kept.customer_id


def merge(keep_id: int, gone_id: int, chosen: dict[str, Any]) -> Merged:
    """Fold ``gone_id`` into ``keep_id``; ``chosen`` holds the fields (of :data:`FIELDS`) to
    set on the kept customer. Every row of both is kept or said twice; ``gone_id`` goes."""
    if keep_id == gone_id:
        raise ValueError("A customer cannot be merged with themselves.")
    unknown = set(chosen) - set(FIELDS)
    if unknown:
        raise ValueError(f"unknown field {sorted(unknown)[0]!r}")
    with db.atomic():
        kept, gone = owned.read(keep_id), owned.read(gone_id)
        if kept is None or gone is None:
            raise NotFound("One of the two customers is no longer in the notebook.")
        done = Merged(kept, gone, _referred(keep_id), _referred(gone_id))
        _set_fields(keep_id, gone_id, chosen)
        for table in CUSTOMER_TABLES:
            if owner_key(table.model).rel_model is Customer:  # the rest hang off these
                _move(meta(table.model).table_name, keep_id, gone_id)
        Customer.update(referred_by=keep_id).where(Customer.referred_by == gone_id).execute()
        Customer.delete().where(Customer.id == gone_id).execute()
        db.execute_sql("DELETE FROM customer_fts WHERE rowid = ?", (gone_id,))
        records.reindex([keep_id])
    return done


def unmerge(merged: Merged) -> None:
    """Put both customers back exactly as they were before :func:`merge`."""
    keep_id = merged.kept_id
    with db.atomic():
        Customer.delete().where(Customer.id == keep_id).execute()  # their rows go with them
        new_keep = owned.put_back(merged.kept)
        new_gone = owned.put_back(merged.gone)
        for ids, who in ((merged.referred_by_kept, new_keep),
                         (merged.referred_by_gone, new_gone)):
            if ids:
                Customer.update(referred_by=who).where(Customer.id.in_(ids)).execute()
        records.reindex([new_keep, new_gone])


def _referred(customer_id: int) -> list[int]:
    return [r[0] for r in Customer.select(Customer.id)
            .where(Customer.referred_by == customer_id).tuples()]


def no_contact(first: str, second: str) -> str:
    """Both customers' do-not-contact channels together: a wish not to be phoned, said to
    either record, is never lost by a merge."""
    channels = [c for text in (first, second) for c in (text or "").split(",") if c]
    return ",".join(dict.fromkeys(channels))


def _set_fields(keep_id: int, gone_id: int, chosen: dict[str, Any]) -> None:
    values = dict(chosen)
    values["do_not_contact"] = no_contact(field_values(keep_id)["do_not_contact"],
                                          field_values(gone_id)["do_not_contact"])
    if values.get("referred_by") in (keep_id, gone_id):
        values["referred_by"] = None  # nobody refers themselves
    values["updated"] = records.now_stamp()
    if {"given_name", "family_name", "company"} & set(values):
        row = Customer.get_by_id(keep_id)
        values["sort_key"] = records.sort_key(
            values.get("given_name", row.given_name), values.get("family_name", row.family_name),
            values.get("company", row.company))
    Customer.update(**values).where(Customer.id == keep_id).execute()
    if Customer.get_by_id(keep_id).referred_by_id == gone_id:
        Customer.update(referred_by=None).where(Customer.id == keep_id).execute()


def _col(alias: str, expr: str) -> str:
    """``lower(city)`` → ``lower(k.city)``, ``kind`` → ``k.kind``."""
    return expr.replace("(", f"({alias}.", 1) if "(" in expr else f"{alias}.{expr}"


def _move(table: str, keep_id: int, gone_id: int) -> None:
    """Hand ``gone_id``'s rows of ``table`` to ``keep_id``, except those already said."""
    same = _SAME.get(table)
    if same is not None:
        match = " AND ".join(f"{_col('k', c)} = {_col('g', c)}" for c in same) or "1"
        db.execute_sql(
            f'DELETE FROM "{table}" AS g WHERE g.customer_id = ? AND EXISTS (SELECT 1 FROM '
            f'"{table}" AS k WHERE k.customer_id = ? AND {match})', (gone_id, keep_id))
    if table in ("email", "phone", "address", "tag", "fact", "milestone"):
        # Theirs come after the kept customer's own.
        db.execute_sql(
            f'UPDATE "{table}" SET position = position + 1 + (SELECT coalesce(max(position), '
            f'-1) FROM "{table}" WHERE customer_id = ?) WHERE customer_id = ?',
            (keep_id, gone_id))
    if table == "address":  # one address for the post: the kept customer's, if they have one
        db.execute_sql(
            "UPDATE address SET mailing = 0 WHERE customer_id = ? AND EXISTS (SELECT 1 FROM "
            "address WHERE customer_id = ? AND mailing = 1)", (gone_id, keep_id))
    db.execute_sql(f'UPDATE "{table}" SET customer_id = ? WHERE customer_id = ?',
                   (keep_id, gone_id))


def field_values(customer_id: int) -> dict[str, Any]:
    """The customer's own fields the merge dialog offers (:data:`FIELDS`), as stored."""
    row = Customer.select(*[getattr(Customer, f) for f in FIELDS]).where(
        Customer.id == customer_id).tuples().first()
    if row is None:
        raise NotFound(f"Customer {customer_id} is no longer in the notebook.")
    return dict(zip(FIELDS, row, strict=True))
