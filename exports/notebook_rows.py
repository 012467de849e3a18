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


def _amount(cents: int) -> str:
    """``1250`` → ``"12.50"``, as ``f"{records.from_cents(cents):.2f}"`` writes it."""
    sign, cents = ("-" if cents < 0 else ""), abs(cents)
    return f"{sign}{cents // 100}.{cents % 100:02d}"


def _customer(rows: CustomerRows, compact) -> dict[str, Any]:
    r, kids = rows.customer, rows.children
    emails, phones = kids["email"], kids["phone"]
    fields = {f[1]: f[2] for f in kids.get("field_value", ())}
    return compact({
        "id": f"c{r[0]}",
        "given_name": r[1], "family_name": r[2], "preferred_name": r[3],
        "pronunciation": r[4], "company": r[5], "role": r[6],
        "emails": [e[1] for e in emails], "phones": [p[1] for p in phones],
        "tags": [t[1] for t in kids["tag"]],
        "email_labels": {e[1]: e[2] for e in emails if e[2]},
        "phone_labels": {p[1]: p[2] for p in phones if p[2]},
        "referred_by": None if r[7] is None else f"c{r[7]}", "cadence_days": r[8],
        "customer_since": _day(r[9]),
        "preferred_channels": _channels(r[10]), "do_not_contact": _channels(r[11]),
        "notes": r[12], "status": r[13], "fields": fields or None,
        "addresses": [_texts({}, _ADDRESS, a, {"mailing": bool(a[6]), "label": a[7]})
                      for a in kids["address"]],
        "facts": [_texts({}, _FACT, f, {
            "birthday": PartialDate.parse(f[4]).iso() if f[4] else None}) for f in kids["fact"]],
        "milestones": [_texts({}, _MILESTONE, m, {
            "date": _partial(m[2], m[3], m[4]), "whose": m[5], "yearly": bool(m[6]),
            "note": m[7]}) for m in kids["milestone"]],
        "interactions": [_interaction(i) for i in kids["interaction"]],
        "purchases": [_purchase(p) for p in kids["purchase"]],
        "promises": [compact({"made": _day(p[2]), "due": _due(p[3]), "what": p[4],
                              "status": p[5]}) for p in kids["promise"]],
        "problems": [_problem(p, rows.updates.get(p[1], ()), compact)
                     for p in kids["problem"]],
        "photo": {"mime": rows.photo[0],
                  "data": base64.b64encode(rows.photo[1]).decode("ascii")}
        if rows.photo else None,
    })


# Each (key, column) whose text is written when it is not empty, as _compact leaves it out.
_ADDRESS = (("street", 1), ("city", 2), ("region", 3), ("postal_code", 4), ("country", 5))
_FACT = (("kind", 1), ("value", 2), ("relation", 3))
_MILESTONE = (("kind", 1),)


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
    out = {"date": _day(i[1])}
    if i[2]:
        out["kind"] = i[2]
    implied = INTERACTION_CHANNEL.get(i[2])
    channel = implied if i[3] is None else i[3]
    if channel != implied and channel:
        out["channel"] = channel
    if i[4]:
        out["summary"] = i[4]
    return out


def _purchase(p: tuple) -> dict[str, Any]:
    out = {"date": _day(p[1]), "amount": _amount(p[2])}
    if p[3]:
        out["description"] = p[3]
    if p[4]:
        out["currency"] = p[4]
    if p[5]:
        out["source"] = p[5]
    if p[6]:
        out["order_id"] = p[6]
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
