"""The notebook JSON format, version 1: the one file that holds everything (DESIGN §4).

Output is deterministic so that export → import into an empty notebook → export gives the same
bytes: keys in a fixed order, lists in the notebook's order, UTF-8 without escapes, a trailing
newline. Each customer, template and card is one line, so the file reads and diffs entity by
entity and 50,000 customers export in seconds (``python -m json.tool`` pretty-prints it).
Keys whose value is empty (``""``, ``[]``, ``null``) are left out; on import every key
is optional except ``format``, ``version`` and each customer's ``id``. Customers are ``"c12"``,
templates ``"t3"``: the notebook's own numbers, kept on import where they are free.

Each customer may carry ``"suggestions"``: the snoozes and dismissals of their Today
suggestions, ``{"key": "promise_due:c12.p0", "snoozed_until": "2026-12-20", "dismissed":
true}``, the key's numbers written as references the file resolves (``c12``, ``c12.p0`` their
first promise, ``c12.q1`` their second problem; domain.outreach.keys), so they follow a
renumbering. Files without them import as before; an older Rapport ignores the key (as any
key it does not know) and brings back every snoozed or dismissed suggestion.
"""

from __future__ import annotations

import base64
import io
import json
from collections.abc import Iterator, Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, BinaryIO

from domain.model import (
    INTERACTION_CHANNEL,
    Address,
    Card,
    Customer,
    CustomField,
    Fact,
    Interaction,
    Milestone,
    Problem,
    Promise,
    Purchase,
    Template,
)
from domain.outreach.keys import SavedState, file_key
from exports import notebook_rows
from exports.atomic import write_atomic_with
from exports.json_reader import FORMAT, VERSION, NotebookFileError
from exports.registry import ImportReport
from storage import bulk, bulk_stream, collector, custom_fields

__all__ = ["NotebookFileError", "check_file", "dumps", "export_file", "import_file", "loads"]


def export_file(path: Path) -> int:
    """Write the open notebook to ``path``; return how many customers it holds.

    Streamed: customers are read a chunk at a time and written one line each, so memory
    stays flat in the notebook's size (the bytes are those :func:`dumps` gives)."""
    with collector.paused(), bulk.reading():
        return write_atomic_with(Path(path), _write_notebook)


def _write_notebook(out: BinaryIO) -> int:
    return _write_sections(out, [
        ("format", FORMAT), ("version", VERSION), ("customers", notebook_rows.customers()),
        ("templates", (_template(t) for t in bulk.load_templates())),
        ("cards", (_card(c) for c in bulk.iter_cards())),
        ("settings", bulk.load_settings()),
        ("tag_settings", _tag_settings(bulk.load_tag_settings())),
        ("fields", _fields(custom_fields.definitions())),
    ])["customers"]


def import_file(path: Path) -> ImportReport:
    """Add the notebook file at ``path`` to the open notebook; nothing is written if it is bad.

    Raises :class:`NotebookFileError` (a ValueError) naming the first bad field.
    """
    from exports.notebook_stream import read_notebook, wanted_max  # late: an export needs
    # neither the checks nor the template sandbox they load

    path = Path(path)
    with collector.paused(), path.open("rb") as fh:
        result = bulk_stream.write_stream(read_notebook(fh), lambda: wanted_max(path))
    return _report(path.name, result)


def check_file(path: Path) -> int:
    """Check the whole notebook file at ``path`` without writing anything; return how many
    customers it holds. Raises :class:`NotebookFileError` as an import would."""
    from exports.notebook_stream import read_notebook

    count = 0
    with collector.paused(), Path(path).open("rb") as fh:
        for item in read_notebook(fh):
            if isinstance(item, bulk_stream.CustomerBatch):
                count += len(item.customers)
    return count


def loads(data: bytes) -> bulk.NotebookContent:
    """Check and read a whole notebook file into plain data, without touching the notebook."""
    from exports.notebook_parse import parse_notebook

    return parse_notebook(data)


def dumps(content: bulk.NotebookContent) -> bytes:
    """The notebook file's bytes for ``content``: one customer, template or card per line."""
    states: dict[int | None, list[SavedState]] = {}
    for state in content.states:
        states.setdefault(state.owner, []).append(state)
    sections = [
        ("format", FORMAT), ("version", VERSION),
        ("customers", (_customer(c, content.photos.get(c.id), states.get(c.id, []))
                       for c in content.customers)),
        ("templates", (_template(t) for t in content.templates)),
        ("cards", (_card(c) for c in content.cards)),
        ("settings", content.settings),
        ("tag_settings", _tag_settings(content.tag_settings)),
        ("fields", _fields(content.fields)),
    ]
    out = io.BytesIO()
    _write_sections(out, sections)
    return out.getvalue()


def _tag_settings(tag_settings: dict[str, int | None]) -> dict[str, Any]:
    return {name: _compact({"cadence_days": days}) for name, days in tag_settings.items()}


def _fields(fields: Sequence[CustomField]) -> list[dict[str, str]]:
    return [{"name": f.name, "kind": f.kind} for f in fields]


def _write_sections(out: BinaryIO, sections: Sequence[tuple[str, Any]]) -> dict[str, int]:
    """The file: ``{``, then each section, a list given as an iterator one item per line;
    how many items each such list had."""
    # Written piece by piece as UTF-8: joined into one str, a single letter beyond Latin-1
    # doubles every character and the copies reach 600 MB at 50,000 customers.
    counts = {}
    out.write(b"{")
    for n, (key, value) in enumerate(sections):
        out.write((b",\n " if n else b"\n ") + _json(key) + b": ")
        if isinstance(value, Iterator):
            counts[key] = _write_lines(out, value)
        else:
            out.write(_json(value))
    out.write(b"\n}\n")
    return counts


def _json(value: Any) -> bytes:
    return _ENCODER.encode(value).encode()


# Without indent, json uses its C encoder: 3× faster on a 50,000-customer notebook. One
# encoder for every line: json.dumps would make a new one each time. No check for circular
# references (the same bytes; an eighth of the encoding's time): the values written are
# fresh trees of dicts and lists, never a cycle.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "), check_circular=False)


def _write_lines(out: BinaryIO, items: Iterator[Any]) -> int:
    """A JSON list with one element per line (readable, and diffs line by line); how many."""
    out.write(b"[")
    count, encode = 0, _ENCODER.encode
    for item in items:
        out.write((b",\n  " if count else b"\n  ") + encode(item).encode())  # one write a line
        count += 1
    out.write(b"\n ]" if count else b"]")
    return count


def _report(source: str, result: bulk.WriteResult) -> ImportReport:
    report = ImportReport(source, added=result.customers)
    if result.renumbered:
        report.problems.append(f"{result.renumbered} customers got new numbers because theirs "
                               "were taken in this notebook; their referrals and cards follow.")
    if result.templates_reused:
        report.problems.append(f"{result.templates_reused} templates were already here and "
                               "were not added twice.")
    if result.settings_kept:
        report.problems.append("Kept this notebook's own settings for: "
                               + ", ".join(result.settings_kept) + ".")
    return report


# --- one entity each ---------------------------------------------------------------------

def _compact(fields: dict[str, Any]) -> dict[str, Any]:
    """Leave out empty values: the file stays small and readable at 50,000 customers."""
    # A truthy value is kept at once: only the few empty ones are compared (a third faster).
    return {k: v for k, v in fields.items() if v or not (v is None or v == "" or v == [])}


def customer_key(customer_id: int | None) -> str | None:
    return None if customer_id is None else f"c{customer_id}"


def template_key(template_id: int | None) -> str | None:
    return None if template_id is None else f"t{template_id}"


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _customer(c: Customer, photo: tuple[str, bytes] | None,
              states: Sequence[SavedState] = ()) -> dict[str, Any]:
    return _compact({
        "id": customer_key(c.id),
        "given_name": c.given_name, "family_name": c.family_name,
        "preferred_name": c.preferred_name, "pronunciation": c.pronunciation,
        "company": c.company, "role": c.role,
        "emails": c.emails, "phones": c.phones, "tags": c.tags,
        "email_labels": c.email_labels, "phone_labels": c.phone_labels,
        "referred_by": customer_key(c.referred_by), "cadence_days": c.cadence_days,
        "customer_since": _iso(c.customer_since),
        "preferred_channels": c.preferred_channels, "do_not_contact": c.do_not_contact,
        "notes": c.notes, "status": c.status, "fields": c.fields or None,
        "addresses": [_address(a) for a in c.addresses],
        "facts": [_fact(f) for f in c.facts],
        "milestones": [_milestone(m) for m in c.milestones],
        "interactions": [_interaction(i) for i in c.interactions],
        "purchases": [_purchase(p) for p in c.purchases],
        "promises": [_promise(p) for p in c.promises],
        "problems": [_problem(p) for p in c.problems],
        "photo": {"mime": photo[0], "data": base64.b64encode(photo[1]).decode("ascii")}
        if photo else None,
        "suggestions": [_state(s) for s in states],
    })


def _state(s: SavedState) -> dict[str, Any]:
    """A snooze or dismissal: the suggestion's key with references the file resolves."""
    return _compact({"key": file_key(s, customer_key), "snoozed_until": _iso(s.snoozed_until),
                     "dismissed": s.dismissed or None})


def _address(a: Address) -> dict[str, Any]:
    return _compact({"street": a.street, "city": a.city, "region": a.region,
                     "postal_code": a.postal_code, "country": a.country,
                     "mailing": a.mailing, "label": a.label})


def _fact(f: Fact) -> dict[str, Any]:
    return _compact({"kind": f.kind, "value": f.value, "relation": f.relation,
                     "birthday": f.birthday.iso() if f.birthday else None})


def _milestone(m: Milestone) -> dict[str, Any]:
    return _compact({"kind": m.kind, "date": m.date.iso(), "whose": m.whose,
                     "yearly": m.yearly, "note": m.note})


def _interaction(i: Interaction) -> dict[str, Any]:
    # The channel is written only when it is not the one the kind implies (a call: phone).
    implied = INTERACTION_CHANNEL.get(i.kind)  # as Interaction.__post_init__ fills it in
    return _compact({"date": i.when.isoformat(), "kind": i.kind,
                     "channel": i.channel if i.channel != implied else None,
                     "summary": i.summary})


def _purchase(p: Purchase) -> dict[str, Any]:
    return _compact({"date": p.when.isoformat(), "amount": f"{p.amount:.2f}",
                     "description": p.description, "currency": p.currency,
                     "source": p.source, "order_id": p.order_id})


def due_text(due: datetime) -> str:
    """A promise's due: the date alone when no time of day was given (midnight)."""
    if due.time() == time(0, 0):
        return due.date().isoformat()
    return due.isoformat(timespec="minutes")


def _promise(p: Promise) -> dict[str, Any]:
    return _compact({"made": p.made.isoformat(), "due": due_text(p.due), "what": p.what,
                     "status": p.status})


def _problem(p: Problem) -> dict[str, Any]:
    return _compact({
        "opened": p.opened.isoformat(), "summary": p.summary, "status": p.status,
        "resolved": _iso(p.resolved), "waiting_on": p.waiting_on,
        "updates": [{"date": u.when.isoformat(), "summary": u.summary} for u in p.updates],
    })


def _template(t: Template) -> dict[str, Any]:
    return _compact({"id": template_key(t.id), "occasion": t.occasion, "name": t.name,
                     "variant": t.variant, "card_format": t.card_format, "body": t.body,
                     "signature": t.signature, "builtin": t.builtin})


def _card(c: Card) -> dict[str, Any]:
    return _compact({"customer": customer_key(c.customer_id), "occasion": c.occasion,
                     "template": template_key(c.template_id), "card_format": c.card_format,
                     "status": c.status, "created": _iso(c.created),
                     "printed": _iso(c.printed), "mailed": _iso(c.mailed), "text": c.text})
