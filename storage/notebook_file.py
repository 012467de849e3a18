"""What a file is, read without writing it: a Rapport notebook, another program's database, an
empty file, or no regular file at all (a FIFO would hang the first read).

Reading a notebook's header, and short read-only connections to it (``connect_read_only``).
No lock is taken and nothing is written; SQLite's -wal, when one is there, is read too.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from storage import errors
from storage.errors import NotANotebook
from storage.lock import NotAFile, open_regular

APPLICATION_ID = 0x52415050  # "RAPP"
SQLITE_MAGIC = b"SQLite format 3\x00"
T = TypeVar("T")


def _read_header(path: Path) -> tuple[int, int] | None:
    """(application_id, user_version) from the file header, or None for a non-SQLite file."""
    try:
        fd = open_regular(path)  # a FIFO swapped in after inspect_file looked must not hang
    except NotAFile as exc:
        raise not_a_file_error(path) from exc
    with os.fdopen(fd, "rb") as fh:
        header = fh.read(100)
    if len(header) == 0:
        return (0, 0)  # an empty file: SQLite treats it as a new database
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        return None
    if _wal_size(path):
        # The header's newest bytes may still sit in the -wal file (a process was killed, or
        # another one has the notebook open): ask SQLite, which reads the -wal too. An empty
        # -wal (a failed first write on a full disk leaves one) holds nothing newer.
        return _header_through_sqlite(path)
    user_version = int.from_bytes(header[60:64], "big")
    application_id = int.from_bytes(header[68:72], "big")
    return application_id, user_version


def _wal_size(path: Path) -> int:
    try:
        return Path(f"{path}-wal").stat().st_size
    except FileNotFoundError:
        return 0


def read_file(path: Path, query: Callable[[sqlite3.Connection], T]) -> T:
    """``query(con)`` over a read-only connection to ``path``.

    Only damage (SQLITE_CORRUPT, SQLITE_NOTADB) raises CorruptNotebook; a full disk, an I/O
    error or a file that cannot be opened raises a NotebookError that says so.
    """
    con = connect_read_only(path)
    try:
        return query(con)
    except sqlite3.DatabaseError as exc:
        raise errors.reading_failure(path, exc) from exc
    finally:
        con.close()


def _header_through_sqlite(path: Path) -> tuple[int, int]:
    def header(con: sqlite3.Connection) -> tuple[int, int]:
        application_id = con.execute("PRAGMA application_id").fetchone()[0]
        return application_id & 0xFFFFFFFF, con.execute("PRAGMA user_version").fetchone()[0]

    return read_file(path, header)


def read_only_uri(path: Path) -> str:
    """The URI of a connection that never writes ``path`` (for short reads and backups)."""
    # ``immutable=1`` creates no -wal or -shm file but is only right while nobody writes the
    # file: a writer always has its -wal file open, and when one is there ``mode=ro`` reads it.
    # Except where no -shm is there and none can be made (a read-only folder holding a stale
    # -wal): SQLite cannot read through the -wal then, and no writer can be at work there.
    path = Path(path)
    wal = Path(f"{path}-wal").exists()
    stranded = not (Path(f"{path}-shm").exists() or os.access(path.parent, os.W_OK))
    mode = "mode=ro" if wal and not stranded else "immutable=1"
    return f"{path.resolve().as_uri()}?{mode}"


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that never writes ``path`` and, unless a -wal file is there, creates none."""
    return sqlite3.connect(read_only_uri(path), uri=True)


def _has_tables(path: Path) -> bool:
    return read_file(path, lambda con: con.execute(
        "SELECT count(*) FROM sqlite_master").fetchone()[0] > 0)


def inspect_file(path: Path) -> tuple[int, int]:
    """Check that ``path`` is a notebook (or an empty file); return (app id, version)."""
    if path.is_dir():
        raise NotANotebook(f"{path.name} is a folder, not a Rapport notebook. It was left "
                           "untouched.")
    if not stat.S_ISREG(path.stat().st_mode):  # a FIFO would hang the first read
        raise not_a_file_error(path)
    for suffix in ("-wal", "-shm", "-journal"):  # SQLite would read these too
        beside = Path(f"{path}{suffix}")
        if beside.is_symlink():  # SQLite refuses it, in words that read as a disk problem
            raise NotANotebook(f"{beside.name} is a link to another file, so {path.name} "
                               "cannot be opened safely; remove the link. It was left "
                               "untouched.")
        if beside.exists() and not beside.is_file():
            raise not_a_file_error(beside, path)
    header = _read_header(path)
    if header is None:
        raise NotANotebook(f"{path.name} is not a Rapport notebook (it is not a database file). "
                           "It was left untouched.")
    application_id, version = header
    if application_id != APPLICATION_ID:
        if application_id == 0 and version == 0 and not _has_tables(path):
            return header
        raise NotANotebook(f"{path.name} is a database of another program, not a Rapport "
                           "notebook. It was left untouched.")
    return header


_WORKING = {"-wal": "SQLite log (-wal)", "-shm": "SQLite index (-shm)",
            "-journal": "SQLite journal", ".lock": "lock note"}


def refuse_working_file(path: Path) -> None:
    """Raise NotANotebook when ``path`` is a notebook's working file (its -wal, -shm, -journal
    or lock note, beside it) or an unfinished copy (``.part``): empty, it would pass for a new
    notebook, and a notebook written into the -wal of an open one destroys that one's log."""
    name = path.name
    if name.lower().endswith(".part"):
        raise NotANotebook(f"{name} is an unfinished copy (a .part file), not a notebook. It "
                           "was left untouched.")
    for end, what in _WORKING.items():
        if not (name.endswith(end) and len(name) > len(end)):
            continue
        book = path.with_name(name[:-len(end)])
        if book.is_file():
            raise NotANotebook(f"{name} is the {what} of the notebook {book.name}, not a "
                               "notebook. It was left untouched.")


def not_a_file_error(path: Path, notebook: Path | None = None) -> NotANotebook:
    """The refusal for a FIFO, socket or device at ``path`` (beside ``notebook``, if given)."""
    what = f"{notebook.name} cannot be opened" if notebook else "it cannot be a Rapport notebook"
    return NotANotebook(f"{path.name} is not a regular file (a pipe, socket or device), so "
                        f"{what}. It was left untouched.")


def is_wal_file(path: Path) -> bool:
    """Whether the header says WAL (read and write versions 2): such a file never has a hot
    rollback journal that an ordinary connection would roll back into it."""
    try:
        fd = open_regular(path)
    except OSError:
        return False
    with os.fdopen(fd, "rb") as fh:
        header = fh.read(20)
    return header.startswith(SQLITE_MAGIC) and header[18:20] == b"\x02\x02"


def stranded_wal(path: Path) -> bool:
    """Whether changes sit in a -wal nobody here can read: SQLite needs a -shm beside it to
    read a -wal, and none is there nor can be made (a read-only folder after a crash)."""
    path = Path(path)
    return (_wal_size(path) > 0 and not Path(f"{path}-shm").exists()
            and not os.access(path.parent, os.W_OK))
