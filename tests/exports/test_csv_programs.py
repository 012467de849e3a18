"""CSV files as Outlook (UK), Thunderbird, Google, Apple Numbers and Excel write them (issue 15).

Each fixture is in its program's own column layout and encoding: Outlook UK in Windows-1252
with day-first dates, Thunderbird UTF-8, Google UTF-8 with a BOM, Apple Numbers in Mac Roman
(with Apple's year 1604 for a birthday without a year), Excel "Unicode text" in UTF-16.
"""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

from domain.contacts_dates import day_first_region
from domain.contacts_text import decode_text
from domain.dates import PartialDate
from exports import csv_import

FIXTURES = Path(__file__).parent / "fixtures"


def read(name: str, region: str = "US", data: bytes | None = None, day_first=None):
    table = csv_import.open_table(data if data is not None else (FIXTURES / name).read_bytes())
    mapping = csv_import.contacts_mapping(table)
    mapping.day_first = day_first
    return csv_import.read_table(table, mapping, region, name)


def people(name: str, region: str = "US", **kw):
    return [e.customer for e in read(name, region, **kw).entries if not e.broken]


def dates(c) -> dict[str, PartialDate]:
    return {m.kind: m.date for m in c.milestones}


def family(c) -> list[tuple[str, str]]:
    return [(f.value, f.relation) for f in c.facts if f.kind == "family"]


# --- dates: day first or month first, per file ----------------------------------------------

def test_uk_outlook_dates_are_day_first_because_the_file_says_so():
    # 25/06/2011 can only be day first: the whole file is read that way, even in a US notebook.
    sian, zoe = people("outlook_uk.csv", "US")
    assert dates(sian) == {"birthday": PartialDate(3, 7, 1985),
                           "wedding_anniversary": PartialDate(6, 25, 2011)}
    assert dates(zoe) == {"birthday": PartialDate(11, 2, 1979)}


def _ambiguous_uk() -> bytes:
    data = (FIXTURES / "outlook_uk.csv").read_bytes()
    return data.replace(b'"25/06/2011"', b'""')  # only dates that could be read both ways


def test_ambiguous_dates_follow_the_notebooks_region():
    (sian, _zoe) = people("outlook_uk.csv", "GB", data=_ambiguous_uk())
    assert dates(sian)["birthday"] == PartialDate(3, 7, 1985)  # 7 March, not 3 July
    (sian, _zoe) = people("outlook_uk.csv", "US", data=_ambiguous_uk())
    assert dates(sian)["birthday"] == PartialDate(7, 3, 1985)


def test_the_date_order_is_told_and_can_be_switched():
    result = read("outlook_uk.csv", "GB", data=_ambiguous_uk())
    order = result.date_order
    assert (order.day_first, order.settled) == (True, False)
    assert "07/03/1985" in order.describe() and "7 March 1985" in order.describe()
    assert any("day first" in note for note in result.notes)
    flipped = read("outlook_uk.csv", "GB", data=_ambiguous_uk(), day_first=False)
    assert flipped.date_order.day_first is False
    assert dates(flipped.entries[0].customer)["birthday"] == PartialDate(7, 3, 1985)


def test_settled_order_says_which_value_settled_it():
    order = read("outlook_uk.csv").date_order
    assert (order.day_first, order.settled) == (True, True)
    assert "25/06/2011" in order.describe()


@pytest.mark.parametrize(("region", "day_first"), [("GB", True), ("DE", True), ("FR", True),
                                                    ("AU", True), ("US", False)])
def test_regions_date_order(region, day_first):
    assert day_first_region(region) is day_first


def test_us_outlook_file_still_month_first():
    renee = people("outlook.csv", "GB")[0]
    assert dates(renee)["birthday"] == PartialDate(3, 14, 1980)  # 3/14/1980 settles it


# --- column sets ---------------------------------------------------------------------------

def test_outlook_uk_columns_in_full():
    sian, zoe = people("outlook_uk.csv", "GB")
    assert (sian.given_name, sian.family_name, sian.company, sian.role) == (
        "Siân", "Pryce", "Pryce & Daughters", "Manager")
    home, work = sian.addresses
    assert (home.street, home.city, home.postal_code, home.country, home.label) == (
        "14 Cathedral Road", "Cardiff", "CF11 9LJ", "United Kingdom", "home")
    assert (work.street, work.city, work.label) == ("2 Quay Street", "Cardiff", "work")
    assert sian.phones == ["+447911123456"]
    assert family(sian) == [("Gareth Pryce", "spouse"), ("Cerys", "child"), ("Owain", "child")]
    assert sian.notes == "Café au lait, no sugar."
    assert (zoe.given_name, zoe.family_name, zoe.phones) == ("Zoë", "Åberg", ["+441223496000"])


def test_thunderbird_columns_in_full():
    table = csv_import.open_table((FIXTURES / "thunderbird.csv").read_bytes())
    assert csv_import.contacts_mapping(table).preset == "thunderbird"
    jurgen, ana = people("thunderbird.csv", "DE")
    assert (jurgen.given_name, jurgen.family_name, jurgen.preferred_name) == (
        "Jürgen", "Weiß", "Jogi")
    assert jurgen.emails == ["juergen@example.de", "jw@example.org"]
    assert jurgen.phones == ["+4915123456789"]
    assert (jurgen.company, jurgen.role) == ("Brauhaus Weiß", "Braumeister")
    home, work = jurgen.addresses
    assert (home.street, home.city, home.region, home.postal_code, home.country,
            home.label, home.mailing) == ("Lindenstraße 5\nHinterhaus", "München", "Bayern",
                                          "80331", "Germany", "home", True)
    assert (work.street, work.city, work.label) == ("Marienplatz 1", "München", "work")
    assert dates(jurgen) == {"birthday": PartialDate(4, 23, 1971)}
    assert dates(ana) == {"birthday": PartialDate(12, 5)}  # no Birth Year: no year
    assert jurgen.notes == "Mag Brezn"


def test_google_relations_phones_and_year_less_leap_birthday():
    priya, sam = people("google_relations.csv")
    assert family(priya) == [("Arjun", "spouse"), ("Meera", "child")]
    assert priya.phones == ["+15035550142", "+15035550143"]
    assert (priya.company, priya.role) == ("Raman Studio", "Designer")
    assert dates(priya) == {"birthday": PartialDate(8, 17, 1990),
                            "wedding_anniversary": PartialDate(5, 30, 2015)}
    assert priya.addresses[0].city == "Salem"
    assert dates(sam) == {"birthday": PartialDate(2, 29)}
    assert read("google_relations.csv").entries[0].warnings == []


def test_apple_numbers_mac_roman_and_the_year_1604():
    table = csv_import.open_table((FIXTURES / "apple_numbers_macroman.csv").read_bytes())
    assert table.encoding == "mac_roman"
    helene, begona = people("apple_numbers_macroman.csv", "FR")
    assert (helene.given_name, helene.family_name, helene.company) == (
        "Hélène", "Crème", "Pâtisserie Hélène")
    assert helene.notes == "Aime les crêpes et le café noisette"
    address = helene.addresses[0]
    assert (address.region, address.postal_code) == ("Île-de-France", "75007")
    assert dates(helene) == {"birthday": PartialDate(9, 21)}  # 1604 is Apple's "no year"
    assert (begona.given_name, begona.family_name, begona.notes) == (
        "Begoña", "Muñoz", "Niño: Íñigo")


def test_the_guessed_encoding_is_named_in_the_report_lines():
    result = read("apple_numbers_macroman.csv", "FR")
    assert any("Mac Roman" in note and "guess" in note for note in result.notes)
    assert not any("UTF" in n for n in read("thunderbird.csv").notes)  # said only when guessed


def test_excel_unicode_text_utf16_with_synonym_headers():
    table = csv_import.open_table((FIXTURES / "excel_unicode.csv").read_bytes())
    assert (table.encoding, table.delimiter) == ("utf-16", "\t")
    olafur, chloe = people("excel_unicode.csv", "US")
    assert (olafur.given_name, olafur.family_name) == ("Ólafur", "Jónsson")
    assert olafur.emails == ["olafur@example.is"]
    address = olafur.addresses[0]
    assert (address.city, address.postal_code, address.label) == ("Reykjavík", "101", "work")
    assert dates(chloe) == {"birthday": PartialDate(2, 4, 1994)}  # 13/05/1966 settles it


@pytest.mark.parametrize(("header", "target"), [
    ("State/Province", "region"), ("ZIP/Postal Code", "postal_code"), ("Work City", "city"),
    ("Home Street", "street"), ("Postcode", "postal_code"), ("Address Line 2", "street"),
    ("Home ZipCode", "postal_code"), ("Mobile Number", "phone"), ("Work Mobile", "phone"),
    ("Business Name", "company"), ("Spouse", "family"), ("Do not contact", "do_not_contact"),
    ("Customer since", "customer_since")])
def test_usual_header_synonyms_are_recognised(header, target):
    table = csv_import.open_table(f"Name,{header}\nAnn Lee,x\n".encode())
    assert csv_import.contacts_mapping(table).columns[1].target == target


# --- encodings -----------------------------------------------------------------------------

_WESTERN = ["Renée", "Crème", "Begoña", "Müller", "façade", "Zoë", "Hélène", "crêpes", "Åsa",
            "Søren", "Gérard", "naïve", "Île", "Weiß", "garçon", "à"]


@pytest.mark.parametrize(("a", "b"), list(itertools.combinations(_WESTERN, 2)))
def test_mac_roman_western_text_is_read_as_mac_roman(a, b):
    text = f"Name,Note\n{a},{b}\n"
    decoded, encoding = decode_text(text.encode("mac_roman"))
    assert decoded == text, encoding


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8", "utf-16"])
def test_other_western_encodings_still_read(encoding):
    text = "Name,Note\nRenée Crème,Begoña Muñoz; Weiß\n"
    data = text.encode(encoding) if encoding != "utf-8" else b"\xef\xbb\xbf" + text.encode()
    assert decode_text(data)[0] == text


def test_central_european_text_is_not_taken_for_mac_roman():
    text = "Name,City\nWojciech Żółć,Łódź\nAgnieszka Wąs,Gdańsk\n"
    assert decode_text(text.encode("cp1250"))[0] == text



_NAMES = ["Renée Crème", "Begoña Muñoz", "François Lefèvre", "Jürgen Weiß", "Søren Ærø",
          "Zoë Åberg", "Hélène Gérard", "Íñigo Núñez", "Gaëlle Noël", "Björn Öberg",
          "São Paulo", "Zürich", "Málaga", "Genève", "Besançon", "Köln", "Île-de-France"]


def test_mac_roman_files_of_western_names_read_right_every_time():
    rng = random.Random(15)
    for _ in range(60):
        rows = [f"{rng.choice(_NAMES)},{rng.choice(_NAMES)}" for _ in range(rng.randint(1, 30))]
        text = "Name,City\n" + "\n".join(rows) + "\n"
        assert decode_text(text.encode("mac_roman")) == (text, "mac_roman")


@pytest.mark.parametrize(("cell", "channels", "warned"), [
    ("phone, text", ["phone", "text"], False), ("Yes", ["mail", "phone", "email", "text",
                                                        "visit"], False),
    ("no", [], False), ("", [], False),
    ("not on Sundays", ["mail", "phone", "email", "text", "visit"], True)])
def test_do_not_contact_is_never_lost_and_unclear_means_not_at_all(cell, channels, warned):
    data = f'Name,Do not contact,Customer since\nAnn Lee,"{cell}",25/12/2019\n'.encode()
    (entry,) = read("x.csv", "US", data=data).entries
    assert entry.customer.do_not_contact == channels
    assert entry.customer.customer_since.isoformat() == "2019-12-25"  # day first, settled
    assert any("unclear" in w for w in entry.warnings) is warned
