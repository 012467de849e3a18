"""``import`` of a UK Outlook CSV on the command line: dates read as the notebook's region
writes them, and the report says how the file was read (issue 15, finding 2)."""

from __future__ import annotations

from pathlib import Path

import main
from domain.dates import PartialDate
from storage import records
from storage.db import close_notebook, db, open_notebook

UK = Path(__file__).parent / "exports" / "fixtures" / "outlook_uk.csv"


def test_a_uk_file_in_a_gb_notebook_reads_day_first_and_says_so(tmp_path, capsys):
    book = tmp_path / "shop.rapport"
    open_notebook(book)
    db.execute_sql("INSERT INTO setting (key, value) VALUES ('region', '\"GB\"')")
    close_notebook()
    source = tmp_path / "contacts.csv"  # every date in it reads both ways
    source.write_bytes(UK.read_bytes().replace(b'"25/06/2011"', b'""'))
    assert main.main(["import", str(source), "--notebook", str(book)]) == 0
    out = capsys.readouterr().out
    assert "2 added" in out
    assert "Windows-1252" in out and "a guess" in out
    assert "read day first (7 March 1985)" in out and "region GB" in out
    open_notebook(book)
    try:
        sian = next(c for c in records.load_customers() if c.given_name == "Siân")
        assert {m.kind: m.date for m in sian.milestones}["birthday"] == PartialDate(3, 7, 1985)
    finally:
        close_notebook()


def test_reimporting_the_same_file_adds_nobody(tmp_path, capsys):
    book, source = tmp_path / "shop.rapport", tmp_path / "uk.csv"
    source.write_bytes(UK.read_bytes())
    assert main.main(["import", str(source), "--notebook", str(book)]) == 0
    assert main.main(["import", str(source), "--notebook", str(book)]) == 0
    assert "0 added, 2 merged" in capsys.readouterr().out
