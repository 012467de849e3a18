"""What the insights are worked out from (domain.insights), read in a few grouped queries:
customers, the period's touches, lifetime totals per currency, purchase days. No query per
customer: 50,000 customers are read in well under a second.

How customers found us is kept without a schema change: in the owner's own field "Found us
via" (table ``field_value``, shown, searched and exported with the other fields), and what
the owner spends per source in the setting ``insights.source_costs`` (JSON: source → cents).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from datetime import date, timedelta

from domain.insights import FOUND_US_FIELD, Insights, Person, Spend, Touch, build, period_of
from domain.model import display_name
from domain.setting_values import BadSetting, check_setting
from storage import custom_fields, outreach
from storage.db import db, notebook_version
from storage.migrations import FIELDS

log = logging.getLogger(__name__)

COSTS_KEY = "insights.source_costs"


def insights(today: date) -> Insights:
    """Every insight for the 12 months up to ``today``, read in one snapshot."""
    start, _ = period_of(today)
    after = (today + timedelta(days=1)).isoformat()  # dates may carry a time: compare below
    with db.reading():
        return build(today, people(), touches(start.isoformat(), after), spends(after),
                     purchase_days(after), source_costs(), outreach.load_settings())


def people() -> list[Person]:
    """Every customer with what insights need: name, status, referrer, since, source."""
    fields = notebook_version() >= FIELDS  # an older notebook (read-only) has neither
    found = dict(db.execute_sql("SELECT customer_id, value FROM field_value WHERE name = ?",
                                (FOUND_US_FIELD,))) if fields else {}
    status = "status" if fields else "''"
    rows = db.execute_sql(
        "SELECT id, given_name, family_name, preferred_name, company, referred_by, "
        f"coalesce(customer_since, created), {status} FROM customer")
    return [Person(cid, display_name(g, f, p, c), st or "", ref, _day(since),
                   found.get(cid, ""))
            for cid, g, f, p, c, ref, since, st in rows]


def touches(start: str, before: str) -> list[Touch]:
    """Logged touches (notes too: the rule leaves them out) from ``start`` to before
    ``before``, read from the covering index alone."""
    rows = db.execute_sql("SELECT customer_id, date, kind FROM interaction "
                          "WHERE date >= ? AND date < ?", (start, before))
    fromiso = date.fromisoformat
    return [Touch(cid, fromiso(day[:10]), kind) for cid, day, kind in rows]


def spends(before: str) -> list[Spend]:
    """Each customer's purchases before ``before`` added up per currency."""
    currency = "currency" if _has_currency() else "''"
    rows = db.execute_sql(f"SELECT customer_id, {currency}, sum(amount_cents), count(*) "
                          "FROM purchase WHERE date < ? GROUP BY customer_id, 2", (before,))
    return [Spend(cid, cur or "", cents or 0, n) for cid, cur, cents, n in rows]


def purchase_days(before: str) -> dict[int, list[date]]:
    """Each buyer's distinct purchase days before ``before``, oldest first."""
    rows = db.execute_sql(
        "SELECT customer_id, group_concat(day) FROM (SELECT DISTINCT customer_id, "
        "substr(date, 1, 10) AS day FROM purchase WHERE date < ? ORDER BY 1, 2) "
        "GROUP BY customer_id", (before,))
    fromiso = date.fromisoformat
    return {cid: [fromiso(d) for d in days.split(",")] for cid, days in rows}


def lifetime_values() -> dict[int, tuple[tuple[str, int], ...]]:
    """Every buyer's lifetime value per currency ("" the notebook's own, first): one
    aggregate over the purchase index, for the customer list."""
    currency = "currency" if _has_currency() else "''"
    found: dict[int, list[tuple[str, int]]] = {}
    for cid, cur, cents in db.execute_sql(
            f"SELECT customer_id, {currency}, sum(amount_cents) FROM purchase "
            "GROUP BY customer_id, 2 ORDER BY customer_id, 2"):
        found.setdefault(cid, []).append((cur or "", cents or 0))
    return {cid: tuple(v) for cid, v in found.items()}


def source_costs() -> dict[str, int]:
    """What the owner spends per source over 12 months (cents); {} when none is set or the
    stored value cannot be used (logged)."""
    row = db.execute_sql("SELECT value FROM setting WHERE key = ?", (COSTS_KEY,)).fetchone()
    if row is None:
        return {}
    try:
        return check_setting(COSTS_KEY, json.loads(row[0]))
    except (BadSetting, ValueError) as exc:
        log.warning("setting %r cannot be used (%s); no costs shown", COSTS_KEY, exc)
        return {}


def save_source_costs(costs: Mapping[str, int]) -> None:
    """Store the owner's cost per source (one transaction); a source left out has none."""
    value = check_setting(COSTS_KEY, {k: v for k, v in costs.items() if k.strip()})
    with db.atomic():
        db.execute_sql("INSERT INTO setting (key, value) VALUES (?, ?) "
                       "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                       (COSTS_KEY, json.dumps(value, ensure_ascii=False)))


def record_sources() -> None:
    """Give every customer a "Found us via" field (shown on the customer page)."""
    if not any(f.name == FOUND_US_FIELD for f in custom_fields.definitions()):
        custom_fields.define(FOUND_US_FIELD)


def _has_currency() -> bool:
    columns = {r[1] for r in db.execute_sql("PRAGMA table_info(purchase)")}
    return "currency" in columns


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None
