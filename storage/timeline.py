"""A customer's timeline: touches, purchases, promises and problems. One transaction each."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from typing import TypeVar

from domain.model import Interaction, Problem, ProblemUpdate, Promise, Purchase
from storage import records
from storage.customers import NotFound
from storage.db import db

TimelineItem = Interaction | Purchase | Promise | Problem
# One of them: what goes in comes back, with its id.
_Item = TypeVar("_Item", Interaction, Purchase, Promise, Problem)


def _require_customer(customer_id: int) -> None:
    if not db.execute_sql("SELECT 1 FROM customer WHERE id = ?", (customer_id,)).fetchone():
        raise NotFound(f"Customer {customer_id} is no longer in the notebook.")


def _touch(customer_id: int) -> None:
    db.execute_sql("UPDATE customer SET updated = ? WHERE id = ?",
                   (records.now_stamp(), customer_id))


def add(customer_id: int, item: _Item) -> _Item:
    """Add ``item`` to the customer's timeline; return it with its new id."""
    with db.atomic():
        _require_customer(customer_id)
        new_id = _insert(customer_id, item)
        _touch(customer_id)
    return replace(item, id=new_id, customer_id=customer_id)


def update(item: TimelineItem) -> None:
    """Save changes to an item that is already in the timeline."""
    with db.atomic():
        table = _table(item)
        found = db.execute_sql(f"SELECT customer_id FROM {table} WHERE id = ?",
                               (item.id,)).fetchone()
        if not found:
            raise NotFound("That entry is no longer in the notebook.")
        db.execute_sql(f"DELETE FROM {table} WHERE id = ?", (item.id,))
        _insert(found[0], item, keep_id=True)
        _touch(found[0])


def remove(item: TimelineItem) -> None:
    with db.atomic():
        db.execute_sql(f"DELETE FROM {_table(item)} WHERE id = ?", (item.id,))


def put_back(customer_id: int, item: TimelineItem) -> None:
    """Re-insert a removed timeline entry under its old id (undo of a removal).

    Keeping the id lets later undo steps that name the entry (an edit made before the removal)
    still find it.
    """
    with db.atomic():
        _require_customer(customer_id)
        _insert(customer_id, item, keep_id=item.id is not None)


def log_touch(customer_id: int, interaction: Interaction) -> Interaction:
    """Log a call, visit, card… : it resets the customer's keep-in-touch clock."""
    return add(customer_id, interaction)


def log_touches(touches: Sequence[tuple[int, Interaction]]) -> None:
    """Log many touches in one transaction: one ``executemany`` for the rows and one for the
    customers' last change, however many there are (a day's printed cards). Every customer
    must still be in the notebook, else nothing is logged."""
    if not touches:
        return
    people = list(dict.fromkeys(cid for cid, _ in touches))
    with db.atomic():
        found = {r[0] for r in db.execute_sql(
            "SELECT id FROM customer WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(people),))}
        missing = [cid for cid in people if cid not in found]
        if missing:
            raise NotFound(f"Customer {missing[0]} is no longer in the notebook.")
        con = db.connection()
        con.executemany("INSERT INTO interaction (customer_id, date, kind, channel, summary) "
                        "VALUES (?,?,?,?,?)",
                        [(cid, i.when.isoformat(), i.kind, i.channel, i.summary)
                         for cid, i in touches])
        stamp = records.now_stamp()
        con.executemany("UPDATE customer SET updated = ? WHERE id = ?",
                        [(stamp, cid) for cid in people])


def log_keeping(customer_id: int, interaction: Interaction, promise_id: int,
                keep_id: bool = False) -> tuple[Interaction, bool]:
    """Log the touch and keep the open promise it answers, in one transaction; return the
    touch with its id and whether the promise was open (and is kept now). ``keep_id``: log
    it again under its own id (redo)."""
    with db.atomic():
        _require_customer(customer_id)
        new_id = _insert(customer_id, interaction, keep_id)
        _touch(customer_id)
        kept = keep_promise(promise_id, customer_id)
    return replace(interaction, id=new_id, customer_id=customer_id), kept


def unlog_keeping(interaction: Interaction, promise_id: int, kept: bool) -> None:
    """Take back :func:`log_keeping` in one transaction: the touch, and the promise it kept
    reopened (one kept some other way meanwhile stays kept only if ``kept`` is False)."""
    with db.atomic():
        remove(interaction)
        if kept:
            reopen_promise(promise_id)


def keep_promise(promise_id: int, customer_id: int | None = None) -> bool:
    """Mark an open promise kept (Done on Today, a touch that keeps it); whether it was open.
    Inside the caller's transaction."""
    sql = "UPDATE promise SET status = 'kept' WHERE id = ? AND status = 'open'"
    params: tuple[int, ...] = (promise_id,)
    if customer_id is not None:  # never another customer's promise
        sql, params = sql + " AND customer_id = ?", (promise_id, customer_id)
    return db.execute_sql(sql, params).rowcount == 1


def reopen_promise(promise_id: int) -> None:
    """Undo :func:`keep_promise`: the kept promise is open again."""
    db.execute_sql("UPDATE promise SET status = 'open' WHERE id = ? AND status = 'kept'",
                   (promise_id,))


def add_problem_update(problem_id: int, update_: ProblemUpdate) -> ProblemUpdate:
    with db.atomic():
        cursor = db.execute_sql(
            "INSERT INTO problem_update (problem_id, date, summary) VALUES (?,?,?)",
            (problem_id, update_.when.isoformat(), update_.summary))
    return replace(update_, id=cursor.lastrowid)


def _table(item: TimelineItem) -> str:
    return {Interaction: "interaction", Purchase: "purchase", Promise: "promise",
            Problem: "problem"}[type(item)]


def _insert(customer_id: int, item: TimelineItem, keep_id: bool = False) -> int:
    item_id = item.id if keep_id else None
    args: tuple[object, ...]
    if isinstance(item, Interaction):
        sql = ("INSERT INTO interaction (id, customer_id, date, kind, channel, summary) "
               "VALUES (?,?,?,?,?,?)")
        args = (item_id, customer_id, item.when.isoformat(), item.kind, item.channel,
                item.summary)
    elif isinstance(item, Purchase):
        sql = ("INSERT INTO purchase (id, customer_id, date, amount_cents, description) "
               "VALUES (?,?,?,?,?)")
        args = (item_id, customer_id, item.when.isoformat(), records.to_cents(item.amount),
                item.description)
    elif isinstance(item, Promise):
        sql = "INSERT INTO promise (id, customer_id, made, due, what, status) VALUES (?,?,?,?,?,?)"
        args = (item_id, customer_id, item.made.isoformat(),
                item.due.isoformat(timespec="minutes"), item.what, item.status)
    else:
        return records.insert_problem(customer_id, item, item_id)
    return db.execute_sql(sql, args).lastrowid
