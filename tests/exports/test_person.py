"""One customer's data exported: one zip with JSON, vCard and photo."""

from __future__ import annotations

import json
import zipfile
from datetime import date
from pathlib import Path

import pytest

from domain.dates import PartialDate
from domain.model import Customer, Interaction, Milestone
from exports import vcard
from exports.person import export_person
from exports.vcard_read import read_vcards
from storage import customers, records, timeline
from storage.customers import NotFound
from storage.db import db

FIXTURES = Path(__file__).parent / "fixtures"


def test_zip_holds_json_vcard_and_photo(notebook, tmp_path):
    vcard.import_file(FIXTURES / "photos.vcf")
    pia = next(c for c in records.load_customers() if c.given_name == "Pia")
    timeline.add(pia.id, Interaction(date(2026, 3, 1), "call", "Asked about prints"))
    db.execute_sql("INSERT INTO card (customer_id, occasion, text, status) "
                   "VALUES (?, 'birthday', 'Happy birthday, Pia!', 'printed')", (pia.id,))
    names = export_person(pia.id, tmp_path / "pia.zip", today=date(2026, 11, 23))
    assert names == ["pia-photo.json", "pia-photo.vcf", "photo.jpg"]
    with zipfile.ZipFile(tmp_path / "pia.zip") as zf:
        document = json.loads(zf.read("pia-photo.json"))
        card_text = zf.read("pia-photo.vcf")
        assert zf.read("photo.jpg")[:2] == b"\xff\xd8"
    assert (document["format"], document["version"], document["exported"]) == (
        "rapport-person", 1, "2026-11-23")
    assert document["customer"]["id"] == f"c{pia.id}"
    assert document["customer"]["interactions"][0]["summary"] == "Asked about prints"
    assert document["cards"][0]["text"] == "Happy birthday, Pia!"
    (entry,) = read_vcards(card_text).entries
    assert entry.customer.given_name == "Pia" and entry.photo


def test_without_photo_and_with_a_year_less_birthday(notebook, tmp_path):
    cid = customers.save_customer(Customer(
        given_name="Zoë", family_name="Łukasik",
        milestones=[Milestone("birthday", PartialDate(3, 14))]))
    names = export_person(cid, tmp_path / "z.zip")
    assert names == ["zoe-lukasik.json", "zoe-lukasik.vcf"]
    with zipfile.ZipFile(tmp_path / "z.zip") as zf:
        customer = json.loads(zf.read(names[0]))["customer"]
        assert customer["milestones"] == [{"kind": "birthday", "date": "--03-14",
                                           "yearly": True}]
        assert b"BDAY;X-APPLE-OMIT-YEAR=1604:1604-03-14" in zf.read(names[1])  # 3.0


def test_unknown_customer(notebook, tmp_path):
    with pytest.raises(NotFound):
        export_person(999, tmp_path / "x.zip")
    assert not (tmp_path / "x.zip").exists()
