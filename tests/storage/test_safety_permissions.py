"""Privacy on POSIX: folders 0700, notebook, WAL, shm, lock, backups and exports 0600."""

import os
import stat
import sys

import pytest

from domain.model import Customer
from exports.atomic import write_atomic
from storage import backups, customers, paths, restore
from storage.db import close_notebook, open_notebook

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture(params=[0o000, 0o022], ids=["umask-000", "umask-022"])
def loose_umask(request):
    """The owner's umask must not matter: even 000 gives private files."""
    old = os.umask(request.param)
    yield
    os.umask(old)


def test_notebook_wal_shm_lock_and_backups_are_owner_only(tmp_path, loose_umask):
    path = tmp_path / "new" / "shop.rapport"
    open_notebook(path)
    customers.save_customer(Customer(given_name="Peggy"))
    copy = backups.backup_now("manual")
    files = [path, path.with_name("shop.rapport-wal"), path.with_name("shop.rapport-shm"),
             path.with_name("shop.rapport.lock"), copy]
    assert {f.name: mode(f) for f in files} == {f.name: 0o600 for f in files}
    assert mode(copy.parent) == 0o700
    assert mode(path.parent) == 0o700  # a folder Rapport made for the notebook
    close_notebook()
    assert mode(path) == 0o600


def test_an_existing_notebook_readable_by_others_is_made_private(tmp_path):
    path = tmp_path / "shop.rapport"
    open_notebook(path)
    close_notebook()
    os.chmod(path, 0o644)
    open_notebook(path)
    assert mode(path) == 0o600
    assert mode(path.with_name("shop.rapport-wal")) == 0o600


def test_data_folder_and_its_backups_folder_are_owner_only(loose_umask):
    assert mode(paths.data_dir()) == 0o700
    assert mode(paths.backups_home()) == 0o700


def test_exports_are_owner_only(tmp_path, loose_umask):
    out = tmp_path / "customers.csv"
    write_atomic(out, b"name\nPeggy\n")
    assert mode(out) == 0o600


def test_a_restored_notebook_stays_private(notebook, loose_umask):
    copy = backups.backup_now("manual")
    os.chmod(copy, 0o644)  # say the owner copied it back from a USB stick
    safety = restore.restore(copy)
    assert mode(notebook.path) == 0o600
    assert mode(safety) == 0o600


def test_a_notebook_recovered_from_a_backup_is_private(tmp_path, loose_umask):
    path = tmp_path / "shop.rapport"
    open_notebook(path)
    copy = backups.backup_now("manual")
    close_notebook()
    restore.recover(path, copy)
    assert mode(path) == 0o600
