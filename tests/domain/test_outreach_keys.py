"""Issue 14, behaviour 7: every kind of suggestion key, as a notebook JSON file keeps it
(domain.outreach.keys), reads back to the same key; and back with new numbers after an
import that renumbers customers, promises and problems."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from domain import demo
from domain.outreach import Context, from_customer, suggestions_for
from domain.outreach.keys import (
    NAMED,
    file_key,
    read_file_key,
    restored_key,
    saved,
)
from domain.outreach.settings import Settings

DAYS = (date(2026, 3, 10), date(2026, 12, 7), date(2027, 6, 1))


def numbered(people):
    """The demo's customers with ids on their promises and problems (as a notebook gives)."""
    n = 100
    out = []
    for c in people:
        promises = [replace(p, id=n + i) for i, p in enumerate(c.promises)]
        n += 10
        problems = [replace(p, id=n + i) for i, p in enumerate(c.problems)]
        n += 10
        out.append(replace(c, promises=promises, problems=problems))
    return out


def keys_on(day: date):
    people = numbered(demo.build_demo(day))
    contacts = {c.id: from_customer(c) for c in people}
    ctx = Context(day, Settings(), contacts)
    return people, [(c.id, s.key) for c in contacts.values() for s in suggestions_for(c, ctx)]


@pytest.mark.parametrize("day", DAYS)
def test_each_key_survives_the_file_unchanged_and_renumbered(day):
    people, keys = keys_on(day)
    positions = {(item, thing.id): (c.id, n) for c in people
                 for item in ("promise", "problem")
                 for n, thing in enumerate(getattr(c, item + "s"))}
    items = {(c, item, n): i for (item, i), (c, n) in positions.items()}
    for owner, key in keys:
        state = saved(owner, key, None, True, positions)
        assert state is not None, key
        text = file_key(state, lambda cid: f"c{cid}")
        found = read_file_key(text)
        assert found.kind == state.kind and found.rest == state.rest
        assert restored_key(state, lambda cid: cid,
                            lambda ref: items[(ref.customer, ref.item, ref.position)]) == key
        moved = restored_key(state, lambda cid: cid + 1000, lambda ref: 7)
        number = "7" if state.ref.item else str(state.ref.customer + 1000)
        assert moved == f"{state.kind}:{number}{state.rest}"


def test_the_days_cover_every_kind_of_key():
    assert {k.split(":")[0] for day in DAYS for _c, k in keys_on(day)[1]} == set(NAMED)


def test_a_key_naming_nothing_left_is_not_kept():
    assert saved(1, "promise_due:999", None, True, {}) is None
    assert saved(1, "promise_due:1.0", None, True, {}) is None  # an unsaved promise's key
    assert saved(1, "mystery:1", None, True, {}) is None
