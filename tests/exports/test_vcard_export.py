"""vCard export as other programs expect it (issue 15, finding 5): family members, year-less
birthdays the way Apple writes them in 3.0, phone and email types, unique UIDs, no placeholder
names; checked by a second implementation (the ``vcard`` validator) besides vobject, and a
round trip of the demo notebook (and 1,000 bench customers) through 3.0 and 4.0."""

from __future__ import annotations

import random
import re
from datetime import date
from pathlib import Path

import pytest
import vobject
from vcard import vcard_validator
from vcard.vcard_errors import VCardError

from domain import demo
from domain.dates import PartialDate
from domain.model import Customer, Fact, Milestone
from exports import vcard
from exports.vcard_read import read_vcards
from exports.vcard_write import card
from storage import bulk, customers, records
from storage.db import close_notebook, open_notebook
from tests.bench.generate import make_customer

TODAY = date(2026, 12, 7)


def family(c) -> list[tuple[str, str]]:
    return [(f.relation, f.value) for f in c.facts if f.kind == "family"]


def marta() -> Customer:
    return Customer(
        given_name="Piotr", family_name="Nowak", emails=["piotr@example.com", "pn@work.example"],
        phones=["+15035550101", "+15035550102", "+15035550103"],
        email_labels={"piotr@example.com": "home", "pn@work.example": "work"},
        phone_labels={"+15035550101": "cell", "+15035550102": "fax,work",
                      "+15035550103": "boat"},
        facts=[Fact("family", "Marta", relation="wife"), Fact("family", "Kuba", relation="son"),
               Fact("family", "Ola", relation="spouse"), Fact("family", "Ewa", relation=""),
               Fact("family", "Zofia", relation="godmother"), Fact("pet", "Burek", relation="dog")],
        milestones=[Milestone("birthday", PartialDate(2, 29)),
                    Milestone("wedding_anniversary", PartialDate(6, 12))])


def read_back(text: str) -> Customer:
    (entry,) = read_vcards(text.encode("utf-8")).entries
    assert entry.problem == "" and entry.warnings == []
    return entry.customer


def unfolded(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_family_members_are_written_and_read_back(version):
    text = card(marta(), version=version)
    assert family(read_back(text)) == family(marta())


def grouped(lines: list[str], value: str) -> tuple[str, str]:
    """(the line holding ``value`` without its group, the label beside it) of a grouped line."""
    (line,) = [line for line in lines if line.endswith(f":{value}") and line.startswith("item")]
    group, _, rest = line.partition(".")
    (label,) = [x.partition(":")[2] for x in lines if x.startswith(f"{group}.X-ABLabel:")]
    return rest, label


def test_family_in_30_is_apple_s_labelled_related_names():
    lines = unfolded(card(marta()))
    assert grouped(lines, "Marta") == ("X-ABRELATEDNAMES:Marta", "wife")
    assert grouped(lines, "Ola") == ("X-ABRELATEDNAMES:Ola", "_$!<Spouse>!$_")
    assert "X-ABRELATEDNAMES:Ewa" in [line.partition(".")[2] for line in lines]
    # Evolution and Outlook read their own field, and only it; the first spouse goes there.
    assert "X-EVOLUTION-SPOUSE:Marta" in lines and "X-MS-SPOUSE:Marta" in lines


def test_family_in_40_is_related_with_the_nearest_rfc_type():
    lines = unfolded(card(marta(), version="4.0"))
    assert "VERSION:4.0" in lines
    assert grouped(lines, "Marta") == ("RELATED;TYPE=spouse;VALUE=text:Marta", "wife")
    assert grouped(lines, "Kuba") == ("RELATED;TYPE=child;VALUE=text:Kuba", "son")
    assert "RELATED;TYPE=spouse;VALUE=text:Ola" in lines
    assert "RELATED;VALUE=text:Ewa" in lines


def test_yearless_dates_in_30_the_way_apple_writes_them_never_dashes():
    lines = unfolded(card(marta()))
    assert "BDAY;X-APPLE-OMIT-YEAR=1604:1604-02-29" in lines
    assert "X-ANNIVERSARY;X-APPLE-OMIT-YEAR=1604:1604-06-12" in lines
    assert not [line for line in lines if ":--" in line]
    again = read_back(card(marta()))
    assert {m.kind: m.date for m in again.milestones} == {
        "birthday": PartialDate(2, 29), "wedding_anniversary": PartialDate(6, 12)}


def test_yearless_dates_in_40_are_dashes():
    lines = unfolded(card(marta(), version="4.0"))
    assert "BDAY:--0229" in lines and "ANNIVERSARY:--0612" in lines


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_phone_and_email_types_are_kept(version):
    text = card(marta(), version=version)
    again = read_back(text)
    assert again.phones == marta().phones and again.emails == marta().emails
    assert again.phone_labels == marta().phone_labels
    assert again.email_labels == marta().email_labels


@pytest.mark.parametrize(("who", "fn"), [
    (Customer(company="Hale Hardware", phones=["+15035550109"]), "Hale Hardware"),
    (Customer(emails=["ann@example.com"]), "ann@example.com"),
    (Customer(phones=["+15035550109"]), "+15035550109"),
])
def test_a_nameless_customer_has_no_placeholder_name(who, fn):
    lines = unfolded(card(who))
    assert f"FN:{fn}" in lines and "N:;;;;" in lines
    assert "(no name)" not in "".join(lines)
    again = read_back(card(who))
    assert (again.given_name, again.family_name, again.company) == ("", "", who.company)


def uids(path: Path) -> list[str]:
    return re.findall(r"^UID:(.*)\r$", path.read_bytes().decode("utf-8"), re.M)


def test_uids_are_unique_across_notebooks_and_stable_across_exports(tmp_path):
    found = []
    for name in ("a", "b"):
        open_notebook(tmp_path / f"{name}.rapport")
        customers.save_customer(Customer(given_name="Ann"))
        vcard.export_file(tmp_path / f"{name}1.vcf")
        vcard.export_file(tmp_path / f"{name}2.vcf")
        close_notebook()
        assert uids(tmp_path / f"{name}1.vcf") == uids(tmp_path / f"{name}2.vcf")
        found += uids(tmp_path / f"{name}1.vcf")
    assert len(set(found)) == 2
    assert all(re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", u) for u in found)


def validate(path: Path) -> list[str]:
    """The second implementation's complaints about each card of a vCard 3.0 file.

    Three places where the ``vcard`` validator (1.0.0) is stricter than RFC 2426 are met
    half-way; everything else it checks as it is:

    - it takes a group prefix as the whole card's (every line must share it), while §4 gives
      each content line its own (``item1.ADR``, as Apple writes): prefixes are taken off;
    - it accepts only characters U+0080–U+00FF beyond ASCII, reading the grammar's NON-ASCII
      (octets %x80-FF) as characters: the file is given to it as octets (Latin-1), so each
      byte of a UTF-8 character is one such octet, as the RFC means;
    - it refuses every parameter on BDAY, while §4 allows x-params on any line: Apple's
      ``X-APPLE-OMIT-YEAR=1604`` is taken off and the date itself (1604-MM-DD) still checked.
    """
    # Octets as Latin-1 characters (see below); 0x85 (NEL) would split Python's splitlines.
    text = path.read_bytes().decode("latin-1").replace("\x85", "\xa0")
    out = []
    for block in text.split("END:VCARD\r\n")[:-1]:
        block = re.sub(r"^item\d+\.", "", block + "END:VCARD\r\n", flags=re.M)
        block = block.replace(";X-APPLE-OMIT-YEAR=1604:", ":")  # see below
        try:
            vcard_validator.VCard(block)
        except VCardError as exc:
            out.append(f"{exc}\n{block}")
    return out


def test_the_vcard_validator_accepts_the_export(notebook, tmp_path):
    for c in [marta(), *demo.build_demo(TODAY)[:40]]:
        c.id, c.referred_by = None, None
        customers.save_customer(c)
    vcard.export_file(tmp_path / "out.vcf")
    assert validate(tmp_path / "out.vcf") == []
    parsed = list(vobject.readComponents((tmp_path / "out.vcf").read_text(encoding="utf-8")))
    assert len(parsed) == len(records.load_customers())
    vcard.export_file(tmp_path / "out4.vcf", version="4.0")  # the validator knows only 3.0
    parsed = list(vobject.readComponents((tmp_path / "out4.vcf").read_text(encoding="utf-8")))
    assert len(parsed) == len(records.load_customers())
    assert {p.version.value for p in parsed} == {"4.0"}


def kept(c: Customer) -> tuple:
    """What the round trip must keep: names, family, own dates, contacts and their types."""
    return (c.given_name, c.family_name, c.preferred_name, c.company, sorted(family(c)),
            sorted((m.kind, m.date.iso()) for m in c.milestones
                   if not m.whose and m.kind in ("birthday", "wedding_anniversary")),
            c.phones, c.emails, c.phone_labels, c.email_labels)


PHONE_LABELS = ("cell", "home", "fax,work", "boat", "")
EMAIL_LABELS = ("home", "work", "other", "")


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_the_demo_notebook_round_trips(tmp_path, version):
    rng = random.Random(15)
    people = demo.build_demo(TODAY) + [make_customer(i, TODAY, rng) for i in range(1, 1001)]
    for n, c in enumerate(people, 1):
        c.id, c.referred_by = -n, None  # any free number
        phone_label, email_label = PHONE_LABELS[n % 5], EMAIL_LABELS[n % 4]
        c.phone_labels = {c.phones[0]: phone_label} if c.phones and phone_label else {}
        c.email_labels = {c.emails[0]: email_label} if c.emails and email_label else {}
    open_notebook(tmp_path / "first.rapport")
    bulk.write_all(bulk.NotebookContent(people, [], [], {}, {}))
    before = sorted(kept(c) for c in records.load_customers())
    vcard.export_file(tmp_path / "out.vcf", version=version)
    close_notebook()
    open_notebook(tmp_path / "second.rapport")
    report = vcard.import_file(tmp_path / "out.vcf")
    after = sorted(kept(c) for c in records.load_customers())
    close_notebook()
    assert report.skipped == 0
    assert sum(len(k[4]) for k in after) == sum(len(k[4]) for k in before) > 300
    assert sum(len(k[8]) for k in after) == sum(len(k[8]) for k in before) > 500
    assert after == before


def test_the_command_line_export_read_only_gives_the_same_uids(tmp_path):
    import main

    book = tmp_path / "shop.rapport"
    open_notebook(book)
    customers.save_customer(Customer(given_name="Ann"))
    vcard.export_file(tmp_path / "window.vcf")
    close_notebook()
    assert main.main(["export", str(tmp_path / "cli.vcf"), "--notebook", str(book)]) == 0
    assert uids(tmp_path / "cli.vcf") == uids(tmp_path / "window.vcf") != []
