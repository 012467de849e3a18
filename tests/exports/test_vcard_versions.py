"""What differs between the vCard 3.0 and 4.0 the export writes, as each RFC says.

RFC 6350 (4.0) replaced the ``pref`` TYPE value by the ``PREF`` parameter (Appendix A): a
4.0 reader that follows it sees ``TYPE=pref`` as an unknown type and loses which address
takes the cards. 3.0 (RFC 2426) keeps ``TYPE=pref``.
"""

from __future__ import annotations

import vobject

from domain.model import Address, Customer
from exports.vcard_read import read_vcards
from exports.vcard_write import card


def customer() -> Customer:
    return Customer(given_name="Zoë", family_name="Đặng", addresses=[
        Address(street="1 Work St", city="Zürich", label="work"),
        Address(street="2 Home Rd", city="Zürich", label="home", mailing=True)])


def adr_params(version: str) -> list[dict]:
    (parsed,) = vobject.readComponents(card(customer(), version=version))
    return [{k: v for k, v in line.params.items()} for line in parsed.contents["adr"]]


def test_40_marks_the_mailing_address_with_the_pref_parameter():
    assert adr_params("4.0") == [{"TYPE": ["work"]}, {"TYPE": ["home"], "PREF": ["1"]}]


def test_30_keeps_the_pref_type():
    assert adr_params("3.0") == [{"TYPE": ["work"]}, {"TYPE": ["home", "pref"]}]


def test_both_read_back_with_the_same_mailing_address():
    for version in ("3.0", "4.0"):
        (entry,) = read_vcards(card(customer(), version=version).encode()).entries
        assert entry.customer.mailing_address().street == "2 Home Rd", version
