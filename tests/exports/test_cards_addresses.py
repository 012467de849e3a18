"""Envelopes and labels address mail as each country writes it (Google's address formats):
field order, postcode position, upper-casing, the country line only across a border, East
Asian names family name first; and the recipient block at 10 pt or more where it fits."""

import io

import pytest
from pypdf import PdfReader

from domain.model import Address, Card, Customer
from domain.templates import Sender
from exports import cards
from exports.cards.jobs import CardJob, job_for, recipient_lines

STUTTGART = Address("Königstraße 1", "Stuttgart", "", "70173", "Germany", mailing=True)
TOKYO = Address("千代田1-1", "千代田区", "東京都", "100-0001", "日本", mailing=True)
LONDON = Address("10 Downing Street", "London", "", "SW1A 2AA", "United Kingdom", mailing=True)
PARIS = Address("8 rue de la Paix", "Paris Cedex 02", "", "75002", "France", mailing=True)
PORTLAND = Address("48 Alder St", "Portland", "OR", "97205", "USA", mailing=True)


def person(address: Address, given: str = "Anna", family: str = "Schmidt",
           company: str = "") -> Customer:
    return Customer(given_name=given, family_name=family, company=company, addresses=[address])


def test_germany_postcode_before_city_and_country_line_from_the_us():
    assert recipient_lines(person(STUTTGART), home="US") == [
        "Anna Schmidt", "Königstraße 1", "70173 STUTTGART", "GERMANY"]


def test_germany_from_germany_has_no_country_line():
    assert recipient_lines(person(STUTTGART), home="DE") == [
        "Anna Schmidt", "Königstraße 1", "70173 STUTTGART"]


def test_japan_in_japanese_postcode_first_then_prefecture_city_street_name():
    lines = recipient_lines(person(TOKYO, "太郎", "山田"), home="US")
    assert lines == ["〒100-0001", "東京都", "千代田区", "千代田1-1", "山田太郎", "JAPAN"]


def test_japan_in_latin_letters_follows_the_latin_format():
    tokyo = Address("1-1 Chiyoda", "Chiyoda-ku", "Tokyo", "100-0001", "Japan", mailing=True)
    assert recipient_lines(person(tokyo, "Taro", "Yamada"), home="US") == [
        "Taro Yamada", "1-1 Chiyoda", "Chiyoda-ku, TOKYO", "100-0001", "JAPAN"]


def test_united_kingdom_town_and_postcode_on_their_own_lines():
    assert recipient_lines(person(LONDON, "Jo", "Bloggs"), home="US") == [
        "Jo Bloggs", "10 Downing Street", "LONDON", "SW1A 2AA", "UNITED KINGDOM"]
    assert recipient_lines(person(LONDON, "Jo", "Bloggs"), home="GB")[-1] == "SW1A 2AA"


def test_france_company_first_postcode_then_city_and_cedex_in_capitals():
    lines = recipient_lines(person(PARIS, "Jean", "Dupont", "Atelier Lune"), home="US")
    assert lines == ["Atelier Lune", "Jean Dupont", "8 rue de la Paix", "75002 PARIS CEDEX 02",
                     "FRANCE"]


def test_us_address_for_a_us_owner_has_no_country_line():
    assert recipient_lines(person(PORTLAND, "Bo", "Li"), home="US") == [
        "Bo Li", "48 Alder St", "PORTLAND, OR 97205"]


def test_an_address_without_country_is_in_the_owners_country():
    berlin = Address("Hauptstraße 5", "Berlin", "", "10115", "", mailing=True)
    assert recipient_lines(person(berlin, "Bo", "Li"), home="DE") == [
        "Bo Li", "Hauptstraße 5", "10115 BERLIN"]
    home_us = Address("48 Alder St", "Portland", "OR", "97205", "", mailing=True)
    assert recipient_lines(person(home_us, "Bo", "Li"), home="US")[-1] == "PORTLAND, OR 97205"


def test_an_unknown_country_is_printed_as_written_and_nothing_is_lost():
    there = Address("1 Coral Way", "Poseidonia", "", "A-1", "Atlantis", mailing=True)
    lines = recipient_lines(person(there, "Bo", "Li"), home="US")
    assert lines == ["Bo Li", "1 Coral Way", "POSEIDONIA A-1", "ATLANTIS"]


@pytest.mark.parametrize(("given", "family", "printed"), [
    ("小明", "王", "王小明"), ("太郎", "山田", "山田太郎"), ("민준", "김", "김 민준"),
    ("Bo", "Li", "Bo Li"), ("Łukasz", "Wiśniewski", "Łukasz Wiśniewski")])
def test_east_asian_names_family_name_first(given, family, printed):
    assert recipient_lines(person(PORTLAND, given, family), home="US")[0] == printed


def test_return_address_names_its_country_only_on_mail_abroad():
    sender = Sender(business="Bloom & Co", home="US",
                    return_address=Address("48 Alder St", "Portland", "OR", "97205"))
    card = Card(1, "first_purchase", "Hi")
    abroad = job_for(card, person(STUTTGART), sender)
    assert abroad.sender == ["Bloom & Co", "48 Alder St", "PORTLAND, OR 97205", "UNITED STATES"]
    at_home = job_for(card, person(PORTLAND), sender)
    assert at_home.sender == ["Bloom & Co", "48 Alder St", "PORTLAND, OR 97205"]


def _texts(pdf: bytes, page: int = 0) -> list[tuple[str, float]]:
    """Each drawn line and its size in points, in the order drawn."""
    out: list[tuple[str, float]] = []

    def visit(text, _cm, tm, _font, size):
        if text.strip():
            out.append((text.strip(), round(size * tm[0], 2)))

    PdfReader(io.BytesIO(pdf)).pages[page].extract_text(visitor_text=visit)
    return out


@pytest.mark.parametrize(("name", "kind"), [("env-10", "envelope"), ("env-a2", "envelope"),
                                            ("avery-5160", "label"), ("avery-l7160", "label")])
def test_the_pdf_holds_the_german_lines_in_order(name, kind):
    sender = Sender(business="Bloom & Co", home="US",
                    return_address=Address("48 Alder St", "Portland", "OR", "97205"))
    job = job_for(Card(1, "first_purchase", "Hi"), person(STUTTGART), sender)
    drawn = [t for t, _ in _texts(cards.get(name, kind)().render([job]))]
    want = ["Anna Schmidt", "Königstraße 1", "70173 STUTTGART", "GERMANY"]
    start = drawn.index(want[0])
    assert drawn[start:start + 4] == want


NORMAL = ["Margaret Thompson", "1234 Northeast Alberta Street", "PORTLAND, OR 97211"]
ABROAD = ["Margaret Thompson", "Thompson Floral Design", "Flat 3, 221B Baker Street",
          "LONDON", "NW1 6XE", "UNITED KINGDOM"]


@pytest.mark.parametrize(("name", "kind"), [("env-10", "envelope"), ("env-a2", "envelope"),
                                            ("avery-5160", "label"), ("avery-l7160", "label")])
@pytest.mark.parametrize("recipient", [NORMAL, ABROAD[:5]])
def test_the_recipient_prints_at_10_pt_or_more(name, kind, recipient):
    job = CardJob(text="Hi", recipient=recipient, sender=["Bloom & Co", "48 Alder St"])
    sizes = {t: s for t, s in _texts(cards.get(name, kind)().render([job]))}
    assert all(sizes[line] >= 10.0 for line in recipient), sizes


def test_the_owners_country_is_the_notebooks_region(notebook, tmp_path):
    import json

    import main
    from storage import customers
    from storage import templates as store
    from storage.db import db

    assert store.load_sender().home == "US"  # no region set: the default, as for phones
    db.execute_sql("INSERT INTO setting (key, value) VALUES ('region', ?)", (json.dumps("DE"),))
    assert store.load_sender().home == "DE"
    customers.save_customer(person(Address("Hauptstraße 5", "Berlin", "", "10115", "",
                                           mailing=True), "Bo", "Li"))
    customers.save_customer(person(PORTLAND, "Peggy", "Shaw"))
    out = tmp_path / "labels.pdf"
    assert main.main(["print-labels", str(out), "--notebook", str(db.database)]) == 0
    drawn = [t for t, _ in _texts(out.read_bytes())]
    assert drawn[:3] == ["Bo Li", "Hauptstraße 5", "10115 BERLIN"]
    assert drawn[3:7] == ["Peggy Shaw", "48 Alder St", "PORTLAND, OR 97205", "UNITED STATES"]


LONG_STREET = ["Margaret Thompson", "12345 Northeast Martin Luther King Jr Boulevard Apt 1200",
               "PORTLAND, OR 97211"]


@pytest.mark.parametrize(("name", "kind"), [("env-10", "envelope"), ("env-a2", "envelope"),
                                            ("avery-5160", "label"), ("avery-l7160", "label")])
def test_a_long_street_line_wraps_at_10_pt_rather_than_shrink_below(name, kind):
    job = CardJob(text="Hi", recipient=LONG_STREET, sender=["Bloom & Co"])
    drawn = _texts(cards.get(name, kind)().render([job]))
    drawn = drawn[1:] if kind == "envelope" else drawn  # the return address comes first
    assert min(s for _, s in drawn) >= 10.0, drawn
    assert " ".join(t for t, _ in drawn).endswith("PORTLAND, OR 97211")
