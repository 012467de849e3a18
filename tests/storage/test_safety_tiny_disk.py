"""A real full disk (a small tmpfs filled to 100 %): never called damage, never loses the notebook.

The attack that found it: one save on a full disk leaves an empty -wal and a -shm of a few bytes;
from then on every open said "damaged (disk I/O error)", and "Restore the backup" moved the
intact notebook aside, failed to write the backup, and left no notebook behind.
"""

import hashlib
import shutil
import sqlite3

import pytest

import main
from domain.model import Customer
from storage import backups, customers, records, restore
from storage.check import check_file
from storage.db import (
    CorruptNotebook,
    NotebookError,
    NotebookFull,
    close_notebook,
    db,
    open_notebook,
    sqlite_connection,
)
from tests.storage.tiny_disk import fill, mounted, remount_read_only

PEOPLE = 60
REOPENS = 5


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_shop(path, people: int = PEOPLE, backup: bool = False):
    open_notebook(path)
    with db.atomic():
        ids = [records.insert_customer(Customer(given_name=f"Customer{i}", family_name="Shaw"))
               for i in range(people)]
        records.reindex(ids)
    if backup:
        backups.backup_now("manual")
    close_notebook()
    return path


@pytest.fixture
def disk(tmp_path):
    with mounted(tmp_path / "disk") as folder:
        yield folder


def test_after_a_failed_save_on_a_full_disk_every_open_says_full_never_damaged(disk, capsys):
    shop = make_shop(disk / "shop.rapport")
    filler = fill(disk)
    with pytest.raises(NotebookError):  # the save that leaves a tiny -shm behind
        open_notebook(shop)
        customers.save_customer(Customer(given_name="Arthur", notes="n" * 20_000))
    close_notebook()
    for _ in range(REOPENS):
        with pytest.raises(NotebookError) as err:
            open_notebook(shop)
        assert not isinstance(err.value, CorruptNotebook)
        assert "damaged" not in str(err.value) and "disk is full" in str(err.value)
        assert "damaged" not in " ".join(check_file(shop))
        for command in (["check"], ["today"], ["export", str(disk.parent / "out.csv")]):
            assert main.main([*command, "--notebook", str(shop)]) == 1
            said = "".join(capsys.readouterr())
            assert "damaged" not in said and "disk is full" in said, said
    filler.unlink()  # room again: the notebook is all there
    open_notebook(shop)
    assert customers.count() == PEOPLE
    close_notebook()
    assert check_file(shop) == []


def stranded_copy(disk):
    """The files a killed Rapport leaves (the notebook and its -wal, one save in it), on a
    disk then made read-only: no -shm can be made to read that -wal."""
    shop = make_shop(disk / "shop.rapport")
    open_notebook(shop)
    sqlite_connection().execute("PRAGMA wal_autocheckpoint = 0")
    customers.save_customer(Customer(given_name="Late"))
    crashed = disk / "crashed"
    crashed.mkdir()
    for suffix in ("", "-wal"):
        shutil.copy(f"{shop}{suffix}", crashed / f"shop.rapport{suffix}")
    close_notebook()
    remount_read_only(disk)
    return crashed / "shop.rapport"


def test_a_read_only_folder_with_a_stale_wal_opens_read_only(disk):
    copy = stranded_copy(disk)
    info = open_notebook(copy)
    assert info.read_only and "read-only" in info.reason
    assert customers.count() >= PEOPLE
    close_notebook()
    assert "damaged" not in " ".join(check_file(copy))


def test_changes_a_read_only_folder_keeps_out_of_reach_are_said_not_hidden(disk, capsys):
    """The -wal a killed Rapport left cannot be read where no -shm can be made: `export` gave
    45 customers of 50 and `backup` copied without the 5, both silent. Now they say so."""
    copy = stranded_copy(disk)
    info = open_notebook(copy, read_only=True)
    assert "not shown" in info.reason and "-wal" in info.reason
    close_notebook()
    for command in (["export", str(disk.parent / "out.csv")], ["today"]):
        assert main.main([*command, "--notebook", str(copy)]) == 0
        said = capsys.readouterr().err
        assert "not shown" in said, said


def damage_table(path) -> None:
    con = sqlite3.connect(f"{path.as_uri()}?immutable=1", uri=True)
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'customer'").fetchone()[0]
    con.close()
    data = bytearray(path.read_bytes())
    for i in range((root - 1) * 4096, (root - 1) * 4096 + 8):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))


def test_restoring_on_a_full_disk_leaves_the_notebook_where_and_as_it_was(disk):
    shop = make_shop(disk / "shop.rapport", people=400, backup=True)
    damage_table(shop)
    with pytest.raises(CorruptNotebook):
        open_notebook(shop)
    good = restore.newest_good_backup(shop)
    assert good is not None
    before = {p.name: digest(p) for p in disk.iterdir() if p.is_file()}
    fill(disk)
    before["filler"] = digest(disk / "filler")
    with pytest.raises(NotebookError) as err:
        restore.recover(shop, good.path)
    assert "disk is full" in str(err.value) and "not moved" in str(err.value)
    assert {p.name: digest(p) for p in disk.iterdir() if p.is_file()} == before
    (disk / "filler").unlink()
    aside = restore.recover(shop, good.path)  # with room, the same button works
    assert aside.exists() and not list(disk.glob("*.part*")) and not list(disk.glob(".*"))
    open_notebook(shop)
    assert customers.count() == 400
    close_notebook()


def test_full_disk_errors_are_not_damage():
    from storage.errors import translate_error

    for code in (13, 10, 14, 10 | (12 << 8), 10 | (19 << 8)):  # FULL, IOERR, CANTOPEN, …
        exc = sqlite3.OperationalError("disk trouble")
        exc.sqlite_errorcode = code
        assert not isinstance(translate_error(exc), CorruptNotebook)
    assert isinstance(NotebookFull("x"), NotebookError)
