"""``main.py erase CUSTOMER_ID --yes``: the window's erase, from the command line."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

import main
from storage import backups, erase_pending, migrations
from storage.db import close_notebook, open_notebook
from storage.erase import erase_preview
from tests.storage.test_erase_attack import FULL, add_person, leaks
from tests.storage.test_erase_reader import Reader
from ui.cli import notebook as cli_notebook

ROOT = Path(__file__).resolve().parent.parent


def run(*argv) -> int:
    return main.main([str(a) for a in argv])


@pytest.fixture
def shop(tmp_path):
    """A closed notebook holding the person, named by Ottoline, with two backups."""
    path = tmp_path / "shop.rapport"
    open_notebook(path)
    cid, _otto = add_person()
    backups.backup_now("manual", datetime(2026, 3, 1, 9, 0, 0))
    backups.backup_now("manual", datetime(2026, 3, 2, 9, 0, 0))
    preview = erase_preview(cid)
    close_notebook()
    return path, cid, preview


def one_error_line(capsys) -> str:
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    lines = captured.err.splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def test_without_yes_it_prints_the_preview_and_changes_nothing(shop, capsys):
    path, cid, preview = shop
    before = path.read_bytes()
    assert run("erase", cid, "--notebook", path) == 1
    out = capsys.readouterr()
    assert out.out.strip() == preview.message()
    assert "Ottoline Fairweather (notes, 1 personal detail, 1 interaction, 1 card)" in out.out
    assert "add --yes" in out.err
    assert path.read_bytes() == before and not erase_pending.is_pending(path)
    assert leaks(path.parent)  # still there


def test_with_yes_it_erases_everywhere_in_the_windows_words(shop, capsys):
    path, cid, preview = shop
    assert run("erase", cid, "--yes", "--notebook", path) == 0
    out = capsys.readouterr().out
    for sentence in preview.sentences()[:-1]:  # what the window's dialog showed
        assert sentence in out
    assert f"Erased {FULL} from the notebook and from 2 backups. This cannot be undone." in out
    assert leaks(path.parent) == []
    assert not erase_pending.is_pending(path)


@pytest.mark.parametrize("given", ["999", "abc", "-1", "²", "１", "99999999999999999999999",
                                   "9223372036854775808"])
def test_an_unknown_id_is_one_line(shop, capsys, given):
    path, _cid, _preview = shop
    assert run("erase", given, "--yes", "--notebook", path) == 1
    line = one_error_line(capsys)
    assert "nothing was erased" in line and given in line
    assert leaks(path.parent)


def test_a_newer_notebook_is_refused(shop, capsys):
    path, cid, _preview = shop
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    con.close()
    assert run("erase", cid, "--yes", "--notebook", path) == 1
    assert one_error_line(capsys).startswith("rapport: Nothing was erased. This notebook was "
                                             "saved by a newer version")


def test_a_notebook_another_rapport_writes_is_refused(shop, capsys):
    path, cid, _preview = shop
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from storage.db import open_notebook; "
         "open_notebook(sys.argv[1]); print('open', flush=True); sys.stdin.readline()",
         str(path)], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        assert run("erase", cid, "--yes", "--notebook", path) == 1
        assert "is busy" in one_error_line(capsys)
    finally:
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(timeout=10)
    assert leaks(path.parent)


def test_a_reader_leaves_it_pending_then_the_next_open_completes_it(shop, capsys,
                                                                    monkeypatch):
    path, cid, _preview = shop
    monkeypatch.setattr(cli_notebook, "ERASE_READER_WAIT", 0.3)
    reader = Reader(path)
    try:
        assert run("erase", cid, "--yes", "--notebook", path) == 1
        line = one_error_line(capsys)
        assert "Another program is reading the notebook; the erase will complete when it " \
               "finishes" in line
        assert erase_pending.is_pending(path)
    finally:
        reader.stop()
    open_notebook(path)
    close_notebook()
    assert leaks(path.parent) == [] and not erase_pending.is_pending(path)


def test_the_command_is_headless(shop):
    path, cid, _preview = shop
    done = subprocess.run([sys.executable, "-X", "importtime", str(ROOT / "main.py"), "erase",
                           str(cid), "--yes", "--notebook", str(path)],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0, done.stderr[-500:]
    assert "PySide6" not in done.stderr


@pytest.mark.parametrize("command", [("today",), ("export", "out.json")])
def test_a_reading_command_after_the_reader_completes_the_erase(shop, capsys, monkeypatch,
                                                                tmp_path, command):
    """The owner was told the erase completes when the reader finishes: a command that only
    reads (``today``, ``export``) is the next time Rapport opens the notebook, and it left
    every field of the person in the file for as long as no command wrote to it."""
    path, cid, _preview = shop
    monkeypatch.setattr(cli_notebook, "ERASE_READER_WAIT", 0.3)
    reader = Reader(path)
    try:
        assert run("erase", cid, "--yes", "--notebook", path) == 1
    finally:
        reader.stop()
    capsys.readouterr()
    argv = [tmp_path / a if a.endswith(".json") else a for a in command]
    assert run(*argv, "--notebook", path) == 0
    assert leaks(path.parent) == []
    assert not erase_pending.is_pending(path)
