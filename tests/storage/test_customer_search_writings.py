"""Attack: 600 real-looking numbers of twelve countries, each looked up in six writings
(national, international, E.164, RFC 3966, its last seven digits, the national digits run
together), with the notebook's region set to the number's country."""

from __future__ import annotations

import json
import random

import phonenumbers
from phonenumbers import PhoneNumberFormat as F

from domain.model import Customer
from storage import customers
from storage.db import db

REGIONS = ("US", "GB", "DE", "FR", "IT", "ES", "AU", "IN", "BR", "JP", "RU", "NL")


def _numbers(rng: random.Random, region: str, count: int) -> list[phonenumbers.PhoneNumber]:
    example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    national = str(example.national_number)
    out: list[phonenumbers.PhoneNumber] = []
    while len(out) < count:
        tail = "".join(rng.choice("0123456789") for _ in range(4))
        number = phonenumbers.parse(f"+{example.country_code}{national[:-4]}{tail}")
        if phonenumbers.is_valid_number(number) and number not in out:
            out.append(number)
    return out


def _writings(number: phonenumbers.PhoneNumber) -> list[str]:
    national = phonenumbers.format_number(number, F.NATIONAL)
    digits = "".join(ch for ch in phonenumbers.format_number(number, F.E164) if ch.isdigit())
    formats = (F.INTERNATIONAL, F.E164, F.RFC3966)
    return [national, *(phonenumbers.format_number(number, f) for f in formats),
            f"{digits[-7:-4]}-{digits[-4:]}", "".join(ch for ch in national if ch.isdigit())]


def test_six_writings_of_600_numbers_find_their_customer(notebook):
    rng = random.Random(15)
    owners: dict[int, tuple[str, phonenumbers.PhoneNumber]] = {}
    with db.atomic():
        for region in REGIONS:
            for number in _numbers(rng, region, 50):
                e164 = phonenumbers.format_number(number, F.E164)
                cid = customers.save_customer(Customer(given_name=f"P{len(owners)}",
                                                       phones=[e164]))
                owners[cid] = (region, number)
    tries, missed = 0, []
    for region in REGIONS:
        db.execute_sql("INSERT OR REPLACE INTO setting (key, value) VALUES ('region', ?)",
                       (json.dumps(region),))
        for cid, (home, number) in owners.items():
            if home != region:
                continue
            for typed in _writings(number):
                tries += 1
                if cid not in customers.search_ids(typed):
                    missed.append((region, typed))
    assert tries == 3600
    assert missed == [], (len(missed), sorted(set((r, t) for r, t in missed))[:40])
