"""Erase while another process holds a read transaction on the notebook.

A real second process (``sqlite3`` through Python, read-only, as ``export`` or the sqlite3
shell would be) keeps a read transaction open: no checkpoint can copy the erase's pages back
over the old ones nor truncate the log. The erase says so, leaves its mark, and completes as
soon as the reader is gone: by a retry, or at the next close or open of the notebook.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from domain.model import Customer
from storage import customers, erase_pending
from storage.db import close_notebook, db, open_notebook
from storage.erase import erase_customer
from tests.storage.test_erase_attack import WORDS, add_person, leaks

_READER = """
import sqlite3, sys
con = sqlite3.connect(sys.argv[1] + "?mode=ro", uri=True, isolation_level=None)
con.execute("BEGIN")
con.execute("SELECT count(*) FROM customer").fetchone()
print("reading", flush=True)
sys.stdin.readline()
con.execute("COMMIT")
con.close()
"""


class Reader:
    """Another process holding a read transaction until :meth:`stop`."""

    def __init__(self, path: Path) -> None:
        self.proc = subprocess.Popen([sys.executable, "-c", _READER, path.as_uri()],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout.readline().strip() == "reading"

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.write("done\n")
            self.proc.stdin.flush()
            self.proc.wait(timeout=10)


@pytest.fixture
def reader_during_erase(notebook, tmp_path):
    for n in range(20):
        customers.save_customer(Customer(given_name=f"Other{n}", notes="x " * 80))
    cid, _otto = add_person()
    db.execute_sql("PRAGMA secure_delete = OFF")
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")  # the person in the notebook file
    reader = Reader(Path(notebook.path))
    yield cid, reader, Path(notebook.path)
    reader.stop()


def test_the_owner_is_told_and_the_wipe_is_left_pending(reader_during_erase, tmp_path):
    cid, _reader, path = reader_during_erase
    removed = erase_customer(cid, wait=0.2)
    assert not removed.checkpointed
    assert removed.done() == ("Erased Ксенофонтия Quillfeatherby from the notebook. Another "
                              "program is reading the notebook; the erase will complete when "
                              "it finishes.")
    assert erase_pending.is_pending(path)
    assert leaks(tmp_path)  # the reader's snapshot keeps the old pages: the owner was told
    assert not erase_pending.finish(0.1)  # still reading


def test_a_retry_completes_it_once_the_reader_is_gone(reader_during_erase, tmp_path):
    cid, reader, path = reader_during_erase
    erase_customer(cid, wait=0.2)
    reader.stop()
    assert erase_pending.finish(0.5)
    assert leaks(tmp_path) == []
    assert not erase_pending.is_pending(path)
    assert Path(f"{path}-wal").stat().st_size == 0


def test_the_next_open_completes_it(reader_during_erase, tmp_path):
    cid, reader, path = reader_during_erase
    erase_customer(cid, wait=0.2)
    close_notebook()  # the window closes while the reader still reads
    assert erase_pending.is_pending(path) and leaks(tmp_path)
    reader.stop()
    open_notebook(path)
    assert not erase_pending.is_pending(path)
    assert leaks(tmp_path) == []


def test_the_close_completes_it_when_the_reader_left_first(reader_during_erase, tmp_path):
    cid, reader, path = reader_during_erase
    erase_customer(cid, wait=0.2)
    reader.stop()
    close_notebook()
    assert not erase_pending.is_pending(path)
    assert [w for _f, w in leaks(tmp_path)] == []
    assert set(WORDS)  # the same words as the attack's scan


@pytest.mark.parametrize("attempt", range(5))
def test_erase_with_a_reader_repeatedly(reader_during_erase, tmp_path, attempt):
    """The figures in the report: every try is told, and every try completes after."""
    cid, reader, _path = reader_during_erase
    assert not erase_customer(cid, wait=0.05).checkpointed
    reader.stop()
    assert erase_pending.finish(0.5) and leaks(tmp_path) == []
