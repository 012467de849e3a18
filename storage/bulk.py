"""The whole notebook at once: everything read for an export, everything written for an import.

A whole import is one transaction. Numbers are kept where the notebook has them free, so that
export → import into an empty notebook → export gives the same file; a number already taken gets
a new one, and the references to it (referrals, cards) follow.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager, suppress
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from domain.model import Card, Customer, CustomField, Template
from domain.outreach.keys import SavedState
from storage import agenda, custom_fields, records, saved_states
from storage.db import db
from storage.migrations import NOTEBOOK_ID


@dataclass
class NotebookContent:
    """Everything a notebook holds, as plain data.

    For writing, ``customers[i].id`` and ``templates[i].id`` are keys within this content
    (positive: the number wished for; zero or negative: any free number), and ``referred_by``,
    ``Card.customer_id`` and ``Card.template_id`` refer to those keys.
    """

    customers: list[Customer] = field(default_factory=list)
    templates: list[Template] = field(default_factory=list)
    cards: list[Card] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)
    tag_settings: dict[str, int | None] = field(default_factory=dict)
    photos: dict[int, tuple[str, bytes]] = field(default_factory=dict)  # key → (mime, bytes)
    states: list[SavedState] = field(default_factory=list)  # snoozes and dismissals
    fields: list[CustomField] = field(default_factory=list)  # the owner's own fields


@dataclass
class WriteResult:
    """What :func:`write_all` did."""

    customers: int = 0
    renumbered: int = 0  # customers whose number was taken in this notebook
    templates: int = 0
    templates_reused: int = 0  # identical to a template the notebook already had
    cards: int = 0
    settings_kept: list[str] = field(default_factory=list)  # the notebook's own value won


# --- reading -------------------------------------------------------------------------------

def read_all() -> NotebookContent:
    """The whole open notebook, in a stable order (by id)."""
    with db.atomic():  # one consistent snapshot even if the window writes meanwhile
        people = records.load_customers()
        return NotebookContent(people, load_templates(), load_cards(), load_settings(),
                               load_tag_settings(), load_photos(),
                               saved_states.read_states(people), custom_fields.definitions())


def reading() -> AbstractContextManager:
    """One consistent snapshot for a streaming read, even if the window writes meanwhile."""
    return db.atomic()


def iter_cards() -> Iterator[Card]:
    """Every card, by id, one at a time."""
    rows = db.execute_sql("SELECT customer_id, occasion, text, card_format, status, created, "
                          "printed, mailed, template_id, id FROM card ORDER BY id")
    for r in rows:
        yield Card(r[0], r[1], r[2], r[3], r[4], _date(r[5]), _date(r[6]), _date(r[7]), r[8],
                   r[9])


def load_templates() -> list[Template]:
    rows = db.execute_sql("SELECT occasion, name, body, variant, card_format, signature, "
                          "builtin, id FROM template ORDER BY id")
    return [Template(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]), r[7]) for r in rows]


def load_cards() -> list[Card]:
    return list(iter_cards())


def load_settings() -> dict[str, Any]:
    """The owner's settings; not the notebook's own id, which says which file this is, nor
    what Rapport notes about its own derived tables (``agenda.*``, storage.agenda)."""
    rows = db.execute_sql("SELECT key, value FROM setting WHERE key != ? "
                          "AND key NOT LIKE 'agenda.%' ORDER BY key", (NOTEBOOK_ID,))
    return {key: json.loads(value) for key, value in rows}


def load_tag_settings() -> dict[str, int | None]:
    rows = db.execute_sql("SELECT name, cadence_days FROM tag_setting ORDER BY name")
    return dict(rows.fetchall())


def load_photos() -> dict[int, tuple[str, bytes]]:
    rows = db.execute_sql("SELECT customer_id, mime, data FROM photo ORDER BY customer_id")
    return {cid: (mime, bytes(data)) for cid, mime, data in rows}


def customer_count() -> int:
    return db.execute_sql("SELECT count(*) FROM customer").fetchone()[0]


# --- writing -------------------------------------------------------------------------------

def write_all(content: NotebookContent) -> WriteResult:
    """Add ``content`` to the open notebook in one transaction; all or nothing."""
    result = WriteResult()
    with db.atomic():
        # Referrals may point forward in the list; check them at commit, not row by row.
        db.execute_sql("PRAGMA defer_foreign_keys = ON")
        agenda.mark_everyone()  # worked out once at the commit, not customer by customer
        was_empty = customer_count() == 0
        custom_fields.define_all(content.fields)  # before the values, which define the rest
        with marking_paused():
            ids = _write_customers(content.customers, result)
        db.connection().executemany(
            "INSERT INTO photo (customer_id, mime, data) VALUES (?, ?, ?)",
            [(ids[key], mime, data) for key, (mime, data) in content.photos.items()])
        template_ids = write_templates(content.templates, result)
        write_cards(content.cards, ids, template_ids, result)
        result.settings_kept = write_settings(content.settings, content.tag_settings)
        saved_states.write_states(content.states, ids)
        records.reindex(None if was_empty else list(ids.values()))
    return result


# The tables a whole notebook writes row by row, and whose triggers only mark an agenda stale.
_MARKED_TABLES = ("customer", "email", "phone", "address", "tag", "fact", "milestone",
                  "interaction", "purchase", "promise", "problem", "problem_update")


@contextmanager
def marking_paused() -> Iterator[None]:
    """Set aside, inside the caller's transaction, the triggers that mark one customer's
    agenda stale, while everyone is marked (agenda.mark_everyone): they would add nothing, yet
    cost two thirds of a 50,000-customer import's writing (a trigger program per row). They
    are put back, as they were, before the transaction commits; a failure rolls the drop back
    with everything else, so they are never missing from a committed notebook."""
    everyone = db.execute_sql("SELECT name FROM sqlite_master WHERE name = 'agenda_dirty'"
                              ).fetchone() and db.execute_sql(
        "SELECT 1 FROM agenda_dirty WHERE customer_id = ?", (agenda.EVERYONE,)).fetchone()
    marks = [] if not everyone else [
        (name, sql) for name, sql in db.execute_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN "
            "(SELECT value FROM json_each(?)) ORDER BY rowid", (json.dumps(_MARKED_TABLES),))
        if _only_marks(sql)]
    with _set_aside("TRIGGER", marks):
        yield


@contextmanager
def indexes_deferred(empty: bool) -> Iterator[None]:
    """Set aside, inside the caller's transaction, the secondary indexes of the tables a
    customer owns while an empty notebook (``empty``) is filled, and build each once at the
    end: sorting the finished rows costs SQLite a quarter less than keeping every index up
    to date row by row. Unique indexes stay, as they decide what an insert keeps. Like
    :func:`marking_paused`, a failure rolls the drop back; they are put back all the same."""
    found = [] if not empty else db.execute_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        "AND sql NOT LIKE 'CREATE UNIQUE%' AND tbl_name IN (SELECT value FROM json_each(?)) "
        "ORDER BY rowid", (json.dumps((*_MARKED_TABLES, "field_value", "photo")),)).fetchall()
    with _set_aside("INDEX", found):
        yield


@contextmanager
def _set_aside(kind: str, found: list[tuple[str, str]]) -> Iterator[None]:
    """Drop each trigger or index (``kind``) of ``found`` (name, the ``sql`` declaring it) for
    the block, then create it again as declared. A failure rolls the drop back with the rest;
    they are put back all the same, for a caller that would catch the failure and commit (a
    second failure then is left to the rollback)."""
    for name, _sql in found:
        db.execute_sql(f'DROP {kind} "{name}"')
    try:
        yield
    except BaseException:
        with suppress(Exception):
            _put_back(found)
        raise
    _put_back(found)


def _put_back(found: list[tuple[str, str]]) -> None:
    """Create each trigger or index again as its ``sql`` declared it (if it is missing)."""
    for _name, sql in found:
        db.execute_sql(re.sub(r"^\s*CREATE\s+(TRIGGER|INDEX)\s+", r"CREATE \1 IF NOT EXISTS ",
                              sql, count=1, flags=re.IGNORECASE))


def _only_marks(sql: str) -> bool:
    """Whether a trigger does nothing but add to agenda_dirty."""
    body = sql.upper().split(" BEGIN ", 1)[-1]
    return (body.count("INSERT INTO ") == body.count("INSERT INTO AGENDA_DIRTY ") > 0
            and "UPDATE " not in body and "DELETE " not in body)


def assign_ids(wanted: list[int], taken: set[int]) -> dict[int, int]:
    """Map each wished-for key to a free id: itself when positive and free, else a new one."""
    next_free = max((*taken, *wanted, 0)) + 1
    used = set(taken)
    out: dict[int, int] = {}
    for key in wanted:
        if key > 0 and key not in used:
            out[key] = key
        else:
            out[key] = next_free
            next_free += 1
        used.add(out[key])
    return out


def _ids_in(table: str) -> set[int]:
    return {r[0] for r in db.execute_sql(f"SELECT id FROM {table}")}


def _key(key: int | None) -> int:
    """A record's key within the content written (see NotebookContent): each one has one."""
    if key is None:
        raise ValueError("a customer or template to write has no key")
    return key


def _follow(ids: dict[int, int], key: int | None) -> int | None:
    """Where a reference to ``key`` points now (None: nowhere)."""
    return None if key is None else ids.get(key)


def _write_customers(customers: list[Customer], result: WriteResult) -> dict[int, int]:
    keys = [_key(c.id) for c in customers]
    ids = assign_ids(keys, _ids_in("customer"))
    placed = [replace(c, id=ids[key], referred_by=_follow(ids, c.referred_by))
              for key, c in zip(keys, customers, strict=True)]
    records.insert_customers(placed)
    pairs = [(ids[key], c) for key, c in zip(keys, placed, strict=True)]
    records.insert_profile_children(pairs)
    records.insert_timeline(pairs)
    result.customers = len(placed)
    result.renumbered = sum(1 for key, new in ids.items() if key != new)
    return ids


def _template_key(t: Template) -> tuple:
    return (t.occasion, t.name, t.body, t.variant, t.card_format, t.signature, t.builtin)


def write_templates(templates: list[Template], result: WriteResult) -> dict[int, int]:
    """Insert templates; one identical to a template already here is reused, not doubled."""
    existing = {_template_key(t): _key(t.id) for t in load_templates()}
    fresh = [t for t in templates if _template_key(t) not in existing]
    ids = assign_ids([_key(t.id) for t in fresh], _ids_in("template"))
    db.connection().executemany(
        "INSERT INTO template (id, occasion, name, body, variant, card_format, signature, "
        "builtin) VALUES (?,?,?,?,?,?,?,?)",
        [(ids[_key(t.id)], *_template_key(t)[:6], int(t.builtin)) for t in fresh])
    reused = {_key(t.id): existing[_template_key(t)] for t in templates
              if _template_key(t) in existing}
    result.templates = len(fresh)
    result.templates_reused = len(reused)
    return {**ids, **reused}


def write_cards(cards: list[Card], ids: Mapping[int, int] | Any, template_ids: dict[int, int],
                result: WriteResult) -> None:
    """Insert cards, their customers and templates followed through ``ids``."""
    db.connection().executemany(
        "INSERT INTO card (customer_id, occasion, template_id, text, card_format, status, "
        "created, printed, mailed) VALUES (?,?,?,?,?,?,?,?,?)",
        [(ids[c.customer_id], c.occasion, _follow(template_ids, c.template_id), c.text,
          c.card_format, c.status, _iso(c.created), _iso(c.printed), _iso(c.mailed))
         for c in cards])
    result.cards = len(cards)


def write_settings(settings: dict[str, Any], tag_settings: dict[str, int | None]) -> list[str]:
    """Add settings the notebook lacks; where it has its own, the owner's value stays."""
    current = load_settings()
    kept = sorted(k for k, v in settings.items() if k in current and current[k] != v)
    con = db.connection()
    con.executemany("INSERT OR IGNORE INTO setting (key, value) VALUES (?, ?)",
                    [(k, json.dumps(v, ensure_ascii=False)) for k, v in settings.items()])
    con.executemany("INSERT OR IGNORE INTO tag_setting (name, cadence_days) VALUES (?, ?)",
                    list(tag_settings.items()))
    return kept


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
