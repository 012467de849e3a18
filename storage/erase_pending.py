"""The last step of an erase, which another program reading the notebook can hold up.

An erase overwrites the person's rows, but in WAL mode the pages that held them stay in the
notebook file and its ``-wal`` until a checkpoint copies the new pages back and truncates the
log. A checkpoint cannot pass a reader's snapshot: while another process (a backup, an export,
the ``sqlite3`` shell) holds a read transaction, the old pages stay. So the erase leaves a mark
beside the notebook, ``<notebook>-erase-pending``, before it starts, and only a checkpoint
that truncated the log removes it. :func:`finish` is tried again by the window while it runs,
by the command line for a while, and at every open and close of the notebook until it succeeds.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from storage.db import NotebookError, current_notebook, sqlite_connection
from storage.errors import _DB_ERRORS as _STORE_ERRORS
from storage.opening import take_lock
from storage.paths import create_private_file

READER = ("Another program is reading the notebook; the erase will complete when it finishes.")
_DB_ERRORS = (sqlite3.Error, OSError)
_QUIET = (NotebookError, *_DB_ERRORS, *_STORE_ERRORS)  # at open and close: tried again later


def marker(notebook: Path) -> Path:
    """The file that says an erase of ``notebook`` is not complete yet."""
    return Path(f"{notebook}-erase-pending")


def begin(notebook: Path) -> None:
    """Mark an erase as under way (before its transaction: a crash leaves the mark)."""
    create_private_file(marker(notebook))


def is_pending(notebook: Path) -> bool:
    """Whether an erase of ``notebook`` still waits for its log to be truncated."""
    return marker(notebook).exists()


def finish(wait: float = 0.0) -> bool:
    """Copy every page back into the notebook and truncate its log, waiting up to ``wait``
    seconds for readers; True (and the mark gone) when no old page is left anywhere."""
    info = current_notebook()
    if info is None or info.read_only:
        return False
    con = sqlite_connection()
    before = con.execute("PRAGMA busy_timeout").fetchone()[0]
    con.execute(f"PRAGMA busy_timeout = {max(0, int(wait * 1000))}")
    try:
        busy = con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    except sqlite3.OperationalError:  # this connection is inside a transaction: not now
        busy = 1
    finally:
        con.execute(f"PRAGMA busy_timeout = {before}")
    if busy:
        return False
    marker(info.path).unlink(missing_ok=True)
    return True


def finish_if_pending() -> bool:
    """At open or close: finish an erase left pending, without waiting; True when none is."""
    info = current_notebook()
    if info is None or info.read_only or not is_pending(info.path):
        return True
    return finish(0.0)


def finish_in_file(notebook: Path) -> bool:
    """The same last step through a connection of its own, before a session that only reads
    (``today``, ``export``): a reader's connection cannot checkpoint, and the person's old
    pages would stay in the file for as long as nothing wrote to it. The caller holds the
    writer's lock. True (and the mark gone) when no old page is left."""
    try:
        con = sqlite3.connect(notebook, timeout=0, isolation_level=None)
    except _DB_ERRORS:
        return False
    try:
        busy = con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    except _DB_ERRORS:
        busy = 1
    finally:
        con.close()
    if busy:
        return False
    marker(notebook).unlink(missing_ok=True)
    return True


def finish_quietly() -> None:
    """At open or close: :func:`finish_if_pending`; a failure waits for the next time."""
    with contextlib.suppress(*_QUIET):
        finish_if_pending()


def finish_before_reading(notebook: Path, role: str) -> None:
    """Before a session that only reads: :func:`finish_in_file`, only when no writer has the
    notebook (which finishes it itself): never waits."""
    if not is_pending(notebook):
        return
    with contextlib.suppress(*_QUIET):
        lock = take_lock(notebook, 0, role)
        try:
            finish_in_file(notebook)
        finally:
            lock.release()
