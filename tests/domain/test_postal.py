"""The address formatter on its own: separators around missing parts, country spellings,
native versus Latin formats."""

import pytest

from domain.model import Address
from domain.postal import country_code, postal_lines


@pytest.mark.parametrize(("text", "code"), [
    ("DE", "DE"), ("de", "DE"), ("Germany", "DE"), (" germany ", "DE"), ("Deutschland", "DE"),
    ("UK", "GB"), ("United Kingdom", "GB"), ("USA", "US"), ("United States", "US"),
    ("日本", "JP"), ("South Korea", "KR"), ("Atlantis", ""), ("ZZ", ""), ("", "")])
def test_country_spellings(text, code):
    assert country_code(text) == code


def test_separators_go_with_the_parts_that_are_missing():
    no_state = Address("48 Alder St", "Portland", "", "97205")
    assert postal_lines(no_state, "US") == ["48 Alder St", "PORTLAND 97205"]
    no_zip = Address("48 Alder St", "Portland", "OR", "")
    assert postal_lines(no_zip, "US") == ["48 Alder St", "PORTLAND, OR"]
    no_postcode = Address("千代田1-1", "千代田区", "東京都", "", "JP")
    assert postal_lines(no_postcode, "JP") == ["東京都", "千代田区", "千代田1-1"]


def test_korean_in_hangul_uses_the_korean_format():
    seoul = Address("테헤란로 152", "강남구", "서울", "06236", "대한민국")
    assert postal_lines(seoul, "US", "김 민준") == [
        "서울 강남구", "테헤란로 152", "김 민준", "06236", "SOUTH KOREA"]


def test_street_lines_stay_lines():
    two = Address("Flat 3\n221B Baker Street", "London", "", "NW1 6XE", "GB")
    assert postal_lines(two, "GB", "Jo Bloggs") == [
        "Jo Bloggs", "Flat 3", "221B Baker Street", "LONDON", "NW1 6XE"]


def test_no_home_and_no_country_keeps_every_part():
    assert postal_lines(Address("1 Main St", "Springfield", "IL", "62701"), "") == [
        "1 Main St", "SPRINGFIELD IL 62701"]


def test_no_return_address_is_not_a_lone_country_line():
    """Found on paper: a shop that had not entered its address printed "UNITED STATES"
    alone in the corner of every envelope going abroad."""
    from domain.model import Address
    from domain.templates import Sender

    assert Sender().return_lines(abroad=True) == []
    assert Sender(business="Bloom").return_lines(abroad=True) == ["Bloom"]
    assert postal_lines(Address(country="DE"), "US") == []
    kept = Sender(return_address=Address("1428 SE Division St", "Portland", "OR", "97202"))
    assert kept.return_lines(abroad=True)[-1] == "UNITED STATES"


def test_a_senders_return_lines_follow_every_change_to_the_sender():
    # Worked out once per batch (cached): an edited return address must still show at once.
    from domain.templates import Sender

    sender = Sender(business="Bloom", return_address=Address("48 Alder St", "Portland", "OR",
                                                             "97205"))
    assert sender.return_lines() == ["Bloom", "48 Alder St", "PORTLAND, OR 97205"]
    sender.return_address.city = "Salem"
    sender.business = "Bloom & Co"
    assert sender.return_lines() == ["Bloom & Co", "48 Alder St", "SALEM, OR 97205"]
    assert sender.return_lines(abroad=True)[-1] == "UNITED STATES"
    sender.home = "DE"
    sender.return_address = Address("Königstraße 1", "Stuttgart", "", "70173", "DE")
    assert sender.return_lines() == ["Bloom & Co", "Königstraße 1", "70173 STUTTGART"]
    lines = sender.return_lines()
    lines.append("scribbled on")  # a caller's list is its own
    assert sender.return_lines() == ["Bloom & Co", "Königstraße 1", "70173 STUTTGART"]
