"""vCard import into a notebook: preview, duplicates, merge, photos, all or nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from domain.dates import PartialDate
from exports import vcard
from exports.registry import importer_for
from storage import customers, imports, records
from storage.db import db

FIXTURES = Path(__file__).parent / "fixtures"


def write(tmp_path: Path, text: str, name: str = "in.vcf") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def card(n: str, *lines: str) -> str:
    return "\n".join(["BEGIN:VCARD", "VERSION:3.0", f"N:{n}", *lines, "END:VCARD", ""])


def everyone():
    return records.load_customers()


def test_registry_finds_the_vcard_importer(notebook):
    report = importer_for(FIXTURES / "apple_30.vcf")(FIXTURES / "apple_30.vcf")
    assert report.added == 1


def test_broken_card_skipped_and_reported_the_rest_imported(notebook):
    report = vcard.import_file(FIXTURES / "broken_middle.vcf")
    assert (report.added, report.skipped, report.merged) == (4, 2, 0)
    assert report.problems == [
        "card 2 (line 9): cannot read 'this line is not a property' — line left out",
        "card 3 (line 12): no END:VCARD before the next card begins on line 16 — skipped",
        "card 5 (line 21): no name, company, email or phone — skipped",
    ]
    assert sorted(c.given_name for c in everyone()) == ["Alice", "Bob", "Dan", "Eve"]


def test_imported_customers_are_searchable(notebook):
    vcard.import_file(FIXTURES / "android_21_qp.vcf")
    assert len(customers.search_ids("nguyen")) == 1
    assert len(customers.search_ids("phalaenopsis")) == 1


def test_importing_the_same_file_again_merges_and_adds_nobody(notebook):
    vcard.import_file(FIXTURES / "apple_30.vcf")
    before = everyone()
    report = vcard.import_file(FIXTURES / "apple_30.vcf")
    assert (report.added, report.merged) == (0, 1)
    assert everyone() == before


def test_exact_duplicate_is_merged_filling_gaps_and_uniting_lists(notebook, tmp_path):
    vcard.import_file(write(tmp_path, card("Shaw;Peggy;;;", "EMAIL:peggy@example.com",
                                           "CATEGORIES:florals")))
    report = vcard.import_file(write(tmp_path, card(
        "Shaw;Peggy;;;", "EMAIL:PEGGY@example.com", "EMAIL:p2@example.com", "ORG:Shaw & Co",
        "CATEGORIES:Florals,vip", "BDAY:--0229"), "b.vcf"))
    assert report.merged == 1
    (peggy,) = everyone()
    assert peggy.emails == ["peggy@example.com", "p2@example.com"]
    assert peggy.company == "Shaw & Co"
    assert peggy.tags == ["florals", "vip"]
    assert peggy.milestones[0].date == PartialDate(2, 29)


def test_possible_duplicate_is_kept_apart_and_the_report_says_so(notebook, tmp_path):
    vcard.import_file(write(tmp_path, card("Nguyen;Maria;;;", "EMAIL:maria@example.com")))
    report = vcard.import_file(write(tmp_path, card("Nguyen;Mariah;;;", "TEL:+15035550101"),
                                     "b.vcf"))
    assert report.added == 1
    assert "may be Maria Nguyen" in report.problems[0]
    assert "added as a new customer" in report.problems[0]
    assert len(everyone()) == 2


def test_the_same_person_twice_in_one_file_is_added_once(notebook, tmp_path):
    text = card("Lee;Ann;;;", "EMAIL:ann@example.com") + card(
        "Lee;Ann;;;", "EMAIL:ann@example.com", "TEL:+15035550101")
    report = vcard.import_file(write(tmp_path, text))
    assert (report.added, report.merged) == (1, 1)
    (ann,) = everyone()
    assert ann.phones == ["+15035550101"]


def test_preview_rows_then_apply_with_the_owners_choices(notebook, tmp_path):
    vcard.import_file(write(tmp_path, card("Nguyen;Maria;;;", "EMAIL:maria@example.com")))
    existing_id = everyone()[0].id
    text = (card("Nguyen;Maria;;;", "EMAIL:maria@example.com", "TEL:+15035550101")
            + card("Nguyen;Mariah;;;") + card("Baker;Tom;;;") + "BEGIN:VCARD\nX\nEND:VCARD\n")
    plan = imports.preview(vcard.read_file(write(tmp_path, text, "b.vcf")))
    rows = plan.rows()
    assert [(r.verdict, r.action) for r in rows] == [
        ("exact", "merge"), ("possible", "add"), ("new", "add"), ("broken", "skip")]
    assert rows[0].existing_id == existing_id and rows[0].existing_name == "Maria Nguyen"
    assert rows[1].score >= 88 and rows[1].reason == "similar name"
    assert plan.counts() == {"exact": 1, "possible": 1, "new": 1, "broken": 1}
    outcome = imports.apply(plan, {0: "skip", 1: "merge", 2: "add"})
    assert (outcome.added, outcome.merged, outcome.skipped) == (1, 1, 2)
    maria = customers.get_customer(existing_id)
    assert maria.phones == []  # the exact duplicate was skipped as asked
    assert len(everyone()) == 2


def test_preview_writes_nothing(notebook):
    plan = imports.preview(vcard.read_file(FIXTURES / "apple_30.vcf"))
    assert plan.rows() and customers.count() == 0


def test_photos_are_stored_and_exported(notebook, tmp_path):
    vcard.import_file(FIXTURES / "photos.vcf")
    ids = [c.id for c in everyone()]
    assert len(imports.load_photos(ids)) == 3
    vcard.export_file(tmp_path / "out.vcf")
    assert (tmp_path / "out.vcf").read_text(encoding="utf-8").count("PHOTO;ENCODING=b") == 3


def test_region_setting_reads_local_numbers(notebook, tmp_path):
    db.execute_sql("INSERT INTO setting (key, value) VALUES ('region', ?)", (json.dumps("DE"),))
    vcard.import_file(write(tmp_path, card("Weiß;Jörg;;;", "TEL:030 1234567")))
    assert everyone()[0].phones == ["+49301234567"]


def test_a_failure_while_writing_leaves_the_notebook_as_it_was(notebook, monkeypatch):
    vcard.import_file(FIXTURES / "apple_30.vcf")

    def fail(_pairs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(records, "insert_profile_children", fail)
    with pytest.raises(RuntimeError):
        vcard.import_file(FIXTURES / "broken_middle.vcf")
    assert [c.given_name for c in everyone()] == ["Annika"]
    assert db.execute_sql("SELECT count(*) FROM customer_fts").fetchone()[0] == 1


def test_fatal_file_writes_nothing(notebook, tmp_path):
    report = vcard.import_file(write(tmp_path, "not a vcard at all"))
    assert report.added == 0 and report.problems == ["no vCards found (no BEGIN:VCARD line)"]
    assert customers.count() == 0
