"""Opening a notebook file: pragmas, identity checks, migrations.

One deferred database per process (peewee's ``SqliteDatabase(None)``), bound to a file by
:func:`open_notebook`. A notebook is identified by SQLite's ``application_id``; its schema
version is ``user_version``.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path

from peewee import SqliteDatabase

APPLICATION_ID = 0x52415050  # "RAPP"
SQLITE_MAGIC = b"SQLite format 3\x00"

db = SqliteDatabase(None)

PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": 2,  # FULL: a committed action survives a power cut
    "foreign_keys": 1,
    "busy_timeout": 5000,
    "cache_size": -16000,
}


class NotebookError(Exception):
    """A notebook that cannot be opened as asked; the message is for the owner."""


class NotANotebook(NotebookError):
    """The file is not a Rapport notebook (another SQLite database, or not SQLite at all)."""


@dataclass(frozen=True)
class NotebookInfo:
    path: Path
    version: int
    read_only: bool
    reason: str = ""  # why it is read-only, in plain words

    @property
    def name(self) -> str:
        return self.path.stem


def _read_header(path: Path) -> tuple[int, int] | None:
    """(application_id, user_version) from the file header, or None for a non-SQLite file."""
    with path.open("rb") as fh:
        header = fh.read(100)
    if len(header) == 0:
        return (0, 0)  # an empty file: SQLite treats it as a new database
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        return None
    user_version = int.from_bytes(header[60:64], "big")
    application_id = int.from_bytes(header[68:72], "big")
    return application_id, user_version


def _has_tables(path: Path) -> bool:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
    finally:
        con.close()


def inspect_file(path: Path) -> tuple[int, int]:
    """Check that ``path`` is a notebook (or an empty file); return (app id, version)."""
    header = _read_header(path)
    if header is None:
        raise NotANotebook(f"{path.name} is not a Rapport notebook (it is not a database file).")
    application_id, version = header
    if application_id != APPLICATION_ID:
        if application_id == 0 and version == 0 and not _has_tables(path):
            return header
        raise NotANotebook(f"{path.name} is a database of another program, not a Rapport "
                           "notebook. It was left untouched.")
    return header


def secure_file(path: Path) -> None:
    """Make a notebook file readable by the owner only (POSIX)."""
    if os.name == "posix" and path.exists():
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)


def open_notebook(path: str | os.PathLike, read_only: bool = False) -> NotebookInfo:
    """Bind the database to ``path``, creating and migrating it as needed."""
    from storage import migrations  # late: migrations imports models, which import db

    path = Path(path).expanduser().resolve()
    close_notebook()
    reason = ""
    if path.exists():
        _app_id, version = inspect_file(path)
        if version > migrations.LATEST:
            read_only = True
            reason = ("This notebook was saved by a newer version of Rapport. It is open "
                      "read-only; update Rapport to change it.")
        elif not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
            read_only = True
            reason = "This notebook's file or folder cannot be written. It is open read-only."
    elif read_only:
        raise NotebookError(f"{path} does not exist.")
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
    if read_only:
        db.init(f"file:{path}?mode=ro", uri=True, pragmas={"query_only": 1, "foreign_keys": 1})
        db.connect()
        version = db.execute_sql("PRAGMA user_version").fetchone()[0]
        return NotebookInfo(path, version, True, reason or "Opened read-only.")
    db.init(str(path), pragmas=PRAGMAS)
    db.connect()
    try:
        version = migrations.migrate(db, path)
    except Exception:
        db.close()
        raise
    for suffix in ("", "-wal", "-shm"):
        secure_file(Path(str(path) + suffix))
    return NotebookInfo(path, version, False)


def close_notebook() -> None:
    if not db.is_closed():
        if db.database and "mode=ro" not in str(db.database):
            db.execute_sql("PRAGMA optimize")
        db.close()


def sqlite_connection() -> sqlite3.Connection:
    """The open notebook's raw connection, for bulk work and SQLite's backup API."""
    return db.connection()
