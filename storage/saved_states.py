"""Snoozes and dismissals in and out of a whole-notebook copy (storage.bulk): read with the
notebook's numbers turned into references the copy resolves, written back with the numbers
the import gave (domain.outreach.keys)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Protocol

from domain.model import Customer
from domain.outreach.keys import Ref, SavedState, restored_key, saved
from storage.db import db


def read_states(customers: Sequence[Customer]) -> list[SavedState]:
    """Every stored snooze and dismissal that still names something, by customer and key."""
    positions: dict[tuple[str, int], tuple[int, int]] = {}
    for c in customers:
        if c.id is None:
            continue
        for n, promise in enumerate(c.promises):
            if promise.id is not None:
                positions[("promise", promise.id)] = (c.id, n)
        for n, problem in enumerate(c.problems):
            if problem.id is not None:
                positions[("problem", problem.id)] = (c.id, n)
    return read_states_at(positions, None)


def read_states_at(positions: Mapping[tuple[str, int], tuple[int, int]],
                   owners: Sequence[int] | None) -> list[SavedState]:
    """The snoozes and dismissals of ``owners`` (everyone's when None), by customer and key;
    ``positions``: (item, id) → (customer, position) of the promises and problems at hand (a
    streaming export's chunk); one naming someone else's is looked up on its own."""
    where, params = "", ()  # type: tuple[str, tuple[str, ...]]
    if owners is not None:
        where = " WHERE customer_id IN (SELECT value FROM json_each(?))"
        params = (json.dumps(list(owners)),)
    rows = db.execute_sql("SELECT customer_id, key, snoozed_until, dismissed "
                          f"FROM suggestion_state{where} ORDER BY customer_id, key", params)
    known = _Positions(positions)
    found = (saved(cid, key, date.fromisoformat(until[:10]) if until else None,
                   bool(dismissed), known) for cid, key, until, dismissed in rows)
    return [s for s in found if s is not None]


# A promise's or problem's position among its customer's, in the order storage.records reads
# them (by date, then id).
_POSITION = {item: f"SELECT p.customer_id, (SELECT count(*) FROM {item} q "
                   f"WHERE q.customer_id = p.customer_id AND (q.{day} < p.{day} OR "
                   f"(q.{day} = p.{day} AND q.id < p.id))) FROM {item} p WHERE p.id = ?"
             for item, day in (("promise", "made"), ("problem", "opened"))}


class _Positions(dict[tuple[str, int], tuple[int, int]]):
    """(item, id) → (customer, position): those of the customers at hand, others looked up."""

    def __init__(self, known: Mapping[tuple[str, int], tuple[int, int]]) -> None:
        super().__init__(known)
        self.gone: set[tuple[str, int]] = set()  # looked up and not found (deleted)

    def get(self, key: tuple[str, int],  # type: ignore[override]
            default: tuple[int, int] | None = None) -> tuple[int, int] | None:
        found = super().get(key)
        if found is None and key not in self.gone:
            item, item_id = key
            rows = db.execute_sql(_POSITION[item], (item_id,)).fetchall() \
                if item in _POSITION else []
            if rows:
                found = self[key] = (rows[0][0], rows[0][1])
            else:
                self.gone.add(key)
        return default if found is None else found


class Ids(Protocol):
    """Where each customer of a copy went: ``ids[key]`` is their number here."""

    def __getitem__(self, key: int, /) -> int: ...


def write_states(states: Sequence[SavedState], ids: Ids) -> None:
    """Store ``states`` for the customers just written (``ids``: key in the copy → number
    here); a copy's state never overrides the one this notebook has for the same key."""
    if not states:
        return
    items = _item_ids([ids[s.ref.customer] for s in states if s.ref.item])
    rows = []
    for s in states:
        key = restored_key(s, ids.__getitem__,
                           lambda ref: items.get((ref.customer, ref.item, ref.position)))
        if key is not None:
            rows.append((ids[s.owner], key, s.snoozed_until.isoformat()
                         if s.snoozed_until else None, int(s.dismissed)))
    db.connection().executemany(
        "INSERT INTO suggestion_state (customer_id, key, snoozed_until, dismissed) "
        "VALUES (?, ?, ?, ?) ON CONFLICT (customer_id, key) DO NOTHING", rows)


def _item_ids(customer_ids: list[int]) -> dict[tuple[int, str, int], int]:
    """(customer, "promise"/"problem", position) → id, positions in the order written."""
    out: dict[tuple[int, str, int], int] = {}
    wanted = json.dumps(sorted(set(customer_ids)))
    for item in ("promise", "problem"):
        seen: dict[int, int] = defaultdict(int)
        for cid, item_id in db.execute_sql(
                f"SELECT customer_id, id FROM {item} WHERE customer_id IN "
                "(SELECT value FROM json_each(?)) ORDER BY customer_id, id", (wanted,)):
            out[(cid, item, seen[cid])] = item_id
            seen[cid] += 1
    return out


__all__ = ["Ref", "SavedState", "read_states", "write_states"]
