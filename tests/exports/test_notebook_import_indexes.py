"""Issue 17: an import into an empty notebook builds the customers' secondary indexes once,
after its rows, instead of keeping them up to date row by row (a quarter of SQLite's work at
50,000 customers). They are back, the same, before the search index and the agendas are
worked out from them, and after an import that failed; the unique ones, which decide what an
insert keeps, stay in place throughout.
"""

from __future__ import annotations

import re

import pytest

from exports import notebook_json
from exports.notebook_json import NotebookFileError
from storage import bulk
from storage.db import db
from tests.exports.rich_notebook import rich_bytes
from tests.exports.test_notebook_import_writes import traced
from tests.exports.test_notebook_json import snapshot
from tests.exports.test_notebook_stream import generated_file


def indexes() -> list[tuple[str, str, str | None]]:
    return db.execute_sql("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' "
                          "ORDER BY name").fetchall()


def test_an_import_into_an_empty_notebook_builds_the_indexes_after_the_rows(notebook, tmp_path):
    before = indexes()
    source = tmp_path / "many.json"
    generated_file(source, 40)
    steps = traced(lambda: notebook_json.import_file(source))
    first_row = next(n for n, s in enumerate(steps) if s.startswith("INSERT INTO interaction"))
    dropped = [n for n, s in enumerate(steps) if re.match(r'DROP INDEX "interaction_', s)]
    create = re.compile(r'CREATE INDEX (IF NOT EXISTS )?"interaction_')
    built = [n for n, s in enumerate(steps) if create.match(s)]
    assert dropped and max(dropped) < first_row < min(built)
    search = next(n for n, s in enumerate(steps) if "INSERT INTO customer_fts" in s)
    assert max(built) < search  # the search index reads the rows through them
    assert indexes() == before
    assert not any(s.startswith('DROP INDEX "purchase_order"') for s in steps)  # unique


def test_an_import_into_a_notebook_with_customers_keeps_its_indexes(notebook, tmp_path):
    bulk.write_all(notebook_json.loads(rich_bytes()))
    source = tmp_path / "many.json"
    generated_file(source, 20)
    steps = traced(lambda: notebook_json.import_file(source))
    assert not any(s.startswith("DROP INDEX \"") for s in steps)  # (the agendas are not ours)


def test_the_indexes_are_back_after_a_failed_import(notebook, tmp_path):
    before, rows = indexes(), snapshot()
    source = tmp_path / "bad.json"
    generated_file(source, 30, bad_at=29)
    with pytest.raises(NotebookFileError):
        notebook_json.import_file(source)
    assert indexes() == before
    assert snapshot() == rows


def test_the_indexes_are_back_when_a_caller_catches_the_failure_and_commits(notebook):
    before = indexes()
    with db.atomic():
        try:
            with bulk.indexes_deferred(True):
                assert indexes() != before
                raise ValueError("a step failed")
        except ValueError:
            pass  # … and the caller carries on to its commit
    assert indexes() == before
    assert db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
