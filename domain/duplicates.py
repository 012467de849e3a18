"""Is this incoming contact someone the notebook already has? And merging two records of one.

Matching is indexed, never all-against-all: emails and phones are dictionary look-ups, and
names are scored (rapidfuzz's token-sort ratio on folded names) only against the names that
share a *block* with them — the same first two letters in two of their words. 10,000
incoming against 10,000 existing is then some 20,000 look-ups and small C-speed scans; a
typo in the first two letters of a name is the price.

An email or phone that many people share (a company's main line) is not compared with all of
them: the same name is found by a dictionary look-up, and the likeliest other person among
the first ``CROWD`` sharing it and the close names (same block) that share it too.

Verdicts: ``new``; ``exact`` (the same name and a shared email or phone: merged by default);
``possible`` (a shared email or phone, or a name this close: kept apart unless the owner
merges); ``broken`` (skipped).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import combinations, islice

from rapidfuzz import fuzz, process

from domain.contacts import phone_key, unique
from domain.model import Address, Customer, Fact, Milestone
from domain.text import fold

NEW, EXACT, POSSIBLE, BROKEN = "new", "exact", "possible", "broken"
ADD, MERGE, SKIP = "add", "merge", "skip"
# Names scoring at least this (0–100) may be the same person.
POSSIBLE_SCORE = 88
# People sharing one email or phone who are all scored by name; beyond, only close names are.
CROWD = 32

_WORD = re.compile(r"\w+")


def name_key(given: str, family: str, company: str = "") -> str:
    """Folded words of the name (else the company), sorted: ``Nguyễn Maria`` → ``maria nguyen``.

    Sorted once here, so plain ``fuzz.ratio`` on keys is rapidfuzz's ``token_sort_ratio``
    without re-sorting every candidate on every comparison.
    """
    words = _WORD.findall(fold(f"{given} {family}")) or _WORD.findall(fold(company))
    return " ".join(sorted(words))


@dataclass(frozen=True, slots=True)
class Candidate:
    """What matching needs of one person: a folded name, emails and phones."""

    id: int
    name: str
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()


def candidate_of(c: Customer, key: int) -> Candidate:
    return Candidate(key, name_key(c.given_name, c.family_name, c.company),
                     tuple(e.casefold() for e in c.emails if e),
                     tuple(k for p in c.phones if (k := phone_key(p))))


@dataclass(frozen=True, slots=True)
class Match:
    """The verdict on one incoming entry and the existing customer it points at."""

    verdict: str
    existing_id: int | None = None  # a customer already in the notebook
    same_as: int | None = None  # an earlier entry of the same import
    score: int = 0  # name similarity, 0–100
    reason: str = ""

    @property
    def action(self) -> str:
        """What to do unless the owner says otherwise: merge exact, skip broken, add the rest."""
        return {EXACT: MERGE, BROKEN: SKIP}.get(self.verdict, ADD)


def _blocks(name: str) -> set[str]:
    """Keys of the blocks a name is scored in: the first two letters of each pair of its words
    (``jo|sm`` for John Smith and Jon Smith), or three letters of a one-word name."""
    words = [w for w in name.split() if len(w) > 1][:4] or name.split()[:1]
    if len(words) == 1:
        return {words[0][:3]}
    return {"|".join(sorted((a[:2], b[:2]))) for a, b in combinations(words, 2)}


@dataclass(slots=True)
class _Crowd:
    """The people sharing one crowded email or phone, by name block (built past CROWD)."""

    ids: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    names: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(self, c: Candidate) -> None:
        for block in _blocks(c.name):
            self.ids[block].append(c.id)
            self.names[block].append(c.name)


class DuplicateIndex:
    """Existing people indexed by email, phone and name block; add incoming ones as you go."""

    def __init__(self, candidates: Iterable[Candidate] = ()) -> None:
        self._emails: dict[str, list[int]] = defaultdict(list)
        self._phones: dict[str, list[int]] = defaultdict(list)
        self._people: dict[int, Candidate] = {}
        # (kind, email or phone, name) → the first person with both: exact matches in O(1)
        self._same: dict[tuple[str, str, str], int] = {}
        self._crowds: dict[tuple[str, str], _Crowd] = {}
        self._block_ids: dict[str, list[int]] = defaultdict(list)
        self._block_names: dict[str, list[str]] = defaultdict(list)
        for candidate in candidates:
            self.add(candidate)

    def add(self, c: Candidate) -> None:
        """Index ``c``; its id may be negative for an entry of the import itself."""
        self._people[c.id] = c
        for kind, keys, table in self._contact_tables(c):
            for key in keys:
                sharing = table[key]
                sharing.append(c.id)
                self._same.setdefault((kind, key, c.name), c.id)
                if len(sharing) > CROWD:
                    self._crowd_add(kind, key, sharing, c)
        for block in _blocks(c.name):
            self._block_ids[block].append(c.id)
            self._block_names[block].append(c.name)

    def _crowd_add(self, kind: str, key: str, sharing: list[int], c: Candidate) -> None:
        crowd = self._crowds.get((kind, key))
        if crowd is None:  # built once, when the key becomes crowded
            crowd = self._crowds[(kind, key)] = _Crowd()
            for other in sharing[:-1]:
                crowd.add(self._people[other])
        crowd.add(c)

    def _contact_tables(
            self, c: Candidate) -> tuple[tuple[str, Sequence[str], dict[str, list[int]]], ...]:
        return (("same email", c.emails, self._emails), ("same phone", c.phones, self._phones))

    def match(self, c: Candidate) -> Match:
        """The best verdict for ``c`` against everyone indexed so far."""
        exact = self._exact(c)
        if exact is not None:
            return exact
        shared = self._shared_contacts(c)
        if shared:
            return self._likeliest(c.name, shared)
        closest, score = self._closest_name(c.name)
        if closest is None:
            return Match(NEW)
        return Match(POSSIBLE, closest, score=score,
                     reason="same name" if score == 100 else "similar name")

    def _exact(self, c: Candidate) -> Match | None:
        """The first person indexed with ``c``'s name and one of its emails (else phones)."""
        if not c.name:
            return None
        for kind, keys, _table in self._contact_tables(c):
            for key in keys:
                other = self._same.get((kind, key, c.name))
                if other is not None:
                    return Match(EXACT, other, score=100, reason="same name and " + kind)
        return None

    def _shared_contacts(self, c: Candidate) -> list[tuple[int, str]]:
        """Who shares an email or phone with ``c`` (emails first): at most CROWD per email or
        phone, and, where more share it, the closest name among them (same block)."""
        found: dict[int, str] = {}
        for kind, keys, table in self._contact_tables(c):
            for key in keys:
                for other in islice(table.get(key, ()), CROWD):
                    found.setdefault(other, kind)
                crowd = self._crowds.get((kind, key))
                if crowd is not None:
                    for other in self._close_in(crowd, c.name):
                        found.setdefault(other, kind)
        return list(found.items())

    @staticmethod
    def _close_in(crowd: _Crowd, name: str) -> list[int]:
        """The closest name to ``name`` in each of its blocks of ``crowd`` (POSSIBLE_SCORE+)."""
        out = []
        for block in _blocks(name):
            names = crowd.names.get(block)
            hit = names and process.extractOne(name, names, scorer=fuzz.ratio,
                                               score_cutoff=POSSIBLE_SCORE)
            if hit:
                out.append(crowd.ids[block][hit[2]])
        return out

    def _likeliest(self, name: str, shared: list[tuple[int, str]]) -> Match:
        """The first of ``shared`` whose name scores highest against ``name``."""
        ratio, people = fuzz.ratio, self._people
        scores = [round(ratio(name, other)) if name and other else 0
                  for other in (people[i].name for i, _reason in shared)]
        best = max(range(len(shared)), key=scores.__getitem__)
        other, reason = shared[best]
        return Match(POSSIBLE, other, score=scores[best], reason=reason)

    def _closest_name(self, name: str) -> tuple[int | None, int]:
        best: tuple[int | None, int] = (None, 0)
        for block in _blocks(name):
            names = self._block_names.get(block)
            if not names:
                continue
            hit = process.extractOne(name, names, scorer=fuzz.ratio,
                                     score_cutoff=max(POSSIBLE_SCORE, best[1]))
            if hit and round(hit[1]) > best[1]:
                best = (self._block_ids[block][hit[2]], round(hit[1]))
        return best


def classify(incoming: list[Customer | None], existing: Iterable[Candidate]) -> list[Match]:
    """A verdict for each incoming customer (None: broken), in order.

    Entries are matched against the notebook and against the earlier entries of the same
    import, so a file that holds one person twice adds them once.
    """
    index = DuplicateIndex(existing)
    out = []
    for i, customer in enumerate(incoming):
        if customer is None:
            out.append(Match(BROKEN))
            continue
        candidate = candidate_of(customer, -(i + 1))
        match = index.match(candidate)
        if match.existing_id is not None and match.existing_id < 0:
            match = Match(match.verdict, None, -match.existing_id - 1, match.score, match.reason)
        index.add(candidate)
        out.append(match)
    return out


# --- merging ---------------------------------------------------------------------------------

_FILLED = ("given_name", "family_name", "preferred_name", "pronunciation", "company", "role",
           "notes", "referred_by", "cadence_days", "customer_since")


def merge(existing: Customer, incoming: Customer) -> Customer:
    """``existing`` with the gaps filled from ``incoming`` and the lists united, no repeats.

    Only the profile is merged; the timeline stays as the notebook has it.
    """
    fills = {f: getattr(incoming, f) for f in _FILLED if not getattr(existing, f)}
    return replace(
        existing, **fills,
        emails=unique(existing.emails + incoming.emails),
        phones=unique(existing.phones + incoming.phones, key=phone_key),
        phone_labels={**incoming.phone_labels, **existing.phone_labels},
        email_labels={**incoming.email_labels, **existing.email_labels},
        tags=unique(existing.tags + incoming.tags),
        preferred_channels=unique(existing.preferred_channels + incoming.preferred_channels),
        do_not_contact=unique(existing.do_not_contact + incoming.do_not_contact),
        addresses=_merge_addresses(existing, incoming),
        facts=_merge_facts(existing.facts, incoming.facts),
        milestones=_merge_milestones(existing.milestones, incoming.milestones),
    )


def _address_key(a: Address) -> tuple[str, ...]:
    return tuple(" ".join(_WORD.findall(fold(part)))
                 for part in (a.street, a.city, a.postal_code))


def _merge_addresses(existing: Customer, incoming: Customer) -> list:
    out = list(existing.addresses)
    known = {_address_key(a) for a in out}
    has_mailing = any(a.mailing for a in out)
    for address in incoming.addresses:
        if _address_key(address) not in known and not address.is_empty():
            out.append(replace(address, mailing=address.mailing and not has_mailing))
            known.add(_address_key(address))
            has_mailing = has_mailing or address.mailing
    return out


def _merge_facts(existing: list[Fact], incoming: list[Fact]) -> list[Fact]:
    out = list(existing)
    known = {(f.kind, fold(f.value).strip()) for f in out}
    for fact in incoming:
        key = (fact.kind, fold(fact.value).strip())
        if key not in known:
            out.append(replace(fact, id=None))
            known.add(key)
    return out


def _merge_milestones(existing: list[Milestone], incoming: list[Milestone]) -> list[Milestone]:
    """Union by kind, whose and day; a year-less date gains the incoming year; one birthday."""
    out = list(existing)
    for new in incoming:
        same = [i for i, m in enumerate(out) if m.kind == new.kind
                and fold(m.whose) == fold(new.whose)
                and (new.kind == "birthday" or (m.date.month, m.date.day)
                     == (new.date.month, new.date.day))]
        if not same:
            out.append(replace(new, id=None))
            continue
        old = out[same[0]]
        if old.date.year is None and new.date.year is not None \
                and (old.date.month, old.date.day) == (new.date.month, new.date.day):
            out[same[0]] = replace(old, date=new.date)
    return out
