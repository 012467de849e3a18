"""Damaged notebooks: check finds them, opening refuses them untouched, a backup replaces them."""

import hashlib
import shutil
import sqlite3

import pytest

import main
from domain.model import Customer, Fact
from storage import backups, records, restore
from storage.check import check_file
from storage.db import CorruptNotebook, NotANotebook, close_notebook, db, open_notebook

PEOPLE = 400


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_state(folder) -> dict[str, str]:
    return {p.name: digest(p) for p in folder.iterdir() if p.is_file()}


@pytest.fixture
def shop(tmp_path):
    """A closed notebook of a few hundred customers, and one verified backup of it."""
    path = tmp_path / "shop.rapport"
    open_notebook(path)
    people = [Customer(given_name=f"Customer{i}", family_name="Shaw",
                       emails=[f"c{i}@example.com"], facts=[Fact("interest", "orchids")],
                       notes="Prefers mornings. " * 5) for i in range(PEOPLE)]
    with db.atomic():  # one import: a few hundred commits would only slow the test down
        ids = [records.insert_customer(c) for c in people]
        records.insert_profile_children(list(zip(ids, people, strict=True)))
        records.reindex(ids)
    backups.backup_now("manual")
    close_notebook()
    return path


def root_page(path, name: str) -> int:
    con = sqlite3.connect(f"{path.as_uri()}?immutable=1", uri=True)
    try:
        return con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                           (name,)).fetchone()[0]
    finally:
        con.close()


def flip(path, offset: int, count: int = 8) -> None:
    data = bytearray(path.read_bytes())
    for i in range(offset, offset + count):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))


def damaged_copy(shop, tmp_path, name: str):
    """A copy with the b-tree page header of ``name``'s root page flipped."""
    copy = tmp_path / "copy" / "shop.rapport"
    copy.parent.mkdir()
    shutil.copy(shop, copy)
    flip(copy, (root_page(copy, name) - 1) * 4096)
    return copy


@pytest.mark.parametrize("name", ["customer", "email_address", "customer_fts_data"])
def test_a_byte_flipped_copy_fails_check_and_the_original_is_untouched(shop, tmp_path, name,
                                                                       capsys):
    original = digest(shop)
    copy = damaged_copy(shop, tmp_path, name)
    damaged = folder_state(copy.parent)
    assert main.main(["check", "--notebook", str(copy)]) == 1
    assert "damaged" in capsys.readouterr().out
    assert folder_state(copy.parent) == damaged  # check wrote nothing, created nothing
    assert digest(shop) == original
    assert main.main(["check", "--notebook", str(shop)]) == 0


def test_a_damaged_notebook_is_refused_at_open_and_left_as_it_was(shop, tmp_path):
    copy = damaged_copy(shop, tmp_path, "customer")
    damaged = folder_state(copy.parent)
    with pytest.raises(CorruptNotebook) as err:
        open_notebook(copy)
    assert err.value.path == copy and "left untouched" in str(err.value)
    assert folder_state(copy.parent) == damaged


def test_a_damaged_notebook_with_a_crash_wal_is_not_checkpointed(shop, tmp_path):
    copy = damaged_copy(shop, tmp_path, "customer")
    con = sqlite3.connect(copy)  # a crashed session: committed rows left in the -wal
    con.execute("PRAGMA journal_mode = wal")
    con.execute("INSERT INTO tag_setting (name, cadence_days) VALUES ('vip', 14)")
    con.commit()
    keep = sqlite3.connect(copy)
    keep.execute("SELECT 1 FROM tag_setting").fetchall()
    before = digest(copy)
    with pytest.raises(CorruptNotebook):
        open_notebook(copy)
    assert digest(copy) == before
    keep.close()
    con.close()


def test_an_unreadable_header_is_damage_not_a_crash(shop, tmp_path):
    copy = tmp_path / "copy.rapport"
    shutil.copy(shop, copy)
    data = bytearray(copy.read_bytes())
    data[16:18] = b"\x00\x03"  # an impossible page size
    copy.write_bytes(bytes(data))
    before = digest(copy)
    with pytest.raises(CorruptNotebook):
        open_notebook(copy)
    assert check_file(copy) and digest(copy) == before


def test_a_flipped_magic_number_says_not_a_notebook(shop, tmp_path):
    copy = tmp_path / "copy.rapport"
    shutil.copy(shop, copy)
    flip(copy, 0, 4)
    with pytest.raises(NotANotebook):
        open_notebook(copy)
    assert "not a Rapport notebook" in check_file(copy)[0]


def test_the_newest_good_backup_replaces_a_damaged_notebook(shop, tmp_path):
    good = backups.list_backups(shop)[0]
    newer_but_bad = good.path.with_name(good.path.name.replace("manual", "close")
                                        .replace(good.path.name[5:22], "2999-01-01_000000"))
    shutil.copy(good.path, newer_but_bad)
    flip(newer_but_bad, (root_page(newer_but_bad, "customer") - 1) * 4096)
    flip(shop, (root_page(shop, "customer") - 1) * 4096)
    damaged = digest(shop)
    with pytest.raises(CorruptNotebook):
        open_notebook(shop)
    offered = restore.newest_good_backup(shop)
    assert offered is not None and offered.path == good.path
    aside = restore.recover(shop, offered.path)
    assert digest(aside) == damaged  # kept aside, byte for byte
    open_notebook(shop)
    assert len(records.load_customers()) == PEOPLE
    close_notebook()
    assert check_file(shop) == []


def test_a_disk_without_hard_links_always_keeps_a_notebook_at_its_name(shop, monkeypatch):
    """On FAT or exFAT (a USB stick) there are no hard links: the damaged notebook was renamed
    aside and only then the replacement moved in, so a crash between the two left no file at
    the notebook's name. Every step must find a notebook there."""
    import os

    from storage import restore as restoring

    good = backups.list_backups(shop)[0]
    flip(shop, (root_page(shop, "customer") - 1) * 4096)
    damaged = digest(shop)
    missing = []
    real_replace = os.replace

    def no_links(*_args, **_kwargs):
        raise OSError(1, "Operation not permitted")

    def watched_replace(src, dst, *args, **kwargs):
        if not shop.exists():
            missing.append((str(src), str(dst)))
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(restoring.os, "link", no_links)
    monkeypatch.setattr(restoring.os, "replace", watched_replace)
    aside = restoring.recover(shop, good.path)
    assert missing == []  # a crash at any step would still have found a notebook
    assert digest(aside) == damaged
    open_notebook(shop)
    assert len(records.load_customers()) == PEOPLE
    close_notebook()
