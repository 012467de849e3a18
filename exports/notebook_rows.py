"""One customer's line of the notebook file, written straight from their rows (issue 17).

The same object ``notebook_json._customer`` makes from a ``Customer`` — same keys, same order,
same empty values left out — without the million short-lived domain objects in between: a
50,000-customer export spent half its time making and dropping them. A test holds the two to
the same bytes (``tests/exports/test_notebook_stream.py``).
"""

from __future__ import annotations

import base64
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from domain.dates import PartialDate
from domain.model import INTERACTION_CHANNEL
from domain.outreach.keys import SavedState
from storage import customer_rows, saved_states
from storage.customer_rows import CustomerRows


def customers() -> Iterator[dict[str, Any]]:
    """Every customer's object for the file, in id order, a chunk of rows at a time."""
    from exports.notebook_json import _compact, _state  # the file's one writer of those

    for ids, chunk in customer_rows.iter_rows():
        states: dict[int, list[SavedState]] = {}
        for s in saved_states.read_states_at(_positions(chunk), ids):
            states.setdefault(s.owner, []).append(s)
        for rows in chunk:
            item = _customer(rows, _compact)
            found = states.get(rows.customer[0])
            if found:
                item["suggestions"] = [_state(s) for s in found]
            yield item


def _positions(chunk: Sequence[CustomerRows]) -> dict[tuple[str, int], tuple[int, int]]:
    """(item, id) → (customer, position) of the chunk's promises and problems."""
    out = {}
    for rows in chunk:
        cid = rows.customer[0]
        for item in ("promise", "problem"):
            for n, row in enumerate(rows.children[item]):
                out[(item, row[1])] = (cid, n)
    return out


def _day(text: str | None) -> str | None:
    """A stored day as the file writes it (stored as ISO already: kept as it is)."""
    if not text:
        return None
    return text if len(text) == 10 else date.fromisoformat(text).isoformat()


def _channels(text: str) -> list[str]:
    return [c for c in text.split(",") if c]


@lru_cache(maxsize=8192)
def _amount(cents: int) -> str:
    """``1250`` → ``"12.50"``, as ``f"{records.from_cents(cents):.2f}"`` writes it (cached:
    a shop's prices repeat)."""
    sign, cents = ("-" if cents < 0 else ""), abs(cents)
    return f"{sign}{cents // 100}.{cents % 100:02d}"


def _kept(value: Any) -> bool:
    """Whether ``notebook_json._compact`` keeps ``value`` (it leaves out None, "" and [])."""
    return bool(value) or not (value is None or value == "" or value == [])


# The customer row's columns written under their own name when kept: (key, column).
_NAMES = (("given_name", 1), ("family_name", 2), ("preferred_name", 3), ("pronunciation", 4),
          ("company", 5), ("role", 6))


def _customer(rows: CustomerRows, compact) -> dict[str, Any]:
    # Built key by key in the file's order, each value only when kept (as _compact keeps it):
    # most customers have no facts, promises, problems or photo, and half a dozen empty texts.
    r, kids = rows.customer, rows.children
    emails, phones = kids["email"], kids["phone"]
    out: dict[str, Any] = {"id": f"c{r[0]}"}
    for key, column in _NAMES:
        value = r[column]
        if value or (value is not None and value != "" and value != []):  # as _kept
            out[key] = value
    if emails:
        out["emails"] = [e[1] for e in emails]
    if phones:
        out["phones"] = [p[1] for p in phones]
    if kids["tag"]:
        out["tags"] = [t[1] for t in kids["tag"]]
    out["email_labels"] = {e[1]: e[2] for e in emails if e[2]}  # kept even when empty
    out["phone_labels"] = {p[1]: p[2] for p in phones if p[2]}
    if r[7] is not None:
        out["referred_by"] = f"c{r[7]}"
    if r[8] is not None and _kept(r[8]):
        out["cadence_days"] = r[8]
    since = _day(r[9])
    if since is not None:
        out["customer_since"] = since
    for key, column in (("preferred_channels", 10), ("do_not_contact", 11)):
        channels = _channels(r[column]) if r[column] != "" else None  # most have none
        if channels:
            out[key] = channels
    for key, column in (("notes", 12), ("status", 13)):
        if r[column] or _kept(r[column]):
            out[key] = r[column]
    fields = {f[1]: f[2] for f in kids.get("field_value", ())}
    if fields:
        out["fields"] = fields
    if kids["address"]:
        out["addresses"] = [_address(a) for a in kids["address"]]
    if kids["fact"]:
        out["facts"] = [_fact(f) for f in kids["fact"]]
    if kids["milestone"]:
        out["milestones"] = [_texts({}, _MILESTONE, m, {
            "date": _partial(m[2], m[3], m[4]), "whose": m[5], "yearly": bool(m[6]),
            "note": m[7]}) for m in kids["milestone"]]
    if kids["interaction"]:
        out["interactions"] = [_interaction(i) for i in kids["interaction"]]
    if kids["purchase"]:
        out["purchases"] = [_purchase(p) for p in kids["purchase"]]
    if kids["promise"]:
        out["promises"] = [compact({"made": _day(p[2]), "due": _due(p[3]), "what": p[4],
                                    "status": p[5]}) for p in kids["promise"]]
    if kids["problem"]:
        out["problems"] = [_problem(p, rows.updates.get(p[1], ()), compact)
                           for p in kids["problem"]]
    if rows.photo:
        out["photo"] = {"mime": rows.photo[0],
                        "data": base64.b64encode(rows.photo[1]).decode("ascii")}
    return out


@lru_cache(maxsize=8192)
def _birthday(text: str) -> str:
    """A stored birthday as the file writes it (cached: a few thousand distinct days)."""
    return PartialDate.parse(text).iso()


# Each (key, column) whose text is written when it is not empty, as _compact leaves it out.
_MILESTONE = (("kind", 1),)


def _address(a: tuple) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, column in (("street", 1), ("city", 2), ("region", 3), ("postal_code", 4),
                        ("country", 5)):
        if a[column]:
            out[key] = a[column]
    out["mailing"] = bool(a[6])  # a flag is written even when false
    if a[7] is not None and a[7] != "":
        out["label"] = a[7]
    return out


_FACT = (("kind", 1), ("value", 2), ("relation", 3))
_PURCHASE = (("description", 3), ("currency", 4), ("source", 5), ("order_id", 6))


def _fact(f: tuple) -> dict[str, Any]:
    out = {key: f[column] for key, column in _FACT if f[column]}
    if f[4]:
        out["birthday"] = _birthday(f[4])
    return out


def _texts(out: dict[str, Any], keys: tuple, row: tuple, then: dict[str, Any]) -> dict:
    """``out`` with each of ``keys`` whose text in ``row`` is not empty, then the values of
    ``then`` that are not None or empty text (a flag is written even when false)."""
    for key, column in keys:
        if row[column]:
            out[key] = row[column]
    for key, value in then.items():
        if value is not None and value != "":
            out[key] = value
    return out


def _partial(month: int, day: int, year: int | None) -> str:
    """As ``PartialDate.iso`` writes a milestone's date."""
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


def _interaction(i: tuple) -> dict[str, Any]:
    # The channel is written only when it is not the one the kind implies (a call: phone).
    # Built key by key, as _compact leaves out empty text: a quarter of a million of them.
    day, kind, channel, summary = i[1], i[2], i[3], i[4]
    out = {"date": day if day and len(day) == 10 else _day(day)}
    if kind:
        out["kind"] = kind
    if channel is not None:  # stored as the kind implies it, nearly always
        implied = INTERACTION_CHANNEL.get(kind)
        if channel != implied and channel:
            out["channel"] = channel
    if summary:
        out["summary"] = summary
    return out


def _purchase(p: tuple) -> dict[str, Any]:
    day = p[1]
    out = {"date": day if day and len(day) == 10 else _day(day), "amount": _amount(p[2])}
    out.update((key, p[column]) for key, column in _PURCHASE if p[column])
    return out


def _due(text: str) -> str:
    """A promise's due: the date alone when no time of day was given (midnight)."""
    due = datetime.fromisoformat(text)
    if due.hour == 0 and due.minute == 0 and due.second == 0 and due.microsecond == 0:
        return due.date().isoformat()
    return due.isoformat(timespec="minutes")


def _problem(p: tuple, updates: Sequence[tuple], compact) -> dict[str, Any]:
    return compact({
        "opened": _day(p[2]), "summary": p[3], "status": p[4], "resolved": _day(p[5]),
        "waiting_on": p[6],
        "updates": [{"date": _day(day), "summary": summary} for day, summary in updates],
    })
