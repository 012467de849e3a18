"""Everything one customer owns, table by table, as storage.models.CUSTOMER_TABLES lists it:
read whole before a delete, put back exactly by its undo, counted for the erase preview.

Rows are kept as SQLite holds them, numbers included, so that what refers to them (a snooze
naming a milestone's number, an undo step naming a touch's) still finds them after an undo.
A number another row took meanwhile (SQLite hands the highest freed number out again) is left
to that row: the row put back gets a new one, and the rows hanging off it follow.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from peewee import ForeignKeyField, Model

from storage.db import db
from storage.models import CUSTOMER_TABLES, Customer, meta, owned_by, owner_key


@dataclass
class CustomerRows:
    """A customer's own row and every row they own, each as a tuple in its model's field
    order (``meta(model).sorted_fields``), by table name."""

    customer: tuple
    tables: dict[str, list[tuple]] = field(default_factory=dict)

    @property
    def customer_id(self) -> int:
        return self.customer[0]


def read(customer_id: int) -> CustomerRows | None:
    """All of the customer's rows, or None when there is no such customer."""
    row = Customer.select().where(Customer.id == customer_id).tuples().first()
    if row is None:
        return None
    return CustomerRows(row, {
        meta(t.model).table_name:
            list(t.model.select().where(owned_by(t.model, customer_id)).tuples())
        for t in CUSTOMER_TABLES})


def counts(customer_id: int) -> dict[str, int]:
    """How many rows of each owned table are the customer's, by the owner's noun."""
    return {t.noun: t.model.select().where(owned_by(t.model, customer_id)).count()
            for t in CUSTOMER_TABLES}


def put_back(rows: CustomerRows) -> int:
    """Insert what :func:`read` returned, inside the caller's transaction; the customer's id
    (their own, unless someone else has it now). A referrer gone meanwhile is forgotten, and
    so is a card's template."""
    moved: dict[type[Model], dict[int, int]] = {}
    customer = dict(zip(_names(Customer), rows.customer, strict=True))
    customer["referred_by"] = _present(Customer, customer["referred_by"])
    _insert(Customer, [customer], moved)
    for table in CUSTOMER_TABLES:
        model = table.model
        found = [dict(zip(_names(model), row, strict=True))
                 for row in rows.tables.get(meta(model).table_name, [])]
        _follow(model, found, moved)
        _insert(model, found, moved)
    return moved[Customer].get(rows.customer_id, rows.customer_id)


def _names(model: type[Model]) -> list[str]:
    return [f.name for f in meta(model).sorted_fields]


def _present(model: type[Model], key: int | None) -> int | None:
    """``key`` when ``model`` still has that row, else None."""
    if key is None:
        return None
    pk = meta(model).primary_key
    return key if model.select(pk).where(pk == key).exists() else None


def _follow(model: type[Model], found: list[dict], moved: dict) -> None:
    """Point each row's references where their rows are now."""
    owner = owner_key(model)
    for key in meta(model).refs:
        if key is owner:
            new = moved.get(key.rel_model, {})
            for row in found:
                row[key.name] = new.get(row[key.name], row[key.name])
        elif key.null:  # a row outside the customer's (a card's template): there or not
            for row in found:
                row[key.name] = _present(key.rel_model, row[key.name])


def _insert(model: type[Model], found: list[dict], moved: dict) -> None:
    """Insert ``found`` keeping each row's number where it is free; note the others'."""
    pk = meta(model).primary_key
    moved.setdefault(model, {})
    if not found:
        return
    if isinstance(pk, ForeignKeyField):  # keyed by its owner (a photo), already followed
        keep, renumber = found, []
    else:
        taken = _taken(model, [row[pk.name] for row in found])
        keep = [row for row in found if row[pk.name] not in taken]
        renumber = [row for row in found if row[pk.name] in taken]
    _insert_many(model, keep)
    for row in renumber:
        old = row.pop(pk.name)
        moved[model][old] = model.insert(row).execute()


def _insert_many(model: type[Model], rows: list[dict]) -> None:
    """Rows inserted as they are, columns as the model declares them. ``executemany`` on
    purpose: an undo putting back 5,000 touches and 1,000 purchases took 217-241 ms with
    peewee's ``insert_many``, 95-102 ms this way (this machine, 2026-12-07)."""
    names = _names(model)
    columns = ", ".join(f'"{meta(model).fields[n].column_name}"' for n in names)
    marks = ", ".join("?" * len(names))
    db.connection().executemany(
        f'INSERT INTO "{meta(model).table_name}" ({columns}) VALUES ({marks})',
        [tuple(row[n] for n in names) for row in rows])


def _taken(model: type[Model], keys: list[int]) -> set[int]:
    """Which of ``keys`` other rows of ``model`` have now. Raw SQL, the numbers passed as one
    JSON list: 5,000 numbers took 32 ms as peewee's ``IN (?, …)`` in chunks of 500, 1.6 ms so
    (this machine, 2026-12-07)."""
    pk = meta(model).primary_key.column_name
    rows = db.execute_sql(f'SELECT "{pk}" FROM "{meta(model).table_name}" '
                          f'WHERE "{pk}" IN (SELECT value FROM json_each(?))', (json.dumps(keys),))
    return {r[0] for r in rows}
