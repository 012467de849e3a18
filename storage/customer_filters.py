"""Saved filters over the customer list: which customers a filter lets through, and the
filters the owner saved by name (kept in the notebook's settings, under one key).

What each condition means is decided here, once, for the window (and any later command):
- tag, city: as written, whatever the case; the city of any of their addresses;
- bought after D: their last purchase was on or after D; bought before D: they have bought,
  and not since D (the "lapsed" side); lifetime value above X: their purchases add up to more;
- birthday month: their own birthday (not a family member's);
- how they found us: words found in their "How we met" details, whatever the case.
"""

from __future__ import annotations

import json
from typing import Any

from domain.customer_filter import BadFilter, CustomerFilter
from storage.db import db
from storage.records import to_cents

SETTING_KEY = "saved_filters"


def matching_ids(f: CustomerFilter) -> set[int]:
    """The customers ``f`` lets through (one query)."""
    clauses, params = _conditions(f)
    where = " AND ".join(f"id IN ({c})" for c in clauses) or "1"
    return {r[0] for r in db.execute_sql(f"SELECT id FROM customer WHERE {where}", params)}


def _conditions(f: CustomerFilter) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []

    def add(sql: str, *values: Any) -> None:
        clauses.append(sql)
        params.extend(values)

    if f.tag.strip():
        add("SELECT customer_id FROM tag WHERE name = ? COLLATE NOCASE", f.tag.strip())
    if f.city.strip():
        add("SELECT customer_id FROM address WHERE trim(city) = ? COLLATE NOCASE",
            f.city.strip())
    if f.bought_after is not None:
        add("SELECT customer_id FROM purchase GROUP BY customer_id HAVING max(date) >= ?",
            f.bought_after.isoformat())
    if f.bought_before is not None:
        add("SELECT customer_id FROM purchase GROUP BY customer_id HAVING max(date) < ?",
            f.bought_before.isoformat())
    if f.value_above is not None:
        add("SELECT customer_id FROM purchase GROUP BY customer_id "
            "HAVING sum(amount_cents) > ?", to_cents(f.value_above))
    if f.birthday_month:
        add("SELECT customer_id FROM milestone WHERE kind = 'birthday' AND whose = '' "
            "AND month = ?", f.birthday_month)
    if f.found_us.strip():
        add("SELECT customer_id FROM fact WHERE kind = 'how_we_met' "
            "AND instr(lower(value), lower(?)) > 0", f.found_us.strip())
    return clauses, params


def saved_filters() -> dict[str, CustomerFilter]:
    """The filters saved by name, in name order; one that cannot be read is left out."""
    out = {}
    for name, data in sorted(_stored().items(), key=lambda kv: kv[0].casefold()):
        try:
            out[name] = CustomerFilter.from_json(data)
        except BadFilter:
            continue  # one damaged entry must not hide the others
    return out


def save_filter(name: str, f: CustomerFilter) -> None:
    """Keep ``f`` under ``name`` (replacing a filter of that name, whatever its case)."""
    name = " ".join(name.split())
    if not name:
        raise BadFilter("a saved filter needs a name")
    with db.atomic():
        stored = {k: v for k, v in _stored().items() if k.casefold() != name.casefold()}
        stored[name] = f.to_json()
        _write(stored)


def delete_filter(name: str) -> None:
    """Forget the filter saved as ``name``."""
    with db.atomic():
        _write({k: v for k, v in _stored().items() if k != name})


def _stored() -> dict[str, Any]:
    row = db.execute_sql("SELECT value FROM setting WHERE key = ?", (SETTING_KEY,)).fetchone()
    try:
        value = json.loads(row[0]) if row else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _write(stored: dict[str, Any]) -> None:
    db.execute_sql("INSERT INTO setting (key, value) VALUES (?, ?) "
                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                   (SETTING_KEY, json.dumps(stored, ensure_ascii=False)))
