"""A notebook's failures in the owner's words: the exceptions and SQLite's error codes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from peewee import DatabaseError

from storage.lock import LockOwner


class NotebookError(Exception):
    """A notebook that cannot be opened or changed as asked; the message is for the owner."""


class NotANotebook(NotebookError):
    """The file is not a Rapport notebook (another SQLite database, or not SQLite at all)."""


class CorruptNotebook(NotebookError):
    """The notebook is damaged; it was left untouched so that a backup can replace it."""

    def __init__(self, path: Path, detail: str) -> None:
        self.path, self.detail = Path(path), detail
        # quick_check reports one finding a line, under a "*** in database main ***" heading
        found = [line.strip() for line in str(detail).splitlines()
                 if line.strip() and not line.startswith("***")]
        super().__init__(f"{self.path.name} is damaged ({'; '.join(found[:3]) or detail}). "
                         "It was left untouched; a backup can replace it.")


class NotebookBusy(NotebookError):
    """Another Rapport process (window or command) is writing this notebook."""

    def __init__(self, path: Path, owner: LockOwner) -> None:
        self.path, self.owner = Path(path), owner
        super().__init__(f"{self.path.name} is busy: open in another Rapport window "
                         f"({owner.describe()}).")


class NotebookFull(NotebookError):
    """The disk (or the notebook's size limit) is full; the change in progress was undone."""


class NotebookReadOnly(NotebookError):
    """A change was attempted on a notebook open read-only."""


# --- SQLite's errors in the owner's words -----------------------------------------------------

_SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_NOTADB = 8, 10, 11, 13, 26
_DB_ERRORS = (DatabaseError, sqlite3.DatabaseError)
_MESSAGES = {
    _SQLITE_FULL: (NotebookFull, "The disk is full (or the notebook reached its size limit): "
                   "the last change was not saved. Everything saved before it is safe."),
    _SQLITE_READONLY: (NotebookReadOnly, "This notebook is open read-only: not saved."),
    _SQLITE_IOERR: (NotebookError, "The notebook could not be read or written (a disk error): "
                    "the last change was not saved."),
}


def _sqlite_code(exc: BaseException) -> int | None:
    """SQLite's primary result code behind ``exc`` (peewee keeps sqlite3's error as ``orig``)."""
    if isinstance(exc, _DB_ERRORS):
        for candidate in (exc, getattr(exc, "orig", None)):
            code = getattr(candidate, "sqlite_errorcode", None)
            if code is not None:
                return code & 0xFF
    return None


def translate_error(exc: BaseException, path: Path | None = None) -> BaseException:
    """A disk-full, read-only, I/O or damage error as a NotebookError; other errors unchanged.

    ``path`` names the notebook in a damage message.
    """
    code = _sqlite_code(exc)
    if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return CorruptNotebook(path or Path("notebook"), str(exc))
    if code in _MESSAGES:
        kind, message = _MESSAGES[code]
        return kind(message)
    return exc
