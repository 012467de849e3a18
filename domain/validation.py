"""Checking and tidying what the owner types: emails, phones, dates, amounts, whole profiles.

Pure functions, no Qt: the window shows their messages next to the field, and nothing is saved
while one of them complains. Every message is a plain sentence meant for the owner.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, datetime, time
from decimal import Decimal
from types import ModuleType

from domain.dates import PartialDate
from domain.model import CHANNELS, DEFAULT_REGION, FACT_KINDS, MILESTONE_KINDS, Customer
from domain.sales import parse_amount as amount_of

MONTHS = tuple(calendar.month_name)[1:]
MONTH_ABBR = tuple(calendar.month_abbr)[1:]
_MONTH_NUMBER = {name.casefold(): i for i, name in enumerate(MONTHS, 1)}
_MONTH_NUMBER |= {name.casefold(): i for i, name in enumerate(MONTH_ABBR, 1)}
_MONTH_NUMBER["sept"] = 9


class Invalid(ValueError):
    """A value the owner typed that cannot be saved; ``str()`` says why in plain words."""


# --- emails and phones ---------------------------------------------------------------------

def normalize_email(text: str) -> str:
    """The address as it should be stored (domain lower-cased), or raise Invalid."""
    from email_validator import EmailNotValidError, validate_email  # late: 30 ms to import

    text = (text or "").strip()
    if not text:
        raise Invalid("Enter an email address, or remove this line.")
    try:
        return validate_email(text, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise Invalid(str(exc)) from None


_PHONE_REASONS = {  # phonenumbers.ValidationResult names
    "INVALID_COUNTRY_CODE": "the country code is unknown",
    "TOO_SHORT": "it is too short",
    "TOO_LONG": "it is too long",
    "INVALID_LENGTH": "it has the wrong number of digits",
}


def _phonenumbers() -> ModuleType:
    import phonenumbers  # late: its metadata takes a while to import

    return phonenumbers


def normalize_phone(text: str, region: str = DEFAULT_REGION) -> str:
    """The number in E.164 (``+15035550101``, with `` ext. 12`` when it has one); a number
    without ``+`` is read in ``region``."""
    phonenumbers = _phonenumbers()
    text = (text or "").strip()
    if not text:
        raise Invalid("Enter a phone number, or remove this line.")
    try:
        number = phonenumbers.parse(text, region or DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        raise Invalid("That does not look like a phone number.") from None
    reason = phonenumbers.is_possible_number_with_reason(number)
    for name, why in _PHONE_REASONS.items():
        if reason == getattr(phonenumbers.ValidationResult, name):
            raise Invalid(f"Not a valid phone number: {why}.")
    if not phonenumbers.is_valid_number(number):
        where = phonenumbers.region_code_for_number(number) or region
        raise Invalid(f"Not a valid phone number in {where}. For a number abroad, start "
                      "with + and the country code.")
    from domain.contacts import stored_form  # as an import stores it, extension kept

    return stored_form(number)


def format_phone(e164: str, region: str = DEFAULT_REGION) -> str:
    """A stored number as people write it: national at home, international abroad; one an
    import kept as it was written (not a valid number: "911", "555-0107 ask for Bob") as it
    is, since phonenumbers would read its letters as keypad digits behind a country code."""
    phonenumbers = _phonenumbers()
    try:
        number = phonenumbers.parse(e164, region or DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return e164
    if not phonenumbers.is_valid_number(number):
        return e164
    home = phonenumbers.region_code_for_number(number) == (region or DEFAULT_REGION)
    style = (phonenumbers.PhoneNumberFormat.NATIONAL if home
             else phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return phonenumbers.format_number(number, style)


def phone_digits(stored: str) -> tuple[str, ...]:
    """The digit strings a stored number is written with: international (``15035550101``),
    national as its own country writes it (``5035550101``, ``02079460958``) and without the
    trunk prefix; only the stored digits when it does not parse."""
    phonenumbers = _phonenumbers()
    digits = "".join(ch for ch in stored if ch.isdigit())
    try:
        number = phonenumbers.parse(stored, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return (digits,) if digits else ()
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    forms = (digits, "".join(ch for ch in national if ch.isdigit()),
             phonenumbers.national_significant_number(number))
    return tuple(dict.fromkeys(f for f in forms if f))


def region_from_locale(locale_name: str | None) -> str:
    """``en_GB`` → ``GB``; anything without a known country → ``US``."""
    match = re.search(r"[_-]([A-Za-z]{2})\b", locale_name or "")
    return match.group(1).upper() if match else DEFAULT_REGION


# --- dates, times, amounts -----------------------------------------------------------------

def _month(word: str) -> int:
    number = _MONTH_NUMBER.get(word.casefold().rstrip("."))
    if number is None:
        raise Invalid(f"“{word}” is not a month.")
    return number


_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NO_YEAR = re.compile(r"^--(\d{2})-?(\d{2})$")
_DAY_MONTH = re.compile(r"^(\d{1,2})\.?\s+([A-Za-z]+)\.?,?(?:\s+(\d{4}))?$")
_MONTH_DAY = re.compile(r"^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?(?:\s+(\d{4}))?$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.](\d{1,2})(?:[/.](\d{4}))?$")


def partial_date(day: int, month: int, year: int | None = None) -> PartialDate:
    """A month and day with an optional year; Feb 29 without a year is fine."""
    if not 1 <= month <= 12:
        raise Invalid("Choose a month.")
    if year is not None and not 1800 <= year <= 2200:
        raise Invalid(f"{year} is not a plausible year.")
    if month == 2 and day == 29 and year is not None and not calendar.isleap(year):
        raise Invalid(f"{year} was not a leap year: it had no 29 February.")
    last = calendar.monthrange(year or 2000, month)[1]
    if not 1 <= day <= last:
        raise Invalid(f"{MONTHS[month - 1]} has only {last} days.")
    return PartialDate(month, day, year)


def parse_partial_date(text: str, day_first: bool = True) -> PartialDate:
    """Read ``14 March``, ``March 14, 1980``, ``--03-14``, ``1980-03-14`` or ``14/03``."""
    text = " ".join((text or "").split())
    if not text:
        raise Invalid("Enter a date such as “14 Mar” or “14 Mar 1980”.")
    if m := _ISO.match(text):
        return partial_date(int(m[3]), int(m[2]), int(m[1]))
    if m := _NO_YEAR.match(text):
        return partial_date(int(m[2]), int(m[1]))
    if m := _DAY_MONTH.match(text):
        return partial_date(int(m[1]), _month(m[2]), int(m[3]) if m[3] else None)
    if m := _MONTH_DAY.match(text):
        return partial_date(int(m[2]), _month(m[1]), int(m[3]) if m[3] else None)
    if m := _NUMERIC.match(text):
        day, month = (int(m[1]), int(m[2])) if day_first else (int(m[2]), int(m[1]))
        return partial_date(day, month, int(m[3]) if m[3] else None)
    raise Invalid(f"“{text}” is not a date. Try “14 Mar 2026” or “2026-03-14”.")


def parse_date(text: str, day_first: bool = True) -> date:
    """A full date: ``2026-03-14``, ``14 Mar 2026``, ``March 14, 2026`` or ``14/03/2026``."""
    value = parse_partial_date(text, day_first)
    if value.year is None:
        raise Invalid("Add the year, e.g. “14 Mar 2026”.")
    return date(value.year, value.month, value.day)


def parse_optional_date(text: str, day_first: bool = True) -> date | None:
    """Like :func:`parse_date`, but an empty field means no date."""
    return parse_date(text, day_first) if (text or "").strip() else None


def format_date(value: date | None) -> str:
    """``14 Mar 2026``: unambiguous everywhere, and :func:`parse_date` reads it back."""
    return f"{value.day} {MONTH_ABBR[value.month - 1]} {value.year}" if value else ""


def format_partial_date(value: PartialDate | None) -> str:
    """``14 Mar`` or ``14 Mar 1980``."""
    if value is None:
        return ""
    text = f"{value.day} {MONTH_ABBR[value.month - 1]}"
    return f"{text} {value.year}" if value.year else text


_TIME = re.compile(r"^(\d{1,2})(?:[:.h](\d{2}))?\s*([ap]\.?m\.?)?$", re.IGNORECASE)


def parse_time(text: str) -> time:
    """``15:00``, ``3pm``, ``3:30 pm``, ``9.15``; raise Invalid otherwise."""
    m = _TIME.match((text or "").strip())
    if not m:
        raise Invalid("Enter a time such as “15:00” or “3 pm”.")
    hour, minute = int(m[1]), int(m[2] or 0)
    if m[3]:
        if not 1 <= hour <= 12:
            raise Invalid("With am or pm, the hour is 1 to 12.")
        hour = hour % 12 + (12 if m[3].lower().startswith("p") else 0)
    if hour > 23 or minute > 59:
        raise Invalid("That time does not exist.")
    return time(hour, minute)


def parse_due(day_text: str, time_text: str, day_first: bool = True) -> datetime:
    """A promise's due moment; without a time it is due by the end of the working day."""
    day = parse_date(day_text, day_first)
    moment = parse_time(time_text) if (time_text or "").strip() else time(17, 0)
    return datetime.combine(day, moment)


def parse_amount(text: str) -> Decimal:
    """``120``, ``120.50``, ``$1,200.00``, ``1 200,50`` or ``١٢٠٫٥٠`` as a two-place decimal:
    read as imported sales are (:func:`domain.sales.parse_amount`), the one rule of what an
    amount is."""
    try:
        value = amount_of(text or "")
    except ValueError:
        raise Invalid("Enter an amount such as 120 or 120.50.") from None
    if value < 0:
        raise Invalid("An amount cannot be negative.")
    if value >= Decimal("100000000"):
        raise Invalid("That amount is too large.")
    return value.quantize(Decimal("0.01"))


def format_amount(value: Decimal) -> str:
    """``1,234.50``: two decimal places, thousands separated."""
    return f"{value:,.2f}"


def parse_cadence(text: str) -> int | None:
    """Keep-in-touch interval in days; empty means the default."""
    text = (text or "").strip()
    if not text:
        return None
    if not text.isdigit() or not 1 <= int(text) <= 3650:
        raise Invalid("Enter a number of days between 1 and 3650, or leave it empty.")
    return int(text)


# --- whole records ---------------------------------------------------------------------------

def split_tags(text: str) -> list[str]:
    """``regular, florals,  vip`` → ``["regular", "florals", "vip"]`` without duplicates."""
    tags = [" ".join(t.split()) for t in (text or "").split(",")]
    return list(dict.fromkeys(t for t in tags if t))


def profile_problems(c: Customer, region: str = DEFAULT_REGION) -> dict[str, str]:
    """Everything wrong with a profile, keyed by field path (``emails[1]``); empty when fine."""
    problems: dict[str, str] = {}
    if not any(s.strip() for s in (c.given_name, c.family_name, c.preferred_name, c.company)):
        problems["given_name"] = "Give a name or a company, so you can find them again."
    for i, email in enumerate(c.emails):
        _collect(problems, f"emails[{i}]", normalize_email, email)
    for i, phone in enumerate(c.phones):
        _collect(problems, f"phones[{i}]", normalize_phone, phone, region)
    if c.cadence_days is not None and not 1 <= c.cadence_days <= 3650:
        problems["cadence_days"] = "Enter a number of days between 1 and 3650."
    for name, values in (("preferred_channels", c.preferred_channels),
                         ("do_not_contact", c.do_not_contact)):
        if set(values) - set(CHANNELS):
            problems[name] = f"Unknown channel: {', '.join(sorted(set(values) - set(CHANNELS)))}."
    if set(c.preferred_channels) & set(c.do_not_contact):
        problems["preferred_channels"] = "A channel cannot be both preferred and do-not-contact."
    if c.referred_by is not None and c.referred_by == c.id:
        problems["referred_by"] = "A customer cannot refer themselves."
    for i, fact in enumerate(c.facts):
        if fact.kind not in FACT_KINDS or not fact.value.strip():
            problems[f"facts[{i}]"] = "Each detail needs a kind and some text."
    for i, milestone in enumerate(c.milestones):
        if milestone.kind not in MILESTONE_KINDS:
            problems[f"milestones[{i}]"] = f"Unknown kind of milestone: {milestone.kind}."
    return problems


def _collect(problems: dict[str, str], key: str, check: Callable[..., str], *args: str) -> None:
    try:
        check(*args)
    except Invalid as exc:
        problems[key] = str(exc)
