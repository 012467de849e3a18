"""``main.py search QUERY [--json]``: who is calling, by any writing of their number."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import main
from domain.model import Address, Customer

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def book(tmp_path) -> Path:
    from storage import customers
    from storage.db import close_notebook, open_notebook

    path = tmp_path / "shop.rapport"
    open_notebook(path)
    customers.save_customer(Customer(
        given_name="Maria", family_name="Lopez", phones=["+15035550109"],
        emails=["maria@example.com"], addresses=[Address("Königstraße 12", "Berlin")]))
    customers.save_customer(Customer(given_name="Ann", family_name="Lee",
                                     phones=["+15035550110"]))
    close_notebook()
    return path


@pytest.mark.parametrize("typed", ["(503) 555-0109", "555-0109", "+15035550109"])
def test_search_json_finds_the_caller_in_any_writing(book, capsys, typed):
    assert main.main(["search", typed, "--json", "--notebook", str(book)]) == 0
    [hit] = json.loads(capsys.readouterr().out)
    assert hit["customer"] == "Maria Lopez" and isinstance(hit["customer_id"], int)
    assert hit["matched"] == [{"field": "phone", "value": "+15035550109"}]


def test_search_text_names_each_customer_and_what_matched(book, capsys):
    assert main.main(["search", "konigstrasse", "--notebook", str(book)]) == 0
    out = capsys.readouterr().out
    assert "Maria Lopez" in out and "Königstraße 12, Berlin" in out and "Ann" not in out


def test_search_finding_nobody_says_so_and_json_is_an_empty_list(book, capsys):
    assert main.main(["search", "555-0199", "--notebook", str(book)]) == 0
    assert "No customer" in capsys.readouterr().out
    assert main.main(["search", "555-0199", "--json", "--notebook", str(book)]) == 0
    assert json.loads(capsys.readouterr().out) == []


@pytest.mark.parametrize("typed", ["", "  ", "()", '"'])
def test_an_empty_query_is_a_one_line_error(book, capsys, typed):
    assert main.main(["search", typed, "--notebook", str(book)]) == 1
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "Traceback" not in err


def test_a_missing_notebook_is_a_one_line_error(tmp_path, capsys):
    assert main.main(["search", "x", "--notebook", str(tmp_path / "none.rapport")]) == 1
    assert len(capsys.readouterr().err.splitlines()) == 1


def test_search_never_imports_qt_and_runs_beside_a_writer(book):
    code = ("import sys, main; from storage.lock import NotebookLock; "
            "lock = NotebookLock(__import__('pathlib').Path(sys.argv[1]), 'window'); "
            "assert lock.acquire(0); "
            "rc = main.main(['search', 'lopez', '--json', '--notebook', sys.argv[1]]); "
            "assert 'PySide6' not in sys.modules; sys.exit(rc)")
    done = subprocess.run([sys.executable, "-c", code, str(book)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert [h["customer"] for h in json.loads(done.stdout)] == ["Maria Lopez"]
