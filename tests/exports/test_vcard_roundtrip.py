"""vCard 3.0 export: standard enough for vobject, and re-imports to the same people."""

from __future__ import annotations

from pathlib import Path

import vobject

from domain.dates import PartialDate
from domain.model import Address, Customer, Milestone
from exports import vcard
from exports.vcard_write import MAX_OCTETS, card
from storage import customers, records
from storage.db import close_notebook, open_notebook

FIXTURES = Path(__file__).parent / "fixtures"


def tricky() -> list[Customer]:
    return [
        Customer(given_name="Maria", family_name="Nguyễn", preferred_name="Mia, the florist",
                 company="Nguyễn; Florals, Inc.", role="Owner\\Chief",
                 emails=["maria@example.com", "m@example.org"], phones=["+15035550101"],
                 addresses=[Address("12 Elm St\nApt 4", "Portland", "OR", "97201", "US",
                                    mailing=True, label="home"),
                            Address("1 Dock Rd", "Astoria", "OR", "97103", "US",
                                    label="Boat house")],
                 tags=["vip", "roses, red", "a;b"],
                 notes="Line one; with, punctuation\nLine two — " + "ễ" * 60,
                 milestones=[Milestone("birthday", PartialDate(2, 29, 1980)),
                             Milestone("wedding_anniversary", PartialDate(6, 12))]),
        Customer(given_name="Tom", family_name="Baker", phones=["ask at reception"],
                 milestones=[Milestone("birthday", PartialDate(3, 14))]),
        Customer(company="Łódź Bakery", emails=["hello@lodz.example"]),
    ]


def profile(c: Customer) -> tuple:
    """What a vCard carries; the round trip must keep all of it."""
    return (c.given_name, c.family_name, c.preferred_name, c.company, c.role, c.emails,
            c.phones, [(a.street, a.city, a.region, a.postal_code, a.country, a.mailing,
                        a.label) for a in c.addresses],
            c.tags, c.notes, [(m.kind, m.date) for m in c.milestones if not m.whose])


def _reimport(tmp_path: Path, exported: Path) -> list[Customer]:
    close_notebook()
    open_notebook(tmp_path / "second.rapport")
    report = vcard.import_file(exported)
    assert report.skipped == 0 and report.problems == []
    return records.load_customers()


def test_notebook_to_vcard_to_notebook_keeps_every_field(notebook, tmp_path):
    for c in tricky():
        customers.save_customer(c)
    original = [profile(c) for c in records.load_customers()]
    assert vcard.export_file(tmp_path / "out.vcf") == 3
    again = _reimport(tmp_path, tmp_path / "out.vcf")
    assert [profile(c) for c in again] == original


def test_fixture_vcards_to_notebook_to_vcard_to_notebook(notebook, tmp_path):
    for name in ("android_21_qp.vcf", "outlook_21.vcf", "apple_30.vcf", "v40_anniversary.vcf",
                 "folded_bom_crlf.vcf", "escaped.vcf"):
        vcard.import_file(FIXTURES / name)
    first = [profile(c) for c in records.load_customers()]
    vcard.export_file(tmp_path / "out.vcf")
    assert [profile(c) for c in _reimport(tmp_path, tmp_path / "out.vcf")] == first


def test_export_is_vcard_30_that_vobject_reads(notebook, tmp_path):
    for c in tricky():
        customers.save_customer(c)
    vcard.export_file(tmp_path / "out.vcf")
    parsed = list(vobject.readComponents((tmp_path / "out.vcf").read_text(encoding="utf-8")))
    maria = parsed[0]
    assert maria.version.value == "3.0"
    assert maria.n.value.family == "Nguyễn"
    assert maria.org.value == ["Nguyễn; Florals, Inc."]
    assert maria.nickname.value == "Mia, the florist"
    assert maria.bday.value == "1980-02-29"
    assert parsed[1].bday.value == "1604-03-14"  # year-less in 3.0, as Apple writes it
    assert parsed[1].bday.params == {"X-APPLE-OMIT-YEAR": ["1604"]}
    assert maria.note.value.startswith("Line one; with, punctuation\nLine two")


def test_lines_are_folded_at_75_octets_without_splitting_a_character():
    text = card(tricky()[0])
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= MAX_OCTETS
    assert text.endswith("END:VCARD\r\n")
    unfolded = text.replace("\r\n ", "")
    assert "ễ" * 60 in unfolded
