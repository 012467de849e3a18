"""Other customers' text that names a customer being erased: found for the preview, redacted.

A thank-you card to the referrer, a note ("Sent us Ann Lee in May"), a touch ("Lunch with Ann
Lee") name the erased person in another customer's record. Their full name (given or preferred
name with the family name, in either order), their email addresses and their phone numbers
(in any spacing, international or national) are replaced there by ``[erased]``; a lone given
name is not, since other people share it. The same functions run on the notebook's connection
and on a backup's or a damaged copy's, of any version (missing tables and columns are skipped).
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from domain.model import display_name
from domain.text import fold
from domain.validation import phone_digits

REDACTED = "[erased]"
_APOSTROPHES = "['’ʼ‘`´]"  # one apostrophe, as keyboards and word processors write it
_APOSTROPHE = re.compile(_APOSTROPHES)

# (table, its text columns, the customer owning a row, what the owner reads, counted or not)
_PLACES = (
    ("customer", ("notes", "do_not_contact"), "id", "notes"),
    ("fact", ("value", "relation"), "customer_id", "personal detail"),
    ("milestone", ("whose", "note"), "customer_id", "milestone"),
    ("interaction", ("summary",), "customer_id", "interaction"),
    ("purchase", ("description",), "customer_id", "purchase"),
    ("promise", ("what",), "customer_id", "promise"),
    ("problem", ("summary", "waiting_on"), "customer_id", "problem"),
    ("problem_update", ("summary",),
     "(SELECT customer_id FROM problem WHERE problem.id = problem_id)", "problem update"),
    ("card", ("text",), "customer_id", "card"),
    ("address", ("street", "label"), "customer_id", "postal address"),
    ("tag", ("name",), "customer_id", "tag"),
)
_SEARCH_COLUMNS = ("notes", "details")  # the search index's copies of others' text


@dataclass(frozen=True)
class Mention:
    """Another customer whose records name the erased person, and where."""

    customer_id: int
    name: str
    places: tuple[str, ...]  # ("notes", "1 card", "2 interactions")

    def line(self) -> str:
        """``Ottoline Fairweather (notes, 1 card)``."""
        return f"{self.name} ({', '.join(self.places)})"


def name_forms(given: str, family: str, preferred: str, emails: Iterable[str],
               phones: Iterable[str]) -> tuple[str, ...]:
    """What names this person in someone else's text: full names, emails, ``tel:`` digits."""
    forms = []
    family = family.strip()
    for first in dict.fromkeys(p.strip() for p in (given, preferred) if p.strip()):
        if family:
            forms += [f"{first} {family}", f"{family} {first}"]
    forms += [e.strip() for e in emails if "@" in e]
    # Every writing of their numbers: ``(503) 555-0101`` as the window shows it, too.
    digits = (d for p in phones for d in phone_digits(p))
    forms += [f"tel:{d}" for d in digits if len(d) >= 7]
    return tuple(dict.fromkeys(forms))


def matcher(forms: Iterable[str]) -> re.Pattern | None:
    """One pattern for every form, as typed and as the search index folds it; None: none."""
    parts = []
    for form in forms:
        if form.startswith("tel:"):
            parts.append(r"(?<!\d)\+?\(?" + r"[ \t\n\r().\-/]*".join(form[4:]) + r"(?!\d)")
            continue
        # As typed, as the search index folds it, and decomposed (text pasted from a Mac).
        for variant in dict.fromkeys((form, fold(form), unicodedata.normalize("NFD", form))):
            words = [_APOSTROPHE.sub(lambda _m: _APOSTROPHES, re.escape(w))
                     for w in variant.replace(",", " ").split()]
            parts.append(r"(?<![\w@.])" + r",?\s+".join(words) + r"(?![\w@])")
    if not parts:
        return None
    return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)


def forms_of(con: sqlite3.Connection, customer_id: int) -> tuple[str, ...]:
    """:func:`name_forms` of customer ``customer_id`` as the file behind ``con`` holds them."""
    row = con.execute("SELECT given_name, family_name, preferred_name FROM customer "
                      "WHERE id = ?", (customer_id,)).fetchone()
    if row is None:
        return ()
    emails = [r[0] for r in con.execute("SELECT address FROM email WHERE customer_id = ?",
                                        (customer_id,))]
    phones = [r[0] for r in con.execute("SELECT number FROM phone WHERE customer_id = ?",
                                        (customer_id,))]
    return name_forms(row[0], row[1], row[2], emails, phones)


def _register(con: sqlite3.Connection, pattern: re.Pattern) -> None:
    con.create_function("rapport_names_them", 1,
                        lambda text: 1 if text and pattern.search(str(text)) else 0)
    con.create_function("rapport_redact", 1,
                        lambda text: pattern.sub(REDACTED, text) if text else text)


def _places(con: sqlite3.Connection) -> Iterator[tuple[str, tuple[str, ...], str, str]]:
    """(table, present columns, owner, noun) for the tables this file has."""
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table, columns, owner, noun in _PLACES:
        if table in tables:
            have = {r[1] for r in con.execute(f"PRAGMA table_info({table})")}
            present = tuple(c for c in columns if c in have)
            if present:
                yield table, present, owner, noun


def _needles(forms: tuple[str, ...]) -> list[str]:
    """LIKE patterns, one of which is in any text a form matches, so that SQLite skips the
    other rows in C before Python's pattern looks at the few left."""
    likes = set()
    for form in forms:
        if form.startswith("tel:"):
            # The last two digits stay together however a number is spaced: "09 58", "0958".
            likes.add(f"%{form[-2:]}%")
            continue
        # A word's longest run between apostrophes: O'Brien is also written O’Brien.
        words = [max(_APOSTROPHE.split(w), key=len) for w in form.replace(",", " ").split()]
        key = max(words, key=lambda w: (w.isascii(), len(w)))
        # LIKE ignores the case of ASCII letters only: other letters in the usual cases,
        # composed and decomposed.
        variants = {key} if key.isascii() else \
            {key, key.lower(), key.upper(), key.title(), fold(key)}
        variants |= {unicodedata.normalize("NFD", v) for v in variants}
        for variant in variants:
            escaped = variant.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            likes.add(f"%{escaped}%")
    return sorted(likes)


def _any(columns: tuple[str, ...], forms: tuple[str, ...]) -> tuple[str, list[str]]:
    """A WHERE condition true for the rows whose ``columns`` name the person, and its
    parameters; :func:`_register` first."""
    likes = _needles(forms)
    terms, params = [], []
    for column in columns:
        cheap = [f"{column} LIKE ? ESCAPE '\\'" for _ in likes]
        params += likes
        terms.append(f"(({' OR '.join(cheap)}) AND rapport_names_them({column}))")
    return " OR ".join(terms), params


def find(con: sqlite3.Connection, customer_id: int, forms: tuple[str, ...]) -> list[Mention]:
    """Other customers whose text names the person, in id order."""
    pattern = matcher(forms)
    if pattern is None:
        return []
    _register(con, pattern)
    found: dict[int, list[str]] = {}
    for table, columns, owner, noun in _places(con):
        where, params = _any(columns, forms)
        for who, n in con.execute(f"SELECT {owner} AS who, count(*) FROM {table} WHERE "
                                  f"({where}) GROUP BY who HAVING who != ?",
                                  (*params, customer_id)):
            place = noun if noun == "notes" else f"{n} {noun}{'' if n == 1 else 's'}"
            found.setdefault(who, []).append(place)
    if not found:
        return []
    names = _names(con, list(found))
    return [Mention(who, names.get(who, f"customer {who}"), tuple(places))
            for who, places in sorted(found.items())]


def _names(con: sqlite3.Connection, ids: list[int]) -> dict[int, str]:
    marks = ",".join("?" * len(ids))
    return {r[0]: display_name(r[1], r[2], r[3], r[4]) for r in con.execute(
        "SELECT id, given_name, family_name, preferred_name, company FROM customer "
        f"WHERE id IN ({marks})", ids)}


def holds_any(con: sqlite3.Connection, customer_id: int, forms: tuple[str, ...]) -> bool:
    """Whether any other customer's text names the person (cheaper than :func:`find`)."""
    pattern = matcher(forms)
    if pattern is None:
        return False
    _register(con, pattern)
    for table, columns, owner, _noun in _places(con):
        where, params = _any(columns, forms)
        if con.execute(f"SELECT 1 FROM {table} WHERE ({where}) AND coalesce({owner}, -1) != ? "
                       "LIMIT 1", (*params, customer_id)).fetchone():
            return True
    return False


def redact(con: sqlite3.Connection, customer_id: int, forms: tuple[str, ...]) -> int:
    """Replace the person's names in others' text (and its search copy) by ``[erased]``, in
    the caller's transaction; the number of rows changed."""
    pattern = matcher(forms)
    if pattern is None:
        return 0
    _register(con, pattern)
    changed = 0
    for table, columns, owner, _noun in _places(con):
        sets = ", ".join(f"{c} = rapport_redact({c})" for c in columns)
        where, params = _any(columns, forms)
        # Two tags of one customer that become the same tag are one: REPLACE merges them.
        update = "UPDATE OR REPLACE" if table == "tag" else "UPDATE"
        changed += con.execute(f"{update} {table} SET {sets} WHERE ({where}) AND "
                               f"coalesce({owner}, -1) != ?", (*params, customer_id)).rowcount
    _redact_tag_settings(con, forms)
    _redact_search(con, customer_id, forms)
    return changed


def _redact_tag_settings(con: sqlite3.Connection, forms: tuple[str, ...]) -> None:
    # A tag's cadence is kept under the tag's name: it follows the tag.
    if "name" in {r[1] for r in con.execute("PRAGMA table_info(tag_setting)")}:
        where, params = _any(("name",), forms)
        con.execute(f"UPDATE OR REPLACE tag_setting SET name = rapport_redact(name) "
                    f"WHERE {where}", params)


def _redact_search(con: sqlite3.Connection, customer_id: int, forms: tuple[str, ...]) -> None:
    have = {r[1] for r in con.execute("PRAGMA table_info(customer_fts)")}
    columns = tuple(c for c in _SEARCH_COLUMNS if c in have)
    if columns:
        sets = ", ".join(f"{c} = rapport_redact({c})" for c in columns)
        where, params = _any(columns, forms)
        con.execute(f"UPDATE customer_fts SET {sets} WHERE rowid != ? AND ({where})",
                    (customer_id, *params))
