"""Issue 17: a whole-notebook import writes each row once, not once plus a trigger program.

Everyone is marked stale as an import begins (storage.agenda.mark_everyone), so the triggers
that mark one customer at a time have nothing to add; at 50,000 customers they cost two thirds
of the writing. They are set aside for the import's writes and are back, the same, after it
(and after an import that failed), and they mark again afterwards.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from exports import notebook_json
from exports.notebook_json import NotebookFileError
from storage import bulk
from storage.db import db
from tests.exports.rich_notebook import rich_bytes
from tests.exports.test_notebook_stream import generated_file

TODAY = date(2026, 3, 10)
TABLES = ("customer", "email", "phone", "address", "tag", "fact", "milestone", "interaction",
          "purchase", "promise", "problem", "problem_update")


def triggers() -> list[tuple[str, str]]:
    return db.execute_sql("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                          "ORDER BY name").fetchall()


def traced(run) -> list[str]:
    """Every statement step SQLite reports while ``run()`` runs: one per row an
    ``executemany`` writes, and one more for each trigger program a row sets off."""
    steps: list[str] = []
    con = db.connection()
    con.set_trace_callback(steps.append)
    try:
        run()
    finally:
        con.set_trace_callback(None)
    return steps


def rows_in(table: str) -> int:
    return db.execute_sql(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.mark.parametrize("how", ["stream", "whole"])
def test_each_row_of_an_import_is_one_step_with_no_trigger_program(notebook, tmp_path, how):
    source = tmp_path / "many.json"
    generated_file(source, 40)
    if how == "stream":
        steps = traced(lambda: notebook_json.import_file(source))
    else:
        content = notebook_json.loads(source.read_bytes())
        steps = traced(lambda: bulk.write_all(content))
    for table in TABLES:
        pattern = re.compile(rf"INSERT INTO {table} \(", re.IGNORECASE)
        written = sum(1 for s in steps if pattern.match(s))
        assert written == rows_in(table), table
    assert rows_in("interaction") > 40 and rows_in("purchase") > 40  # the file has them


def test_the_marking_triggers_are_back_after_an_import(notebook, tmp_path):
    before = triggers()
    assert len(before) > 30
    source = tmp_path / "rich.json"
    source.write_bytes(rich_bytes())
    notebook_json.import_file(source)
    assert triggers() == before
    cid = db.execute_sql("SELECT min(id) FROM customer").fetchone()[0]
    with db.atomic():  # a later write marks its customer again, as before the import
        db.execute_sql("INSERT INTO tag (customer_id, name, position) VALUES (?, 'new', 99)",
                       (cid,))
        marked = [r[0] for r in db.execute_sql("SELECT customer_id FROM agenda_dirty")]
        assert marked == [cid]


def test_the_marking_triggers_are_back_after_a_failed_import(notebook, tmp_path):
    before = triggers()
    source = tmp_path / "bad.json"
    generated_file(source, 30, bad_at=29)
    with pytest.raises(NotebookFileError):
        notebook_json.import_file(source)
    assert triggers() == before
    assert rows_in("customer") == 0


def test_the_marking_triggers_are_back_when_a_caller_catches_the_failure_and_commits(
        notebook):
    from storage import agenda

    before = triggers()
    with db.atomic():
        agenda.mark_everyone()
        try:
            with bulk.marking_paused():
                assert triggers() != before  # set aside while everyone is marked
                raise ValueError("a step failed")
        except ValueError:
            pass  # … and the caller carries on to its commit
    assert triggers() == before


def test_odd_rows_are_written_by_the_streaming_export_as_by_the_whole_writer(notebook, tmp_path):
    """Values the forms rarely make, written straight into the notebook: a touch whose
    channel is not the one its kind implies, or empty; a yearless birthday; a sale of minus
    five cents; an address with no label that is not for mail; a milestone without a year.
    The streaming export (built from rows, issue 17) and the whole-notebook writer agree."""
    bulk.write_all(notebook_json.loads(rich_bytes()))
    cid = db.execute_sql("SELECT min(id) FROM customer").fetchone()[0]
    con = db.connection()
    with db.atomic():
        con.executemany("INSERT INTO interaction (customer_id, date, kind, channel, summary) "
                        "VALUES (?,?,?,?,?)", [
                            (cid, "2026-01-02", "call", "visit", ""),
                            (cid, "2026-01-03", "note", None, "plain"),
                            (cid, "2026-01-04", "email", "", "no channel"),
                            (cid, "2026-01-05", "visit", "visit", "as implied")])
        con.executemany("INSERT INTO purchase (customer_id, date, amount_cents, description) "
                        "VALUES (?,?,?,?)", [(cid, "2026-01-06", -5, ""),
                                             (cid, "2026-01-07", 0, "free"),
                                             (cid, "2026-01-08", 123456789, "big")])
        con.execute("INSERT INTO fact (customer_id, kind, value, relation, birthday, position) "
                    "VALUES (?, 'family', 'Ada', '', '--02-29', 9)", (cid,))
        con.execute("INSERT INTO address (customer_id, street, mailing, label, position) "
                    "VALUES (?, 'Elm 1', 0, '', 9)", (cid,))
        con.execute("INSERT INTO milestone (customer_id, kind, year, month, day, day_of_year, "
                    "yearly, whose, note, position) VALUES (?, 'anniversary', NULL, 2, 29, 60, "
                    "0, '', '', 9)", (cid,))
    notebook_json.export_file(tmp_path / "out.json")
    written = (tmp_path / "out.json").read_bytes()
    assert written == notebook_json.dumps(bulk.read_all())
    assert b'"channel": "visit"' in written and b'"amount": "-0.05"' in written
