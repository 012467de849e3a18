"""Many people sharing one phone (a company's main line) must not make matching quadratic
(issue 12, finding 7: 20,000 such rows took 146 s against 1.9 s), and the verdicts stay what
they were: the same name and a shared phone is exact; different names are never merged."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from rapidfuzz import fuzz

from domain import duplicates
from domain.duplicates import EXACT, NEW, POSSIBLE, Candidate, Match, classify
from domain.model import Customer

SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "bu", "da", "fe", "gi",
             "ho", "ju", "pe", "qu", "wy", "xo", "yu"]


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def staff(n: int, seed: int = 1) -> list[Customer]:
    """``n`` different people, all giving the shop's main line as their phone."""
    rng = random.Random(seed)
    return [Customer(given_name=word(rng), family_name=word(rng), phones=["+15035550000"])
            for _ in range(n)]


class CountingFuzz:
    """rapidfuzz's ``fuzz`` whose ``ratio`` counts the names it compares."""

    calls = 0

    @classmethod
    def ratio(cls, a, b, **kwargs):
        cls.calls += 1
        return fuzz.ratio(a, b, **kwargs)


@pytest.fixture
def counting(monkeypatch):
    CountingFuzz.calls = 0
    monkeypatch.setattr(duplicates, "fuzz", CountingFuzz)
    return CountingFuzz


def test_rows_sharing_one_phone_are_compared_a_bounded_number_of_times(counting):
    n = 1500
    matches = classify(staff(n), [])
    # All-against-all would be n²/2 ≈ 1.1 million comparisons; each row may compare with at
    # most CROWD people sharing the line plus the few close names of its block.
    assert counting.calls < n * (duplicates.CROWD + 20), counting.calls
    assert Counter(m.verdict for m in matches)[EXACT] == 0  # different names: never merged
    assert matches[0].verdict == NEW and all(m.verdict == POSSIBLE for m in matches[1:])


def test_a_crowded_phone_still_finds_the_same_name_and_a_close_one():
    people = staff(200)
    people.append(Customer(given_name=people[150].given_name,
                           family_name=people[150].family_name, phones=["+15035550000"]))
    people.append(Customer(given_name=people[170].given_name + "e",
                           family_name=people[170].family_name, phones=["+15035550000"]))
    matches = classify(people, [])
    assert matches[200] == Match(EXACT, None, same_as=150, score=100,
                                 reason="same name and same phone")
    assert matches[201].verdict == POSSIBLE and matches[201].same_as == 170
    assert matches[201].score >= duplicates.POSSIBLE_SCORE


# --- the verdicts are those of the all-against-all matcher it replaced --------------------

def score(name: str, other: Candidate) -> int:
    return round(fuzz.ratio(name, other.name)) if name and other.name else 0


def reference(incoming: list[Customer], existing: list[Candidate]) -> list[Match]:
    """The matcher before issue 12: every person sharing a contact scored by name."""
    people = {c.id: c for c in existing}
    index = duplicates.DuplicateIndex(existing)
    out = []
    for i, customer in enumerate(incoming):
        c = duplicates.candidate_of(customer, -(i + 1))
        found: dict[int, str] = {}
        for email in c.emails:
            for other in people:
                if email in people[other].emails:
                    found.setdefault(other, "same email")
        for phone in c.phones:
            for other in people:
                if phone in people[other].phones:
                    found.setdefault(other, "same phone")
        same = [(o, r) for o, r in found.items() if c.name and people[o].name == c.name]
        if same:
            match = Match(EXACT, same[0][0], score=100, reason="same name and " + same[0][1])
        elif found:
            other, reason = max(found.items(), key=lambda s, n=c.name: score(n, people[s[0]]))
            match = Match(POSSIBLE, other, score=score(c.name, people[other]), reason=reason)
        else:
            match = index.match(c)  # names alone: unchanged code
        if match.existing_id is not None and match.existing_id < 0:
            match = Match(match.verdict, None, -match.existing_id - 1, match.score, match.reason)
        index.add(c)
        people[c.id] = c
        out.append(match)
    return out


@pytest.mark.parametrize("seed", range(12))
def test_verdicts_match_the_all_against_all_matcher(seed):
    rng = random.Random(seed)
    names = [(word(rng), word(rng)) for _ in range(12)]
    emails = [f"{w.lower()}@example.com" for w in ("a", "b", "c", "d", "e")]
    phones = ["+15035550100", "+15035550101", "+15035550102", "+15035550103"]

    def someone() -> Customer:
        given, family = rng.choice(names)
        return Customer(given_name=given, family_name=family,
                        emails=rng.sample(emails, rng.randint(0, 2)),
                        phones=rng.sample(phones, rng.randint(0, 2)))

    existing = [duplicates.candidate_of(someone(), i) for i in range(1, 8)]
    incoming = [someone() for _ in range(20)]  # groups stay under CROWD: exactly as before
    assert classify(incoming, existing) == reference(incoming, existing)


@pytest.mark.parametrize("seed", range(4))
def test_crowded_contacts_keep_every_verdict(seed):
    """Past CROWD people on one line, which earlier person a 'possible' points at may differ
    (the closest name among those compared); the verdicts never do."""
    rng = random.Random(seed)
    names = [(word(rng), word(rng)) for _ in range(60)]
    people = [Customer(given_name=g, family_name=f, phones=[rng.choice(["+15035550100",
                                                                        "+15035550101"])])
              for g, f in (rng.choice(names) for _ in range(150))]
    got, want = classify(people, []), reference(people, [])
    assert [m.verdict for m in got] == [m.verdict for m in want]
    assert [(m.same_as, m.reason) for m in got if m.verdict == EXACT] == \
        [(m.same_as, m.reason) for m in want if m.verdict == EXACT]
