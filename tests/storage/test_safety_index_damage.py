"""Damage quick_check misses (real bit flips in index pages): never written to, offered a repair.

The attack that found it: of 9 bit flips that damaged SQLite, 8 passed the open-time
quick_check and were written to by ``import`` and ``print-cards``.
"""

import hashlib
import os
import random
import shutil

import pytest

import main
from domain.model import Customer, Fact
from storage import backups, check, customers, erase_pending, records
from storage.db import CorruptNotebook, close_notebook, db, open_notebook
from tests.storage.flips import flip_in_index, flip_in_table, verdicts

PEOPLE = 400
SEEDS = range(8)
CSV = "First Name,Last Name,E-mail 1 - Value\nNew,Person,new@example.com\n"


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def original(tmp_path_factory):
    """A closed notebook of a few hundred customers with emails, phones and facts."""
    path = tmp_path_factory.mktemp("original") / "shop.rapport"
    open_notebook(path)
    people = [Customer(given_name=f"Customer{i}", family_name="Shaw",
                       emails=[f"c{i}@example.com"], phones=[f"+1 503 555 {i:04d}"],
                       facts=[Fact("interest", "orchids")]) for i in range(PEOPLE)]
    with db.atomic():
        ids = [records.insert_customer(c) for c in people]
        records.insert_profile_children(list(zip(ids, people, strict=True)))
        records.reindex(ids)
    close_notebook()
    return path


def index_damaged(original, folder, seed: int):
    """A copy of the notebook with one real bit flip in an index entry quick_check misses."""
    copy = folder / "shop.rapport"
    shutil.copy(original, copy)
    flip_in_index(copy, random.Random(seed))
    quick, full = verdicts(copy)
    assert quick == "ok" and full != ["ok"]  # the hole: quick_check passes it
    return copy


@pytest.mark.parametrize("seed", SEEDS)
def test_import_refuses_a_notebook_whose_indexes_are_damaged(original, tmp_path, seed, capsys):
    copy = index_damaged(original, tmp_path, seed)
    before = digest(copy)
    (tmp_path / "new.csv").write_text(CSV)
    assert main.main(["import", str(tmp_path / "new.csv"), "--notebook", str(copy)]) == 1
    said = capsys.readouterr().err
    assert "damaged" in said and "check --repair" in said and said.count("\n") == 1
    assert digest(copy) == before


def test_a_damaged_notebook_can_still_be_read_in_full(original, tmp_path):
    """Only writes are refused: Today, the calendar and the exports read in a snapshot
    (a read transaction), which is no write and must not be refused with the saves."""
    from datetime import date

    from exports import csv_export, ical, vcard
    from storage import outreach

    copy = index_damaged(original, tmp_path, 0)
    before = digest(copy)
    open_notebook(copy)
    day = date(2026, 12, 7)
    outreach.today_queue(day)
    outreach.calendar(day, 60)
    for module, name in ((csv_export, "x.csv"), (vcard, "x.vcf"), (ical, "x.ics")):
        assert module.export_file(tmp_path / name) == (PEOPLE if module is not ical else 0)
    with pytest.raises(CorruptNotebook):
        customers.save_customer(Customer(given_name="Arthur"))
    close_notebook()
    assert digest(copy) == before


@pytest.mark.parametrize("seed", SEEDS[:3])
def test_a_save_from_the_window_is_refused_too(original, tmp_path, seed):
    copy = index_damaged(original, tmp_path, seed)
    before = digest(copy)
    open_notebook(copy)  # opening stays fast: only quick_check, which passes
    with pytest.raises(CorruptNotebook) as err:
        customers.save_customer(Customer(given_name="Arthur"))
    assert err.value.index_only
    close_notebook()
    assert digest(copy) == before


def test_print_cards_refuses_a_damaged_demo_notebook(tmp_path, capsys):
    book = tmp_path / "demo.rapport"
    assert main.main(["demo", str(book)]) == 0
    flip_in_index(book, random.Random(3))
    before = digest(book)
    out = tmp_path / "cards.pdf"
    assert main.main(["print-cards", str(out), "--notebook", str(book)]) == 1
    assert "damaged" in capsys.readouterr().err
    assert digest(book) == before and not out.exists()


@pytest.mark.parametrize("seed", SEEDS)
def test_check_repair_rebuilds_the_indexes_after_a_backup(original, tmp_path, seed, capsys):
    copy = index_damaged(original, tmp_path, seed)
    damage = verdicts(copy)[1]
    assert main.main(["check", "--repair", "--notebook", str(copy)]) == 0
    assert "Repaired" in capsys.readouterr().out
    taken = backups.list_backups(copy)  # a faithful copy first, damage and all
    assert [b.reason for b in taken] == ["before-repair"] and verdicts(taken[0].path)[1] == damage
    assert check.check_file(copy) == [] and verdicts(copy)[1] == ["ok"]
    (tmp_path / "new.csv").write_text(CSV)
    assert main.main(["import", str(tmp_path / "new.csv"), "--notebook", str(copy)]) == 0
    open_notebook(copy)
    assert customers.count() == PEOPLE + 1


@pytest.mark.parametrize("seed", range(3))
def test_table_damage_is_never_repaired(original, tmp_path, seed, capsys):
    copy = tmp_path / "shop.rapport"
    shutil.copy(original, copy)
    flip_in_table(copy, random.Random(seed))
    before = digest(copy)
    assert main.main(["check", "--repair", "--notebook", str(copy)]) == 1
    said = "".join(capsys.readouterr())
    assert "damaged" in said and "backup" in said and "Repaired" not in said
    assert digest(copy) == before and not backups.list_backups(copy)


def test_a_notebook_checked_once_is_not_checked_again(original, tmp_path, monkeypatch):
    from storage import intact

    copy = tmp_path / "shop.rapport"
    shutil.copy(original, copy)
    runs = []
    real = intact.integrity_findings
    monkeypatch.setattr(intact, "integrity_findings", lambda con: runs.append(1) or real(con))
    for name in ("Ann", "Bob", "Cy"):
        open_notebook(copy)
        customers.save_customer(Customer(given_name=name))
        customers.save_customer(Customer(given_name=name + "2"))
        close_notebook()
    assert len(runs) == 1  # the first write of the first session; the file is known since
    shutil.copy(original, copy)  # another file under the same name is checked again
    open_notebook(copy)
    customers.save_customer(Customer(given_name="Di"))
    close_notebook()
    assert len(runs) == 2


@pytest.mark.parametrize("seed", range(12))
def test_erase_names_index_damage_and_leaves_no_trace(tmp_path, seed, capsys):
    # erase's preview read through the damaged index before any write was refused: some flips
    # made that read fail ("database disk image is malformed"), which came out as "something
    # went wrong", exit 2; the others left an -erase-pending mark beside the refused notebook.
    book = tmp_path / "demo.rapport"
    assert main.main(["demo", str(book)]) == 0
    capsys.readouterr()
    flip_in_index(book, random.Random(seed))
    before = digest(book)
    assert main.main(["erase", "3", "--yes", "--notebook", str(book)]) == 1
    said = capsys.readouterr().err
    assert "damaged" in said and "went wrong" not in said and said.count("\n") == 1, said
    assert digest(book) == before
    assert not erase_pending.is_pending(book)


@pytest.mark.parametrize("seed", SEEDS[:4])
def test_damage_that_keeps_the_files_size_and_times_is_checked_again(original, tmp_path, seed):
    # The intact cache knew a file by device, inode, size and modification time: a flip that
    # left those as they were (a disk's own rot, `cp -p`, `touch -r`) was trusted, and
    # print-cards and erase wrote into the damaged notebook (6 of 12 tries).
    copy = tmp_path / "shop.rapport"
    shutil.copy(original, copy)
    open_notebook(copy)
    customers.save_customer(Customer(given_name="Ann"))  # checked in full, and remembered
    close_notebook()
    was = copy.stat()
    flip_in_index(copy, random.Random(seed))
    os.utime(copy, ns=(was.st_atime_ns, was.st_mtime_ns))
    now = copy.stat()
    assert (now.st_ino, now.st_size, now.st_mtime_ns) == (was.st_ino, was.st_size,
                                                          was.st_mtime_ns)
    assert verdicts(copy)[1] != ["ok"]
    before = digest(copy)
    open_notebook(copy)
    with pytest.raises(CorruptNotebook):
        customers.save_customer(Customer(given_name="Bob"))
    close_notebook()
    assert digest(copy) == before


def test_a_fifo_in_place_of_the_check_cache_does_not_hang_a_write(original, tmp_path):
    # The cache of checked files was read with a plain open: a FIFO there hung every writer.
    import subprocess
    import sys

    from storage.paths import data_dir
    from tests.test_cli_safety import ROOT

    copy = tmp_path / "shop.rapport"
    shutil.copy(original, copy)
    cache = data_dir() / "checked.json"
    cache.unlink(missing_ok=True)
    os.mkfifo(cache)
    (tmp_path / "new.csv").write_text(CSV)
    try:
        done = subprocess.run([sys.executable, "main.py", "import", str(tmp_path / "new.csv"),
                               "--notebook", str(copy)], cwd=ROOT, capture_output=True,
                              text=True, timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail("import hung on a FIFO in place of the check cache")
    assert done.returncode == 0, done.stderr
