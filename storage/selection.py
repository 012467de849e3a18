"""Acting on many customers at once: a tag added or removed, one wording written as a card
for each. Each is one transaction, and returns what its undo needs.

Ids travel to SQLite as one JSON list (``json_each``): 50,000 ids in one parameter, where
``IN (?, …)`` would need chunks.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date

from domain.cards import compose
from domain.model import Card, Template
from domain.templates import check_template
from storage import records
from storage import templates as store
from storage.db import db

_IDS = "SELECT value FROM json_each(?)"


def _ids(ids: Sequence[int]) -> str:
    return json.dumps([int(i) for i in ids])


# --- tags ----------------------------------------------------------------------------------

def add_tag(ids: Sequence[int], tag: str) -> list[int]:
    """Give ``tag`` to each of ``ids`` that lacks it (whatever its case); return those that
    got it, for the undo (:func:`take_tag`)."""
    tag = " ".join(tag.split())
    if not tag:
        raise ValueError("A tag needs a name.")
    with db.atomic():
        added = [r[0] for r in db.execute_sql(
            f"SELECT c.id FROM customer c WHERE c.id IN ({_IDS}) AND NOT EXISTS "
            "(SELECT 1 FROM tag t WHERE t.customer_id = c.id AND t.name = ? COLLATE NOCASE)",
            (_ids(ids), tag))]
        db.execute_sql(
            "INSERT INTO tag (customer_id, name, position) "
            "SELECT value, ?, coalesce((SELECT max(position) + 1 FROM tag "
            "WHERE customer_id = value), 0) FROM json_each(?)", (tag, _ids(added)))
        records.reindex(added)  # tags are searched
    return added


def take_tag(ids: Sequence[int], tag: str) -> None:
    """Take ``tag`` (as written) away from ``ids`` again: the undo of :func:`add_tag`."""
    with db.atomic():
        db.execute_sql(f"DELETE FROM tag WHERE name = ? AND customer_id IN ({_IDS})",
                       (tag, _ids(ids)))
        records.reindex(list(ids))


def remove_tag(ids: Sequence[int], tag: str) -> list[tuple]:
    """Take ``tag`` (whatever its case) from each of ``ids``; return the rows removed, whole,
    for the undo (:func:`put_back_tags`)."""
    with db.atomic():
        rows = db.execute_sql(
            f"SELECT id, customer_id, name, position FROM tag WHERE name = ? COLLATE NOCASE "
            f"AND customer_id IN ({_IDS})", (tag.strip(), _ids(ids))).fetchall()
        db.execute_sql(f"DELETE FROM tag WHERE id IN ({_IDS})", (_ids([r[0] for r in rows]),))
        records.reindex(sorted({r[1] for r in rows}))
    return [tuple(r) for r in rows]


def put_back_tags(rows: Sequence[tuple]) -> None:
    """Put back the tag rows :func:`remove_tag` took, under their old numbers."""
    with db.atomic():
        db.connection().executemany(
            "INSERT INTO tag (id, customer_id, name, position) VALUES (?,?,?,?)", rows)
        records.reindex(sorted({r[1] for r in rows}))


# --- one wording, a card each ----------------------------------------------------------------

def write_cards(ids: Sequence[int], template: Template, today: date) -> list[Card]:
    """Queue a card for each of ``ids`` from one wording (``template``'s body and signature),
    each filled in with that customer's own names and facts, as the card editor does; all in
    one transaction. A customer recorded as deceased gets none. Raises ``TemplateProblem``
    (and writes nothing) for a wording that cannot be used."""
    check_template(template.body)
    check_template(template.signature)
    from domain.templates import build_context  # the editor's placeholders, exactly

    sender = store.load_sender()
    people = records.load_customers(list(dict.fromkeys(ids)), whole=False)
    with db.atomic():
        first = db.execute_sql("SELECT coalesce(max(id), 0) + 1 FROM card").fetchone()[0]
        cards = [Card(p.id, template.occasion,
                      compose(template, build_context(p, sender, template.occasion, today)),
                      template.card_format, "queued", today, template_id=template.id,
                      id=first + n)
                 for n, p in enumerate(p for p in people if p.status != "deceased")
                 if p.id is not None]
        db.connection().executemany(
            "INSERT INTO card (id, customer_id, occasion, text, card_format, status, created, "
            "template_id) VALUES (?,?,?,?,?,?,?,?)",
            [(c.id, c.customer_id, c.occasion, c.text, c.card_format, c.status,
              today.isoformat(), c.template_id) for c in cards])
    return cards


def delete_cards(card_ids: Sequence[int]) -> None:
    """Take back the cards :func:`write_cards` queued (its undo), in one transaction."""
    with db.atomic():
        db.execute_sql(f"DELETE FROM card WHERE id IN ({_IDS})", (_ids(card_ids),))
