"""vCards as real programs write them (issue 15): iPhone CR CR LF with a folded photo, Gmail's
``\\"``, Apple's related names and 1604 birthdays, Evolution's and Outlook's spouse, vCard 4
RELATED, and a card with one unreadable line. Fixtures are in each program's own layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from domain.dates import PartialDate
from exports.vcard_read import read_vcards

FIXTURES = Path(__file__).parent / "fixtures"


def read(name: str):
    return read_vcards((FIXTURES / name).read_bytes(), name, "US")


def people(name: str):
    entries = read(name).entries
    assert [e.problem for e in entries if e.broken] == []
    return [e.customer for e in entries]


def family(c) -> list[tuple[str, str]]:
    return [(f.relation, f.value) for f in c.facts if f.kind == "family"]


def dates(c) -> dict[str, PartialDate]:
    return {m.kind: m.date for m in c.milestones}


def test_iphone_card_with_cr_cr_lf_and_a_folded_photo_is_read_whole():
    entries = read("iphone_crcrlf_photo.vcf").entries
    assert [e.problem for e in entries] == ["", ""]
    chidi, lena = (e.customer for e in entries)
    assert (chidi.given_name, chidi.family_name, chidi.company) == (
        "Chidi", "Okafor", "Okafor Joinery")
    assert chidi.emails == ["chidi@example.com", "orders@okafor-joinery.example"]
    assert chidi.phones == ["+15035550123", "+15035550188"]
    assert chidi.addresses[0].city == "Portland"
    assert entries[0].photo and entries[0].photo[:2] == b"\xff\xd8"  # a JPEG
    assert entries[0].warnings == []
    assert lena.given_name == "Lena" and lena.phones == ["+15035550177"]


@pytest.mark.parametrize("ending", ["\r\n", "\n", "\r", "\r\r\n", "\r\n\r\n", "\n\n"])
def test_every_line_ending_with_a_folded_value(ending):
    lines = ["BEGIN:VCARD", "VERSION:3.0", "N:Abe;Zoe;;;", "NOTE:one two", " three four",
             "\tfive", "EMAIL:zoe@example.com", "END:VCARD"]
    (entry,) = read_vcards(ending.join(lines).encode() + ending.encode()).entries
    assert entry.problem == ""
    assert entry.customer.notes == "one twothree fourfive"
    assert entry.customer.emails == ["zoe@example.com"]


def test_a_card_with_one_unreadable_line_keeps_the_rest_and_names_the_line():
    (entry,) = read("one_bad_line.vcf").entries
    assert not entry.broken
    ada = entry.customer
    assert (ada.given_name, ada.family_name) == ("Ada", "Quinn")
    assert ada.emails == ["ada@example.com"] and ada.phones == ["+15035550133"]
    assert entry.warnings == [
        "card 1 (line 5): cannot read 'this line is not a property' — line left out"]


def test_gmail_escaped_quotes_are_unescaped():
    (bob,) = people("gmail_quotes.vcf")
    assert bob.company == 'Hale "Old Town" Hardware'
    assert bob.notes == 'Wants the "big" catalogue, not the small one.'
    assert family(bob) == [("spouse", "Ruth Hale")]
    assert bob.tags == []  # "myContacts" is Google's own group, not the owner's tag


def test_apple_related_names_and_1604_birthdays_mean_no_year():
    helen, marco = people("apple_related_1604.vcf")
    assert dates(helen) == {"birthday": PartialDate(3, 15),
                            "wedding_anniversary": PartialDate(9, 2)}
    assert dates(helen)["birthday"].year is None
    assert family(helen) == [("spouse", "George Marsh"), ("child", "Ivy Marsh"),
                             ("godmother", "Pat Doyle")]
    assert dates(marco) == {"birthday": PartialDate(7, 4)}
    assert family(marco) == [("mother", "Giulia Ferro")]


def test_a_bare_1604_year_is_no_year_either():
    text = "BEGIN:VCARD\nVERSION:3.0\nN:Ng;Al;;;\nBDAY:1604-03-15\nEND:VCARD\n"
    (entry,) = read_vcards(text.encode()).entries
    assert dates(entry.customer) == {"birthday": PartialDate(3, 15)}


def test_evolution_spouse_is_family_its_manager_is_not():
    (tomas,) = people("evolution_spouse.vcf")
    assert family(tomas) == [("spouse", "Carmen Ruiz")]
    assert dates(tomas)["wedding_anniversary"] == PartialDate(6, 18, 2005)


def test_a_spouse_named_twice_is_one_family_member():
    text = ("BEGIN:VCARD\nVERSION:3.0\nN:Ng;Al;;;\nX-MS-SPOUSE:Bea Ng\nitem1.X-ABRELATEDNAMES:"
            "Bea Ng\nitem1.X-ABLabel:wife\nX-EVOLUTION-SPOUSE:Bea Ng\nEND:VCARD\n")
    (entry,) = read_vcards(text.encode()).entries
    assert family(entry.customer) == [("wife", "Bea Ng")]


def test_outlook_spouse():
    (anna,) = people("outlook_spouse_21.vcf")
    assert family(anna) == [("spouse", "Piotr Kowalski")]
    assert dates(anna) == {"birthday": PartialDate(7, 4, 1980),
                           "wedding_anniversary": PartialDate(8, 12, 2006)}


def test_vcard_4_related_text_values():
    (sam,) = people("v40_related.vcf")
    assert family(sam) == [("spouse", "Jordan Lee"), ("child", "Riley Lee")]
    assert dates(sam) == {"birthday": PartialDate(2, 29)}


@pytest.mark.parametrize("line", ["RELATED;TYPE=spouse,child;VALUE=text:Jordan Lee",
                                  "RELATED;VALUE=text;TYPE=child,spouse:Jordan Lee",
                                  "X-ABRELATEDNAMES;type=friend;type=spouse:Jordan Lee",
                                  "X-ABRELATEDNAMES;type=spouse,friend:Jordan Lee"])
def test_a_relation_of_several_types_is_the_first_written(line):
    """The same card reads the same in every run: the relation is the first type written, not
    whichever a set of types (its order fixed by each run's string hashing) gave first."""
    first = line.split("TYPE=" if "TYPE=" in line else "type=")[1].split(",")[0].split(";")[0]
    text = f"BEGIN:VCARD\nVERSION:4.0\nFN:Sam Lee\n{line}\nEND:VCARD\n"
    (entry,) = read_vcards(text.encode()).entries
    assert family(entry.customer) == [(first.split(":")[0], "Jordan Lee")]


@pytest.mark.parametrize("fn", ["(no name)", "ann@example.com"])
def test_a_placeholder_or_email_as_fn_is_not_a_name(fn):
    text = f"BEGIN:VCARD\nVERSION:3.0\nN:;;;;\nFN:{fn}\nEMAIL:ann@example.com\nEND:VCARD\n"
    (entry,) = read_vcards(text.encode()).entries
    c = entry.customer
    assert (c.given_name, c.family_name, c.emails) == ("", "", ["ann@example.com"])


@pytest.mark.parametrize("name", ["folded_split_character.vcf", "android_21_qp.vcf",
                                  "outlook_21.vcf", "apple_30.vcf"])
@pytest.mark.parametrize("ending", [b"\r\r\n", b"\r\n\r\n", b"\n\n"])
def test_odd_line_ends_read_as_the_same_cards(name, ending):
    """Each fixture with every line end turned into CR CR LF, or doubled (also where a fold
    splits a UTF-8 character, read as bytes, or a quoted-printable soft break ends a line)."""
    data = (FIXTURES / name).read_bytes()
    doubled = data.replace(b"\r\n", b"\n").replace(b"\n", ending)
    assert [(e.problem, e.warnings, e.customer, e.photo) for e in
            read_vcards(doubled).entries] == [(e.problem, e.warnings, e.customer, e.photo)
                                              for e in read_vcards(data).entries]


def test_a_soft_break_then_a_blank_line_then_a_property_ends_the_value():
    text = ("BEGIN:VCARD\r\nVERSION:2.1\r\nN:Ng;Al\r\nNOTE;ENCODING=QUOTED-PRINTABLE:caf=C3=A9=\r\n"
            "\r\nTEL;CELL:+1 503 555 0100\r\nEND:VCARD\r\n")
    (entry,) = read_vcards(text.encode()).entries
    assert entry.customer.notes == "café" and entry.customer.phones == ["+15035550100"]
