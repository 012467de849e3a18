"""Finding anyone: the search index (FTS5 ``customer_fts``) and the one search the window and
``main.py search`` share.

The index holds each customer's names, company, notes, details (personal facts and tags),
emails, addresses (street, city, postal code) and phones; its rowid is the customer's id. Text
is folded in Python first (domain.text.fold: "Königstraße" → "konigstrasse", which the
tokenizer's remove_diacritics alone would leave as "konigstra" + "e"), and every typed word is
matched as the start of a word. Phones are held as marked digit tokens (domain.phone_search):
a typed number is looked up in the phone column only, and words never are, so that "or" or a
house number cannot match the tokens of every number.
"""

from __future__ import annotations

import json
import re
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field

from peewee import SqliteDatabase

from domain.contacts import DEFAULT_REGION
from domain.model import Address, Customer
from domain.phone_search import phone_terms, phone_tokens
from domain.text import fold
from storage.db import db, notebook_version

TEXT_COLUMNS = ("name", "company", "notes", "details", "email", "address")
PHONE_COLUMN = "phone"
COLUMNS = (*TEXT_COLUMNS, PHONE_COLUMN)
_WORD = re.compile(r"\w+", re.UNICODE)
# Scripts written without spaces between words (Chinese, Japanese, Thai): the tokenizer keeps
# a run of them as one word, so "小明" alone, or "王小明" typed as a whole, would not find 王 小明.
_UNSPACED = re.compile("[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
                       "\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f]")


@dataclass
class SearchHit:
    """One customer found, and which of their details matched: (field, value) pairs."""

    customer_id: int
    customer: str
    matched: list[tuple[str, str]] = field(default_factory=list)


def region() -> str:
    """The notebook's region: where numbers without a country code are read."""
    return _region(db)


def _region(database: SqliteDatabase) -> str:
    """Checked as the cards' and the agenda's reading checks it (``load_sender``): a value
    phone numbers do not know ("UK") is the default for both, or ``today`` and the agenda
    would write one number two ways."""
    from domain.setting_values import check_setting  # late: it brings the outreach rules

    row = database.execute_sql("SELECT value FROM setting WHERE key = 'region'").fetchone()
    try:
        value = check_setting("region", json.loads(row[0])) if row else ""
    except ValueError:  # BadSetting too
        value = ""
    return value or DEFAULT_REGION


def match_expression(text: str, where: str) -> str:
    """What the owner typed as an FTS5 expression, or "" when it holds nothing to look for:
    every word, as the start of a word, in the text columns; or, for a phone number being
    written, its digit tokens in the phone column (domain.phone_search)."""
    words = _WORD.findall(fold(text))
    found = []
    if words:
        found.append("{" + " ".join(TEXT_COLUMNS) + "} : ("
                     + " AND ".join(f'"{w}"*' for w in words) + ")")
    terms = phone_terms(text, where)
    if terms:
        found.append(f"{PHONE_COLUMN} : (" + " OR ".join(f'"{t}"*' for t in terms) + ")")
    return " OR ".join(f"({part})" for part in found)


def search_ids(text: str) -> list[int]:
    """Ids of the customers ``text`` finds, in id order (the window's search as you type)."""
    if not _indexed_contacts():
        return _search_ids_unmigrated(text)
    expression = match_expression(text, region())
    if not expression:
        return []
    return sorted({r[0] for r in db.execute_sql(
        "SELECT rowid FROM customer_fts WHERE customer_fts MATCH ?", (expression,))}
        | _unspaced_names(text))


def _unspaced_names(text: str) -> set[int]:
    """Ids whose names hold every typed word anywhere, when a word is in a script written
    without spaces (``_UNSPACED``): family and given name are read run together both ways.
    Only such searches scan the names; every other search is the index's alone."""
    words = _WORD.findall(fold(text))
    runs = [w for w in words if _UNSPACED.search(w)]
    if not runs:
        return set()
    rows = db.execute_sql(
        "SELECT id, given_name, family_name, preferred_name, company FROM customer "
        "WHERE instr(family_name || given_name || ' ' || given_name || family_name || ' ' "
        "|| preferred_name || ' ' || company, ?) > 0", (runs[0],))
    return {cid for cid, given, family, preferred, company in rows
            if all(w in fold(f"{family}{given} {given}{family} {preferred} {company}")
                   for w in words)}


def _indexed_contacts() -> bool:
    from storage.migrations import SEARCH_CONTACTS

    return notebook_version() >= SEARCH_CONTACTS


def _search_ids_unmigrated(text: str) -> list[int]:
    """An older notebook opened read-only (so not migrated): its index has names, company,
    notes and details only; phones are read from their table, by the same rule."""
    words = _WORD.findall(fold(text))
    found = {r[0] for r in db.execute_sql(
        "SELECT rowid FROM customer_fts WHERE customer_fts MATCH ?",
        (" ".join(f'"{w}"*' for w in words),))} if words else set()
    where = region()
    terms = phone_terms(text, where)
    if terms:
        found |= {cid for cid, number in db.execute_sql("SELECT customer_id, number FROM phone")
                  if _phone_matches(number, terms, where)}
    return sorted(found)


def _phone_matches(number: str, terms: list[str], where: str) -> bool:
    return any(tok.startswith(t) for tok in phone_tokens(number, where) for t in terms)


def search(text: str) -> list[SearchHit]:
    """The customers ``text`` finds, by name, each with what matched (``main.py search``)."""
    from storage import records  # late: records re-exports this module's reindex

    where = region()
    expression = match_expression(text, where)
    if not expression:
        return []
    if not _indexed_contacts():  # an older notebook, read-only: which field matched is unknown
        terms = phone_terms(text, where)
        found = records.load_customers(search_ids(text))
        return [SearchHit(c.id, c.display_name, [("phone", p) for p in c.phones
                                                 if _phone_matches(p, terms, where)])
                for c in _by_name(found) if c.id is not None]
    marks = ", ".join(f"highlight(customer_fts, {i}, char(2), char(3))"
                      for i in range(len(COLUMNS)))
    lit = {r[0]: r[1:] for r in db.execute_sql(
        f"SELECT rowid, {marks} FROM customer_fts WHERE customer_fts MATCH ?", (expression,))}
    for cid in _unspaced_names(text) - set(lit):  # found by name: the name column is lit
        lit[cid] = tuple("\x02" if column == "name" else "" for column in COLUMNS)
    terms = phone_terms(text, where)
    return [SearchHit(c.id, c.display_name, _matched(c, lit[c.id], terms, where))
            for c in _by_name(records.load_customers(sorted(lit))) if c.id is not None]


def _by_name(found: list[Customer]) -> list[Customer]:
    from storage.records import sort_key

    return sorted(found, key=lambda c: (sort_key(c.given_name, c.family_name, c.company), c.id))


def _matched(c: Customer, lit: Sequence[str], terms: list[str],
             where: str) -> list[tuple[str, str]]:
    """The customer's own details (not the folded index text) in each column that matched."""
    hits = {name for name, text in zip(COLUMNS, lit, strict=True) if "\x02" in (text or "")}
    out: list[tuple[str, str]] = []
    if "name" in hits:
        out.append(("name", c.display_name))
    if "company" in hits:
        out.append(("company", " ".join(filter(None, (c.company, c.role)))))
    for name in ("notes", "details"):
        if name in hits:
            out.append((name, _lit_words(lit[COLUMNS.index(name)])))
    if "email" in hits:
        out += [("email", e) for e in c.emails if _lit_in(lit[COLUMNS.index("email")], e)]
    if "address" in hits:
        out += [("address", _address_line(a)) for a in c.addresses
                if _lit_in(lit[COLUMNS.index("address")], _address_text(a))]
    if "phone" in hits:
        out += [("phone", p) for p in c.phones if _phone_matches(p, terms, where)]
    return out


def _lit_words(text: str) -> str:
    """The matched words of a highlighted column, as the index holds them (folded)."""
    return " ".join(re.findall("\x02(.*?)\x03", text))


def _lit_in(text: str, value: str) -> bool:
    """Whether a matched word of ``text`` is one of ``value``'s words."""
    words = set(_WORD.findall(fold(value)))  # a run of adjacent matches is lit as one
    return any(w in words for run in re.findall("\x02(.*?)\x03", text)
               for w in _WORD.findall(run))


def _address_text(a: Address) -> str:
    return " ".join((a.street, a.city, a.postal_code))


def _address_line(a: Address) -> str:
    return ", ".join(filter(None, (a.street, a.city, a.postal_code)))


# --- the index ------------------------------------------------------------------------------

SEARCH_TABLE_SQL = (
    "CREATE VIRTUAL TABLE customer_fts USING fts5("
    + ", ".join(COLUMNS) + ", tokenize = 'unicode61 remove_diacritics 2')")

_INDEX_SELECT = """
SELECT c.id,
       rapport_fold(c.given_name || ' ' || c.family_name || ' ' || c.preferred_name),
       rapport_fold(c.company || ' ' || c.role),
       rapport_fold(c.notes),
       rapport_fold(coalesce((SELECT group_concat(value || ' ' || relation, ' ') FROM fact
                 WHERE customer_id = c.id), '') || ' ' ||
       coalesce((SELECT group_concat(name, ' ') FROM tag WHERE customer_id = c.id), ''){fields}),
       rapport_fold(coalesce((SELECT group_concat(address, ' ') FROM email
                 WHERE customer_id = c.id), '')),
       rapport_fold(coalesce((SELECT group_concat(street || ' ' || city || ' ' || postal_code,
                 ' ') FROM address WHERE customer_id = c.id), '')),
       coalesce((SELECT group_concat(rapport_phone_tokens(number, ?), ' ') FROM phone
                 WHERE customer_id = c.id), '')
FROM customer c
"""
# The owner's own fields' values join the details (version 9; a migration's earlier step
# indexes a notebook that has no such table yet).
_FIELDS = (" || ' ' || coalesce((SELECT group_concat(value, ' ') FROM field_value "
           "WHERE customer_id = c.id), '')")
_INSERT = f"INSERT INTO customer_fts (rowid, {', '.join(COLUMNS)}) "


def _fold_sql(text: str | None) -> str:
    return fold(text or "")


def _phone_sql(number: str | None, where: str) -> str:
    return " ".join(phone_tokens(number or "", where))


_EQUIPPED: weakref.WeakSet[SqliteDatabase] = weakref.WeakSet()


def _with_functions(database: SqliteDatabase) -> None:
    """Give ``database`` the index's SQL functions, once: peewee then adds them to every
    connection it opens. Registering again re-creates them on the open connection, which
    SQLite refuses inside a transaction with statements running (a merge's reindex)."""
    if database not in _EQUIPPED:
        database.register_function(_fold_sql, "rapport_fold", 1)
        database.register_function(_phone_sql, "rapport_phone_tokens", 2)
        _EQUIPPED.add(database)


def reindex(ids: Sequence[int] | None = None, database: SqliteDatabase = db) -> None:
    """Rebuild the search rows of ``ids`` (everyone when None) inside the caller's
    transaction. ``database``: the notebook's, or the one a migration step is given."""
    _with_functions(database)
    where = _region(database)
    has_fields = database.execute_sql(
        "SELECT 1 FROM sqlite_master WHERE name = 'field_value'").fetchall()  # all: done
    select = _INDEX_SELECT.replace("{fields}", _FIELDS if has_fields else "")
    if ids is None:
        database.execute_sql("DELETE FROM customer_fts")
        database.execute_sql(_INSERT + select, (where,))
        return
    for start in range(0, len(ids), 900):
        chunk = tuple(ids[start:start + 900])
        marks = ",".join("?" * len(chunk))
        database.execute_sql(f"DELETE FROM customer_fts WHERE rowid IN ({marks})", chunk)
        database.execute_sql(_INSERT + select + f" WHERE c.id IN ({marks})",
                             (where, *chunk))
