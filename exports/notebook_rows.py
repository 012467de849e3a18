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
from storage.customer_rows import Chunk


def customers() -> Iterator[dict[str, Any]]:
    """Every customer's object for the file, in id order, a chunk of rows at a time."""
    from exports.notebook_json import _compact, _state  # the file's one writer of those

    for chunk in customer_rows.iter_rows():
        states: dict[int, list[SavedState]] = {}
        for s in saved_states.read_states_at(_positions(chunk), chunk.ids()):
            states.setdefault(s.owner, []).append(s)
        for row in chunk.customers:
            item = _customer(row, chunk, _compact)
            found = states.get(row[0])
            if found:
                item["suggestions"] = [_state(s) for s in found]
            yield item


def _positions(chunk: Chunk) -> dict[tuple[str, int], tuple[int, int]]:
    """(item, id) → (customer, position) of the chunk's promises and problems."""
    out = {}
    for item in ("promise", "problem"):
        for cid, rows in chunk.children[item].items():
            for n, row in enumerate(rows):
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


def _customer(r: tuple, chunk: Chunk, compact) -> dict[str, Any]:
    # Built key by key in the file's order, each value only when kept (as _compact keeps it:
    # None and "" left out, a zero kept): most customers have no facts, promises, problems or
    # photo, and half a dozen empty texts.
    (cid, given, family, preferred, pronunciation, company, role, referred_by, cadence, since,
     channels, dnc, notes, status) = r
    kids = chunk.children
    out: dict[str, Any] = {"id": f"c{cid}"}
    for key, value in (("given_name", given), ("family_name", family),
                       ("preferred_name", preferred), ("pronunciation", pronunciation),
                       ("company", company), ("role", role)):
        if value or (value is not None and value != ""):
            out[key] = value
    emails, phones, tags = kids["email"].get(cid), kids["phone"].get(cid), kids["tag"].get(cid)
    if emails:
        out["emails"] = [e[1] for e in emails]
    if phones:
        out["phones"] = [p[1] for p in phones]
    if tags:
        out["tags"] = [t[1] for t in tags]
    # kept even when empty
    out["email_labels"] = {e[1]: e[2] for e in emails if e[2]} if emails else {}
    out["phone_labels"] = {p[1]: p[2] for p in phones if p[2]} if phones else {}
    if referred_by is not None:
        out["referred_by"] = f"c{referred_by}"
    if cadence is not None and _kept(cadence):
        out["cadence_days"] = cadence
    if (since := _day(since)) is not None:
        out["customer_since"] = since
    if channels != "" and (channels := _channels(channels)):  # most have none
        out["preferred_channels"] = channels
    if dnc != "" and (dnc := _channels(dnc)):
        out["do_not_contact"] = dnc
    if notes or (notes is not None and notes != ""):
        out["notes"] = notes
    if status or (status is not None and status != ""):
        out["status"] = status
    _owned(out, cid, chunk, compact)
    return out


def _owned(out: dict[str, Any], cid: int, chunk: Chunk, compact) -> None:
    """Add to ``out`` what customer ``cid`` owns beyond their contact details."""
    kids = chunk.children
    found = kids["field_value"].get(cid) if "field_value" in kids else None  # older: none
    if found:
        fields = {f[1]: f[2] for f in found}
        if fields:
            out["fields"] = fields
    if found := kids["address"].get(cid):
        out["addresses"] = [_address(a) for a in found]
    if found := kids["fact"].get(cid):
        out["facts"] = _facts(found)
    if found := kids["milestone"].get(cid):
        out["milestones"] = [_milestone(m) for m in found]
    if found := kids["interaction"].get(cid):
        out["interactions"] = _interactions(found)
    if found := kids["purchase"].get(cid):
        out["purchases"] = _purchases(found)
    if found := kids["promise"].get(cid):
        out["promises"] = [compact({"made": _day(p[2]), "due": _due(p[3]), "what": p[4],
                                    "status": p[5]}) for p in found]
    if found := kids["problem"].get(cid):
        out["problems"] = [_problem(p, chunk.updates.get(p[1], ()), compact) for p in found]
    photo = chunk.photos.get(cid)
    if photo:
        out["photo"] = {"mime": photo[0], "data": base64.b64encode(photo[1]).decode("ascii")}


@lru_cache(maxsize=8192)
def _birthday(text: str) -> str:
    """A stored birthday as the file writes it (cached: a few thousand distinct days)."""
    return PartialDate.parse(text).iso()


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


# The lists below are built by one comprehension each, with the shape nearly every row has
# written inline and any other row by the function that writes every case: a call per row was
# a fifth of the export (half a million touches and sales at 50,000 customers). Each inline
# shape is exactly what that function gives for such a row.

def _facts(rows: list[tuple]) -> list[dict[str, Any]]:
    return [{"kind": kind, "value": value} if kind and value and not relation and not birthday
            else _fact(kind, value, relation, birthday)
            for _cid, kind, value, relation, birthday in rows]


def _fact(kind: Any, value: Any, relation: Any, birthday: Any) -> dict[str, Any]:
    out = {}
    if kind:
        out["kind"] = kind
    if value:
        out["value"] = value
    if relation:
        out["relation"] = relation
    if birthday:
        out["birthday"] = _birthday(birthday)
    return out


def _milestone(m: tuple) -> dict[str, Any]:
    # Empty texts left out, as _compact does (a zero is kept); the flag written even when false.
    _cid, kind, month, day, year, whose, yearly, note = m
    out: dict[str, Any] = {"kind": kind} if kind else {}
    out["date"] = _partial(month, day, year)
    if whose is not None and whose != "":
        out["whose"] = whose
    out["yearly"] = bool(yearly)
    if note is not None and note != "":
        out["note"] = note
    return out


def _partial(month: int, day: int, year: int | None) -> str:
    """As ``PartialDate.iso`` writes a milestone's date."""
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


_IMPLIED = INTERACTION_CHANNEL  # the channel a kind implies: not written (a call: phone)


def _interactions(rows: list[tuple]) -> list[dict[str, Any]]:
    implied = _IMPLIED.get
    return [{"date": day, "kind": kind, "summary": summary}
            if day and len(day) == 10 and kind and summary
            and (channel is None or channel == implied(kind) or not channel)
            else _interaction(day, kind, channel, summary)
            for _cid, day, kind, channel, summary in rows]


def _interaction(day: Any, kind: Any, channel: Any, summary: Any) -> dict[str, Any]:
    out = {"date": day if day and len(day) == 10 else _day(day)}
    if kind:
        out["kind"] = kind
    # Written only when it is not the one the kind implies (nearly always it is).
    if channel is not None and channel != _IMPLIED.get(kind) and channel:
        out["channel"] = channel
    if summary:
        out["summary"] = summary
    return out


def _purchases(rows: list[tuple]) -> list[dict[str, Any]]:
    return [{"date": day, "amount": _amount(cents), "description": description}
            if day and len(day) == 10 and description and not currency and not source
            and not order_id
            else _purchase(day, cents, description, currency, source, order_id)
            for _cid, day, cents, description, currency, source, order_id in rows]


def _purchase(day: Any, cents: int, description: Any, currency: Any, source: Any,
              order_id: Any) -> dict[str, Any]:
    out = {"date": day if day and len(day) == 10 else _day(day), "amount": _amount(cents)}
    for key, value in (("description", description), ("currency", currency),
                       ("source", source), ("order_id", order_id)):
        if value:
            out[key] = value
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
