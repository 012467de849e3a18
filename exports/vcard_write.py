"""Writing customers as vCard 3.0 (RFC 2426) or 4.0 (RFC 6350) that phones, Outlook, Google
and Rapport re-read.

Text is escaped (``\\`` ``,`` ``;`` newline) and lines folded at 75 octets without splitting a
UTF-8 character; CRLF line ends. A date without a year is ``--MMDD`` in 4.0 and, since 3.0 has
no such form, Apple's ``BDAY;X-APPLE-OMIT-YEAR=1604:1604-MM-DD`` in 3.0 (Apple, Google and
Rapport read it as year-less; 1604 is a leap year, so Feb 29 stays). Family members as
``exports.vcard_family`` writes them. A phone, email or address whose label is no standard
type goes in an Apple-style group (``item1.TEL`` with ``item1.X-ABLabel``). The UID is a
UUID derived from the notebook's own random id and the customer's id: the same person keeps
it from one export to the next, and no two notebooks share one. A customer without a name is
written as other programs do: an empty N and the company, email or phone as FN.

vobject and the ``vcard`` validator read every file this writes (tests check it); we write the
text ourselves because vobject's serialiser takes ~0.5 ms a card, too slow for 50,000.
"""

from __future__ import annotations

import base64
import itertools
import re
import uuid
from collections.abc import Callable, Iterable, Mapping

from domain.model import Address, Customer, Milestone
from domain.text import escaped, file_text
from exports.vcard_family import write_family

MAX_OCTETS = 75
APPLE_NO_YEAR = 1604  # Apple's stand-in year for a date without one (a leap year)
# Type values in lower case, as RFC 2426's and 6350's examples (and strict validators) have
# them; readers compare them without case.
_TYPE_LABELS = {"home": "home", "work": "work", "other": "other"}
# The TYPE values each version defines (and home/work on EMAIL, which everyone writes).
_TEL_TYPES = {"3.0": {"home", "msg", "work", "voice", "fax", "cell", "video", "pager", "bbs",
                      "modem", "car", "isdn", "pcs"},
              "4.0": {"home", "work", "text", "voice", "fax", "cell", "video", "pager",
                      "textphone"}}
_EMAIL_TYPES = {"home", "work"}


# A text value backslash-escaped, the rule the iCalendar export shares: every kind of line
# break becomes ``\\n`` (one written raw cuts its line in two and vobject refuses the file),
# other controls are left out.
escape = escaped


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


def vcard_date(milestone: Milestone, version: str = "4.0") -> tuple[str, str]:
    """(parameters, value): ``1980-02-29``; without a year ``--0314`` in 4.0, Apple's
    ``X-APPLE-OMIT-YEAR=1604`` form in 3.0."""
    d = milestone.date
    if d.year is not None:
        return "", d.iso()
    if version == "4.0":
        return "", f"--{d.month:02d}{d.day:02d}"
    return (f";X-APPLE-OMIT-YEAR={APPLE_NO_YEAR}",
            f"{APPLE_NO_YEAR}-{d.month:02d}-{d.day:02d}")


def uid(notebook_id: uuid.UUID, customer_id: int) -> str:
    """The customer's UID: stable for this notebook, unlike any other notebook's."""
    return f"urn:uuid:{uuid.uuid5(notebook_id, str(customer_id))}"


def card(c: Customer, photo: tuple[str, bytes] | None = None, version: str = "3.0",
         notebook_id: uuid.UUID | None = None) -> str:
    """One customer as a vCard ``version`` block; ``photo`` is (mime type, image bytes);
    with ``notebook_id`` (and a saved customer) it has a UID."""
    groups = (f"item{n}" for n in itertools.count(1))
    lines = ["BEGIN:VCARD\r\n", f"VERSION:{version}\r\n",
             _line("N", f"{escape(c.family_name)};{escape(c.given_name)};;;"),
             _line("FN", escape(_full_name(c)))]
    if c.id is not None and notebook_id is not None:
        lines.append(_line("UID", uid(notebook_id, c.id)))
    lines += _optional(c)
    lines += _contacts(c, version, lambda: next(groups))
    lines += _addresses(c.addresses, lambda: next(groups), version)
    lines += _dates(c.milestones, version)
    lines += write_family(c.facts, version, _line, escape, lambda: next(groups))
    lines += own_fields(c)
    if photo:
        lines.append(_photo(photo, version))
    lines.append("END:VCARD\r\n")
    return "".join(lines)


def own_fields(c: Customer) -> list[str]:
    """The notebook's own fields as ``X-RAPPORT-INSEAM;X-NAME="Inseam":32`` (the name kept
    whole in its parameter: a property's own name allows only letters, digits and dashes),
    and the status as ``X-RAPPORT-STATUS``. A quoted parameter has no escapes in 3.0 and may
    hold no control character nor quote: a line break in a name is a space there."""
    out = [_line("X-RAPPORT-" + (re.sub(r"[^A-Z0-9]+", "-", name.upper()).strip("-")
                                 or "FIELD"),
                 escape(value), ';X-NAME="' + _quotable(name) + '"')
           for name, value in c.fields.items()]
    if c.status:
        out.append(_line("X-RAPPORT-STATUS", c.status))
    return out


def _quotable(name: str) -> str:
    return file_text(name).replace("\n", " ").replace('"', "'")


def _full_name(c: Customer) -> str:
    """FN: the name, else what other programs show for a nameless card (never a placeholder
    such as "(no name)", which comes back as a given name)."""
    name = " ".join(p for p in (c.given_name, c.family_name) if p)
    return name or c.preferred_name or c.company or next(iter(c.emails + c.phones), "")


def _contacts(c: Customer, version: str, next_group: Callable[[], str]) -> list[str]:
    out = []
    for email in c.emails:  # 3.0 marks every address INTERNET, as phones and Outlook do
        out += _typed("EMAIL", escape(email), c.email_labels.get(email, ""), _EMAIL_TYPES,
                      ["internet"] if version == "3.0" else [], next_group)
    for phone in c.phones:
        out += _typed("TEL", escape(phone), c.phone_labels.get(phone, ""),
                      _TEL_TYPES[version], [], next_group)
    return out


def _typed(name: str, value: str, label: str, known: set[str], always: list[str],
           next_group: Callable[[], str]) -> list[str]:
    """A phone or email with its label: as TYPEs when the version defines them all, else
    in a group with the label beside it."""
    words = [w for w in label.lower().split(",") if w]
    group = ""
    if not all(w in known for w in words):
        group, words = next_group(), []
    types = always + words
    lines = [_line(name, value, f";TYPE={','.join(types)}" if types else "", group)]
    return [*lines, _line("X-ABLabel", escape(label), group=group)] if group else lines


def _photo(photo: tuple[str, bytes], version: str) -> str:
    data = base64.b64encode(photo[1]).decode("ascii")
    if version == "4.0":
        return _line("PHOTO", f"data:{photo[0]};base64,{data}")
    kind = photo[0].rpartition("/")[2].upper() or "JPEG"
    return _line("PHOTO", data, f";ENCODING=b;TYPE={kind}")


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


def _addresses(addresses: list[Address], next_group: Callable[[], str],
               version: str = "3.0") -> list[str]:
    out = []
    # The mailing address: TYPE=pref in 3.0; 4.0 replaced that value by PREF=1 (RFC 6350 A).
    pref_type, pref_param = ("", ";PREF=1") if version == "4.0" else ("pref", "")
    for a in addresses:
        if a.is_empty():
            continue
        types = [t for t in (_TYPE_LABELS.get(a.label.casefold()), pref_type if a.mailing else "")
                 if t]
        params = (f";TYPE={','.join(types)}" if types else "") + (pref_param if a.mailing else "")
        value = ";".join(escape(p) for p in ("", "", a.street, a.city, a.region,
                                             a.postal_code, a.country))
        group = ""
        if a.label and a.label.casefold() not in _TYPE_LABELS:
            group = next_group()
        out.append(_line("ADR", value, params, group))
        if group:
            out.append(_line("X-ABLabel", escape(a.label), group=group))
    return out


def _dates(milestones: list[Milestone], version: str) -> list[str]:
    out = []
    own = [m for m in milestones if not m.whose]
    birthday = next((m for m in own if m.kind == "birthday"), None)
    anniversary = next((m for m in own if m.kind == "wedding_anniversary"), None)
    if birthday:
        params, value = vcard_date(birthday, version)
        out.append(_line("BDAY", value, params))
    if anniversary:
        params, value = vcard_date(anniversary, version)
        out.append(_line("ANNIVERSARY" if version == "4.0" else "X-ANNIVERSARY", value, params))
    return out


def dumps(customers: Iterable[Customer],
          photos: Mapping[int, tuple[str, bytes]] | None = None, version: str = "3.0",
          notebook_id: uuid.UUID | None = None) -> bytes:
    """A whole .vcf file (UTF-8, CRLF) for ``customers``, in vCard ``version``."""
    photos = photos or {}
    return "".join(card(c, photos.get(c.id), version, notebook_id)
                   for c in customers).encode("utf-8")
