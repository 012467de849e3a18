"""A snooze or dismissal as a file keeps it: the suggestion's key with the notebook's own
numbers in it (a customer's, a promise's, a problem's) turned into references the file itself
resolves, so that it survives an export and an import that renumbers them.

A key is ``kind:number:rest`` (domain.outreach.rules make them): the number names the
customer (their own occasions, or the friend a referral thank-you is for), a promise or a
problem. In a file it reads ``promise_due:c12.p0`` (the first promise of customer c12),
``problem_follow_up:c12.q1:2026-12-01`` (their second problem), ``milestone:c12:birthday:…``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

# What the number after each kind names.
NAMED = {
    "keep_in_touch": "customer", "lapsed": "customer", "milestone": "customer",
    "sympathy": "customer", "thank_you_first_purchase": "customer",
    "thank_you_referral": "customer", "promise_due": "promise",
    "problem_follow_up": "problem", "thank_you_patience": "problem",
}
LETTERS = {"promise": "p", "problem": "q"}
_KEY = re.compile(r"^([a-z_]+):(\d{1,18})(:.*)?$", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Ref:
    """What a key's number names: a customer, or their ``position``-th promise or problem."""

    customer: int  # the customer's number (in a file: the key the file gives it)
    item: str = ""  # "", "promise" or "problem"
    position: int = 0


@dataclass(frozen=True, slots=True)
class SavedState:
    """One stored snooze or dismissal, free of the notebook's numbers but its customers'."""

    owner: int  # the customer whose suggestion it is
    kind: str
    ref: Ref
    rest: str  # the key after the number, with its colon ("" when nothing follows)
    snoozed_until: date | None
    dismissed: bool


Positions = Mapping[tuple[str, int], tuple[int, int]]  # (item, id) → (customer, position)


def saved(owner: int, key: str, until: date | None, dismissed: bool,
          positions: Positions) -> SavedState | None:
    """``key`` as a file keeps it; None for one naming nothing left (a deleted promise)."""
    found = _KEY.match(key)
    if found is None or found.group(1) not in NAMED:
        return None
    kind, number, rest = found.group(1), int(found.group(2)), found.group(3) or ""
    item = NAMED[kind]
    if item == "customer":
        return SavedState(owner, kind, Ref(number), rest, until, dismissed)
    place = positions.get((item, number))
    if place is None:
        return None
    return SavedState(owner, kind, Ref(place[0], item, place[1]), rest, until, dismissed)


def restored_key(state: SavedState, customer_id: Callable[[int], int],
                 item_id: Callable[[Ref], int | None]) -> str | None:
    """The key again, with this notebook's numbers; None when its item is not here."""
    if state.ref.item:
        number = item_id(Ref(customer_id(state.ref.customer), state.ref.item,
                             state.ref.position))
    else:
        number = customer_id(state.ref.customer)
    return None if number is None else f"{state.kind}:{number}{state.rest}"


def ref_text(ref: Ref, customer_text: Callable[[int], str]) -> str:
    """``c12``, ``c12.p0`` or ``c12.q1``."""
    base = customer_text(ref.customer)
    return f"{base}.{LETTERS[ref.item]}{ref.position}" if ref.item else base


def file_key(state: SavedState, customer_text: Callable[[int], str]) -> str:
    """The key as the file writes it."""
    return f"{state.kind}:{ref_text(state.ref, customer_text)}{state.rest}"


class FileKey(NamedTuple):
    """A key as a file writes it, taken apart; ``customer`` is the file's id for them."""

    kind: str
    customer: str
    item: str  # "", "promise" or "problem"
    position: int
    rest: str


def read_file_key(text: str) -> FileKey:
    """``text`` (a key as a file writes it) taken apart; ValueError in plain words when it is
    not one. The customer is named by their id in the file, which holds no colon."""
    kind, _colon, after = text.partition(":")
    if kind not in NAMED:
        raise ValueError(f"{kind[:40]!r} is not a kind of suggestion")
    ref, colon, rest = after.partition(":")
    wanted = NAMED[kind]
    if wanted == "customer":
        customer, item, position = ref, "", "0"
    else:
        customer, _dot, place = ref.rpartition(".")
        item, position = wanted, place[1:]
        if place[:1] != LETTERS[wanted] or not (position.isascii() and position.isdigit()) \
                or len(position) > 6:
            customer = ""
    if not customer:
        shape = "c12" if wanted == "customer" else f"c12.{LETTERS[wanted]}0"
        raise ValueError(f"{ref[:40]!r} is not a reference to a {wanted} (like {shape})")
    return FileKey(kind, customer, item, int(position), colon + rest)
