"""What opening a notebook asks of its file before a connection may write to it.

Why it must open read-only, in plain words (newer, its -wal stranded, not writable, two
names); the writer's lock on the file; the room a reader's connection needs beside it; and
SQLite's quick check (or its full integrity check) before anything replays or writes: the
steps :mod:`storage.db` takes in order, none of which needs the open session.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from storage import check_ahead, intact
from storage.errors import CorruptNotebook, NotebookBusy, NotebookError
from storage.lock import WINDOW, NotAFile, NotebookLock, read_owner
from storage.notebook_file import inspect_file, not_a_file_error, read_file, stranded_wal
from storage.paths import create_private_file

READER_ROOM = 4 << 20  # free bytes a reader wants for its -shm (32 KiB) and an empty -wal

NEWER = ("This notebook was saved by a newer version of Rapport. It is open read-only; update "
         "Rapport to change it.")
CANNOT_WRITE = "This notebook's file or folder cannot be written. It is open read-only."
# SQLite's -wal and -shm follow the name: two names of one file would keep two journals.
TWO_NAMES = ("This notebook's file has {n} names (hard links), and two names would damage it. "
             "It is open read-only; remove the other names to change it.")
STRANDED = ("This notebook's folder cannot be written, so it is open read-only, and the last "
            "changes saved before Rapport stopped are in its -wal file, which cannot be read "
            "here: they are not shown. Open it where its folder can be written to see them.")
WRITING = ("{name} is being changed by another Rapport ({who}). It is open read-only until that "
           "is done.")


def can_write(path: Path) -> bool:
    """Whether this process may write ``path`` (root may, whatever the mode bits say)."""
    return os.access(path, os.W_OK)

def read_only_reason(path: Path, latest: int, read_only: bool) -> str:
    if not path.exists():
        if read_only:
            raise NotebookError(f"{path} does not exist.")
        return ""
    version = inspect_file(path)[1]
    if version > latest:
        return NEWER
    if stranded_wal(path):
        return STRANDED
    if not (can_write(path) and can_write(path.parent)):
        return CANNOT_WRITE
    links = path.stat().st_nlink
    if links > 1:
        return TWO_NAMES.format(n=links)
    return ""

def take_lock(path: Path, wait: float, role: str) -> NotebookLock:
    """The writer's lock, on the notebook file itself (created empty first when new)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    create_private(path)
    lock = NotebookLock(path, role)
    try:
        taken = lock.acquire(wait)
    except NotAFile as exc:  # swapped for a FIFO since inspect_file looked
        raise not_a_file_error(path) from exc
    if not taken:
        raise NotebookBusy(path, read_owner(lock.path))
    return lock

def watch_lock(path: Path) -> NotebookLock | None:
    """A lock not held yet, whose descriptor is opened now and kept for the session: trying it
    again and again later must not close a descriptor of the notebook SQLite has open."""
    lock = NotebookLock(path, WINDOW)
    try:
        lock.acquire(keep_open=True)
    except OSError:
        return None
    return lock

def create_private(path: Path) -> None:
    try:
        create_private_file(path)
    except PermissionError as exc:
        raise NotebookError(f"{path} cannot be created: its folder cannot be written.") from exc

def room_beside(path: Path) -> bool:
    """Whether the disk has room for the -wal and -shm a reader's connection makes."""
    try:
        free = os.statvfs(path.parent)
    except (OSError, AttributeError):  # no statvfs on Windows: SQLite says if it fails
        return os.name == "nt"
    return free.f_bavail * free.f_frsize >= READER_ROOM

def probe(path: Path, full: bool = False) -> None:
    """Refuse a damaged notebook before anything writes to it.

    ``quick_check`` (fast, at every open) misses damaged indexes; ``full`` runs SQLite's whole
    ``integrity_check``, which :func:`ensure_intact` otherwise runs before the first write.
    """
    if full:
        findings = read_file(path, intact.integrity_findings)
        if findings:
            raise CorruptNotebook(path, "\n".join(findings), intact.index_only(findings))
        return
    verdict = check_ahead.verdict(path)  # started early by the window, if it was
    if verdict is None:
        verdict = read_file(path, lambda con: con.execute("PRAGMA quick_check").fetchone()[0])
    if verdict != "ok":
        raise CorruptNotebook(path, verdict)

def has_table(con: sqlite3.Connection, name: str) -> bool:
    """Whether the notebook behind ``con`` has the table ``name`` (older versions lack some)."""
    return con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                       (name,)).fetchone() is not None
