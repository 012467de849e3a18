"""Each customer's lifetime value per currency, in one aggregate over the purchase table:
for the customer list's column (storage.customer_list, storage.customers) and the insights."""

from __future__ import annotations

from storage.db import db


def lifetime_values(where: str = "", params: tuple = ()) -> dict[int, tuple[tuple[str, int], ...]]:
    """Every buyer's lifetime value per currency ("" the notebook's own, first): one
    aggregate for the customer list (``where``: a ``WHERE customer_id IN (…)`` of some)."""
    currency = "currency" if has_currency() else "''"
    found: dict[int, list[tuple[str, int]]] = {}
    for cid, cur, cents in db.execute_sql(
            f"SELECT customer_id, {currency}, sum(amount_cents) FROM purchase{where} "
            "GROUP BY customer_id, 2 ORDER BY customer_id, 2", params):
        found.setdefault(cid, []).append((cur or "", cents or 0))
    return {cid: tuple(v) for cid, v in found.items()}


def has_currency() -> bool:
    """Whether purchases carry a currency (notebooks before the sales import do not)."""
    columns = {r[1] for r in db.execute_sql("PRAGMA table_info(purchase)")}
    return "currency" in columns
