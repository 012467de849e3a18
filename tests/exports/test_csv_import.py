"""CSV import, one quirk per test, on fixture files written for each (tests/exports/fixtures)."""

from __future__ import annotations

from pathlib import Path

from domain.contacts_mapping import Column, ColumnMapping, detect_mapping, guess_target
from domain.contacts_text import decode_text
from domain.dates import PartialDate
from exports import csv_import
from exports.registry import importer_for
from storage import customers, records

FIXTURES = Path(__file__).parent / "fixtures"


def read(name: str, mapping: ColumnMapping | None = None):
    return csv_import.read_bytes((FIXTURES / name).read_bytes(), name, "US", mapping)


def people(name: str):
    return [e.customer for e in read(name).entries if not e.broken]


def dates(c) -> dict[str, PartialDate]:
    return {m.kind: m.date for m in c.milestones}


# --- presets -------------------------------------------------------------------------------

def test_google_preset_is_recognised_from_the_header():
    table = csv_import.open_table((FIXTURES / "google.csv").read_bytes())
    assert detect_mapping(table.headers).preset == "google"


def test_google_values_labels_and_year_less_birthday():
    maria, tom = people("google.csv")
    assert (maria.given_name, maria.family_name, maria.preferred_name) == ("Maria", "Nguyễn",
                                                                           "Mia")
    assert (maria.company, maria.role) == ("Nguyễn Florals", "Owner")
    assert maria.emails == ["maria@example.com", "maria.n@example.org"]  # "a ::: b"
    assert maria.tags == ["Friends", "VIP"]  # "* myContacts" is Google's, not the owner's
    assert dates(maria) == {"birthday": PartialDate(3, 14),  # --03-14
                            "wedding_anniversary": PartialDate(6, 12, 2010)}  # Event 1
    address = maria.addresses[0]
    assert (address.street, address.city, address.label, address.mailing) == (
        "12 Elm St", "Portland", "home", True)
    assert tom.phones == ["+15035550177", "+15035550178"]
    assert tom.tags == []


def test_google_multi_line_notes_keep_their_lines():
    maria = people("google.csv")[0]
    assert maria.notes == "Loves orchids.\nCall before noon, never Sundays."


def test_google_legacy_headers():
    (ana,) = people("google_legacy.csv")
    assert (ana.given_name, ana.company, ana.role, ana.tags) == ("Ana", "Lima Café", "Manager",
                                                                 ["Regulars"])
    assert ana.phones == ["+5511912345678"]


def test_outlook_preset_empty_dates_and_month_first_birthdays():
    entries = read("outlook.csv").entries
    renee, jurgen = (e.customer for e in entries[:2])
    assert dates(renee) == {"birthday": PartialDate(3, 14, 1980),
                            "wedding_anniversary": PartialDate(6, 12, 2010)}
    assert dates(jurgen) == {}  # "0/0/00" is Outlook's empty date, not a problem
    assert entries[0].warnings == [] and entries[1].warnings == []
    assert renee.role == "Gérante"  # Job Title, not Title ("Mme")
    assert renee.tags == ["VIP", "Florals"]
    assert [(a.label, a.mailing) for a in renee.addresses] == [("home", True), ("work", False)]


def test_outlook_file_in_cp1252():
    renee, jurgen = people("outlook.csv")
    assert (renee.given_name, renee.company) == ("Renée", "Café Dubois")
    assert jurgen.family_name == "Müller"


# --- encodings and delimiters ----------------------------------------------------------------

def test_utf16_with_bom_and_tab_delimited():
    table = csv_import.open_table((FIXTURES / "utf16_tab.csv").read_bytes())
    assert (table.encoding, table.delimiter) == ("utf-16", "\t")
    zoe, lukasz, an = people("utf16_tab.csv")
    assert (zoe.given_name, zoe.family_name, zoe.notes) == ("Zoë", "Ñúñez", "Größe M")
    assert lukasz.family_name == "Żółć"
    assert dates(an)["birthday"] == PartialDate(12, 24)


def test_cp1252_guessed_even_where_charset_normalizer_says_cp1250():
    # Alone, charset-normalizer reads this file as cp1250: "Begoña" → "Begońa", "è" → "č".
    renee, begona, francois = people("cp1252_semicolon.csv")
    assert (renee.given_name, renee.family_name) == ("Renée", "Crème")
    assert (begona.given_name, begona.family_name) == ("Begoña", "Muñoz")
    assert francois.notes == "Très à l'heure"


def test_semicolon_delimited_with_guessed_german_headers():
    table = csv_import.open_table((FIXTURES / "cp1252_semicolon.csv").read_bytes())
    assert table.delimiter == ";"
    renee = people("cp1252_semicolon.csv")[0]
    assert renee.emails == ["renee@example.de"]
    assert renee.addresses[0].street == "Gartenstraße 1"
    assert renee.notes == "Mag Äpfel; keine Nüsse"
    assert dates(renee)["birthday"] == PartialDate(3, 14, 1980)  # 14.03.1980, day first


def test_utf8_bom_and_multi_line_quoted_fields():
    table = csv_import.open_table((FIXTURES / "multiline_notes.csv").read_bytes())
    assert table.headers[0] == "Full Name"  # no BOM left on the first header
    ada, ben, cy = people("multiline_notes.csv")
    assert ada.notes == ('Said: "call me Ada", not Adelaide.\nLine two, with a comma.\n'
                         "Line three.")
    assert ada.tags == ["vip", "roses"]
    assert ben.phones == ["+15035550123"]
    # not Rapport's export (no MARK): its apostrophe is data, not our guard (issue 12)
    assert ben.notes == "'-5% off next visit"
    assert (cy.given_name, cy.family_name) == ("Cy", "Rus")


def test_row_positions_count_physical_lines():
    positions = [e.position for e in read("multiline_notes.csv").entries]
    assert positions == ["row 1 (line 2)", "row 2 (line 5)", "row 3 (line 6)"]


def test_plain_latin1_and_utf8_without_bom():
    data = "Name,Email\nJosé Peña,jose@example.com\n"
    for encoding in ("utf-8", "latin-1"):
        (jose,) = [e.customer for e in csv_import.read_bytes(data.encode(encoding)).entries]
        assert jose.family_name == "Peña"


def test_decode_text_by_bom():
    assert decode_text("\ufeffé".encode("utf-16-be")) == ("é", "utf-16")
    assert decode_text(b"\xef\xbb\xbf\xc3\xa9") == ("é", "utf-8-sig")


def test_sniffer_falls_back_to_the_header_row():
    # Ragged rows make csv.Sniffer give up ("Could not determine delimiter").
    data = b"Name;Email;Phone\nAnn Lee;ann@example.com\nBo Ng;bo@example.com;1;2\n"
    table = csv_import.open_table(data)
    assert table.delimiter == ";"
    assert table.rows[0][1] == ["Ann Lee", "ann@example.com"]
    assert csv_import.open_table(b"Email\nann@example.com\n").delimiter == ","


# --- mapping ---------------------------------------------------------------------------------

def test_guessed_mapping_from_header_names():
    headers = ["First name", "Surname", "E-Mail", "Mobile", "ZIP", "Date of birth", "Colour"]
    assert [guess_target(h) for h in headers] == [
        "given_name", "family_name", "email", "phone", "postal_code", "birthday", ""]


def test_an_edited_mapping_is_used():
    mapping = ColumnMapping([Column("Full Name", "company"), Column("Email", "email"),
                             Column("Phone"), Column("Notes"), Column("Tags")])
    ada = read("multiline_notes.csv", mapping).entries[0].customer
    assert (ada.company, ada.given_name, ada.notes, ada.phones) == ("Ada Quinn", "", "", [])


def test_no_useful_column_is_fatal_and_nothing_is_read():
    result = csv_import.read_bytes(b"Colour,Size\nred,M\n")
    assert result.fatal and result.entries == []


def test_unreadable_rows_are_broken_and_reported(notebook, tmp_path):
    path = tmp_path / "in.csv"
    path.write_text("Name,Email,Colour\nAnn Lee,ann@example.com,red\n,,blue\n", "utf-8")
    report = csv_import.import_file(path)
    assert (report.added, report.skipped) == (1, 1)
    assert report.problems == ["in.csv: columns not imported: Colour",
                               "row 2 (line 3): no name, company, email or phone — skipped"]


# --- into the notebook -----------------------------------------------------------------------

def test_import_through_the_registry_and_again_merges(notebook):
    path = FIXTURES / "google.csv"
    report = importer_for(path)(path)
    assert (report.added, report.merged) == (2, 0)
    again = csv_import.import_file(path)
    assert (again.added, again.merged) == (0, 2)
    assert customers.count() == 2
    assert [c.given_name for c in records.load_customers()] == ["Maria", "Tom"]
