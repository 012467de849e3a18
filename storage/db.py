"""Opening a notebook file: identity checks, the writer's lock, pragmas, migrations.

One deferred database per process (peewee's ``SqliteDatabase(None)``), bound to a file by
:func:`open_notebook`. A notebook is identified by SQLite's ``application_id``; its schema
version is ``user_version``. Nothing is written to a file that is not ours, is newer, cannot
be written or is damaged: a writable notebook passes ``quick_check`` over a read-only
connection before SQLite replays or checkpoints anything into it, and SQLite's full
``integrity_check`` (which also finds damaged indexes) before its first write
(:func:`ensure_intact`). Only SQLITE_CORRUPT and SQLITE_NOTADB are called damage: a full disk,
an I/O error or a file that cannot be opened is said as such (:func:`errors.reading_failure`).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from storage import errors, intact, opening
from storage.database import NotebookDatabase, raise_translated
from storage.errors import (  # the error classes are part of this module's API too
    _DB_ERRORS,
    CorruptNotebook,
    NotANotebook,
    NotebookBusy,
    NotebookError,
    NotebookFull,
    NotebookReadOnly,
)

__all__ = [
    "APPLICATION_ID", "CorruptNotebook", "NotANotebook", "NotebookBusy", "NotebookError",
    "NotebookFull", "NotebookInfo", "NotebookReadOnly", "close_notebook", "connect_read_only",
    "current_notebook", "db", "ensure_intact", "inspect_file", "mark_intact", "open_notebook",
    "read_file", "sqlite_connection", "translate_error",
]
from storage.lock import (
    COMMAND,
    WINDOW,
    LockOwner,
    NotebookLock,
)
from storage.notebook_file import (  # part of this module's API too
    APPLICATION_ID,
    connect_read_only,
    inspect_file,
    is_wal_file,
    read_file,
    read_only_uri,
    refuse_working_file,
)
from storage.opening import STRANDED, WRITING
from storage.paths import secure_file

LOCK_WAIT = 3.0  # seconds a second writer waits before it is told the notebook is busy

PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": 2,  # FULL: a committed action survives a power cut
    "foreign_keys": 1,
    "busy_timeout": 5000,
    "cache_size": -16000,
}



@dataclass(frozen=True)
class NotebookInfo:
    path: Path
    version: int
    read_only: bool
    reason: str = ""  # why it is read-only, in plain words
    waiting: bool = False  # read-only only until another Rapport's command is done writing

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def hides_changes(self) -> bool:
        """Whether saved changes cannot be read here (a -wal stranded in a read-only folder)."""
        return self.reason == STRANDED


def translate_error(exc: BaseException) -> BaseException:
    """A disk-full, read-only, I/O or damage error as a NotebookError; other errors unchanged."""
    info = current_notebook()
    return errors.translate_error(exc, info.path if info else None)


def _raise_translated(exc: BaseException, opening: Path | None = None) -> None:
    raise_translated(exc, current_notebook, opening)


def _before_write() -> None:
    """The full check, once a session, before anything is written (see :func:`ensure_intact`)."""
    if _session is not None:
        _session.wrote = True
        if not _session.intact:
            ensure_intact()


def _before_commit() -> None:
    """Work out the agendas a writing transaction made stale, in it (storage.agenda): not
    while a notebook is migrated (no session yet), nor in one opened read-only."""
    from storage.migrations import AGENDA  # late, as in open_notebook

    if _session is not None and not _session.info.read_only \
            and _session.info.version >= AGENDA:
        from storage import agenda

        agenda.flush()


def _after_commit() -> None:
    """Tell who keeps a read of the agendas whose agendas the commit worked out."""
    from storage import agenda

    agenda.told()


db = NotebookDatabase(None, notebook=lambda: current_notebook(), before_write=_before_write,
                      before_commit=_before_commit, after_commit=_after_commit)


# --- the open notebook ------------------------------------------------------------------------

@dataclass
class _Session:
    info: NotebookInfo
    lock: NotebookLock | None
    mark: tuple[int, int] = (0, 0)
    intact: bool = False  # passed the full integrity check (see ensure_intact)
    wrote: bool = False  # a write (or a writing transaction) was started this session


_session: _Session | None = None


def open_notebook(path: str | os.PathLike, read_only: bool = False, *,
                  wait: float = LOCK_WAIT, role: str = COMMAND) -> NotebookInfo:
    """Bind the database to ``path``, creating and migrating it as needed.

    Raises NotANotebook (another program's file, not a database, not a regular file),
    CorruptNotebook (damaged, left untouched) and NotebookBusy (another Rapport writes it; after
    ``wait`` seconds). A newer notebook, one whose file or folder cannot be written, or one
    with two names (hard links), opens read-only with ``reason`` set, and nothing is written
    to it. ``role`` (WINDOW or COMMAND) tells a second Rapport who has the notebook.
    """
    from storage import migrations  # late: migrations imports models, which import db

    path = Path(path).expanduser().resolve()
    close_notebook()
    refuse_working_file(path)
    reason = opening.read_only_reason(path, migrations.LATEST, read_only)
    if read_only and not reason:
        _erase_pending().finish_before_reading(path, role)
    if read_only or reason:
        return _open_read_only(path, reason or "Opened read-only.")
    lock = opening.take_lock(path, wait, role)
    try:
        info = _open_writable(path, migrations)
    except BaseException:
        lock.release(tidy=True)
        raise
    _begin(info, lock)
    _erase_pending().finish_quietly()
    return info


def open_while_written(path: str | os.PathLike, owner: LockOwner) -> NotebookInfo:
    """Open ``path`` read-only while another Rapport (``owner``) writes it, saying so;
    :func:`reopen_writable` opens it for writing once that one is done."""
    path = Path(path).expanduser().resolve()
    info = open_notebook(path, read_only=True)
    who = owner.describe()
    reason = WRITING.format(name=path.name, who=who)
    assert _session is not None
    _session.info = info = NotebookInfo(path, info.version, True, reason, waiting=True)
    _session.lock = opening.watch_lock(path)
    return info


def reopen_writable(role: str = WINDOW) -> NotebookInfo | None:
    """The notebook open by :func:`open_while_written`, for writing once the other Rapport is
    done; None while it still writes.

    A notebook that must stay read-only for another reason (it became newer, got a second
    name) comes back read-only with that reason. Raises NotebookError (damaged meanwhile...);
    the notebook is then open read-only again, as before.
    """
    from storage import migrations

    session = _session
    if session is None or not session.info.waiting or session.lock is None:
        return None
    lock, path = session.lock, session.info.path
    lock.role = role
    if not lock.acquire(keep_open=True):  # the descriptor stays: SQLite has the file open
        return None
    db.close()  # SQLite lets go; our descriptor, and so our lock, stays open
    try:
        reason = opening.read_only_reason(path, migrations.LATEST, False)
        info = None if reason else _open_writable(path, migrations)
    except BaseException:
        _disconnect(lock)
        _open_read_only(path, "Opened read-only.")
        raise
    if info is None:
        _disconnect(lock)
        return _open_read_only(path, reason)
    _begin(info, lock)
    return info


def _open_read_only(path: Path, reason: str) -> NotebookInfo:
    """A read-only session; it takes no lock, so it never keeps a writer out."""
    version = _connect_reader(path)
    if version == 0:  # an empty file (or a database with nothing in it): no tables to read
        _disconnect(None)
        raise NotANotebook(f"{path.name} is empty: it holds no notebook yet. It was left "
                           "untouched.")
    info = NotebookInfo(path, version, True, reason)
    _begin(info, None)
    return info


def _connect_reader(path: Path) -> int:
    """Bind the database to ``path`` for reading alongside any writer; its user_version.

    SQLite's WAL lets a reader and a writer work at once, each seeing committed data only, as
    long as the reader takes part in the WAL (its -shm index): ``immutable=1`` does not, and a
    checkpoint during a long read would tear it. So where we may write the file and folder, a
    WAL notebook is read through an ordinary connection with ``query_only``: SQLite removes the
    -wal and -shm it makes when the last connection closes, leaving the folder as it was. A -wal
    already there (a writer, or a killed one: not to be replayed here) is read with ``mode=ro``;
    a file nobody here may write, or a full disk with no room for the -shm, is read
    ``immutable`` unless a -wal is there.
    """
    with_wal = Path(f"{path}-wal").exists()
    writable = opening.can_write(path) and opening.can_write(path.parent)
    if not with_wal and is_wal_file(path) and writable and opening.room_beside(path):
        try:
            return _connect(str(path), uri=False)
        except (NotebookError, *_DB_ERRORS):
            pass  # no -shm could be made after all: read the file as it is
    try:
        return _connect(read_only_uri(path), uri=True)
    except BaseException as exc:
        _raise_translated(exc, opening=path)
        raise  # never reached: for the type checker


def _connect(target: str, uri: bool) -> int:
    db.init(target, uri=uri, pragmas={"query_only": 1})
    try:
        db.connect()
        return db.execute_sql("PRAGMA user_version").fetchone()[0]
    except BaseException:
        _disconnect(None)
        raise


def _open_writable(path: Path, migrations: ModuleType) -> NotebookInfo:
    opening.create_private(path)
    if path.stat().st_size:
        # Migrations write at once: a notebook they will change gets the full check first.
        # So does one whose last session found damage the quick check misses.
        opening.probe(path, full=inspect_file(path)[1] < migrations.LATEST
               or intact.known_damaged(path))
    db.init(str(path), pragmas=PRAGMAS)
    try:
        db.connect()
        version = migrations.migrate(db, path)
    except BaseException as exc:
        db.close()
        _raise_translated(exc, opening=path)
    for suffix in ("", "-wal", "-shm"):
        secure_file(Path(f"{path}{suffix}"))
    return NotebookInfo(path, version, False)


def ensure_intact() -> None:
    """Refuse to write into a damaged notebook: SQLite's full integrity check, once a session.

    Every write runs this first; the window runs it on its worker after the first paint, so
    that opening stays fast. A file that passed before and has not changed since is not
    checked again. Raises CorruptNotebook (``index_only`` when a repair can mend it).
    """
    session = _session
    if session is None or session.intact or session.info.read_only:
        return
    path = session.info.path
    if not intact.known_intact(path):
        try:
            findings = intact.integrity_findings(sqlite_connection())
        except sqlite3.DatabaseError as exc:
            raise errors.reading_failure(path, exc) from exc
        if findings:
            intact.remember_damaged(path)
            raise CorruptNotebook(path, "\n".join(findings), intact.index_only(findings))
        intact.remember_intact(path)
    session.intact = True


def mark_intact() -> None:
    """Note that the open notebook just passed the full check (after a restore or a repair)."""
    if _session is not None:
        _session.intact = True
        intact.remember_intact(_session.info.path)


def _begin(info: NotebookInfo, lock: NotebookLock | None) -> None:
    global _session
    _session = _Session(info, lock)
    mark_unchanged()


def _disconnect(lock: NotebookLock | None) -> None:
    if not db.is_closed():
        db.close()
    if lock is not None:
        lock.release()


def close_notebook() -> None:
    """Close the notebook (SQLite folds the WAL back in) and let go of the writer's lock."""
    global _session
    if not db.is_closed():
        _erase_pending().finish_quietly()
    session, _session = _session, None
    checked = session is not None and session.intact and not session.info.read_only
    # ``optimize`` may write statistics: never into a notebook not known to be intact, and
    # not after a session that only read (``erase`` without ``--yes``, ``export``: the file
    # must be byte for byte as it was; the statistics wait for the next session that writes).
    if not db.is_closed() and checked and session is not None and session.wrote:
        with contextlib.suppress(NotebookError, *_DB_ERRORS):  # a hint, not worth a failure
            db.execute_sql("PRAGMA optimize")
    if session is not None and checked and not db.is_closed():
        db.close()  # the -wal folds back in: the file as the next session will find it
        intact.remember_intact(session.info.path)
    _disconnect(session.lock if session else None)


def _erase_pending() -> ModuleType:
    """An erase a reader held up completes at the next open or close (late: it imports this
    module)."""
    from storage import erase_pending

    return erase_pending


def current_notebook() -> NotebookInfo | None:
    """The notebook open in this process, or None."""
    return _session.info if _session else None


def notebook_version() -> int:
    """The open notebook's schema version: the latest once migrated, older only when it was
    opened read-only (readers of what a version added check this first)."""
    if _session is not None:
        return _session.info.version
    return db.execute_sql("PRAGMA user_version").fetchone()[0]


def _change_mark() -> tuple[int, int]:
    # data_version moves when another connection commits; total_changes counts this one's rows.
    con = sqlite_connection()
    return con.execute("PRAGMA data_version").fetchone()[0], con.total_changes


def mark_unchanged() -> None:
    """Remember the notebook's state now (after a backup, say) for :func:`changed_since_mark`."""
    if _session is not None:
        _session.mark = _change_mark()


def mark_changed() -> None:
    """Note that the notebook changed, whoever wrote it: the window writes through worker
    threads whose connections this thread's mark cannot compare with."""
    if _session is not None:
        _session.mark = (-1, -1)


def changed_since_mark() -> bool:
    """Whether anything was committed since the notebook was opened or last marked."""
    return _session is not None and _change_mark() != _session.mark


def sqlite_connection() -> sqlite3.Connection:
    """The open notebook's raw connection, for bulk work and SQLite's backup API."""
    return db.connection()


def close_thread_connection() -> None:
    """Close this thread's own connection to the notebook, if it has one open (the window's
    worker, after each job: peewee keeps one connection per thread)."""
    if not db.is_closed():
        db.close()
