"""Hostile templates and settings arriving in a notebook JSON, or already in a notebook.

An import checks each template as the Templates screen checks an edited one (it must compile
and fill in for the sample customer within its budget) and each setting for its type and range;
one bad entry refuses the whole file, naming it. A bad template already stored stops
print-cards with one line (exit 1, nothing written); a bad stored setting falls back to its
default with a warning, and printing goes on.
"""

from __future__ import annotations

import json
import logging
import time

import pytest

import main
from storage import templates as store
from storage.db import close_notebook, db, open_notebook
from tests.domain.template_attacks import ATTACKS, ESCAPES
from tests.exports.test_notebook_json import base_document, snapshot

HOSTILE = [s for label, s in ATTACKS if label in (
    "nested range loops", "three nested loops", "ljust 10**9", "recursive macro",
    "squaring macro", "sum of lists", "output flood", "deep parentheses")]


def write(tmp_path, document: dict):
    path = tmp_path / "in.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def run(*argv) -> int:
    return main.main([str(a) for a in argv])


@pytest.fixture
def shop(tmp_path):
    path = tmp_path / "shop.rapport"
    assert run("demo", path) == 0
    return path


def test_every_hostile_template_in_a_file_is_refused_and_nothing_written(shop, tmp_path,
                                                                          capsys):
    open_notebook(shop)
    before = snapshot()
    close_notebook()
    for source in [*HOSTILE, ESCAPES[0], "Dear {{ nmae }}", "{% if %}"]:
        document = base_document()
        document["templates"].append({"id": "t9", "occasion": "birthday",
                                      "name": "Evil <b>", "body": "Hi\n" + source})
        started = time.perf_counter()
        assert run("import", write(tmp_path, document), "--notebook", shop) == 1
        assert time.perf_counter() - started < 5
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
        assert "templates[1].body" in err and "“Evil <b>”" in err, err
    open_notebook(shop)
    assert snapshot() == before
    close_notebook()


def test_a_hostile_sign_off_is_refused_too(notebook, tmp_path):
    from exports import notebook_json

    document = base_document()
    document["templates"][0]["signature"] = "{{ 'x'.ljust(10**9) }}"
    with pytest.raises(ValueError, match=r"templates\[0\].signature: the “B” template"):
        notebook_json.import_file(write(tmp_path, document))


def test_good_templates_still_import(notebook, tmp_path):
    from exports import notebook_json

    document = base_document()
    document["templates"].append({"id": "t2", "occasion": "birthday", "name": "Mine",
                                  "body": "Dear {{ name }},\n{% for m in family_list %}"
                                          "{{ m.name }} {% endfor %}"})
    assert notebook_json.import_file(write(tmp_path, document)).added == 4


@pytest.mark.parametrize(("key", "value", "words"), [
    ("printer_offsets", "c1", "settings.printer_offsets: text ('c1') is not an object"),
    ("printer_offsets", {"x": "1"}, "settings.printer_offsets: text ('1') is not a number"),
    ("printer_offsets", {"x": 1e308}, "out of range"),
    ("printer_offsets", {"printers": {"HP": {"y": []}}}, "a list is not a number"),
    ("sender", [], "settings.sender: a list is not an object"),
    ("sender", {"grace_days": "30"}, "not a whole number (grace_days"),
    ("sender", {"owner": 7}, "the number 7 is not text (owner)"),
    ("sender", {"return_address": {"city": ["x"]}}, "is not text (return address city)"),
    ("outreach.cap_days", "14", "settings['outreach.cap_days']: text ('14') is not a whole"),
    ("outreach.cap_days", float("inf"), "the number inf is not a whole number"),
    ("outreach.cap_days", 10**30, "out of range: cap_days must be from 1 to 3650"),
    ("outreach.daily_capacity", -1, "out of range"),
    ("outreach.purchase_counts_as_touch", 1, "not true or false"),
    ("outreach.lapse_factor", float("nan"), "out of range"),
    ("region", 5, "settings.region: the number 5 is not text"),
    ("region", "USA", "not a two-letter country code"),
    ("builtin_templates_seeded", "yes", "is not 0 or 1"),
])
def test_a_setting_of_the_wrong_type_refuses_the_import(notebook, tmp_path, key, value, words):
    from exports import notebook_json
    from exports.notebook_json import NotebookFileError

    document = base_document()
    document["settings"][key] = value
    with pytest.raises(NotebookFileError) as err:
        notebook_json.import_file(write(tmp_path, document))
    assert words in str(err.value)
    assert db.execute_sql("SELECT count(*) FROM customer").fetchone()[0] == 0


def test_good_settings_and_unknown_keys_are_kept(notebook, tmp_path):
    from exports import notebook_json

    document = base_document()
    document["settings"].update({"printer_offsets": {"x": 1.5, "y": -2, "printers": {
        "HP": {"x": 3, "y": 4}}}, "sender": {"owner": "Maria", "grace_days": 10},
        "outreach.cap_days": 21, "future.thing": {"any": [1]}})
    notebook_json.import_file(write(tmp_path, document))
    assert store.load_printer_offsets() == (1.5, -2.0)
    assert store.load_printer_offsets("HP") == (3.0, 4.0)
    assert store.load_sender().owner == "Maria"
    assert store._setting("future.thing") == {"any": [1]}


# --- already in the notebook ---------------------------------------------------------------

def _store(shop, sql: str, *params) -> None:
    open_notebook(shop)
    with db.atomic():
        db.execute_sql(sql, params)
    close_notebook()


def _cards(shop) -> int:
    open_notebook(shop)
    count = db.execute_sql("SELECT count(*) FROM card").fetchone()[0]
    close_notebook()
    return count


@pytest.mark.parametrize("source", [HOSTILE[0], HOSTILE[2], "{{ nmae }}"])
def test_print_cards_with_a_bad_stored_template_fails_in_one_line(shop, tmp_path, capsys,
                                                                  source):
    open_notebook(shop)
    store.ensure_builtins()
    close_notebook()
    _store(shop, "UPDATE template SET body = ?", "Dear {{ name }},\n" + source)
    cards = _cards(shop)
    out = tmp_path / "cards.pdf"
    started = time.perf_counter()
    assert run("print-cards", out, "--notebook", shop) == 1
    assert time.perf_counter() - started < 10
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert err.startswith("rapport: Nothing was printed: the “") and "Line 2" in err, err
    assert not out.exists() and not list(tmp_path.glob("cards*.pdf*"))
    assert _cards(shop) == cards  # no card half-queued


@pytest.mark.parametrize(("key", "value"), [
    ("printer_offsets", '"c1"'), ("printer_offsets", '{"x": "left"}'),
    ("printer_offsets", '{"printers": []}'), ("sender", '"Maria"'),
    ("sender", '{"grace_days": "x", "return_address": 5}'), ("printer_offsets", "not json"),
    ("outreach.cap_days", "Infinity"), ("outreach.default_cadence_days", "NaN"),
])
def test_a_bad_stored_setting_falls_back_and_printing_goes_on(shop, tmp_path, caplog, key,
                                                              value):
    _store(shop, "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) "
                 "DO UPDATE SET value = excluded.value", key, value)
    caplog.set_level(logging.WARNING)
    assert run("print-cards", tmp_path / "cards.pdf", "--notebook", shop) == 0
    assert run("print-labels", tmp_path / "labels.pdf", "--notebook", shop) == 0
    assert run("today", "--notebook", shop) == 0
    assert f"setting {key!r}" in caplog.text and "default" in caplog.text


def test_all_the_templates_of_one_file_share_one_time_budget():
    import itertools

    from exports.json_reader import NotebookFileError
    from exports.notebook_parse import parse_notebook

    document = base_document()
    document["templates"] = [{"id": f"t{i}", "occasion": "birthday", "name": f"T{i}",
                              "body": "{% for i in range(3) %}{{ i }}{% endfor %}"}
                             for i in range(1, 40)]
    document["cards"] = []
    data = json.dumps(document).encode()
    assert len(parse_notebook(data).templates) == 39  # the real clock: quick
    slow = itertools.count(0, 1.0).__next__  # each look at the clock: one more second
    with pytest.raises(NotebookFileError, match=r"templates\[\d+\]\.body: the “T\d+” template "
                                                r"cannot be used: .*runs too long"):
        parse_notebook(data, clock=slow)


@pytest.mark.parametrize(("path", "value"), [
    ("templates.0.card_format", "zz-nonexistent"), ("cards.0.card_format", "x" * 5000),
    ("cards.0.card_format", "env-10"),  # an envelope is not a card
])
def test_a_card_format_rapport_does_not_have_refuses_the_import(notebook, tmp_path, path,
                                                                 value):
    """A card of an unknown format cannot be drawn: its preview on the Cards screen failed
    into the failure box, as a wrong setting once broke all printing."""
    from exports import notebook_json
    from exports.notebook_json import NotebookFileError
    from tests.exports.test_notebook_json import _set

    with pytest.raises(NotebookFileError) as err:
        notebook_json.import_file(write(tmp_path, _set(base_document(), path, value)))
    assert path.replace(".0.", "[0].") in str(err.value) and "a2-folded" in str(err.value)
    assert db.execute_sql("SELECT count(*) FROM customer").fetchone()[0] == 0
