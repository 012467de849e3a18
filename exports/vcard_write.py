"""Writing customers as vCard 3.0 (RFC 2426) that phones, Outlook, Google and Rapport re-read.

Text is escaped (``\\`` ``,`` ``;`` newline) and lines folded at 75 octets without splitting a
UTF-8 character; CRLF line ends. A birthday without a year is written ``--MMDD`` (RFC 6350's
form, which Apple, Google and Android read); the anniversary as ``X-ANNIVERSARY``. An
address with a label of its own goes in an Apple-style group (``item1.ADR`` with
``item1.X-ABLabel``). vobject reads every file this writes (a test checks it); we write the
text ourselves because vobject's serialiser takes ~0.5 ms a card, too slow for 50,000.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Mapping

from domain.model import Address, Customer, Milestone

MAX_OCTETS = 75
_TYPE_LABELS = {"home": "HOME", "work": "WORK", "other": "OTHER"}


def escape(text: str) -> str:
    """Backslash-escape a text value."""
    return (text.replace("\\", "\\\\").replace("\r\n", "\n").replace("\n", "\\n")
            .replace(",", "\\,").replace(";", "\\;"))


def fold(line: str) -> str:
    """``line`` folded into CRLF-ended pieces of at most 75 octets each."""
    out: list[str] = []
    piece, size, limit = [], 0, MAX_OCTETS
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            out.append("".join(piece))
            piece, size, limit = [], 0, MAX_OCTETS - 1  # continuation lines start with a space
        piece.append(ch)
        size += width
    out.append("".join(piece))
    return "\r\n ".join(out) + "\r\n"


def _line(name: str, value: str, params: str = "", group: str = "") -> str:
    prefix = f"{group}." if group else ""
    return fold(f"{prefix}{name}{params}:{value}")


def vcard_date(milestone: Milestone) -> str:
    """``1980-02-29``, or ``--0314`` when the year is unknown."""
    d = milestone.date
    return d.iso() if d.year is not None else f"--{d.month:02d}{d.day:02d}"


def card(c: Customer, photo: tuple[str, bytes] | None = None) -> str:
    """One customer as a vCard 3.0 block; ``photo`` is (mime type, image bytes)."""
    full = " ".join(p for p in (c.given_name, c.family_name) if p) or c.company \
        or c.preferred_name or c.display_name
    lines = ["BEGIN:VCARD\r\n", "VERSION:3.0\r\n",
             _line("N", f"{escape(c.family_name)};{escape(c.given_name)};;;"),
             _line("FN", escape(full))]
    if c.id is not None:
        lines.append(_line("UID", f"rapport-customer-{c.id}"))
    lines += _optional(c)
    lines += [_line("EMAIL", escape(e), ";TYPE=INTERNET") for e in c.emails]
    lines += [_line("TEL", escape(p)) for p in c.phones]
    lines += _addresses(c.addresses)
    lines += _dates(c.milestones)
    if photo:
        kind = photo[0].rpartition("/")[2].upper() or "JPEG"
        lines.append(_line("PHOTO", base64.b64encode(photo[1]).decode("ascii"),
                           f";ENCODING=b;TYPE={kind}"))
    lines.append("END:VCARD\r\n")
    return "".join(lines)


def _optional(c: Customer) -> list[str]:
    out = []
    if c.preferred_name:
        out.append(_line("NICKNAME", escape(c.preferred_name)))
    if c.company:
        out.append(_line("ORG", escape(c.company)))
    if c.role:
        out.append(_line("TITLE", escape(c.role)))
    if c.notes:
        out.append(_line("NOTE", escape(c.notes)))
    if c.tags:
        out.append(_line("CATEGORIES", ",".join(escape(t) for t in c.tags)))
    return out


def _addresses(addresses: list[Address]) -> list[str]:
    out, groups = [], 0
    for a in addresses:
        if a.is_empty():
            continue
        types = [t for t in (_TYPE_LABELS.get(a.label.casefold()), "PREF" if a.mailing else "")
                 if t]
        params = f";TYPE={','.join(types)}" if types else ""
        value = ";".join(escape(p) for p in ("", "", a.street, a.city, a.region,
                                             a.postal_code, a.country))
        group = ""
        if a.label and a.label.casefold() not in _TYPE_LABELS:
            groups += 1
            group = f"item{groups}"
        out.append(_line("ADR", value, params, group))
        if group:
            out.append(_line("X-ABLabel", escape(a.label), group=group))
    return out


def _dates(milestones: list[Milestone]) -> list[str]:
    out = []
    own = [m for m in milestones if not m.whose]
    birthday = next((m for m in own if m.kind == "birthday"), None)
    anniversary = next((m for m in own if m.kind == "wedding_anniversary"), None)
    if birthday:
        out.append(_line("BDAY", vcard_date(birthday)))
    if anniversary:
        out.append(_line("X-ANNIVERSARY", vcard_date(anniversary)))
    return out


def dumps(customers: Iterable[Customer],
          photos: Mapping[int, tuple[str, bytes]] | None = None) -> bytes:
    """A whole .vcf file (UTF-8, CRLF) for ``customers``."""
    photos = photos or {}
    return "".join(card(c, photos.get(c.id)) for c in customers).encode("utf-8")
