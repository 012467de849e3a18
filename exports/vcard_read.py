"""Reading vCard 2.1, 3.0 and 4.0 files into incoming customers (``domain.contacts``).

A card that cannot be read is reported with its number and line and the others go on.
What the notebook keeps of a card: N (or FN), NICKNAME as the preferred name, ORG, TITLE,
EMAIL, TEL (E.164 where valid), ADR (the PREF one, else HOME, else the first, for mail),
NOTE, CATEGORIES as tags, BDAY and ANNIVERSARY (year-less ``--MMDD`` and Apple's
``X-APPLE-OMIT-YEAR`` and its year 1604), Apple's grouped labels (``item1.X-ABLabel``),
family members (``exports.vcard_family``) and PHOTO. A line that cannot be read is left out
with a warning naming it; the rest of its card is kept.
"""

from __future__ import annotations

import io
import logging
import re
from collections import defaultdict
from pathlib import Path
from typing import BinaryIO

from domain.contacts import (
    DEFAULT_REGION,
    Incoming,
    ReadResult,
    broken,
    clean_email,
    identity_problem,
    normalise_phone,
    parse_contact_date,
    split_full_name,
    unique,
)
from domain.contacts_mapping import _GOOGLE_SYSTEM_GROUPS as GOOGLE_SYSTEM_GROUPS  # one list
from domain.dates import PartialDate
from domain.model import STATUSES, Address, Customer, Milestone
from exports.vcard_family import is_family_prop, read_family
from exports.vcard_lines import MAX_LINE, RawCard, split_cards
from exports.vcard_photo import read_photo
from exports.vcard_props import CardError, Prop, parse_prop
from exports.vcard_stream import physical_lines

log = logging.getLogger(__name__)

_APPLE_LABEL = re.compile(r"^_\$!<(.*)>!\$_$")
_SAY_NOTHING = frozenset({"PREF", "INTERNET", "VOICE", "X400"})
_NOT_A_NAME = re.compile(r"^(\(no name\)|\S+@\S+|[+\d\s().-]+)$")
# Cards one import may hold: each costs about 1.5 KB until the import is written, and 100,000
# of them stay well inside 500 MB. More is not a small business's address book.
MAX_CARDS = 100_000
# Characters of card text (all but photos, which are kept downscaled) one import may hold: a
# 200 MB file of 99,000 cards with 2 KB notes each peaked at 522 MB. 48 M keeps it under 200 MB;
# a real address book of 100,000 people holds a few hundred characters each.
MAX_TEXT = 48 << 20
# Apple's stand-in for an unknown year (a leap year before any living person), also written
# without its X-APPLE-OMIT-YEAR parameter once a card has passed through other programs.
APPLE_NO_YEAR = 1604
ANNIVERSARY_PROPS = ("ANNIVERSARY", "X-ANNIVERSARY", "X-MS-ANNIVERSARY",
                     "X-EVOLUTION-ANNIVERSARY")


def read_vcards(data: bytes, source: str = "", region: str = DEFAULT_REGION) -> ReadResult:
    """Every card in ``data`` as an Incoming (good or broken); never raises for bad input."""
    return read_stream(io.BytesIO(data), source, region)


def read_path(path: Path, region: str = DEFAULT_REGION) -> ReadResult:
    """Every card of the file at ``path``, read card by card: never the whole file at once."""
    with open(path, "rb") as raw:
        return read_stream(raw, Path(path).name, region)


def read_stream(raw: BinaryIO, source: str = "", region: str = DEFAULT_REGION) -> ReadResult:
    """Every card of the seekable binary ``raw``, one card in memory at a time; a file of
    more than MAX_CARDS cards or MAX_TEXT characters is refused whole (``fatal``), as nothing
    of it is imported."""
    entries, text = [], 0
    for card in split_cards(physical_lines(raw)):
        if len(entries) == MAX_CARDS:
            return ReadResult(source, fatal=f"the file holds more than {MAX_CARDS:,} cards; "
                              "split it into smaller files")
        text += _text_kept(card)
        if text > MAX_TEXT:
            return ReadResult(source, fatal="the file holds more text than one import can keep "
                              f"({MAX_TEXT:,} characters besides photos); split it into "
                              "smaller files")
        entries.append(_read_card(card, region))
    if not entries:
        return ReadResult(source, fatal="no vCards found (no BEGIN:VCARD line)")
    return ReadResult(source, entries)


def _text_kept(card: RawCard) -> int:
    """The characters of ``card`` an import keeps until it is written (photos aside).

    ``card.size`` already counts the characters of its lines (a card past MAX_CARD keeps
    none); only a line whose head holds PHOTO is looked at again."""
    kept = card.size if card.lines else 0
    for _number, line in card.lines:
        head = _head(line)
        if "PHOTO" in head and _name(head) == "PHOTO":
            kept -= len(line)
    return kept


def _head(line: str) -> str:
    """The property part before the first colon, without copying the (maybe huge) value."""
    colon = line.find(":")
    return line if colon < 0 else line[:colon]


def _read_card(card: RawCard, region: str) -> Incoming:
    if card.problem:
        return broken(card.position, card.problem)
    props, unread = _props(card)
    try:
        entry = _to_incoming(props, card.position, region)
    except CardError as exc:
        return broken(f"card {card.number} (line {exc.line})", str(exc))
    except Exception:  # a card must never stop the others; the log keeps the details
        log.exception("vCard %s could not be read", card.position)
        return broken(card.position, "this card could not be read")
    if any(_name(head) == "PHOTO" for _, head in card.too_long) and not entry.broken:
        entry.warnings.append(f"{card.position}: photo is too large — left out")
    if not entry.broken:
        entry.warnings[:0] = unread
    elif unread:  # what was left out may be why nothing is left: say so with the problem
        entry.problem += f"; {len(unread)} line(s) could not be read, the first: " + \
            unread[0].split(": ", 1)[1].removesuffix(" — line left out")
    return entry


def _props(card: RawCard) -> tuple[list[Prop], list[str]]:
    """The properties of ``card``, and a warning for each line that is not one (or too long to
    keep), in line order: such a line costs that line, never the name and email beside it."""
    props, unread = [], []
    for number, line in card.lines:
        try:
            props.append(parse_prop(number, line))
        except CardError as exc:
            unread.append((exc.line, f"{exc}"))
    unread += [(number, f"{_name(head)} is longer than {MAX_LINE >> 20} million characters")
               for number, head in card.too_long if _name(head) != "PHOTO"]
    return props, [f"card {card.number} (line {number}): {why} — line left out"
                   for number, why in sorted(unread)]


def _name(head: str) -> str:
    """``ITEM1.PHOTO;ENCODING=B`` → ``PHOTO``."""
    return head.split(";", 1)[0].rsplit(".", 1)[-1]


def _to_incoming(props: list[Prop], position: str, region: str) -> Incoming:
    by_name: dict[str, list[Prop]] = defaultdict(list)
    for prop in props:
        by_name[prop.name].append(prop)
    labels = _apple_labels(by_name.pop("X-ABLABEL", []))
    entry = Incoming(position, Customer())
    c = entry.customer
    c.company = _first_part(by_name.get("ORG"))
    _names(c, by_name)
    c.role = _first_text(by_name.get("TITLE")) or _first_text(by_name.get("ROLE"))
    c.emails, c.email_labels = _labelled(
        [(clean_email(p.text()), p) for p in by_name.get("EMAIL", ())], labels)
    c.phones, c.phone_labels = _labelled(
        [(normalise_phone(p.text(), region), p) for p in by_name.get("TEL", ())], labels)
    c.addresses = _addresses(by_name.get("ADR", ()), labels)
    c.notes = "\n\n".join(t for p in by_name.get("NOTE", ()) if (t := p.text().strip()))
    c.tags = unique([t for p in by_name.get("CATEGORIES", ()) for t in p.items()
                     if t.strip().casefold() not in GOOGLE_SYSTEM_GROUPS])
    c.milestones = _milestones(entry, by_name, labels)
    c.facts = read_family([p for p in props if is_family_prop(p.name)], labels)
    entry.photo = _photo(entry, by_name.get("PHOTO", ()))
    _own_fields(c, props)
    problem = identity_problem(c)
    if problem:
        return broken(position, problem)
    return entry


def _own_fields(c: Customer, props: list[Prop]) -> None:
    """Rapport's own ``X-RAPPORT-…`` properties: the notebook's own fields and the status."""
    for p in props:
        if not p.name.startswith("X-RAPPORT-") or not p.text().strip():
            continue
        if p.name == "X-RAPPORT-STATUS":
            status = p.text().strip().casefold()
            c.status = status if status in STATUSES else c.status
            continue
        name = " ".join((p.param("X-NAME") or p.name[len("X-RAPPORT-"):].title()).split())
        c.fields[name] = p.text().strip()


# --- names ---------------------------------------------------------------------------------

def _names(c: Customer, by_name: dict[str, list[Prop]]) -> None:
    if by_name.get("N"):
        parts = [*by_name["N"][0].parts(), "", ""]
        c.family_name, c.given_name = parts[0].strip(), parts[1].strip()
    full = _first_text(by_name.get("FN"))
    # A company's card has an empty N and the company as FN (Apple: X-ABShowAs:COMPANY); a
    # nameless one its email or phone, or an older Rapport's "(no name)": none is a name.
    if full and not (c.given_name or c.family_name) and full != c.company \
            and not _NOT_A_NAME.match(full):
        c.given_name, c.family_name = split_full_name(full)
    nicknames = [n.strip() for p in by_name.get("NICKNAME", ()) for n in p.items()]
    c.preferred_name = next((n for n in nicknames if n), "")


def _first_text(props: list[Prop] | None) -> str:
    return props[0].text().strip() if props else ""


def _first_part(props: list[Prop] | None) -> str:
    return props[0].parts()[0].strip() if props else ""


def _apple_labels(props: list[Prop]) -> dict[str, str]:
    """``item1.X-ABLabel:_$!<Anniversary>!$_`` → ``{"item1": "Anniversary"}``."""
    out = {}
    for prop in props:
        text = prop.text().strip()
        match = _APPLE_LABEL.match(text)
        out[prop.group] = match.group(1) if match else text
    return out


def _labelled(pairs: list[tuple[str, Prop]], labels: dict[str, str]
              ) -> tuple[list[str], dict[str, str]]:
    """The values (blanks and repeats dropped) and the label of each that has one: its
    group's Apple label, else its TYPEs (``cell``, ``fax,work``) but for those that say
    nothing (PREF, INTERNET, VOICE)."""
    values = unique([value for value, _ in pairs])
    out: dict[str, str] = {}
    for value, prop in pairs:
        value = value.strip()
        if value in values and not out.get(value):
            kinds = sorted(t.lower() for t in prop.types if t not in _SAY_NOTHING)
            out[value] = (labels.get(prop.group) or ",".join(kinds)).lower()
    return values, {value: label for value, label in out.items() if label}


# --- addresses -----------------------------------------------------------------------------

def _addresses(props: list[Prop], labels: dict[str, str]) -> list[Address]:
    out = []
    for prop in props:
        parts = prop.parts() + [""] * 7
        box, extended, street, city, region, code, country = (p.strip() for p in parts[:7])
        label = labels.get(prop.group) or _type_label(prop.types)
        address = Address("\n".join(p for p in (street, extended, box) if p), city, region,
                          code, country, label=label)
        if not address.is_empty():
            out.append((prop, address))
    if not out:
        return []
    chosen = _mailing_choice([prop for prop, _ in out])
    out[chosen][1].mailing = True
    return [address for _, address in out]


def _type_label(types: tuple[str, ...]) -> str:
    for kind in ("HOME", "WORK", "OTHER"):
        if kind in types:
            return kind.lower()
    return ""


def _mailing_choice(props: list[Prop]) -> int:
    """The address to post cards to: the preferred one, else home, else the first."""
    for wanted in ("PREF", "HOME"):
        for i, prop in enumerate(props):
            if wanted in prop.types:
                return i
    return 0


# --- dates, relations, photo ---------------------------------------------------------------

def _milestones(entry: Incoming, by_name: dict[str, list[Prop]],
                labels: dict[str, str]) -> list[Milestone]:
    out = []
    for prop in by_name.get("BDAY", ())[:1]:
        if day := _date(entry, prop, "birthday"):
            out.append(Milestone("birthday", day))
    anniversaries = [p for name in ANNIVERSARY_PROPS for p in by_name.get(name, ())]
    anniversaries += [p for p in by_name.get("X-ABDATE", ())
                      if "anniversary" in labels.get(p.group, "").casefold()]
    for prop in anniversaries[:1]:
        if day := _date(entry, prop, "anniversary"):
            out.append(Milestone("wedding_anniversary", day))
    return out


def _date(entry: Incoming, prop: Prop, what: str) -> PartialDate | None:
    """The date of ``prop``; Apple's stand-in year (``X-APPLE-OMIT-YEAR=1604``) means none."""
    text = prop.text().strip()
    try:
        day = parse_contact_date(text)
    except ValueError:
        entry.warnings.append(f"{entry.position}: {what} {text!r} is not a date — left out")
        return None
    omit = prop.param("X-APPLE-OMIT-YEAR")
    if day and day.year is not None and (day.year == APPLE_NO_YEAR
                                         or (omit.isdigit() and int(omit) == day.year)):
        return PartialDate(day.month, day.day)
    return day


def _photo(entry: Incoming, props: list[Prop]) -> bytes | None:
    for prop in props[:1]:
        photo, problem = read_photo(prop.raw, prop.base64)
        if problem:
            entry.warnings.append(f"{entry.position}: photo {problem} — left out")
        return photo
    return None
