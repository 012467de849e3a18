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
from collections.abc import Iterator, Mapping
from datetime import date, timedelta

from domain.insights import FOUND_US_FIELD, Insights, Person, Spend, Touch, build, period_of
from domain.model import display_name
from domain.setting_values import BadSetting, check_setting
from storage import collector, custom_fields, customer_search, outreach
from storage.db import db, notebook_version
from storage.lifetime import has_currency
from storage.migrations import FIELDS

log = logging.getLogger(__name__)

COSTS_KEY = "insights.source_costs"
# A named tuple made from a whole tuple at C speed (its Python __new__ took 1.6× as long here;
# every field is given, so no default is skipped).
_new = tuple.__new__


def insights(today: date) -> Insights:
    """Every insight for the 12 months up to ``today``, read in one snapshot."""
    start, _ = period_of(today)
    after = (today + timedelta(days=1)).isoformat()  # dates may carry a time: compare below
    with collector.paused():  # 300,000 new tuples, no cycles
        with db.reading():
            names = Names()
            found = people(names)
            spent, days = purchases(after)
            touched = touches(start.isoformat(), after)
            costs, settings = source_costs(), outreach.load_settings()
        return build(today, found, touched, spent, days, costs, settings, names,
                     customer_search.region())


class Names(Mapping[int, str]):
    """Customers' display names, each worked out only when asked for: the lists show a few
    hundred of 50,000 customers, and naming them all took 0.24 s, a quarter of the work."""

    def __init__(self) -> None:
        self.parts: dict[int, tuple[str, str, str, str]] = {}
        self._made: dict[int, str] = {}

    def __getitem__(self, cid: int) -> str:
        name = self._made.get(cid)
        if name is None:
            name = self._made[cid] = display_name(*self.parts[cid])
        return name

    def __iter__(self) -> Iterator[int]:
        return iter(self.parts)

    def __len__(self) -> int:
        return len(self.parts)


def people(names: Names | None = None) -> list[Person]:
    """Every customer with what insights need: status, referrer, since, source; their names
    go to ``names`` (or, without it, with each person)."""
    fields = notebook_version() >= FIELDS  # an older notebook (read-only) has neither
    # The owner may have typed the field's name in their own case ("Found us Via").
    found = dict(db.execute_sql("SELECT customer_id, value FROM field_value "
                                "WHERE name = ? COLLATE NOCASE", (FOUND_US_FIELD,))
                 ) if fields else {}
    status = "status" if fields else "''"
    rows = db.execute_sql(
        "SELECT id, given_name, family_name, preferred_name, company, referred_by, "
        f"coalesce(customer_since, created), {status} FROM customer").fetchall()
    if names is None:
        return [Person(cid, display_name(g, f, p, c), st or "", ref, _day(since),
                       found.get(cid, "")) for cid, g, f, p, c, ref, since, st in rows]
    names.parts = {r[0]: r[1:5] for r in rows}
    day = _day
    return [_new(Person, (cid, "", st or "", ref, day(since), found.get(cid, "")))
            for cid, _g, _f, _p, _c, ref, since, st in rows]


def touches(start: str, before: str) -> list[Touch]:
    """Logged touches (notes too: the rule leaves them out) from ``start`` to before
    ``before``, read from the covering index alone."""
    rows = db.execute_sql("SELECT customer_id, date, kind FROM interaction "
                          "WHERE date >= ? AND date < ?", (start, before))
    days = _Days()
    return [_new(Touch, (cid, days[day], kind)) for cid, day, kind in rows]


def purchases(before: str) -> tuple[list[Spend], dict[int, list[date]]]:
    """Each customer's purchases before ``before``: added up per currency, and their distinct
    days, oldest first; one pass over the table."""
    currency = "currency" if has_currency() else "''"
    rows = db.execute_sql(f"SELECT customer_id, {currency}, sum(amount_cents), count(*), "
                          "group_concat(date) FROM purchase WHERE date < ? "
                          "GROUP BY customer_id, 2", (before,)).fetchall()
    joined: dict[int, str] = {}
    for cid, _cur, _cents, _n, days in rows:
        joined[cid] = f"{joined[cid]},{days}" if cid in joined else days
    spends = [_new(Spend, (cid, cur or "", cents or 0, n)) for cid, cur, cents, n, _d in rows]
    parsed = _Days()
    return spends, {cid: _days(days, parsed) for cid, days in joined.items()}


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
    if not any(f.name.casefold() == FOUND_US_FIELD.casefold()
               for f in custom_fields.definitions()):
        custom_fields.define(FOUND_US_FIELD)


class _Days(dict):
    """ISO text → date, each text parsed once: 224,000 purchases fall on ~4,000 days."""

    def __missing__(self, text: str) -> date:
        day = self[text] = date.fromisoformat(text[:10])
        return day


def _days(joined: str, parsed: _Days) -> list[date]:
    """"2026-01-05,2026-03-01" as distinct days, oldest first (group_concat keeps no order)."""
    parts = joined.split(",")
    if len(joined) != 11 * len(parts) - 1:  # not all plain days: some carry a time
        parts = list({d[:10] for d in parts})
    if len(parts) > 1:
        parts = sorted(set(parts))
    return [parsed[d] for d in parts]


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None
