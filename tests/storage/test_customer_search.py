"""Finding anyone (issue 15, finding 6): phones in any writing, streets, cities and emails, in
one storage function that the window and ``main.py search`` share."""

from __future__ import annotations

import json
import sqlite3

import pytest
from peewee import SqliteDatabase

from domain.model import Address, Customer
from storage import check, customer_search, customers, migrations
from storage.backups import list_backups
from storage.db import APPLICATION_ID, close_notebook, db, open_notebook


def _add(given: str, phones=(), emails=(), addresses=(), notes: str = "") -> int:
    return customers.save_customer(Customer(
        given_name=given, family_name="Test", phones=list(phones), emails=list(emails),
        addresses=list(addresses), notes=notes))


def _region(code: str) -> None:
    db.execute_sql("INSERT OR REPLACE INTO setting (key, value) VALUES ('region', ?)",
                   (json.dumps(code),))


@pytest.mark.parametrize("typed", ["(503) 555-0109", "555-0109", "+15035550109",
                                   "503-555-0109", "503.555.0109", "5550109", "+1 503 555 0109",
                                   "001 503 555 0109", "(503) 555"])
def test_one_number_in_any_writing_finds_its_customer(notebook, typed):
    other = _add("Other", phones=["+15035550110"])
    cid = _add("Caller", phones=["+15035550109"])
    assert customers.search_ids(typed) == [cid] or (typed == "(503) 555" and cid in
                                                   customers.search_ids(typed)
                                                   and other in customers.search_ids(typed))


def test_a_number_kept_as_typed_is_found_from_its_international_form(notebook):
    cid = _add("Typed", phones=["(503) 555-0109"])  # never normalised (an old notebook)
    customers.save_customer(customers.get_customer(cid))
    assert customers.search_ids("+15035550109") == [cid]
    assert customers.search_ids("555-0109") == [cid]


def test_a_british_number_is_found_in_its_national_form_with_a_gb_notebook(notebook):
    _region("GB")
    cid = _add("London", phones=["+44 20 7946 0958"])
    us = _add("Maine", phones=["+12079460958"])  # the same ten digits, another country
    assert customers.search_ids("020 7946 0958") == [cid]
    assert customers.search_ids("+44 20 7946 0958") == [cid]
    assert customers.search_ids("7946 0958") == sorted([cid, us])  # the last eight digits


def test_a_national_number_kept_as_typed_is_read_in_the_notebooks_region(notebook):
    _region("GB")
    cid = _add("Typed", phones=["020 7946 0958"])
    assert customers.search_ids("+442079460958") == [cid]


def test_fewer_than_seven_digits_do_not_match_the_end_of_every_number(notebook):
    block = [_add(f"N{i}", phones=[f"+1503555{100 + i:04d}"]) for i in range(1, 20)]
    assert customers.search_ids("555-01") == []  # the end of all nineteen numbers
    assert customers.search_ids("0101") == []
    assert sorted(customers.search_ids("503")) == block  # the front: an area code
    assert customers.search_ids("50") == []  # under three digits: no number at all


def test_a_postal_code_and_a_number_in_the_notes_are_still_found(notebook):
    cid = _add("Post", addresses=[Address("1 Elm St", "Portland", "OR", "97201", "US")])
    noted = _add("Noted", notes="Order 5550109 came back")
    assert customers.search_ids("97201") == [cid]
    assert noted in customers.search_ids("5550109")


def test_street_city_and_email_are_searched_and_accents_fold(notebook):
    cid = _add("Strasse", emails=["kurt@beispiel.de"],
               addresses=[Address("Königstraße 12", "Düsseldorf", "", "40212", "DE")])
    for typed in ("konigstrasse", "Königstraße", "königstr", "KONIGSTRASSE 12", "dusseldorf",
                  "kurt@beispiel", "beispiel.de"):
        assert customers.search_ids(typed) == [cid], typed


def test_the_state_and_country_codes_do_not_match_words(notebook):
    _add("Elm", addresses=[Address("1 Elm St", "Portland", "OR", "97201", "US")])
    assert customers.search_ids("or") == []  # "OR" the state is not the word "or…"
    assert customers.search_ids("us") == []


def test_search_tells_what_matched(notebook):
    cid = _add("Caller", phones=["+15035550109", "+15035550222"], emails=["c@example.com"],
               addresses=[Address("Königstraße 12", "Berlin")])
    [hit] = customer_search.search("555-0109")
    assert (hit.customer_id, hit.customer) == (cid, "Caller Test")
    assert hit.matched == [("phone", "+15035550109")]
    [hit] = customer_search.search("konigstrasse")
    assert hit.matched == [("address", "Königstraße 12, Berlin")]
    [hit] = customer_search.search("caller example")
    assert hit.matched == [("name", "Caller Test"), ("email", "c@example.com")]


def test_search_ids_and_search_agree(notebook):
    for i in range(30):
        _add(f"P{i}", phones=[f"+1503555{i:04d}"], emails=[f"p{i}@example.com"])
    for typed in ("555-0001", "p1", "example", "+1503", "(503) 555-0029", "nobody"):
        assert sorted(h.customer_id for h in customer_search.search(typed)) == \
            sorted(customers.search_ids(typed))


def test_hostile_queries_are_words(notebook):
    cid = _add("Quote", notes='say "hi" (or not) NEAR AND OR NOT *')
    for typed in ('"', '(', 'NEAR(', '*', 'phone : 1', '{name} : x', 'AND', '- 5', '+', '()'):
        customers.search_ids(typed)  # no FTS5 syntax error reaches the owner
    assert customers.search_ids('"hi" (or') == [cid]


def _old_notebook(tmp_path):
    """A notebook as the version before the search of contacts left it, made by the steps up
    to it (whatever their number after a merge), with one customer, indexed as it then was:
    names, company, notes and details (emails among them)."""
    path = tmp_path / "old.rapport"
    old = SqliteDatabase(str(path), pragmas={"foreign_keys": 1})
    for step in migrations.STEPS[:migrations.SEARCH_CONTACTS - 1]:
        with old.atomic():
            step(old)
    with old.atomic():
        for sql in (
                "INSERT INTO customer (id, given_name, family_name, sort_key, created, updated) "
                "VALUES (7, 'Caller', 'Test', 'test caller', '2026-01-01T09:00:00', "
                "'2026-01-01T09:00:00')",
                "INSERT INTO phone (customer_id, number) VALUES (7, '+15035550109')",
                "INSERT INTO email (customer_id, address) VALUES (7, 'c@example.com')",
                "INSERT INTO address (customer_id, street, city) VALUES (7, 'Königstraße 12', "
                "'Berlin')",
                "INSERT INTO customer_fts (rowid, name, company, notes, details) "
                "VALUES (7, 'caller test', '', '', 'c@example.com berlin')",
                f"PRAGMA application_id = {APPLICATION_ID}",
                f"PRAGMA user_version = {migrations.SEARCH_CONTACTS - 1}"):
            old.execute_sql(sql)
    old.close()
    return path, 7


def test_an_older_notebook_is_backed_up_and_its_index_rebuilt_when_opened(tmp_path):
    path, cid = _old_notebook(tmp_path)
    info = open_notebook(path)
    try:
        assert info.version == migrations.LATEST
        assert customers.search_ids("(503) 555-0109") == [cid]
        assert customers.search_ids("konigstrasse") == [cid]
        assert customers.search_ids("example.com") == [cid]
    finally:
        close_notebook()
    assert any("before-v" in b.path.name for b in list_backups(path))
    assert check.check_file(path) == []


def test_an_older_notebook_opened_read_only_still_finds_phones(tmp_path):
    path, cid = _old_notebook(tmp_path)
    open_notebook(path, read_only=True)
    try:
        assert customers.search_ids("555-0109") == [cid]
        assert customers.search_ids("caller") == [cid]
        [hit] = customer_search.search("+1 503 555 0109")
        assert hit.matched == [("phone", "+15035550109")]
    finally:
        close_notebook()
    version = sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0]
    assert version == migrations.SEARCH_CONTACTS - 1


def test_what_matched_names_the_address_when_several_of_its_words_match(notebook):
    cid = _add("Street", addresses=[Address("Königstraße 12", "Berlin", "", "10117"),
                                    Address("Elm St 3", "Portland")])
    [hit] = customer_search.search("KONIGSTRASSE 12 berlin")
    assert hit.customer_id == cid
    assert hit.matched == [("address", "Königstraße 12, Berlin, 10117")]
