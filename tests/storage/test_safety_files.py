"""Files that are not what they seem: newer, foreign, random, read-only. Bytes stay unchanged."""

import gc
import hashlib
import os
import sqlite3
import stat

import pytest

from domain.model import Customer
from storage import customers, migrations, opening
from storage import db as db_module
from storage.db import (
    NotANotebook,
    NotebookError,
    NotebookReadOnly,
    close_notebook,
    open_notebook,
)
from storage.opening import CANNOT_WRITE, NEWER


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sidecars(path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir()
                  if p.name.startswith(path.name) and p.name != path.name
                  and not p.name.endswith(".lock"))


@pytest.fixture
def saved(tmp_path):
    """A closed notebook with one customer in it."""
    path = tmp_path / "shop.rapport"
    open_notebook(path)
    customers.save_customer(Customer(given_name="Peggy", family_name="Shaw"))
    close_notebook()
    assert sidecars(path) == []
    return path


@pytest.fixture
def honour_modes(monkeypatch):
    """Root may write anything; make the write checks follow the mode bits, as they do for
    the owner who is not root, so that a chmod'ed file or folder is seen as read-only."""
    if os.geteuid() == 0:
        monkeypatch.setattr(opening, "can_write",
                            lambda p: bool(os.stat(p).st_mode & stat.S_IWUSR))


def set_user_version(path, version: int) -> None:
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {version}")
    con.close()


def test_a_newer_notebook_opens_read_only_and_is_never_written(saved):
    set_user_version(saved, migrations.LATEST + 1)
    before = digest(saved)
    info = open_notebook(saved)
    assert info.read_only and info.reason == NEWER
    assert info.version == migrations.LATEST + 1
    assert customers.count() == 1
    # Read through SQLite's WAL (a newer Rapport may write it meanwhile): the -wal and -shm
    # it makes while open are gone once it closes.
    with pytest.raises(NotebookReadOnly):
        customers.save_customer(Customer(given_name="Arthur"))
    gc.collect()  # the refused statement, kept alive by the traceback, holds the connection
    close_notebook()
    assert digest(saved) == before and sidecars(saved) == []


def test_a_newer_notebook_left_with_a_wal_is_still_only_read(saved):
    set_user_version(saved, migrations.LATEST + 1)
    con = sqlite3.connect(saved)  # a newer Rapport that crashed, leaving a -wal behind
    con.execute("INSERT INTO tag_setting (name, cadence_days) VALUES ('vip', 14)")
    con.commit()
    wal = saved.with_name(saved.name + "-wal")
    keep = sqlite3.connect(saved)  # holds the WAL open while we look
    before = (digest(saved), digest(wal))
    info = open_notebook(saved)
    assert info.read_only
    rows = db_module.db.execute_sql("SELECT name FROM tag_setting").fetchall()
    assert rows == [("vip",)]  # the committed change in the WAL is seen
    close_notebook()
    assert (digest(saved), digest(wal)) == before
    keep.close()
    con.close()


@pytest.mark.parametrize("journal", ["delete", "wal"])
def test_a_foreign_sqlite_file_is_refused_and_untouched(tmp_path, journal):
    path = tmp_path / "photos.db"
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA journal_mode = {journal}")
    con.execute("CREATE TABLE album (id INTEGER PRIMARY KEY, title TEXT)")
    con.execute("INSERT INTO album (title) VALUES ('Summer')")
    con.commit()
    con.close()
    before = digest(path)
    with pytest.raises(NotANotebook, match="another program"):
        open_notebook(path)
    with pytest.raises(NotANotebook):
        open_notebook(path, read_only=True)
    assert digest(path) == before and sidecars(path) == []
    assert not (tmp_path / "photos.db.lock").exists()


def test_another_programs_application_id_is_refused(tmp_path):
    path = tmp_path / "other.sqlite"
    con = sqlite3.connect(path)
    con.execute("PRAGMA application_id = 1234")
    con.execute("CREATE TABLE t (x)")
    con.close()
    before = digest(path)
    with pytest.raises(NotANotebook):
        open_notebook(path)
    assert digest(path) == before


@pytest.mark.parametrize("content", [os.urandom(10_000), b"Dear Peggy,\nThank you!\n",
                                     b"SQLite format 3\x00 but short"])
def test_a_random_file_gets_a_clear_message_and_is_untouched(tmp_path, content):
    path = tmp_path / "letter.rapport"
    path.write_bytes(content)
    before = digest(path)
    with pytest.raises(NotANotebook, match="not a Rapport notebook"):
        open_notebook(path)
    assert digest(path) == before and sidecars(path) == []


def test_a_read_only_file_opens_read_only(saved, honour_modes):
    os.chmod(saved, 0o444)
    before = digest(saved)
    info = open_notebook(saved)
    assert info.read_only and info.reason == CANNOT_WRITE
    assert customers.count() == 1
    with pytest.raises(NotebookReadOnly):
        customers.save_customer(Customer(given_name="Arthur"))
    gc.collect()  # the refused statement, kept alive by the traceback, holds the connection
    close_notebook()
    assert digest(saved) == before and sidecars(saved) == []


def test_a_read_only_folder_opens_read_only_and_nothing_is_created(saved, honour_modes):
    os.chmod(saved.parent, 0o555)
    try:
        names = sorted(os.listdir(saved.parent))
        before = digest(saved)
        info = open_notebook(saved)
        assert info.read_only and info.reason == CANNOT_WRITE
        assert customers.count() == 1
        close_notebook()
        assert digest(saved) == before
        assert sorted(os.listdir(saved.parent)) == names
    finally:
        os.chmod(saved.parent, 0o755)


def test_the_write_check_sees_what_root_cannot(tmp_path):
    # Without the simulation, root gets True everywhere; a non-root owner would get False.
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o555)
    expected = os.geteuid() == 0
    assert opening.can_write(folder) is expected
    folder.chmod(0o755)


def test_reading_a_missing_notebook_is_an_error(tmp_path):
    with pytest.raises(NotebookError, match="does not exist"):
        open_notebook(tmp_path / "nope.rapport", read_only=True)
    assert list(tmp_path.iterdir()) == []


def test_an_explicit_read_only_open_creates_no_files(saved):
    before = digest(saved)
    info = open_notebook(saved, read_only=True)
    assert info.read_only and customers.count() == 1
    close_notebook()
    assert digest(saved) == before and sidecars(saved) == []
