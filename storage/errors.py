"""A notebook's failures in the owner's words: the exceptions and SQLite's error codes."""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path

from peewee import DatabaseError

from storage.lock import COMMAND, WINDOW, LockOwner


class NotebookError(Exception):
    """A notebook that cannot be opened or changed as asked; the message is for the owner."""


class NotANotebook(NotebookError):
    """The file is not a Rapport notebook (another SQLite database, or not SQLite at all)."""


class CorruptNotebook(NotebookError):
    """The notebook is damaged; it was left untouched so that a backup can replace it.

    ``index_only``: every finding is about an index, which a repair can rebuild from the
    tables (see :func:`storage.check.repair_indexes`).
    """

    def __init__(self, path: Path, detail: str, index_only: bool = False) -> None:
        self.path, self.detail, self.index_only = Path(path), detail, index_only
        # quick_check reports one finding a line, under a "*** in database main ***" heading
        found = [line.strip() for line in str(detail).splitlines()
                 if line.strip() and not line.startswith("***")]
        cure = ("only its indexes are damaged: `rapport check --repair` rebuilds them"
                if index_only else "a backup can replace it")
        super().__init__(f"{self.path.name} is damaged ({'; '.join(found[:3]) or detail}). "
                         f"It was left untouched; {cure}.")


class BackupError(NotebookError):
    """A backup could not be written, did not verify, or cannot be restored."""


class NotebookBusy(NotebookError):
    """Another Rapport process (window or command) is writing this notebook."""

    def __init__(self, path: Path, owner: LockOwner) -> None:
        self.path, self.owner = Path(path), owner
        super().__init__(f"{self.path.name} is busy: {_holder_words(owner)}.")


def _holder_words(owner: LockOwner) -> str:
    """Who has the notebook, as the lock's note says: a window, a command, or not known."""
    who = owner.describe()
    if owner.role == WINDOW:
        return f"open in another Rapport window ({who})"
    if owner.role == COMMAND:
        return f"a Rapport command ({who}) is changing it; try again when it is done"
    return f"open in another Rapport ({who})"


class NotebookFull(NotebookError):
    """The disk (or the notebook's size limit) is full; the change in progress was undone."""


class NotebookReadOnly(NotebookError):
    """A change was attempted on a notebook open read-only."""


# --- SQLite's errors in the owner's words -----------------------------------------------------

_SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_NOTADB = 8, 10, 11, 13, 26
_SQLITE_PERM, _SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_NOMEM, _SQLITE_CANTOPEN = 3, 5, 6, 7, 14
_DAMAGE = (_SQLITE_CORRUPT, _SQLITE_NOTADB)
NEARLY_FULL = 1 << 20  # bytes free under which an I/O error is taken for a full disk
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


def is_damage(exc: BaseException) -> bool:
    """Whether ``exc`` says the file itself is damaged (SQLITE_CORRUPT or SQLITE_NOTADB), as
    opposed to a full disk, an I/O error or a file that cannot be opened, which are not."""
    return _sqlite_code(exc) in _DAMAGE


def disk_is_full(path: Path) -> bool:
    """Whether the disk holding ``path`` (a file or folder) has next to no room left."""
    folder = Path(path)
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    try:
        stat = os.statvfs(folder)
    except OSError:
        return False
    return stat.f_bavail * stat.f_frsize < NEARLY_FULL


def reading_failure(path: Path, exc: BaseException) -> NotebookError:
    """An error met while reading ``path`` to open or check it, in the owner's words.

    Only SQLITE_CORRUPT and SQLITE_NOTADB are damage. A full disk, an I/O error, a file that
    cannot be opened or a busy file is said as such: the notebook may well be intact.
    """
    path = Path(path)
    code = _sqlite_code(exc)
    if code in _DAMAGE:
        return CorruptNotebook(path, str(exc))
    if code == _SQLITE_FULL or (code in (_SQLITE_IOERR, _SQLITE_CANTOPEN) and disk_is_full(path)):
        return NotebookFull(f"{path.name} cannot be opened: the disk is full. The notebook was "
                            "not changed: make room on the disk (empty the trash, move large "
                            "files), then open it again.")
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return NotebookError(f"{path.name} is busy (another program is using it). It was not "
                             "changed; try again in a moment.")
    if code == _SQLITE_NOMEM:
        return NotebookError(f"There is not enough memory to open {path.name}. It was not "
                             "changed.")
    return NotebookError(f"{path.name} cannot be read ({exc}): a disk or permission problem, "
                         "not damage to the notebook. It was not changed.")


def translate_error(exc: BaseException, path: Path | None = None) -> BaseException:
    """A disk-full, read-only, I/O or damage error as a NotebookError; other errors unchanged.

    ``path`` names the notebook in a damage message.
    """
    code = _sqlite_code(exc)
    if code in _DAMAGE:
        return CorruptNotebook(path or Path("notebook"), str(exc))
    undecodable = _undecodable(exc)
    if undecodable:
        return CorruptNotebook(path or Path("notebook"), undecodable)
    if code in _MESSAGES:
        kind, message = _MESSAGES[code]
        return kind(message)
    return exc


_UNDECODABLE = re.compile(r"Could not decode to UTF-8 column '([^']*)'")


def _undecodable(exc: BaseException) -> str:
    """For Python's error on text SQLite holds that is not UTF-8 (a flipped byte SQLite's own
    checks cannot see): what is damaged, in a few words; else ""."""
    if not isinstance(exc, sqlite3.OperationalError):
        return ""
    found = _UNDECODABLE.match(str(exc))
    return f"text that is not valid UTF-8 in the column {found.group(1)}" if found else ""


def from_the_files(exc: BaseException) -> bool:
    """Whether ``exc`` came from reading or writing a file or the database (the notebook may
    need a check): an OS error, SQLite's or peewee's, a NotebookError — or a value storage
    read that is not what it should be (a ValueError or TypeError raised in storage's code: a
    date that is not a date, which SQLite's own checks pass)."""
    if isinstance(exc, OSError | sqlite3.Error | NotebookError):
        return True
    if any(cls.__module__ == "peewee" for cls in type(exc).__mro__):
        return True
    return isinstance(exc, ValueError | TypeError | AttributeError) and _raised_in_storage(exc)


_STORAGE = Path(__file__).resolve().parent
_DOMAIN = _STORAGE.parent / "domain"


def _raised_in_storage(exc: BaseException) -> bool:
    """Whether Rapport's innermost frame in ``exc``'s traceback is storage's — or the domain's
    rules storage called on what it read (a cadence stored as text fails a comparison there)."""
    tb, ours = exc.__traceback__, []
    while tb is not None:
        path = Path(tb.tb_frame.f_code.co_filename)
        if _STORAGE.parent in path.parents and ".venv" not in path.parts:
            ours.append(path)
        tb = tb.tb_next
    if not ours:
        return False
    return _STORAGE in ours[-1].parents or (
        _DOMAIN in ours[-1].parents and any(_STORAGE in p.parents for p in ours))
