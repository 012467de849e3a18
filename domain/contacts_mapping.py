"""Which CSV column means what: Google, Outlook and Thunderbird presets, else a guess.

A :class:`ColumnMapping` lists every column of the file with its target (or none), so an
import dialog can show it as a table of drop-downs and hand it back edited. ``to_customer``
turns one row into a customer with it. Pure: no files, no Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from domain.contacts import (
    DEFAULT_REGION,
    clean_email,
    normalise_phone,
    parse_contact_date,
    split_full_name,
    unique,
)
from domain.contacts_dates import APPLE_NO_YEAR
from domain.contacts_extras import (
    EXTRA_TARGETS,
    FAMILY_HEADERS,
    OWN_FIELD_PREFIX,
    read_extras,
)
from domain.dates import PartialDate
from domain.model import Address, Customer, Milestone
from domain.text import fold

TARGETS = {
    "": "(not imported)", "given_name": "Given name", "middle_name": "Middle name",
    "family_name": "Family name", "full_name": "Full name", "nickname": "Preferred name",
    "company": "Company", "role": "Job title", "email": "Email", "phone": "Phone",
    "street": "Street", "city": "City", "region": "State / region",
    "postal_code": "Postal code", "country": "Country", "address_label": "Address label",
    "birthday": "Birthday", "anniversary": "Anniversary", "tags": "Tags", "notes": "Notes",
    "event_label": "Date label", "event_value": "Date", **EXTRA_TARGETS,
}
ADDRESS_PARTS = ("street", "city", "region", "postal_code", "country")
# Google marks its own groups with "* "; these two are not the owner's tags.
_GOOGLE_SYSTEM_GROUPS = frozenset({"mycontacts", "starred"})


@dataclass(slots=True)
class Column:
    """One column of the file and what it fills; ``group`` tells addresses apart."""

    header: str
    target: str = ""
    group: int = 1
    label: str = ""  # for address parts: home / work / other


@dataclass(slots=True)
class ColumnMapping:
    columns: list[Column] = field(default_factory=list)
    preset: str = "custom"  # google / outlook / thunderbird / rapport / guessed / custom
    tag_separator: str = ","
    value_separator: str = ""  # Google puts several values in one cell: "a ::: b"
    day_first: bool | None = None  # the owner's choice in the preview; None: decide per file

    def used(self) -> list[Column]:
        return [c for c in self.columns if c.target]

    def ignored_headers(self) -> list[str]:
        return [c.header for c in self.columns if not c.target and c.header]


# --- presets ---------------------------------------------------------------------------------

_GOOGLE_RULES = [
    (r"(first|given) name", "given_name"), (r"(middle|additional) name", "middle_name"),
    (r"(last|family) name", "family_name"), (r"name", "full_name"),
    (r"nickname", "nickname"), (r"organi[sz]ation( \d+ -)? name", "company"),
    (r"organi[sz]ation( \d+ -)? title", "role"), (r"birthday", "birthday"),
    (r"notes", "notes"), (r"labels|group membership", "tags"),
    (r"e-mail \d+ - value", "email"), (r"phone \d+ - value", "phone"),
    (r"address (\d+) - (street|po box|extended address)", "street"),
    (r"address (\d+) - city", "city"), (r"address (\d+) - region", "region"),
    (r"address (\d+) - postal code", "postal_code"), (r"address (\d+) - country", "country"),
    (r"address (\d+) - (label|type)", "address_label"),
    (r"event (\d+) - (label|type)", "event_label"), (r"event (\d+) - value", "event_value"),
    (r"relation (\d+) - (label|type)", "relation_label"), (r"relation (\d+) - value", "family"),
]
_OUTLOOK_RULES = [
    (r"first name", "given_name"), (r"middle name", "middle_name"),
    (r"last name", "family_name"), (r"nickname", "nickname"), (r"company", "company"),
    (r"job title", "role"), (r"e-mail( \d)? address", "email"),
    (r"(primary|home|business|mobile|other|car|company main) phone( \d)?", "phone"),
    (r"(home|business|other) street( \d)?", "street"), (r"(home|business|other) city", "city"),
    (r"(home|business|other) state", "region"),
    (r"(home|business|other) postal code", "postal_code"),
    (r"(home|business|other) country(/region)?", "country"),
    (r"(home|business|other) address po box", "street"),
    (r"birthday", "birthday"), (r"anniversary", "anniversary"),
    (r"categories", "tags"), (r"notes", "notes"),
]
_THUNDERBIRD_RULES = [
    (r"first name", "given_name"), (r"last name", "family_name"),
    (r"display name", "full_name"), (r"nickname", "nickname"),
    (r"(primary|secondary) email", "email"), (r"(work|home) phone|mobile number", "phone"),
    (r"(home|work) address( 2)?", "street"), (r"(home|work) city", "city"),
    (r"(home|work) state", "region"), (r"(home|work) zipcode", "postal_code"),
    (r"(home|work) country", "country"), (r"job title", "role"),
    (r"organi[sz]ation", "company"), (r"birth year", "birth_year"),
    (r"birth month", "birth_month"), (r"birth day", "birth_day"), (r"notes", "notes"),
]
# A word before an address part tells the addresses apart: (group, label).
_QUALIFIERS = {"home": (1, "home"), "private": (1, "home"), "business": (2, "work"),
               "work": (2, "work"), "office": (2, "work"), "other": (3, "other")}


def _by_rules(headers: list[str], rules: list[tuple[str, str]], preset: str) -> list[Column]:
    compiled = [(re.compile(f"^{pattern}$", re.IGNORECASE), target) for pattern, target in rules]
    out = []
    for header in headers:
        column = Column(header)
        for pattern, target in compiled:
            if m := pattern.match(header.strip()):
                column.target = target
                _set_group(column, m, preset)
                break
        out.append(column)
    return out


def _set_group(column: Column, m: re.Match, preset: str) -> None:
    first = m.group(1) if m.re.groups else None
    if preset == "google" and first and first.isdigit():
        column.group = int(first)
    elif first and first.lower() in _QUALIFIERS:
        column.group, column.label = _QUALIFIERS[first.lower()]


_GOOGLE_NUMBERED = re.compile(r"^(e-mail|phone|address|organization|event|relation) \d+ - ")


def is_google(headers: list[str]) -> bool:
    """Google's headers number repeated fields: ``E-mail 1 - Value``, ``Phone 2 - Label``."""
    names = [h.strip().casefold() for h in headers]
    return "group membership" in names or any(_GOOGLE_NUMBERED.match(h) for h in names)


def is_outlook(headers: list[str]) -> bool:
    names = {h.strip().casefold() for h in headers}
    # Two of these: one alone ("E-mail Address") is common in any spreadsheet.
    return len({"e-mail address", "mobile phone", "home street", "business street",
                "home postal code", "business postal code", "e-mail display name"}
               & names) >= 2


def is_thunderbird(headers: list[str]) -> bool:
    """Thunderbird's own names: ``Primary Email``, ``Home ZipCode``, ``Birth Year``."""
    names = {h.strip().casefold() for h in headers}
    return len({"primary email", "home zipcode", "work zipcode", "birth year"} & names) >= 2


def detect_mapping(headers: list[str]) -> ColumnMapping:
    """The Google, Outlook or Thunderbird preset when the header row is theirs, else a guess
    by name. Family columns (``Spouse``, ``Children``) are recognised in every layout."""
    if is_google(headers):
        mapping = ColumnMapping(_by_rules(headers, _GOOGLE_RULES, "google"), "google",
                                " ::: ", " ::: ")
    elif is_outlook(headers):
        mapping = ColumnMapping(_by_rules(headers, _OUTLOOK_RULES, "outlook"), "outlook", ";")
    elif is_thunderbird(headers):
        mapping = ColumnMapping(_by_rules(headers, _THUNDERBIRD_RULES, "thunderbird"),
                                "thunderbird", ",")
    else:
        mapping = ColumnMapping(_one_place([guess_column(h) for h in headers]), "guessed", ",")
    for column in mapping.columns:
        relation = FAMILY_HEADERS.get(fold(column.header).strip())
        if relation and not column.target:
            column.target, column.label = "family", relation
    return mapping


# --- guessing from a header --------------------------------------------------------------

_EXACT = {
    "first name": "given_name", "firstname": "given_name", "given name": "given_name",
    "forename": "given_name", "vorname": "given_name", "prenom": "given_name",
    "nombre": "given_name", "last name": "family_name", "lastname": "family_name",
    "surname": "family_name", "family name": "family_name", "nachname": "family_name",
    "apellido": "family_name", "apellidos": "family_name", "name": "full_name",
    "full name": "full_name", "display name": "full_name", "contact": "full_name",
    "customer": "full_name", "client": "full_name", "middle name": "middle_name",
    "nickname": "nickname", "preferred name": "nickname", "known as": "nickname",
    "company": "company", "organization": "company", "organisation": "company",
    "business": "company", "firma": "company", "title": "role", "job title": "role",
    "position": "role", "role": "role", "street": "street", "address": "street",
    "street address": "street", "address 1": "street", "address line 1": "street",
    "address 2": "street", "address line 2": "street", "strasse": "street",
    "city": "city", "town": "city", "ort": "city", "stadt": "city", "ville": "city",
    "state": "region", "region": "region", "province": "region", "county": "region",
    "zip": "postal_code", "zip code": "postal_code", "zipcode": "postal_code",
    "postcode": "postal_code", "postal code": "postal_code", "plz": "postal_code",
    "country": "country", "land": "country", "pays": "country", "birthday": "birthday",
    "birth date": "birthday", "date of birth": "birthday", "dob": "birthday",
    "geburtstag": "birthday", "anniversary": "anniversary", "tags": "tags",
    "tag": "tags", "categories": "tags", "category": "tags", "labels": "tags",
    "groups": "tags", "notes": "notes", "note": "notes", "comments": "notes",
    "comment": "notes", "notizen": "notes", "remarks": "notes",
    # the usual spreadsheet synonyms (Apple Numbers, Excel, web shops)
    "state province": "region", "province state": "region", "state region": "region",
    "zip postal code": "postal_code", "postal zip code": "postal_code",
    "post code": "postal_code", "zip postal": "postal_code", "postleitzahl": "postal_code",
    "country region": "country", "street 2": "street", "street 3": "street",
    "street address 2": "street", "address 3": "street", "address line 3": "street",
    "suburb": "city", "locality": "city",
    "birth year": "birth_year", "birth month": "birth_month", "birth day": "birth_day",
    "customer since": "customer_since", "client since": "customer_since",
    "last touch": "last_touch", "last contact": "last_touch",
    "do not contact": "do_not_contact", "dont contact": "do_not_contact",
    "status": "status",
    "spouse": "family", "partner": "family", "children": "family",
    "company name": "company", "business name": "company", "organization name": "company",
}
_CONTAINS = (("mail", "email"), ("phone", "phone"), ("mobile", "phone"), ("cell", "phone"),
             ("telefon", "phone"), ("tel", "phone"), ("birth", "birthday"), ("note", "notes"))


def guess_target(header: str) -> str:
    """The likely target of a column called ``header``, or ``""``."""
    words = " ".join(re.findall(r"[a-z0-9]+", fold(header)))
    if words in _EXACT:
        return _EXACT[words]
    return next((target for part, target in _CONTAINS if part in words.split()
                 or (len(part) > 3 and part in words)), "")


def _one_place(columns: list[Column]) -> list[Column]:
    """"Work City" beside a plain "ZIP": with one named place, the plain parts are its too."""
    places = {(c.group, c.label) for c in columns if c.target in ADDRESS_PARTS and c.label}
    if len(places) == 1:
        group, label = places.pop()
        for c in columns:
            if c.target in ADDRESS_PARTS and not c.label:
                c.group, c.label = group, label
    return columns


def guess_column(header: str) -> Column:
    """A guessed column; ``Work City`` or ``Home Street`` is an address part of that place."""
    if header.strip().casefold().startswith(OWN_FIELD_PREFIX.casefold()):
        return Column(header, "own_field")
    target = guess_target(header)
    first, _, rest = " ".join(re.findall(r"[a-z0-9]+", fold(header))).partition(" ")
    if first in _QUALIFIERS and rest:
        part = _EXACT.get(rest) or guess_target(rest)
        if part in ADDRESS_PARTS:
            group, label = _QUALIFIERS[first]
            return Column(header, part, group, label)
        if part in ("phone", "email"):  # "Work Mobile", "Private E-mail"
            target = target or part
    return Column(header, target)


# --- one row → one customer ------------------------------------------------------------------

def clean_cell(cell: str) -> str:
    """A cell's text: trimmed, newlines as ``\\n``. (The formula guard of Rapport's own CSV
    export is taken off before, by ``exports.csv_import``, only in files that carry its mark.)"""
    return cell.replace("\r\n", "\n").replace("\r", "\n").strip()


def to_customer(cells: list[str], mapping: ColumnMapping, region: str = DEFAULT_REGION,
                where: str = "", day_first: bool | None = None) -> tuple[Customer, list[str]]:
    """The customer in one row, and warnings about values that had to be left out.

    ``day_first`` is the file's date order (``domain.contacts_dates.decide``)."""
    values: dict[str, list[tuple[Column, str]]] = {}
    for column, cell in zip(mapping.columns, cells, strict=False):
        text = clean_cell(cell)
        if column.target and text:
            values.setdefault(column.target, []).append((column, text))
    warnings: list[str] = []
    c = Customer()
    _names(c, values)
    c.company, c.role = _first(values, "company"), _first(values, "role")
    c.emails = unique([clean_email(v) for v in _many(values, "email", mapping)])
    c.phones = unique([normalise_phone(v, region) for v in _many(values, "phone", mapping)])
    c.addresses = _addresses(values)
    c.tags = _tags(values, mapping)
    c.notes = "\n\n".join(text for _, text in values.get("notes", ()))
    c.milestones = _milestones(values, warnings, where, day_first)
    read_extras(c, values, warnings, where, day_first)
    return c, warnings


def _first(values: dict, target: str) -> str:
    found = values.get(target)
    return found[0][1] if found else ""


def _many(values: dict, target: str, mapping: ColumnMapping) -> list[str]:
    texts = [text for _, text in values.get(target, ())]
    if mapping.value_separator:
        texts = [part for text in texts for part in text.split(mapping.value_separator)]
    return texts


def _names(c: Customer, values: dict) -> None:
    c.given_name, c.family_name = _first(values, "given_name"), _first(values, "family_name")
    full = _first(values, "full_name")
    if full and not (c.given_name or c.family_name):
        c.given_name, c.family_name = split_full_name(full)
    c.preferred_name = _first(values, "nickname")


def _addresses(values: dict) -> list[Address]:
    groups: dict[int, dict[str, list[str]]] = {}
    labels: dict[int, str] = {}
    for target in (*ADDRESS_PARTS, "address_label"):
        for column, text in values.get(target, ()):
            if target == "address_label":
                labels[column.group] = text.strip("* ").lower()
                continue
            groups.setdefault(column.group, {}).setdefault(target, []).append(text)
            labels.setdefault(column.group, column.label)
    out = [_address(groups[group], labels.get(group, "")) for group in sorted(groups)]
    if out:
        out[0].mailing = True
    return out


def _address(parts: dict[str, list[str]], label: str) -> Address:
    """One address from its parts' cells: street lines on lines, other cells after commas."""
    def joined(part: str) -> str:
        return ", ".join(parts.get(part, []))

    return Address("\n".join(parts.get("street", [])), joined("city"), joined("region"),
                   joined("postal_code"), joined("country"), label=label)


def _tags(values: dict, mapping: ColumnMapping) -> list[str]:
    raw = [t for _, text in values.get("tags", ()) for t in text.split(mapping.tag_separator)]
    tags = [t.strip().removeprefix("* ") for t in raw]
    return unique([t for t in tags if t.casefold() not in _GOOGLE_SYSTEM_GROUPS])


def _milestones(values: dict, warnings: list[str], where: str,
                day_first: bool | None) -> list[Milestone]:
    dated = [("birthday", text, "birthday") for _, text in values.get("birthday", ())[:1]]
    dated += [("wedding_anniversary", text, "anniversary")
              for _, text in values.get("anniversary", ())[:1]]
    event_labels = {col.group: text for col, text in values.get("event_label", ())}
    dated += [("wedding_anniversary", text, "anniversary")
              for col, text in values.get("event_value", ())
              if "anniversary" in event_labels.get(col.group, "").casefold()]
    out, seen = [], set()
    for kind, text, what in dated:
        try:
            day = parse_contact_date(text, day_first=day_first)
        except ValueError:
            warnings.append(f"{where}: {what} {text!r} is not a date — left out")
            continue
        if day and day.year == APPLE_NO_YEAR:  # Apple's way of writing "no year"
            day = PartialDate(day.month, day.day)
        if day and kind not in seen:
            out.append(Milestone(kind, day))
            seen.add(kind)
    return out
