"""Phone numbers as the search index holds them, and what a typed number looks for.

A number is indexed as three kinds of token, each marked by a letter so that one FTS5 column
holds them all without one kind matching another:

- ``t`` + its digits reversed (country code included): a typed number matches on its *last*
  seven or more digits as a prefix of this token, whatever was written before them;
- ``n`` + its national digits, trunk zeros dropped: "(503" or "020 79" match from the front;
- ``i`` + its international digits: "+44 20" matches from the front.

Fewer than seven typed digits match only from the front (area code first), never from the end:
"555-01" would otherwise match every number of a block. Fewer than three match no number.
Numbers written without a country code are read in the notebook's region, on both sides: a
whole national number typed with its trunk prefix ("020 7946 0958" in a GB notebook) finds
that number only, not the same ten digits in another country; other digits ("7946 0958",
"(503) 555-0109") match on their last digits as well.
"""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import COUNTRY_CODE_TO_REGION_CODE

from domain.contacts import DEFAULT_REGION, normalise_phone

SUFFIX_DIGITS = 7  # "matching on the last seven or more digits"
PREFIX_DIGITS = 3  # an area code: below it, a number is too short to mean anything
_PHONE_LIKE = re.compile(r"[\d\s()+\-./]+")
_E164 = re.compile(r"\+\d{4,15}")


def phone_tokens(number: str, region: str) -> list[str]:
    """The index tokens of one stored ``number`` (as text, read in ``region`` when it has no
    country code). Its own digits are kept too, so that a number that never parsed is found
    as it was written."""
    head = number.split(" ext.")[0].strip()
    e164 = head if _E164.fullmatch(head) else normalise_phone(head, region).split(" ext.")[0]
    tokens: list[str] = []
    if _E164.fullmatch(e164):
        digits = e164[1:]
        national = _national(digits)
        tokens += [f"t{digits[::-1]}", f"n{national}", f"i{digits}"]
    raw = re.sub(r"\D", "", head).lstrip("0")
    if len(raw) >= PREFIX_DIGITS and f"n{raw}" not in tokens:
        tokens += [f"t{raw[::-1]}", f"n{raw}"]
    return tokens


def _national(digits: str) -> str:
    """The national significant number of E.164 ``digits``, trunk zeros dropped. Country
    codes are prefix-free, so the first one to be known is the one (no parsing: 50,000
    numbers are indexed at once)."""
    for size in (1, 2, 3):
        if int(digits[:size]) in COUNTRY_CODE_TO_REGION_CODE:
            return digits[size:].lstrip("0")
    return digits.lstrip("0")


def phone_terms(text: str, region: str) -> list[str]:
    """The index tokens a typed ``text`` looks for, each to be matched as a prefix; empty when
    ``text`` is not a phone number being written (letters in it, or under three digits)."""
    text = text.strip()
    if text[:4].lower() == "tel:":  # a link copied from a web page or a signature
        text = text[4:]
    if not _PHONE_LIKE.fullmatch(text.strip()):
        return []
    digits = re.sub(r"\D", "", text)
    if text.strip().startswith("+") or digits.startswith("00"):
        digits = digits[2:] if digits.startswith("00") else digits
        if len(digits) < PREFIX_DIGITS:
            return []
        return [f"i{digits}"] + ([f"t{digits[::-1]}"] if len(digits) >= SUFFIX_DIGITS else [])
    full = _valid_e164(text, region) if len(digits) >= SUFFIX_DIGITS else ""
    if full and digits.startswith("0"):  # a whole national number, trunk prefix and all:
        return [f"t{full[::-1]}"]  # that number, not the same digits in another country
    national = digits.lstrip("0")
    if len(national) < PREFIX_DIGITS:
        return []
    terms = [f"n{national}"]
    if len(digits) >= SUFFIX_DIGITS:  # also the end of a longer number (in Germany a short
        terms.append(f"t{national[::-1]}")  # number can be valid and the end of another)
    if full and f"t{full[::-1]}" not in terms:  # a trunk prefix other than 0 ("8 495 …")
        terms.append(f"t{full[::-1]}")
    return terms


def _valid_e164(text: str, region: str) -> str:
    try:
        number = phonenumbers.parse(text, region or DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_valid_number(number):
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)[1:]
