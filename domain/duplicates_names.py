"""A row with only a name (no email, no phone) and the one customer of that name: the same
person when nothing about them differs, so a re-import merges instead of doubling everyone.

``domain.duplicates`` can only call such a row a *possible* duplicate (a name is no proof);
``settle`` looks closer: exactly one customer of that name in the notebook, that name once in
the file, and no birthday, anniversary, address or company that differs. Anything that
differs keeps it a possible duplicate, with what differs in the reason, for the owner to
decide; two people are never merged silently. Pure: no files, no Qt.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from domain.dates import PartialDate
from domain.duplicates import EXACT, POSSIBLE, Candidate, Match, name_key
from domain.model import Address, Customer
from domain.text import fold

SAME_NAME = "same name"


def settle(incoming: Sequence[Customer | None], matches: list[Match],
           existing: Iterable[Candidate],
           load: Callable[[list[int]], list[Customer]]) -> list[Match]:
    """``matches`` with each names-only row that is surely the same person made ``exact``.

    ``load`` fetches the existing customers in question (profile only is enough)."""
    names = Counter(c.name for c in existing)
    if not names:  # an empty notebook: no one to be the same as
        return matches
    in_file = Counter(name_key(c.given_name, c.family_name, c.company)
                      for c in incoming if c is not None)
    chosen = [i for i, (c, m) in enumerate(zip(incoming, matches, strict=True))
              if c is not None and _names_only_same_name(c, m)
              and names[_key(c)] == 1 and in_file[_key(c)] == 1]
    if not chosen:
        return matches
    ids = sorted({cid for i in chosen if (cid := matches[i].existing_id) is not None})
    people = {c.id: c for c in load(ids)}
    out = list(matches)
    for i in chosen:
        other, row = people.get(matches[i].existing_id), incoming[i]
        if other is None or row is None:  # deleted meanwhile; (a chosen row is never None)
            continue
        differs = differences(other, row)
        out[i] = (Match(POSSIBLE, other.id, score=100,
                        reason=f"{SAME_NAME}, different {' and '.join(differs)}")
                  if differs else
                  Match(EXACT, other.id, score=100, reason=f"{SAME_NAME}, nothing differs"))
    return out


def _key(c: Customer) -> str:
    return name_key(c.given_name, c.family_name, c.company)


def _names_only_same_name(c: Customer, m: Match) -> bool:
    return (m.verdict == POSSIBLE and m.existing_id is not None and m.score == 100
            and m.reason == SAME_NAME and not c.emails and not c.phones and bool(_key(c)))


def differences(existing: Customer, incoming: Customer) -> list[str]:
    """What tells the two apart: ``["birthday", "address"]``; empty when nothing does."""
    out = []
    if existing.company and incoming.company and _words(existing.company) != \
            _words(incoming.company):
        out.append("company")
    for kind, word in (("birthday", "birthday"), ("wedding_anniversary", "anniversary")):
        a, b = _date(existing, kind), _date(incoming, kind)
        if a and b and ((a.month, a.day) != (b.month, b.day)
                        or (None not in (a.year, b.year) and a.year != b.year)):
            out.append(word)
    theirs = [a for a in existing.addresses if not a.is_empty()]
    ours = [a for a in incoming.addresses if not a.is_empty()]
    if theirs and ours and not any(_same_place(x, y) for x in ours for y in theirs):
        out.append("address")
    return out


def _date(c: Customer, kind: str) -> PartialDate | None:
    return next((m.date for m in c.milestones if m.kind == kind and not m.whose), None)


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", fold(text)))


def _same_place(a: Address, b: Address) -> bool:
    """No part that both give differs (a city alone fits a full address in that city)."""
    return all(not x or not y or _words(x) == _words(y)
               for x, y in ((a.street, b.street), (a.city, b.city),
                            (a.postal_code, b.postal_code)))
