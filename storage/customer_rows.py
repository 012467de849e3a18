"""Every customer's rows, a chunk of customers at a time, as plain tuples: what the notebook
JSON export writes from (issue 17), read without building a domain object for each of a
million rows (half of a 50,000-customer export went into objects it threw away at once).

The columns and orders are those of ``records.load_customers``: a customer's emails, phones,
addresses, tags, facts and milestones by position, touches and sales by date then id, promises
by when they were made, problems by when they opened (their positions name them in saved
suggestion keys). ``exports.notebook_json`` keeps the two readers' files byte-identical, and a
test holds them to it.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby
from operator import itemgetter
from typing import NamedTuple

from storage.db import db, notebook_version
from storage.migrations import CONTACT_LABELS, FIELDS

CHUNK = 2000  # customers read at once: a few MB, whatever the notebook's size (500 cost
# a fifth more: a query per table and chunk)


class Chunk(NamedTuple):
    """A range of customers and the rows they own (columns as in ``_queries``).

    The rows are kept by table, then by customer id, as read: one dict per table for the whole
    chunk rather than one per customer (a customer's rows are ``children[table].get(id)``;
    most customers own nothing in most tables)."""

    customers: list[tuple]
    children: dict[str, dict[int, list[tuple]]]  # table → customer id → their rows
    updates: dict[int, list[tuple]]  # problem id → its updates (date, summary)
    photos: dict[int, tuple[str, bytes]]  # customer id → (mime, data)

    def ids(self) -> list[int]:
        """The chunk's customer ids, in order."""
        return [r[0] for r in self.customers]


def _queries() -> dict[str, str]:
    """Table → the columns read after customer_id, then ``|`` and the order within one."""
    label = "label" if notebook_version() >= CONTACT_LABELS else "''"  # older, read-only
    out = {
        "email": f"address, {label}|position", "phone": f"number, {label}|position",
        "address": "street, city, region, postal_code, country, mailing, label|position",
        "tag": "name|position", "fact": "kind, value, relation, birthday|position",
        "milestone": "kind, month, day, year, whose, yearly, note|position",
        "interaction": "date, kind, channel, summary|date, id",
        "purchase": "date, amount_cents, description, currency, source, order_id|date, id",
        "promise": "id, made, due, what, status|made, id",
        "problem": "id, opened, summary, status, resolved, waiting_on|opened, id",
    }
    if notebook_version() >= FIELDS:
        out["field_value"] = "name, value|id"
    return out


def _customer_columns() -> str:
    status = "status" if notebook_version() >= FIELDS else "''"  # an older notebook
    return ("id, given_name, family_name, preferred_name, pronunciation, company, role, "
            "referred_by, cadence_days, customer_since, preferred_channels, do_not_contact, "
            f"notes, {status}")


def iter_rows() -> Iterator[Chunk]:
    """Every customer in id order, ``CHUNK`` at a time. The caller holds a read transaction
    (``bulk.reading``) for one consistent snapshot."""
    queries, columns, chunk = _queries(), _customer_columns(), CHUNK
    cursor = db.execute_sql(f"SELECT {columns} FROM customer ORDER BY id")
    while rows := cursor.fetchmany(chunk):
        first, last = rows[0][0], rows[-1][0]  # ids in order: the chunk is a range of ids
        photos = {cid: (mime, bytes(data)) for cid, mime, data in db.execute_sql(
            "SELECT customer_id, mime, data FROM photo WHERE customer_id BETWEEN ? AND ?",
            (first, last))}
        yield Chunk(rows, {table: _grouped(table, query, first, last)
                           for table, query in queries.items()},
                    _updates(first, last), photos)


def _grouped(table: str, query: str, first: int, last: int) -> dict[int, list[tuple]]:
    columns, order = query.split("|")
    rows = db.execute_sql(
        f"SELECT customer_id, {columns} FROM {table} WHERE customer_id BETWEEN ? AND ? "
        f"ORDER BY customer_id, {order}", (first, last))
    return {cid: list(found) for cid, found in groupby(rows, itemgetter(0))}


def _updates(first: int, last: int) -> dict[int, list[tuple]]:
    out: dict[int, list[tuple]] = {}
    for pid, day, summary in db.execute_sql(
            "SELECT problem_id, date, summary FROM problem_update WHERE problem_id IN "
            "(SELECT id FROM problem WHERE customer_id BETWEEN ? AND ?) "
            "ORDER BY problem_id, date, id", (first, last)):
        out.setdefault(pid, []).append((day, summary))
    return out
