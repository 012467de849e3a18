"""vCard reading, one quirk per test, on fixture files written for each (tests/exports/fixtures)."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from domain.contacts import parse_contact_date
from domain.dates import PartialDate
from exports.vcard_photo import MAX_BYTES, MAX_SIDE
from exports.vcard_read import read_vcards

FIXTURES = Path(__file__).parent / "fixtures"


def read(name: str, region: str = "US"):
    return read_vcards((FIXTURES / name).read_bytes(), name, region)


def people(name: str, region: str = "US"):
    return [e.customer for e in read(name, region).entries]


def dates(c) -> dict[str, PartialDate]:
    return {m.kind: m.date for m in c.milestones}


# --- Android 2.1 ---------------------------------------------------------------------------

def test_android_quoted_printable_with_utf8_charset():
    maria, zhang = people("android_21_qp.vcf")
    assert (maria.given_name, maria.family_name) == ("Maria", "Nguyễn")
    assert (zhang.family_name, zhang.given_name) == ("张", "三")


def test_android_soft_line_breaks_join_even_inside_a_character():
    maria = people("android_21_qp.vcf")[0]
    # "Phal=\naenopsis" is one word; "Sund=E1=BA=\n=A1y" splits the bytes of "ạ".
    assert maria.notes == ("Likes orchids — especially the white Phalaenopsis.\n"
                           "Call before noon; never on Sundạy.")


def test_android_phones_become_e164_and_home_address_is_for_mail():
    maria = people("android_21_qp.vcf")[0]
    assert maria.phones == ["+15035550101", "+15035550102"]
    assert maria.addresses[0].mailing and maria.addresses[0].city == "Portland"


def test_quoted_printable_in_a_declared_legacy_charset():
    # Old Nokia and Sony Ericsson phones: the bytes mean nothing without their CHARSET.
    text = ("BEGIN:VCARD\r\nVERSION:2.1\r\n"
            "N;CHARSET=KOI8-R;ENCODING=QUOTED-PRINTABLE:=F0=A3=D4=D2;;;;\r\n"
            "FN;CHARSET=ISO-8859-7;ENCODING=QUOTED-PRINTABLE:=C5=EB=DD=ED=E7\r\n"
            "TEL:+1 503 555 0100\r\nEND:VCARD\r\n")
    (entry,) = read_vcards(text.encode("ascii")).entries
    assert entry.customer.family_name == "Пётр"
    assert read_vcards(text.replace("\nN;", "\nX-N;").encode()).entries[0].customer.given_name \
        == "Ελένη"


# --- Outlook 2.1 ---------------------------------------------------------------------------

def test_outlook_cp1252_bytes_and_quoted_printable_in_windows_1252():
    jurgen = people("outlook_21.vcf")[0]
    assert (jurgen.given_name, jurgen.family_name) == ("Jürgen", "Müller")
    assert jurgen.company == "Bäckerei Müller"
    assert jurgen.addresses[0].street == "Hauptstraße 5"
    assert jurgen.notes == "Stammkunde seit 2015\nMag Roggenbrötchen und Grüße"


def test_outlook_basic_format_birthday_and_phone_in_its_own_country():
    jurgen = people("outlook_21.vcf")[0]
    assert dates(jurgen)["birthday"] == PartialDate(5, 21, 1975)
    assert jurgen.phones == ["+49301234567", "+4915123456789"]
    assert jurgen.emails == ["juergen@example.de"]


# --- Apple 3.0 -----------------------------------------------------------------------------

def test_apple_omitted_year_birthday_has_no_year():
    annika = people("apple_30.vcf")[0]
    assert dates(annika)["birthday"] == PartialDate(3, 14)


def test_apple_grouped_properties_keep_their_labels():
    annika = people("apple_30.vcf")[0]
    assert annika.emails == ["annika@example.se"]
    cottage = next(a for a in annika.addresses if a.city == "Visby")
    assert cottage.label == "Cottage" and not cottage.mailing
    assert dates(annika)["wedding_anniversary"] == PartialDate(6, 12, 2010)
    assert [(f.kind, f.value, f.relation) for f in annika.facts] == [("family", "Tom", "child")]


def test_nickname_is_the_preferred_name_and_categories_are_tags():
    annika = people("apple_30.vcf")[0]
    assert annika.preferred_name == "Annie"
    assert annika.tags == ["Design", "VIP"]
    assert annika.company == "Lindqvist Design"


# --- vCard 4.0 -----------------------------------------------------------------------------

def test_v4_year_less_birthday_and_basic_format_anniversary():
    chidi, lena = people("v40_anniversary.vcf")
    assert dates(chidi) == {"birthday": PartialDate(3, 14),
                            "wedding_anniversary": PartialDate(6, 12, 2010)}
    assert dates(lena)["birthday"] == PartialDate(2, 29)  # --02-29, the extended form


def test_v4_pref_parameter_chooses_the_mailing_address_and_tel_uri_is_read():
    chidi = people("v40_anniversary.vcf")[0]
    mailing = [a.street for a in chidi.addresses if a.mailing]
    assert mailing == ["5 Marina Rd"]  # PREF=1 wins over the home address listed first
    assert chidi.phones == ["+2348035550123"]


def test_a_date_that_is_not_a_date_is_left_out_with_a_warning():
    lena = read("v40_anniversary.vcf").entries[1]
    assert "wedding_anniversary" not in dates(lena.customer)
    assert lena.warnings == ["card 2 (line 13): anniversary 'circa 1999' is not a date — left out"]


# --- text layer ----------------------------------------------------------------------------

def test_bom_crlf_and_folded_lines():
    lan = people("folded_bom_crlf.vcf")[0]
    assert (lan.given_name, lan.family_name) == ("Thị Lan", "Nguyễn")
    assert lan.notes.endswith("anything from the Dordogne; ask about her garden.")
    assert "  " not in lan.notes  # folded with a space and with a tab
    assert lan.emails == ["lan@example.com"]


def test_lines_folded_between_the_bytes_of_one_character():
    an = people("folded_split_character.vcf")[0]
    assert (an.given_name, an.family_name) == ("Văn An", "Nguyễn")
    assert an.notes == "Phở bò — no onions"


def test_utf16_file_with_bom():
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Żółć;Łukasz;;;\r\nEND:VCARD\r\n"
    (entry,) = read_vcards(text.encode("utf-16")).entries
    assert (entry.customer.given_name, entry.customer.family_name) == ("Łukasz", "Żółć")


@pytest.mark.parametrize("newline", ["\n", "\r", "\r\n"])
def test_any_line_ending(newline):
    text = newline.join(["BEGIN:VCARD", "VERSION:3.0", "N:Doe;Jo;;;",
                         "NOTE:one", " two", "END:VCARD", ""])
    jo = read_vcards(text.encode()).entries[0].customer
    assert (jo.given_name, jo.notes) == ("Jo", "onetwo")


def test_escaped_commas_semicolons_backslashes_and_newlines():
    sean = people("escaped.vcf")[0]
    assert sean.family_name == "O'Brien;Jr"
    assert sean.company == "Smith, Jones & Co."
    assert sean.role == "Cutter; fitter"
    assert sean.preferred_name == "Shay, the Tailor"
    assert sean.notes == "Suit size 40, long; prefers wool.\nPath: C:\\Orders\\2025"
    assert sean.tags == ["VIP", "Suits, bespoke", "Wedding party"]
    assert sean.addresses[0].street == "Unit 4, Mill Lane"


# --- photos --------------------------------------------------------------------------------

def _image(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


def test_photo_is_decoded_downscaled_and_capped():
    pia = read("photos.vcf").entries[0]
    image = _image(pia.photo)
    assert image.format == "JPEG"
    assert max(image.size) == MAX_SIDE and image.size == (256, 192)  # was 1200 × 900
    assert len(pia.photo) <= MAX_BYTES


def test_v21_base64_photo_without_indentation_ends_at_the_blank_line():
    paul = read("photos.vcf").entries[1]
    assert _image(paul.photo).size == (64, 48)
    assert paul.customer.phones == ["+15035550177"]  # the line after the photo is read


def test_v4_data_uri_photo_and_a_damaged_photo_leaves_the_card():
    petra, damaged = read("photos.vcf").entries[2:]
    assert _image(petra.photo).size == (64, 48)
    assert damaged.photo is None and damaged.customer.family_name == "Photo"
    assert damaged.warnings == ["card 4 (line 604): photo could not be read as a picture "
                                "— left out"]


def test_photo_link_is_not_fetched():
    text = "BEGIN:VCARD\nN:Doe;Jo;;;\nPHOTO;VALUE=uri:https://example.com/jo.jpg\nEND:VCARD\n"
    jo = read_vcards(text.encode()).entries[0]
    assert jo.photo is None and jo.warnings


# --- broken cards --------------------------------------------------------------------------

def test_a_broken_card_is_reported_with_its_position_and_the_others_read():
    entries = read("broken_middle.vcf").entries
    good = [e.customer.given_name for e in entries if not e.broken]
    assert good == ["Alice", "Bob", "Dan", "Eve"]  # Bob's unreadable line is left out alone
    assert entries[1].warnings == [
        "card 2 (line 9): cannot read 'this line is not a property' — line left out"]
    assert [(e.position, e.problem) for e in entries if e.broken] == [
        ("card 3 (line 12)", "no END:VCARD before the next card begins on line 16"),
        ("card 5 (line 21)", "no name, company, email or phone"),
    ]


def test_a_truncated_file_reports_its_last_card():
    text = "BEGIN:VCARD\nN:A;B;;;\nEND:VCARD\nBEGIN:VCARD\nN:C;D;;;\n"
    entries = read_vcards(text.encode()).entries
    assert entries[1].broken and "ends before" in entries[1].problem


def test_no_card_at_all_is_fatal():
    assert read_vcards(b"hello").fatal
    assert read_vcards(b"").fatal


def test_card_with_only_fn_splits_the_name():
    text = "BEGIN:VCARD\nVERSION:3.0\nFN:Maria van der Berg\nEND:VCARD\n"
    c = read_vcards(text.encode()).entries[0].customer
    assert (c.given_name, c.family_name) == ("Maria", "van der Berg")


def test_unparseable_phone_is_kept_as_written_and_region_applies():
    text = "BEGIN:VCARD\nN:Doe;Jo;;;\nTEL:ask at reception\nTEL:030 1234567\nEND:VCARD\n"
    assert read_vcards(text.encode(), region="DE").entries[0].customer.phones == [
        "ask at reception", "+49301234567"]


# --- dates as address books write them -------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("1980-03-14", PartialDate(3, 14, 1980)),
    ("19800314", PartialDate(3, 14, 1980)),
    ("1980-03-14T00:00:00Z", PartialDate(3, 14, 1980)),
    ("--0314", PartialDate(3, 14)),
    ("--03-14", PartialDate(3, 14)),
    ("3/14/1980", PartialDate(3, 14, 1980)),
    ("14/3/1980", PartialDate(3, 14, 1980)),
    ("14.03.1980", PartialDate(3, 14, 1980)),
    ("3/14/80", PartialDate(3, 14, 1980)),
    ("3/14/05", PartialDate(3, 14, 2005)),
    ("0/0/00", None),
    ("", None),
])
def test_contact_dates(text, expected):
    assert parse_contact_date(text, today=date(2026, 1, 1)) == expected


@pytest.mark.parametrize("text", ["circa 1999", "1980-02-30", "13/13/1980", "1980-03"])
def test_not_dates(text):
    with pytest.raises(ValueError):
        parse_contact_date(text)
