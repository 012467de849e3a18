"""A whole notebook written as it streams in: batches of customers, then the rest, all in ONE
transaction (a fault anywhere, even in the last customer, leaves the notebook as it was).

The same rows as ``bulk.write_all`` writes for the same content, with the same numbers: a
customer's number is kept where the notebook has it free; a taken or unusable one gets a new
number above every number in the notebook and in the file (``wanted_max`` reads the file's
numbers, only when such a customer comes), and the references to it follow.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from domain.model import Card, Customer, CustomField, Template
from domain.outreach.keys import SavedState
from storage import agenda, bulk, custom_fields, records, saved_states
from storage.db import db


@dataclass
class CustomerBatch:
    """Customers read from a file, keyed as in ``bulk.NotebookContent`` (``referred_by`` is
    left None here: referrals come with the tail, once every key is known)."""

    customers: list[Customer]
    photos: dict[int, tuple[str, bytes]] = field(default_factory=dict)  # key → (mime, bytes)
    # (key, touches, sales) as stored rows (records.interaction_row, purchase_row), which
    # the customers then leave out: a quarter of a million of each at 50,000 customers
    timeline: list[tuple[int, list[tuple], list[tuple]]] = field(default_factory=list)


@dataclass
class NotebookTail:
    """What follows the customers: everything else in the file, small."""

    referrals: list[tuple[int, int]] = field(default_factory=list)  # (key, referrer's key)
    templates: list[Template] = field(default_factory=list)
    cards: list[Card] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)
    tag_settings: dict[str, int | None] = field(default_factory=dict)
    states: list[SavedState] = field(default_factory=list)
    fields: list[CustomField] = field(default_factory=list)


class _Ids:
    """A customer's key in the file → their number here: the key itself unless it moved."""

    def __init__(self, notebook_empty: bool, wanted_max: Callable[[], int]) -> None:
        self.check_taken, self.wanted_max = not notebook_empty, wanted_max
        self.moved: dict[int, int] = {}
        self.next_free = 0  # worked out when the first customer needs a new number

    def __getitem__(self, key: int) -> int:
        return self.moved.get(key, key)

    def assign(self, keys: Sequence[int]) -> None:
        taken = self._taken([k for k in keys if k > 0]) if self.check_taken else set()
        for key in keys:
            if key <= 0 or key in taken:
                self.moved[key] = self._new()

    def _taken(self, keys: list[int]) -> set[int]:
        rows = db.execute_sql("SELECT id FROM customer WHERE id IN (SELECT value FROM "
                              "json_each(?))", (str(keys),))
        return {row[0] for row in rows}

    def _new(self) -> int:
        if not self.next_free:
            highest = db.execute_sql("SELECT max(id) FROM customer").fetchone()[0] or 0
            self.next_free = max(highest, self.wanted_max()) + 1
        self.next_free += 1
        return self.next_free - 1


def write_stream(items: Iterable[CustomerBatch | NotebookTail],
                 wanted_max: Callable[[], int]) -> bulk.WriteResult:
    """Write each batch as it comes, then the tail (the last item); all or nothing."""
    result = bulk.WriteResult()
    with db.atomic():
        db.execute_sql("PRAGMA defer_foreign_keys = ON")  # referrals are linked at the end
        agenda.mark_everyone()  # worked out once at the commit, not customer by customer
        was_empty = bulk.customer_count() == 0
        fields_before = [f.name for f in custom_fields.definitions()]
        ids, written = _Ids(was_empty, wanted_max), array("q")
        tail = NotebookTail()
        with bulk.marking_paused():
            with bulk.indexes_deferred(was_empty):  # built once, before anything reads them
                for item in items:
                    if isinstance(item, CustomerBatch):
                        _write_batch(item, ids, written)
                    else:
                        tail = item
            _write_tail(tail, ids, result)
        _order_fields(tail.fields, fields_before)
        result.customers, result.renumbered = len(written), len(ids.moved)
        _rebuild_derived(None if was_empty else written)
    return result


def _write_batch(batch: CustomerBatch, ids: _Ids, written: array) -> None:
    ids.assign([c.id or 0 for c in batch.customers])
    for c in batch.customers:
        c.id = ids[c.id or 0]
        written.append(c.id)
    records.insert_customers(batch.customers)
    pairs = [(c.id or 0, c) for c in batch.customers]
    records.insert_profile_children(pairs)
    records.insert_timeline(pairs)
    touches: list[tuple] = []
    sales: list[tuple] = []
    for key, their_touches, their_sales in batch.timeline:
        cid = ids[key]  # once a customer: a quarter of a million rows of each at 50,000
        touches += [(cid, *row) for row in their_touches]
        sales += [(cid, *row) for row in their_sales]
    records.insert_touches_and_sales(touches, sales)
    db.connection().executemany(
        "INSERT INTO photo (customer_id, mime, data) VALUES (?, ?, ?)",
        [(ids[key], mime, data) for key, (mime, data) in batch.photos.items()])


def _write_tail(tail: NotebookTail, ids: _Ids, result: bulk.WriteResult) -> None:
    db.connection().executemany("UPDATE customer SET referred_by = ? WHERE id = ?",
                                [(ids[to], ids[key]) for key, to in tail.referrals])
    template_ids = bulk.write_templates(tail.templates, result)
    bulk.write_cards(tail.cards, ids, template_ids, result)
    result.settings_kept = bulk.write_settings(tail.settings, tail.tag_settings)
    saved_states.write_states(tail.states, ids)


def _order_fields(declared: list[CustomField], before: list[str]) -> None:
    """The file's fields in the file's order, ahead of fields only its values named (as when
    the whole file was read first); fields the notebook had keep their places."""
    custom_fields.define_all(declared)
    rows = db.execute_sql("SELECT name, position FROM custom_field ORDER BY position, id")
    current = [(name, position) for name, position in rows]
    known = set(before)
    new = [name for name, _ in current if name not in known]
    if not new:
        return
    first = [f.name for f in declared if f.name in new]
    order = list(dict.fromkeys([*first, *new]))
    base = max((p for name, p in current if name in known), default=-1) + 1
    db.connection().executemany("UPDATE custom_field SET position = ? WHERE name = ?",
                                [(base + n, name) for n, name in enumerate(order)])


def _rebuild_derived(ids: Sequence[int] | None) -> None:
    """What the notebook works out from the rows just written, rebuilt once, inside the
    import's transaction (``ids``: the customers written; None: the notebook was empty)."""
    records.reindex(None if ids is None else list(ids))
    # The agendas: everyone was marked as the import began (agenda.mark_everyone), and the
    # commit works them all out once (storage.agenda.flush).


__all__ = ["CustomerBatch", "NotebookTail", "write_stream"]
