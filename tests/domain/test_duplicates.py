"""Duplicate detection and merging: pure, and fast enough for 10,000 against 10,000."""

from __future__ import annotations

import random
import time

from domain.dates import PartialDate
from domain.duplicates import (
    BROKEN,
    EXACT,
    MERGE,
    NEW,
    POSSIBLE,
    Candidate,
    DuplicateIndex,
    candidate_of,
    classify,
    merge,
    name_key,
)
from domain.model import Address, Customer, Fact, Milestone

EXISTING = [
    Candidate(1, name_key("Maria", "Nguyễn"), ("maria@example.com",), ("+15035550101",)),
    Candidate(2, name_key("Tom", "Baker"), ("tom@example.com",), ()),
    Candidate(3, name_key("", "", "Łódź Bakery"), ("hello@lodz.example",), ()),
]


def person(given="", family="", emails=(), phones=(), company="") -> Customer:
    return Customer(given_name=given, family_name=family, company=company,
                    emails=list(emails), phones=list(phones))


def verdict(c: Customer | None):
    return classify([c], EXISTING)[0]


def test_same_name_and_a_shared_email_is_exact_whatever_the_case_and_accents():
    m = verdict(person("MARIA", "Nguyen", ["Maria@Example.com"]))
    assert (m.verdict, m.existing_id, m.action) == (EXACT, 1, MERGE)
    assert m.reason == "same name and same email"


def test_same_name_and_a_shared_phone_is_exact_in_any_order():
    m = verdict(person("Nguyễn", "Maria", phones=["+15035550101"]))
    assert (m.verdict, m.existing_id, m.reason) == (EXACT, 1, "same name and same phone")


def test_shared_email_with_another_name_is_only_possible():
    m = verdict(person("Peggy", "Baker", ["tom@example.com"]))
    assert (m.verdict, m.existing_id, m.reason, m.action) == (POSSIBLE, 2, "same email", "add")
    assert m.score < 88


def test_a_close_name_without_contact_is_possible_with_its_score():
    m = verdict(person("Mariah", "Nguyen"))
    assert (m.verdict, m.existing_id, m.reason) == (POSSIBLE, 1, "similar name")
    assert 88 <= m.score < 100


def test_the_same_name_alone_is_possible_not_exact():
    m = verdict(person("Tom", "Baker"))
    assert (m.verdict, m.score, m.reason) == (POSSIBLE, 100, "same name")


def test_strangers_are_new_and_none_is_broken():
    assert verdict(person("Zed", "Quill")).verdict == NEW
    assert verdict(None).verdict == BROKEN
    assert verdict(None).action == "skip"


def test_a_company_matches_by_its_name():
    m = verdict(person(company="Lodz Bakery", emails=["hello@lodz.example"]))
    assert (m.verdict, m.existing_id) == (EXACT, 3)


def test_earlier_entries_of_the_same_import_count():
    twice = [person("Ann", "Lee", ["ann@example.com"]), person("Ann", "Lee", ["ann@example.com"])]
    first, second = classify(twice, [])
    assert first.verdict == NEW
    assert (second.verdict, second.existing_id, second.same_as) == (EXACT, None, 0)


def test_index_can_grow():
    index = DuplicateIndex()
    index.add(candidate_of(person("Ann", "Lee", ["a@x.com"]), 5))
    assert index.match(candidate_of(person("Ann", "Lee", ["a@x.com"]), -1)).existing_id == 5


# --- merge ---------------------------------------------------------------------------------

def test_merge_fills_gaps_and_unites_without_repeats():
    old = Customer(given_name="Peggy", family_name="Shaw", emails=["peggy@example.com"],
                   phones=["+15035550101"], tags=["florals"], notes="Keep",
                   addresses=[Address("12 Elm St", "Portland", mailing=True)],
                   facts=[Fact("pet", "Biscuit")],
                   milestones=[Milestone("birthday", PartialDate(3, 14))], id=4)
    new = Customer(given_name="Margaret", family_name="Shaw", company="Shaw & Co",
                   emails=["PEGGY@example.com", "p2@example.com"],
                   phones=["+15035550101", "+15035550102"], tags=["Florals", "vip"],
                   notes="Other notes",
                   addresses=[Address("12 elm st.", "PORTLAND", mailing=True),
                              Address("1 Dock Rd", "Astoria", mailing=True)],
                   facts=[Fact("pet", "biscuit"), Fact("interest", "orchids")],
                   milestones=[Milestone("birthday", PartialDate(3, 14, 1980)),
                               Milestone("wedding_anniversary", PartialDate(6, 12))])
    out = merge(old, new)
    assert (out.id, out.given_name, out.company, out.notes) == (4, "Peggy", "Shaw & Co", "Keep")
    assert out.emails == ["peggy@example.com", "p2@example.com"]
    assert out.phones == ["+15035550101", "+15035550102"]
    assert out.tags == ["florals", "vip"]
    assert [(a.city, a.mailing) for a in out.addresses] == [("Portland", True),
                                                            ("Astoria", False)]
    assert [f.value for f in out.facts] == ["Biscuit", "orchids"]
    assert [(m.kind, m.date) for m in out.milestones] == [
        ("birthday", PartialDate(3, 14, 1980)),  # the year-less date learned its year
        ("wedding_anniversary", PartialDate(6, 12))]


def test_merge_keeps_one_birthday_and_is_idempotent():
    old = Customer(given_name="A", milestones=[Milestone("birthday", PartialDate(3, 14, 1980))])
    new = Customer(given_name="A", milestones=[Milestone("birthday", PartialDate(4, 1))])
    once = merge(old, new)
    assert [m.date for m in once.milestones] == [PartialDate(3, 14, 1980)]
    assert merge(once, new) == once


def test_merge_leaves_the_originals_alone():
    old = Customer(emails=["a@x.com"])
    merge(old, Customer(emails=["b@x.com"]))
    assert old.emails == ["a@x.com"]


# --- speed ---------------------------------------------------------------------------------

GIVEN = ["Maria", "Tom", "Ann", "Łukasz", "Zoë", "Chidi", "Renée", "Jürgen", "Annika", "Seán",
         "Mei", "Omar", "Priya", "Kofi", "Ines", "Hana", "Luca", "Noah", "Emma", "Sofia"]
FAMILY = ["Nguyễn", "Baker", "Lee", "Kowalski", "Okafor", "Dubois", "Müller", "Lindqvist",
          "O'Brien", "Chen", "Haddad", "Patel", "Mensah", "García", "Sato", "Rossi", "Smith",
          "Jones", "Brown", "Silva"]


def _crowd(n: int, seed: int) -> list[Customer]:
    rng = random.Random(seed)
    return [person(rng.choice(GIVEN), f"{rng.choice(FAMILY)}{rng.randint(0, 400)}",
                   [f"p{seed}-{i}@example.com"], [f"+1503{seed}{i:06d}"]) for i in range(n)]


def test_ten_thousand_against_ten_thousand_is_indexed_not_quadratic():
    existing = [candidate_of(c, i + 1) for i, c in enumerate(_crowd(10_000, 1))]
    incoming = [*_crowd(10_000, 2), person("Maria", "Nguyễn0", ["p1-0@example.com"])]
    started = time.perf_counter()
    matches = classify(incoming, existing)
    elapsed = time.perf_counter() - started
    assert len(matches) == 10_001
    assert {m.verdict for m in matches} <= {NEW, POSSIBLE, EXACT}
    assert elapsed < 5, f"{elapsed:.1f} s"  # all-against-all would be 10⁸ comparisons
