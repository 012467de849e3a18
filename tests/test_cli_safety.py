"""``backup`` and ``check`` on the command line: output, exit status, no Qt."""

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import main
from domain.model import Customer
from storage import backups, customers
from storage.db import close_notebook, open_notebook

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def shop(tmp_path):
    path = tmp_path / "shop.rapport"
    open_notebook(path)
    customers.save_customer(Customer(given_name="Peggy", family_name="Shaw"))
    close_notebook()
    return path


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_backup_prints_the_path_of_a_verified_copy(shop, capsys):
    assert main.main(["backup", "--notebook", str(shop)]) == 0
    printed = Path(capsys.readouterr().out.strip())
    assert printed.parent == shop.parent / "shop-backups" and printed.exists()
    assert backups.verify_backup(printed) >= 1


def test_backup_of_the_default_notebook(tmp_path, capsys):
    open_notebook(tmp_path / "userdata" / "Notebook.rapport")
    close_notebook()
    assert main.main(["backup"]) == 0
    assert "Notebook-backups" in capsys.readouterr().out


WRITER = """
import sys, time
from domain.model import Customer
from storage import customers
from storage.db import open_notebook
open_notebook(sys.argv[1])
customers.save_customer(Customer(given_name="Arthur"))
print("saved", flush=True)
time.sleep(30)
"""


def test_backup_while_another_process_writes_the_notebook(shop, capsys):
    window = subprocess.Popen([sys.executable, "-c", WRITER, str(shop)], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert window.stdout.readline().strip() == "saved"
        assert main.main(["backup", "--notebook", str(shop)]) == 0  # no writer's lock needed
        copy = Path(capsys.readouterr().out.strip())
        con = sqlite3.connect(f"{copy.as_uri()}?immutable=1", uri=True)
        names = [r[0] for r in con.execute("SELECT given_name FROM customer ORDER BY id")]
        con.close()
        assert names == ["Peggy", "Arthur"]  # what the other process committed is in the copy
    finally:
        window.kill()
        window.wait()


def test_backup_of_a_missing_notebook_fails_in_one_line(tmp_path, capsys):
    assert main.main(["backup", "--notebook", str(tmp_path / "nope.rapport")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("rapport: There is no notebook") and err.count("\n") == 1


def test_backup_of_a_random_file_fails_and_leaves_it(tmp_path, capsys):
    path = tmp_path / "notes.rapport"
    path.write_bytes(b"shopping list: lilies, twine")
    before = digest(path)
    assert main.main(["backup", "--notebook", str(path)]) == 1
    assert "not a Rapport notebook" in capsys.readouterr().err
    assert digest(path) == before


def test_check_prints_ok_and_exits_0(shop, capsys):
    before = digest(shop)
    assert main.main(["check", "--notebook", str(shop)]) == 0
    assert capsys.readouterr().out == "ok\n"
    assert digest(shop) == before


def test_check_prints_what_is_wrong_and_exits_1(shop, capsys):
    con = sqlite3.connect(shop)
    con.execute("DELETE FROM customer_fts")
    con.commit()
    con.close()
    assert main.main(["check", "--notebook", str(shop)]) == 1
    assert capsys.readouterr().out == "Missing from the search index: 1 customer (id 1).\n"


def test_check_of_a_missing_notebook_exits_1(tmp_path, capsys):
    assert main.main(["check", "--notebook", str(tmp_path / "nope.rapport")]) == 1
    assert "There is no notebook" in capsys.readouterr().out


def test_check_and_backup_run_headless_as_processes(shop):
    script = ("import sys, main; rc = main.main(sys.argv[1:]); "
              "assert 'PySide6' not in sys.modules; sys.exit(rc)")
    for command, status in (("check", 0), ("backup", 0)):
        done = subprocess.run([sys.executable, "-c", script, command, "--notebook", str(shop)],
                              cwd=ROOT, capture_output=True, text=True)
        assert done.returncode == status, done.stderr
    shop.write_bytes(b"\x00" * 10)
    done = subprocess.run([sys.executable, "main.py", "check", "--notebook", str(shop)],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 1 and "not a Rapport notebook" in done.stdout
    assert "Traceback" not in done.stderr


def test_backup_of_a_damaged_notebook_fails_and_leaves_no_copy(shop, capsys):
    con = sqlite3.connect(f"{shop.as_uri()}?immutable=1", uri=True)
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'customer'").fetchone()[0]
    con.close()
    data = bytearray(shop.read_bytes())
    data[(root - 1) * 4096:(root - 1) * 4096 + 8] = b"\xff" * 8
    shop.write_bytes(bytes(data))
    before = digest(shop)
    assert main.main(["backup", "--notebook", str(shop)]) == 1
    assert "backup" in capsys.readouterr().err
    assert digest(shop) == before
    assert list((shop.parent / "shop-backups").iterdir()) == []


@pytest.mark.parametrize("command", ["check", "backup", "today", "export"])
def test_a_relative_notebook_path_works(shop, monkeypatch, capsys, command):
    monkeypatch.chdir(shop.parent)
    extra = ["out.json"] if command == "export" else []
    assert main.main([command, *extra, "--notebook", shop.name]) == 0
    assert "Traceback" not in capsys.readouterr().err


def test_an_unexpected_error_is_one_line_and_logged(shop, monkeypatch, capsys, tmp_path):
    def boom(_args):
        raise RuntimeError("kaboom")

    monkeypatch.setitem(main.COMMANDS, "check", boom)
    assert main.main(["check", "--notebook", str(shop)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "kaboom" in err and "Traceback" not in err
    log = tmp_path / "userdata" / "logs" / "rapport.log"
    assert "RuntimeError: kaboom" in log.read_text(encoding="utf-8")


def _run(args, timeout=20.0):
    """``main.py args`` as its own process; None when it had to be killed (it hung)."""
    try:
        return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT,
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None


@pytest.mark.parametrize("where", ["backups", "beside"])
def test_a_fifo_named_like_a_dead_part_does_not_hang_a_backup(shop, where):
    # clear_stale_parts opened every *.part to see whether its writer lived: a FIFO there (no
    # writer at the other end) made `backup`, an import's backup and the window's open hang.
    folder = shop.parent / "shop-backups" if where == "backups" else shop.parent
    folder.mkdir(exist_ok=True)
    name = "shop_2020-01-01_000000_manual.rapport.part" if where == "backups" \
        else "shop.rapport.restoring.part"
    os.mkfifo(folder / name)
    done = _run(["backup", "--notebook", str(shop)])
    assert done is not None, "backup hung on a FIFO named like a part"
    assert done.returncode == 0, done.stderr
    assert backups.verify_backup(Path(done.stdout.strip())) >= 1


def test_a_fifo_in_place_of_the_lock_note_does_not_hang_a_writer(shop, tmp_path):
    # The note beside the notebook is read on release (and when busy): a FIFO there with no
    # writer made `import` hang forever once its work was done, holding the notebook's lock.
    note = shop.with_name(shop.name + ".lock")
    note.unlink(missing_ok=True)
    os.mkfifo(note)
    card = tmp_path / "z.vcf"
    card.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Zed Q\nN:Q;Zed;;;\nEND:VCARD\n")
    done = _run(["import", str(card), "--notebook", str(shop)])
    assert done is not None, "import hung on a FIFO in place of the lock note"
    assert done.returncode == 0, done.stderr
    assert "1 added" in done.stdout
