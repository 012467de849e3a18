"""A notebook whose header changes still sit in its -wal file (a killed process, or another
process that has it open) is still recognised as a Rapport notebook."""

import subprocess
import sys
from pathlib import Path

from storage import customers, migrations
from storage.db import close_notebook, open_notebook

ROOT = Path(__file__).resolve().parents[2]

_CREATE_AND_DIE = """
import os, sys
from domain.model import Customer
from storage import customers
from storage.db import open_notebook
open_notebook(sys.argv[1])
customers.save_customer(Customer(given_name="Peggy", family_name="Shaw"))
os._exit(0)  # like a kill: no checkpoint, the -wal file stays
"""


def test_a_new_notebook_left_in_its_wal_by_a_killed_process_opens(tmp_path):
    path = tmp_path / "shop.rapport"
    subprocess.run([sys.executable, "-c", _CREATE_AND_DIE, str(path)], check=True, cwd=ROOT)
    assert Path(f"{path}-wal").stat().st_size > 0
    assert path.read_bytes()[68:72] == b"\0\0\0\0"  # the header on disk is not written yet
    info = open_notebook(path)
    try:
        assert info.version == migrations.LATEST and not info.read_only
        assert customers.count() == 1
    finally:
        close_notebook()


def test_it_also_opens_read_only(tmp_path):
    path = tmp_path / "shop.rapport"
    subprocess.run([sys.executable, "-c", _CREATE_AND_DIE, str(path)], check=True, cwd=ROOT)
    info = open_notebook(path, read_only=True)
    try:
        assert customers.count() == 1
    finally:
        close_notebook()
    assert info.read_only
