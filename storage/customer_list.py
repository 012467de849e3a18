"""The customer list as the window shows it, fast: flat scans joined in Python."""

from __future__ import annotations

import gc
from datetime import date

from domain.model import CustomerRow, display_name
from storage.db import db, notebook_version
from storage.lifetime import lifetime_values
from storage.migrations import FIELDS


def _first_per_customer(sql: str, params: tuple = ()) -> dict[int, str]:
    first: dict[int, str] = {}
    for customer_id, value in db.execute_sql(sql, params):
        first.setdefault(customer_id, value)
    return first


def rows(limit: int | None = None) -> list[CustomerRow]:
    """The customer list, as :func:`storage.customers.list_rows` gives it, 2–3× faster.

    Six flat scans joined in Python instead of five correlated subqueries per customer: for
    50,000 customers this is what lets the window show its list in well under a second.
    ``limit`` gives only the first customers by name (the first screenful, shown at once).
    """
    status = "status" if notebook_version() >= FIELDS else "''"  # older, read-only: none
    head = ("SELECT id, given_name, family_name, preferred_name, company, sort_key, "
            f"{status} FROM customer")
    order = " ORDER BY sort_key, id"
    if limit is None:
        base = db.execute_sql(head + order).fetchall()
        where, params = "", ()
    else:
        base = db.execute_sql(head + order + " LIMIT ?", (limit,)).fetchall()
        params = tuple(r[0] for r in base)
        where = f" WHERE customer_id IN ({','.join('?' * len(params))})" if params else \
            " WHERE 0"
    emails = _first_per_customer(
        f"SELECT customer_id, address FROM email{where} ORDER BY customer_id, position", params)
    phones = _first_per_customer(
        f"SELECT customer_id, number FROM phone{where} ORDER BY customer_id, position", params)
    cities = _first_per_customer(
        f"SELECT customer_id, city FROM address{where} "
        "ORDER BY customer_id, mailing DESC, position", params)
    tags: dict[int, list[str]] = {}
    for customer_id, name in db.execute_sql(
            f"SELECT customer_id, name FROM tag{where} ORDER BY customer_id, position", params):
        tags.setdefault(customer_id, []).append(name)
    touched = dict(db.execute_sql(
        f"SELECT customer_id, max(date) FROM interaction{where} GROUP BY customer_id", params))
    worth = lifetime_values(where, params)
    return _build_rows(base, emails, phones, cities, tags, touched, worth)


def _build_rows(base: list[tuple], emails: dict[int, str], phones: dict[int, str],
                cities: dict[int, str], tags: dict[int, list[str]],
                touched: dict[int, str],
                worth: dict[int, tuple[tuple[str, int], ...]]) -> list[CustomerRow]:
    fromiso = date.fromisoformat
    collecting = gc.isenabled()
    gc.disable()  # 50,000 new objects would trigger needless full collections
    try:
        return [CustomerRow(i, display_name(g, f, p, c), key, c, emails.get(i, ""),
                            phones.get(i, ""), cities.get(i, ""), ", ".join(tags.get(i, ())),
                            fromiso(touched[i]) if i in touched else None, status,
                            worth.get(i, ()))
                for i, g, f, p, c, key, status in base]
    finally:
        if collecting:
            gc.enable()
