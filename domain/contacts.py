"""Contacts arriving from other programs (vCard, CSV): what an importer hands on, as plain data.

Every importer turns a file into a :class:`ReadResult`: one :class:`Incoming` per card or row,
good or broken, each knowing where it came from. Nothing is written until the owner (or the
command line) has seen the preview; see ``domain.duplicates`` and ``storage.imports``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import phonenumbers

from domain.contacts_dates import DateOrder
from domain.dates import PartialDate
from domain.model import DEFAULT_REGION as DEFAULT_REGION  # re-exported: its home is model
from domain.model import Customer


@dataclass(slots=True)
class Incoming:
    """One card or row of an import file: a customer to be, or the reason it cannot be one."""

    position: str  # "card 4 (line 37)", "row 12 (line 14)"
    customer: Customer | None = None
    problem: str = ""  # why it is skipped; empty for a good entry
    warnings: list[str] = field(default_factory=list)  # kept, but something was left out
    photo: bytes | None = None  # a small JPEG, already downscaled

    @property
    def broken(self) -> bool:
        return self.customer is None


@dataclass(slots=True)
class ReadResult:
    """What an importer read from one file; ``fatal`` set means nothing can be imported."""

    source: str
    entries: list[Incoming] = field(default_factory=list)
    fatal: str = ""
    notes: list[str] = field(default_factory=list)  # how it was read: a guessed encoding…
    date_order: DateOrder | None = None  # a CSV file's slashed dates: day or month first


def broken(position: str, problem: str) -> Incoming:
    return Incoming(position, None, problem)


def identity_problem(c: Customer) -> str:
    """Why ``c`` cannot be a customer (no name, company, email or phone), or ``""``."""
    if any((c.given_name, c.family_name, c.preferred_name, c.company, c.emails, c.phones)):
        return ""
    return "no name, company, email or phone"


def split_full_name(full: str) -> tuple[str, str]:
    """``"Maria van der Berg"`` → ``("Maria", "van der Berg")``: particles stay with the family."""
    words = full.split()
    if len(words) < 2:
        return (words[0] if words else "", "")
    cut = len(words) - 1
    while cut > 1 and words[cut - 1].casefold() in _PARTICLES:
        cut -= 1
    return " ".join(words[:cut]), " ".join(words[cut:])


_PARTICLES = frozenset({"van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "del",
                        "dos", "das", "ten", "ter", "bin", "ibn", "al"})


# --- phones and emails ---------------------------------------------------------------------

def normalise_phone(raw: str, region: str = DEFAULT_REGION) -> str:
    """E.164 (``+15035550101``) when the number is valid, else the original text, trimmed."""
    text = raw.strip()
    if text.lower().startswith("tel:"):
        text = text[4:].strip()
    try:
        number = phonenumbers.parse(text, region or DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return text
    if not _valid(number):
        return text
    return stored_form(number)


def stored_form(number: phonenumbers.PhoneNumber) -> str:
    """How the notebook stores a valid number, whoever typed or imported it: E.164, and its
    extension when it has one (``+15035550101 ext. 12``)."""
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return f"{e164} ext. {number.extension}" if number.extension else e164


def _valid(number: phonenumbers.PhoneNumber) -> bool:
    """``phonenumbers.is_valid_number``, answered at once for a number valid in the main
    region of its country code (the US for +1, GB for +44). is_valid_number first asks which
    region the number is from, trying each region's patterns in turn, the main one first (when
    it has no leading digits of its own, where its patterns decide), then tries the patterns of
    the region found again: a number valid in the main region was tested twice."""
    regions = phonenumbers.region_codes_for_country_code(number.country_code or 0)
    if regions and regions[0] != phonenumbers.REGION_CODE_FOR_NON_GEO_ENTITY:
        main = phonenumbers.PhoneMetadata.metadata_for_region(regions[0])
        if main is not None and main.leading_digits is None \
                and phonenumbers.is_valid_number_for_region(number, regions[0]):
            return True
    return phonenumbers.is_valid_number(number)


def phone_key(phone: str) -> str:
    """What two phones are compared by: the E.164 part, or the digits of an unparsed one."""
    head = phone.split(" ext.")[0]
    return head if head.startswith("+") else re.sub(r"\D", "", head)


def clean_email(raw: str) -> str:
    text = raw.strip()
    return text[7:].strip() if text.lower().startswith("mailto:") else text


def unique(values: list[str], key: Callable[[str], str] = str.casefold) -> list[str]:
    """``values`` without blanks and repeats (by ``key``), first spelling kept, order kept."""
    seen: dict[str, str] = {}
    for value in values:
        value = value.strip()
        if value and key(value) not in seen:
            seen[key(value)] = value
    return list(seen.values())


# --- dates as address books write them -----------------------------------------------------

_ISO = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})(?:[T ].*)?$")  # 1980-03-14, 19800314, …T00:00Z
_NO_YEAR = re.compile(r"^--(\d{2})-?(\d{2})$")  # --0314, --03-14
_SLASHED = re.compile(r"^(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2}|\d{4}))?$")  # 3/14/1980, 14.03.80
_EMPTY_DATES = frozenset({"", "0/0/00", "0/0/0000", "00/00/0000", "0000-00-00", "1/1/0001"})


def parse_contact_date(text: str, today: date | None = None,
                       day_first: bool | None = None) -> PartialDate | None:
    """A birthday as written by phones, Outlook or Google; None when empty (``0/0/00``).

    Raise ValueError for text that is not a date. Slashed dates are read in the order
    ``day_first`` gives (decided per file: ``domain.contacts_dates``); without one, month
    first (Outlook) unless the first number cannot be a month. Dotted ones are day first.
    """
    text = text.strip()
    if text in _EMPTY_DATES:
        return None
    if m := _ISO.match(text):
        year = int(m.group(1))
        return PartialDate(int(m.group(2)), int(m.group(3)), year or None)
    if m := _NO_YEAR.match(text):
        return PartialDate(int(m.group(1)), int(m.group(2)))
    if m := _SLASHED.match(text):
        return _slashed(m, "." in text or day_first, today or date.today(), day_first is None)
    raise ValueError(f"{text!r} is not a date")


def _slashed(m: re.Match, day_first: bool | None, today: date, lenient: bool) -> PartialDate:
    first, second = int(m.group(1)), int(m.group(2))
    month, day = (second, first) if day_first or (lenient and first > 12) else (first, second)
    year_text = m.group(3)
    if year_text is None:
        return PartialDate(month, day)
    year = int(year_text)
    if len(year_text) == 2:  # 80 → 1980, 05 → 2005: never in the future
        year += 2000 if 2000 + year <= today.year else 1900
    return PartialDate(month, day, year)
