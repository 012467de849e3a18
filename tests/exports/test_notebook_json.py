"""The notebook JSON format: byte-identical round trips, and bad files that change nothing."""

from __future__ import annotations

import copy
import json
from datetime import date, datetime
from decimal import Decimal

import pytest

from domain import demo
from domain.dates import PartialDate
from domain.model import Customer, Fact, Interaction, Milestone, Promise, Purchase
from exports import notebook_json
from exports.notebook_json import NotebookFileError
from storage import bulk, customers, records
from storage.db import close_notebook, db, open_notebook

TODAY = date(2026, 3, 10)


def demo_content() -> bulk.NotebookContent:
    return bulk.NotebookContent(demo.build_demo(TODAY), demo.demo_templates(),
                                demo.demo_cards(TODAY), demo.demo_settings(),
                                demo.demo_tag_settings())


@pytest.fixture
def demo_notebook(notebook):
    bulk.write_all(demo_content())
    return notebook


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every table: equal snapshots mean an unchanged notebook. Not the query
    planner's statistics (``PRAGMA optimize`` on closing may refresh them after an import
    that wrote and rolled back: the owner's data is the same)."""
    tables = [r[0] for r in db.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'sqlite_stat1' "
        "ORDER BY name")]
    return {t: db.execute_sql(f'SELECT * FROM "{t}"').fetchall() for t in tables}


def export_bytes(tmp_path, name: str) -> bytes:
    path = tmp_path / name
    notebook_json.export_file(path)
    return path.read_bytes()


def reopen(tmp_path, name: str) -> None:
    close_notebook()
    open_notebook(tmp_path / name)


# --- round trips ---------------------------------------------------------------------------

def test_demo_round_trip_is_byte_identical(demo_notebook, tmp_path):
    first = export_bytes(tmp_path, "first.json")
    reopen(tmp_path, "empty.rapport")
    report = notebook_json.import_file(tmp_path / "first.json")
    assert report.added == len(demo.build_demo(TODAY))
    assert report.problems == []
    second = export_bytes(tmp_path, "second.json")
    assert second == first
    reopen(tmp_path, "third.rapport")
    notebook_json.import_file(tmp_path / "second.json")
    assert export_bytes(tmp_path, "third.json") == first


def test_export_is_deterministic_utf8_with_trailing_newline(demo_notebook, tmp_path):
    first = export_bytes(tmp_path, "a.json")
    assert export_bytes(tmp_path, "b.json") == first
    assert first.endswith(b"}\n")
    text = first.decode("utf-8")
    assert "Łukasik" in text and "Nguyễn" in text  # written as letters, not \\u escapes
    document = json.loads(text)
    assert (document["format"], document["version"]) == ("rapport-notebook", 1)
    assert document["customers"][0]["id"] == "c1"


def test_loaded_customers_match_what_was_written(demo_notebook, tmp_path):
    before = records.load_customers()
    export_bytes(tmp_path, "a.json")
    reopen(tmp_path, "b.rapport")
    notebook_json.import_file(tmp_path / "a.json")
    after = records.load_customers()
    strip = lambda cs: [(c.id, c.display_name, c.referred_by, c.facts, c.milestones,  # noqa: E731
                         [(i.when, i.kind, i.channel, i.summary) for i in c.interactions],
                         [(p.when, p.amount) for p in c.purchases],
                         [(p.due, p.status) for p in c.promises],
                         [(p.summary, [u.summary for u in p.updates]) for p in c.problems])
                        for c in cs]
    assert strip(after) == strip(before)
    assert bulk.load_settings() == demo.demo_settings()
    assert bulk.load_tag_settings() == demo.demo_tag_settings()
    assert [c.status for c in bulk.load_cards()] == ["draft", "queued", "printed", "mailed"]


def test_import_into_a_notebook_with_customers_renumbers_and_remaps(demo_notebook, tmp_path):
    export_bytes(tmp_path, "a.json")
    count = customers.count()
    report = notebook_json.import_file(tmp_path / "a.json")
    assert customers.count() == 2 * count
    assert any("new numbers" in p for p in report.problems)
    copies = records.load_customers()[count:]
    by_id = {c.id: c for c in copies}
    zoe = next(c for c in copies if c.given_name == "Zoë")
    assert by_id[zoe.referred_by].given_name == "Siobhán"  # the copy, not the original
    assert len(bulk.load_templates()) == len(demo.demo_templates())  # identical: reused
    cards = bulk.load_cards()
    assert len(cards) == 8 and {c.customer_id for c in cards[4:]} <= set(by_id)
    assert customers.search_ids("Łukasik") and len(customers.search_ids("lukasik")) == 2


def test_generated_notebook_round_trips(notebook, tmp_path):
    from tests.bench.generate import generate

    close_notebook()
    generate(tmp_path / "big.rapport", 300, TODAY, seed=3, chunk=120)
    open_notebook(tmp_path / "big.rapport")
    assert customers.count() == 300
    first = export_bytes(tmp_path, "a.json")
    reopen(tmp_path, "b.rapport")
    assert notebook_json.import_file(tmp_path / "a.json").added == 300
    assert export_bytes(tmp_path, "c.json") == first


def test_special_characters_survive(notebook, tmp_path):
    name = 'Tom <b>&amp; "Jerry"</b> 🌷'
    notes = "שלום עליכם — مرحبا\u200f; a tab\tand a\nnewline \\ backslash"
    customers.save_customer(Customer(given_name=name, family_name="O'Brien-Łódź",
                                     notes=notes, tags=["<script>", "🌷"],
                                     facts=[Fact("like", '"quotes" & <angles>')]))
    first = export_bytes(tmp_path, "a.json")
    reopen(tmp_path, "b.rapport")
    notebook_json.import_file(tmp_path / "a.json")
    loaded = records.load_customers()[0]
    assert (loaded.given_name, loaded.notes, loaded.tags) == (name, notes, ["<script>", "🌷"])
    assert loaded.facts[0].value == '"quotes" & <angles>'
    assert export_bytes(tmp_path, "c.json") == first


def test_dates_without_year_leap_days_and_due_times(notebook, tmp_path):
    cid = customers.save_customer(Customer(given_name="Ann", milestones=[
        Milestone("birthday", PartialDate(2, 29, 1980)),
        Milestone("birthday", PartialDate(7, 4), whose="Kit"),
        Milestone("new_home", PartialDate(3, 1, 2026), yearly=False, note="Moved")]))
    with db.atomic():
        c = customers.get_customer(cid)
        c.promises = [Promise(date(2026, 3, 1), datetime(2026, 3, 5), "Call"),
                      Promise(date(2026, 3, 1), datetime(2026, 3, 5, 15, 30), "Visit", "kept")]
        c.purchases = [Purchase(date(2026, 3, 1), Decimal("-5.5"), "Refund")]
        c.interactions = [Interaction(date(2026, 3, 2), "call", channel="text")]
        records.insert_timeline([(cid, c)])
    text = export_bytes(tmp_path, "a.json").decode()
    for fragment in ('"1980-02-29"', '"--07-04"', '"due": "2026-03-05"',
                     '"due": "2026-03-05T15:30"', '"amount": "-5.50"', '"channel": "text"',
                     '"yearly": false'):
        assert fragment in text
    reopen(tmp_path, "b.rapport")
    notebook_json.import_file(tmp_path / "a.json")
    assert export_bytes(tmp_path, "c.json").decode() == text


def test_photos_round_trip(notebook, tmp_path):
    cid = customers.save_customer(Customer(given_name="Pic"))
    with db.atomic():
        db.execute_sql("INSERT INTO photo (customer_id, mime, data) VALUES (?, ?, ?)",
                       (cid, "image/jpeg", b"\xff\xd8\xff\x00 jpeg"))
    first = export_bytes(tmp_path, "a.json")
    reopen(tmp_path, "b.rapport")
    notebook_json.import_file(tmp_path / "a.json")
    assert bulk.load_photos() == {cid: ("image/jpeg", b"\xff\xd8\xff\x00 jpeg")}
    assert export_bytes(tmp_path, "c.json") == first


def test_only_format_version_and_ids_are_required(notebook, tmp_path):
    path = tmp_path / "min.json"
    path.write_text('{"format": "rapport-notebook", "version": 1, "customers": '
                    '[{"id": "c5"}, {"id": "anna", "given_name": "Anna", "referred_by": "c5"}],'
                    ' "future_key": {"ignored": true}}', encoding="utf-8")
    report = notebook_json.import_file(path)
    assert report.added == 2
    five, anna = records.load_customers()
    assert five.id == 5 and anna.referred_by == 5 and anna.given_name == "Anna"


def test_a_failure_while_writing_leaves_the_notebook_unchanged(demo_notebook, tmp_path,
                                                                monkeypatch):
    export_bytes(tmp_path, "a.json")
    before = snapshot()

    def broken(pairs):
        raise RuntimeError("disk trouble")

    monkeypatch.setattr(records, "insert_timeline", broken)
    with pytest.raises(RuntimeError):
        notebook_json.import_file(tmp_path / "a.json")
    assert snapshot() == before


# --- malformed files -----------------------------------------------------------------------

def base_document() -> dict:
    customer = {"id": "c1", "given_name": "Ann",
                "addresses": [{"street": "1 Main St", "mailing": True}],
                "milestones": [{"kind": "birthday", "date": "1980-02-29"}],
                "interactions": [{"date": "2026-03-01", "kind": "call"}],
                "purchases": [{"date": "2026-03-01", "amount": "12.50"}],
                "promises": [{"made": "2026-03-01", "due": "2026-03-04", "what": "Call"}],
                "problems": [{"opened": "2026-03-01", "summary": "Wilted",
                              "updates": [{"date": "2026-03-02", "summary": "Sent new"}]}],
                "facts": [{"kind": "pet", "value": "Rex", "birthday": "--04-12"}],
                "photo": {"mime": "image/png", "data": "iVBORw0K"}}
    others = [{"id": f"c{i}", "given_name": f"N{i}", "referred_by": "c1",
               "milestones": [{"kind": "birthday", "date": "--01-31"}]} for i in (2, 3, 4)]
    return {"format": "rapport-notebook", "version": 1, "customers": [customer, *others],
            "templates": [{"id": "t1", "occasion": "birthday", "name": "B", "body": "Hi"}],
            "cards": [{"customer": "c2", "template": "t1", "text": "Hi", "status": "draft"}],
            "settings": {"region": "US"}, "tag_settings": {"vip": {"cadence_days": 14}}}


def _set(document: dict, path: str, value) -> dict:
    """A copy of ``document`` with ``path`` (``customers.3.milestones.0.date``) set."""
    document = copy.deepcopy(document)
    *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
    target = document
    for step in parents:
        target = target[step]
    if value is _DELETE:
        del target[last]
    else:
        target[last] = value
    return document


_DELETE = object()

BAD_FIELDS = [
    ("customers.3.milestones.0.date", "1980-13-01",
     "customers[3].milestones[0].date: '1980-13-01' is not a date"),
    ("customers.0.milestones.0.date", "--02-30", "customers[0].milestones[0].date: '--02-30'"),
    ("customers.0.milestones.0.date", _DELETE, "customers[0].milestones[0].date: missing"),
    ("customers.0.facts.0.birthday", "April", "customers[0].facts[0].birthday: 'April'"),
    ("customers.0.interactions.0.date", "2026-3-1", "customers[0].interactions[0].date"),
    ("customers.0.customer_since", 20260301, "customers[0].customer_since: expected text"),
    ("customers.0.given_name", 12, "customers[0].given_name: expected text, found a number"),
    ("customers.0.emails", "ann@example.com", "customers[0].emails: expected a list"),
    ("customers.0.phones", ["+15035550101", 5], "customers[0].phones[1]: expected text"),
    ("customers.1", "c2", "customers[1]: expected an object"),
    ("customers", {"c1": {}}, "customers: expected a list"),
    ("customers.0.milestones.0.kind", "birthdy", "customers[0].milestones[0].kind: 'birthdy' "
                                                 "is not one of"),
    ("customers.0.interactions.0.kind", "fax", "customers[0].interactions[0].kind: 'fax'"),
    ("customers.0.interactions.0.channel", "pigeon", "customers[0].interactions[0].channel"),
    ("customers.0.facts.0.kind", "hobby", "customers[0].facts[0].kind: 'hobby'"),
    ("customers.0.promises.0.status", "done", "customers[0].promises[0].status: 'done'"),
    ("customers.0.promises.0.due", "tomorrow", "customers[0].promises[0].due: 'tomorrow'"),
    ("customers.0.promises.0.due", "2026-03-04T15:00+02:00", "customers[0].promises[0].due"),
    ("customers.0.problems.0.status", "closed", "customers[0].problems[0].status: 'closed'"),
    ("customers.0.problems.0.updates.0.date", _DELETE,
     "customers[0].problems[0].updates[0].date: missing"),
    ("customers.2.do_not_contact", ["sms"], "customers[2].do_not_contact[0]: 'sms' is not "
                                            "one of: mail, phone, email, text, visit"),
    ("customers.2.preferred_channels", ["fax"], "customers[2].preferred_channels[0]"),
    ("customers.2.referred_by", "c999", "customers[2].referred_by: 'c999' is not the id of "
                                        "any customer"),
    ("customers.2.referred_by", "c3", "customers[2].referred_by: 'c3' is this customer's own"),
    ("customers.1.id", "c1", "customers[1].id: 'c1' is also the id of customers[0]"),
    ("customers.2.id", _DELETE, "customers[2].id: missing"),
    ("customers.2.id", "  ", "customers[2].id: must not be empty"),
    ("customers.0.purchases.0.amount", "12,50", "customers[0].purchases[0].amount: '12,50' is "
                                                "not an amount"),
    ("customers.0.purchases.0.amount", 12.5, "customers[0].purchases[0].amount: expected a "
                                             "decimal text"),
    ("customers.0.purchases.0.amount", "1.005", "customers[0].purchases[0].amount: '1.005'"),
    ("customers.0.purchases.0.amount", "NaN", "customers[0].purchases[0].amount: 'NaN'"),
    ("customers.0.cadence_days", 0, "customers[0].cadence_days: 0 is not between"),
    ("customers.0.cadence_days", "30", "customers[0].cadence_days: expected a whole number"),
    ("customers.0.cadence_days", True, "customers[0].cadence_days: expected a whole number"),
    ("customers.0.addresses.0.mailing", "yes", "customers[0].addresses[0].mailing: expected "
                                               "true or false"),
    ("customers.0.photo.data", "not base64!", "customers[0].photo.data: is not base64"),
    ("customers.0.photo.mime", "text/html", "customers[0].photo.mime: 'text/html'"),
    ("templates.0.variant", -1, "templates[0].variant: -1 is not between"),
    ("cards.0.customer", "c999", "cards[0].customer: 'c999' is not the id of any customer"),
    ("cards.0.template", "t9", "cards[0].template: 't9' is not the id of any template"),
    ("cards.0.status", "lost", "cards[0].status: 'lost'"),
    ("settings", ["region"], "settings: expected an object"),
    ("tag_settings.vip.cadence_days", "weekly", "tag_settings.vip.cadence_days"),
    ("format", "vcard", "format: 'vcard' is not 'rapport-notebook'"),
    ("format", _DELETE, "format: missing"),
    ("version", _DELETE, "version: missing"),
    ("version", "1", "version: text ('1') is not a format version"),
    ("version", 0, "version:"),
    ("version", 2, "version: this file was made by a newer Rapport (format version 2)"),
]


@pytest.mark.parametrize(("path", "value", "message"), BAD_FIELDS,
                         ids=[f"{p}={v!r}"[:60] for p, v, _ in BAD_FIELDS])
def test_bad_field_names_its_path_and_changes_nothing(demo_notebook, tmp_path, path, value,
                                                      message):
    file = tmp_path / "bad.json"
    file.write_text(json.dumps(_set(base_document(), path, value)), encoding="utf-8")
    before = snapshot()
    with pytest.raises(NotebookFileError) as caught:
        notebook_json.import_file(file)
    assert message in str(caught.value)
    assert snapshot() == before


BAD_FILES = [
    (b'{"format": "rapport-notebook", "version": 1, "customers": [', "is not valid JSON"),
    (b"", "is not valid JSON"),
    ('{"format": "rapport-notebook", "version": 1, "customers": [{"id": "c1", '
     '"given_name": "Zoë"}]}'.encode("cp1252"), "is not UTF-8 text (byte 0xeb"),
    ('{"format": "rapport-notebook"}'.encode("utf-16"), "UTF-16"),
    (b'[{"id": "c1"}]', "not a Rapport notebook (it holds a list"),
    (b'"rapport-notebook"', "not a Rapport notebook"),
    (b"[" * 100_000, "nested too deeply"),
]


@pytest.mark.parametrize(("data", "message"), BAD_FILES, ids=range(len(BAD_FILES)))
def test_unreadable_file_gets_a_clear_message_and_changes_nothing(demo_notebook, tmp_path, data,
                                                                  message):
    file = tmp_path / "bad.json"
    file.write_bytes(data)
    before = snapshot()
    with pytest.raises(NotebookFileError) as caught:
        notebook_json.import_file(file)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
    assert snapshot() == before


@pytest.mark.parametrize(("path", "value", "message"), [
    ("customers.0.milestones.0.date", "line one\nline two " * 1000, "'line one\\nline two"),
    ("tag_settings", {"odd\nname": {"cadence_days": "x"}}, "tag_settings['odd\\nname']"),
])
def test_messages_stay_on_one_short_line(notebook, tmp_path, path, value, message):
    file = tmp_path / "bad.json"
    file.write_text(json.dumps(_set(base_document(), path, value)), encoding="utf-8")
    with pytest.raises(NotebookFileError) as caught:
        notebook_json.import_file(file)
    text = str(caught.value)
    assert message in text and "\n" not in text and len(text) < 200


def test_base_document_itself_is_valid(notebook, tmp_path):
    file = tmp_path / "good.json"
    file.write_text(json.dumps(base_document()), encoding="utf-8")
    # The bad-field cases each break one field of this document; it must be good as it is.
    assert notebook_json.import_file(file).added == 4


def test_a_byte_order_mark_is_accepted(notebook, tmp_path):
    file = tmp_path / "bom.json"
    file.write_bytes(b"\xef\xbb\xbf" + json.dumps(base_document()).encode())
    assert notebook_json.import_file(file).added == 4
