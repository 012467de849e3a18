"""Hostile review of this session's speed changes (perf3-review): the world's inputs against
the JSON import's deferred indexes, the vCard line cache, the phone shortcut, print-cards'
check ahead and a setting's rework. Each test is an attack; those that found a fault say so."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

import main
from storage.db import close_notebook, open_notebook
from tests.exports.test_notebook_stream import generated_file
from tests.storage.tiny_disk import mounted


def _state(path: Path) -> tuple[str, list, int, int]:
    con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        check = con.execute("PRAGMA integrity_check").fetchone()[0]
        idx = con.execute("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' "
                          "ORDER BY name").fetchall()
        people = con.execute("SELECT count(*) FROM customer").fetchone()[0]
        touches = con.execute("SELECT count(*) FROM interaction").fetchone()[0]
        return check, idx, people, touches
    finally:
        con.close()


def _errors(capsys) -> list[str]:
    return [line for line in capsys.readouterr().err.splitlines() if line.strip()]


def _refused_import(source: Path, shop: Path, capsys) -> str:
    """Import ``source`` into a new, empty notebook at ``shop``: it must fail with one line
    and leave the notebook as it was (integrity, every index); the line."""
    open_notebook(shop)
    close_notebook()
    before = _state(shop)
    assert main.main(["import", str(source), "--notebook", str(shop)]) == 1
    lines = _errors(capsys)
    assert len(lines) == 1, lines
    assert _state(shop) == before
    return lines[0]


def test_a_json_import_on_a_disk_that_fills_up_keeps_the_notebook_and_its_indexes(
        tmp_path, capsys):
    """A 4 MB disk: an empty notebook, a file of 3,000 customers too big for what is left.
    The import fails with one line; the notebook is as it was: every index, integrity ok."""
    source = tmp_path / "big.json"
    generated_file(source, 3_000)
    with mounted(tmp_path / "disk", "4m") as disk:
        shop = disk / "shop.rapport"
        line = _refused_import(source, shop, capsys)
        assert "Traceback" not in line and "disk is full" in line, line
        assert main.main(["check", "--notebook", str(shop)]) == 0


def _late_bad_file(path: Path, count: int, where: str, entry: object) -> str:
    """``count`` generated customers, the last one's ``where`` list ending with ``entry``."""
    generated_file(path, count)
    data = json.loads(path.read_text())
    last = data["customers"][-1]
    last[where] = [*(last.get(where) or []), entry]
    path.write_text(json.dumps(data))
    return f"customers[{count - 1}].{where}[{len(last[where]) - 1}]"


@pytest.mark.parametrize(("where", "entry", "says"), [
    ("purchases", {"date": "2026-01-02", "amount": 12, "extra": 1}, "amount: expected"),
    ("purchases", {"date": "2026-01-02", "amount": "12.001"}, "is not an amount"),
    ("interactions", {"date": "2026-02-30", "kind": "call"}, "is not a date"),
    ("interactions", {"date": "2026-01-02", "kind": "call", "channel": "MAIL"}, "is not one of"),
    ("interactions", ["2026-01-02", "call"], "expected an object"),
])
def test_a_bad_entry_late_in_a_big_file_imports_nothing_and_keeps_the_indexes(
        tmp_path, capsys, where, entry, says):
    """An entry almost the export's shape, in the last of 2,000 customers (the fast reading
    of touches and sales, the indexes set aside for an empty notebook): one line naming it,
    nothing imported, every index back, integrity ok."""
    source = tmp_path / "late.json"
    path = _late_bad_file(source, 2_000, where, entry)
    line = _refused_import(source, tmp_path / "shop.rapport", capsys)
    assert path in line and says in line, line
