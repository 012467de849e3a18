"""The owner's own fields (a tailor's measurements, an agent's policy numbers), defined once
per notebook, and each customer's status (archived, deceased): one transaction per action.

A field's values are kept by its name with each customer (table ``field_value``, which the
customer owns); saving a profile writes them with the rest (storage.records).
"""

from __future__ import annotations

from domain.model import CUSTOM_FIELD_KINDS, STATUSES, CustomField
from storage.customers import NotFound
from storage.db import db, notebook_version
from storage.migrations import FIELDS


def definitions() -> list[CustomField]:
    """The notebook's fields, in the order they were defined."""
    if notebook_version() < FIELDS:  # an older notebook, read-only
        return []
    return [CustomField(name, kind) for name, kind in db.execute_sql(
        "SELECT name, kind FROM custom_field ORDER BY position, id")]


def define(name: str, kind: str = "text") -> CustomField:
    """Add a field to every customer (or change its kind); raise ValueError on a bad one."""
    name = " ".join(name.split())
    if not name:
        raise ValueError("A field needs a name.")
    if kind not in CUSTOM_FIELD_KINDS:
        raise ValueError(f"A field is one of {', '.join(CUSTOM_FIELD_KINDS)}, not {kind!r}.")
    found = CustomField(name, kind)
    with db.atomic():
        define_all([found])
    return found


def define_all(found: list[CustomField]) -> None:
    """Define each of ``found`` inside the caller's transaction (a notebook import)."""
    for f in found:
        db.execute_sql(
            "INSERT INTO custom_field (name, kind, position) VALUES "
            "(?, ?, (SELECT coalesce(max(position) + 1, 0) FROM custom_field)) "
            "ON CONFLICT (name) DO UPDATE SET kind = excluded.kind", (f.name, f.kind))


def set_status(customer_id: int, status: str) -> str:
    """Archive a customer, record that they died, or make them active again (""); return
    the status they had, for undo."""
    if status not in STATUSES:
        raise ValueError(f"A customer's status is archived, deceased or none, not {status!r}.")
    with db.atomic():
        rows = db.execute_sql("SELECT status FROM customer WHERE id = ?",
                              (customer_id,)).fetchall()
        if not rows:
            raise NotFound(f"Customer {customer_id} is no longer in the notebook.")
        db.execute_sql("UPDATE customer SET status = ? WHERE id = ?", (status, customer_id))
    return rows[0][0]
