"""Phone validity (domain.contacts): the quick answer for a number valid in the main region of
its country code gives what ``phonenumbers.is_valid_number`` gives, for every country code."""

from __future__ import annotations

import random

import phonenumbers
from phonenumbers import PhoneNumberType
from phonenumbers.phonenumberutil import COUNTRY_CODE_TO_REGION_CODE

from domain.contacts import _valid, normalise_phone

TYPES = (PhoneNumberType.FIXED_LINE, PhoneNumberType.MOBILE, PhoneNumberType.TOLL_FREE,
         PhoneNumberType.VOIP, PhoneNumberType.PAGER, PhoneNumberType.UAN)


def _examples() -> list[phonenumbers.PhoneNumber]:
    """Valid examples of every region and type, and random numbers of every country code."""
    out = []
    for regions in COUNTRY_CODE_TO_REGION_CODE.values():
        for region in regions:
            for kind in TYPES:
                example = (phonenumbers.example_number_for_non_geo_entity(int(
                    phonenumbers.country_code_for_region(region) or 0))
                    if region == "001" else
                    phonenumbers.example_number_for_type(region, kind))
                if example is not None:
                    out.append(example)
    pick = random.Random(17)
    for example in list(out):  # neighbours of valid numbers: valid here or there, or not
        for _ in range(4):
            tail = pick.randrange(10_000)
            out.append(phonenumbers.PhoneNumber(
                country_code=example.country_code,
                national_number=(example.national_number or 0) // 10_000 * 10_000 + tail))
    for code in COUNTRY_CODE_TO_REGION_CODE:
        for _ in range(60):
            digits = "".join(pick.choice("0123456789") for _ in range(pick.randint(3, 13)))
            out.append(phonenumbers.PhoneNumber(country_code=code, national_number=int(digits)))
    return out


def test_validity_is_phonenumbers_validity_for_every_country_code():
    examples = _examples()
    assert len(examples) > 15_000
    differing = [n for n in examples if _valid(n) != phonenumbers.is_valid_number(n)]
    assert differing == []


def test_numbers_of_neighbouring_regions_are_still_read():
    """+1 numbers of Canada or Jamaica, +44 numbers of Jersey: valid, though not in the main
    region of their country code (the US, the United Kingdom)."""
    assert normalise_phone("+1 416 555 0123", "US").startswith("+1416")
    assert normalise_phone("(876) 512 3456", "US") == "+18765123456"
    assert normalise_phone("+44 1534 456789", "GB") == "+441534456789"
    assert normalise_phone("555", "US") == "555"
