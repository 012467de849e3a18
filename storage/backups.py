"""Consistent, verified copies of a notebook through SQLite's backup API (restoring one back is
:mod:`storage.restore`).

Where: a folder beside the notebook, ``<stem>-backups/`` (0700), so that the copies move and
sync with the notebook's folder and the owner can find them; when that folder cannot be written
(a read-only share), ``<data dir>/backups/<stem>-<hash>/`` instead. Names are
``<stem>_<YYYY-MM-DD_HHMMSS>[-n]_<reason>.rapport``: the time in the name, not the file's
mtime (which copying changes), is when the copy was taken.

When: daily on open (:func:`maybe_backup_on_open`), on close after changes
(:func:`backup_on_close_if_changed`), and before migrations, restores and bulk imports
(:func:`backup_now`); the automatic ones thin the folder with :mod:`domain.retention`.
"""

from __future__ import annotations

import glob
import hashlib
import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from domain import retention
from storage.backup_parts import (
    SIDECARS,
    CopyBusy,
    claimed,
    fsync,
    remove_if_dead,
    remove_with_sidecars,
)
from storage.db import (
    NotebookError,
    NotebookInfo,
    changed_since_mark,
    connect_read_only,
    current_notebook,
    inspect_file,
    mark_unchanged,
    sqlite_connection,
)
from storage.errors import BackupError as BackupError  # re-exported: callers know it as ours
from storage.paths import backups_home, data_dir, private_folder

SUFFIX = ".rapport"
DAILY = timedelta(days=1)
_STAMP = "%Y-%m-%d_%H%M%S"
_NAME = re.compile(r"(\d{4}-\d{2}-\d{2}_\d{6})(?:-(\d+))?_([a-z0-9-]+)\.rapport")


@dataclass(frozen=True)
class BackupInfo:
    """One backup file, for the restore screen."""

    path: Path
    taken: datetime
    size: int
    reason: str


# --- where ------------------------------------------------------------------------------------

def _beside(notebook: Path) -> Path:
    return notebook.parent / f"{notebook.stem}-backups"


def _fallback(notebook: Path, home: Path) -> Path:
    digest = hashlib.sha256(str(notebook.resolve()).encode()).hexdigest()[:8]
    return home / f"{notebook.stem}-{digest}"


def backup_dir(notebook: Path) -> Path:
    """The folder new backups of ``notebook`` go to (created owner-only)."""
    folder = _beside(notebook)
    if not folder.exists() and not os.access(notebook.parent, os.W_OK):
        folder = _fallback(notebook, backups_home())
    return private_folder(folder)


def backup_folders(notebook: Path) -> list[Path]:
    """The folders that hold backups of ``notebook`` now (beside it, or in the data folder
    when its own could not be written); none is made."""
    notebook = Path(notebook)
    return [f for f in (_beside(notebook), _fallback(notebook, data_dir() / "backups"))
            if f.is_dir()]


# --- writing ----------------------------------------------------------------------------------

def write_copy(source: sqlite3.Connection, dest: Path, check: str = "integrity_check") -> Path:
    """Copy ``source`` to ``dest`` atomically: into a temporary file, verified, then renamed.

    ``check`` is the pragma that verifies the copy: ``quick_check`` keeps a faithful copy of a
    notebook whose indexes are damaged (before they are repaired).
    """
    tmp = dest.with_name(dest.name + ".part")
    with claimed(tmp):
        try:
            _copy_into(source, tmp, check)
            os.replace(tmp, dest)
        except BaseException:
            remove_with_sidecars(tmp)
            raise
    _sync_folder(dest.parent)
    return dest


def rewrite(backup: Path, change: Callable[[Path], None]) -> None:
    """Change the backup at ``backup`` without ever damaging it.

    ``change`` works on a private copy beside it (same folder, so the rename is atomic); the
    copy must verify and reach the disk before it takes the backup's name. On any failure the
    copy goes and the backup stays exactly as it was.
    """
    tmp = backup.with_name(backup.name + ".part")
    with claimed(tmp):
        try:
            source = connect_read_only(backup)
            try:
                _copy_into(source, tmp)
            finally:
                source.close()
            change(tmp)
            verify_backup(tmp)
            fsync(tmp)
            os.replace(tmp, backup)
        except BaseException:
            remove_with_sidecars(tmp)
            raise
    _sync_folder(backup.parent)


def _copy_into(source: sqlite3.Connection, tmp: Path, check: str = "integrity_check") -> None:
    target = sqlite3.connect(tmp)
    try:
        source.backup(target)
        target.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        verdict = target.execute(f"PRAGMA {check}").fetchone()[0]
    except sqlite3.Error as exc:
        raise BackupError(f"The backup could not be written: {exc}.") from exc
    finally:
        target.close()
    if verdict != "ok":
        raise BackupError(f"The backup did not verify: {verdict}")


def _sync_folder(folder: Path) -> None:
    # The rename is only durable once the folder itself reaches the disk.
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _free_name(folder: Path, stem: str, when: datetime, reason: str) -> Path:
    reason = re.sub(r"[^a-z0-9-]+", "-", reason.lower()).strip("-") or "manual"
    base = stamp = f"{stem}_{when.strftime(_STAMP)}"
    number = 1
    # Unique per second whatever the reason, so that copies keep the order they were taken in.
    while any(folder.glob(glob.escape(stamp) + "_*")):
        number += 1
        stamp = f"{base}-{number}"
    return folder / f"{stamp}_{reason}{SUFFIX}"


def clear_stale_parts(notebook: Path) -> list[Path]:
    """Remove what killed backups and restores of ``notebook`` left: ``*.part`` files (with
    their -journal/-wal/-shm) in its backup folders and beside it. Return what went.

    A copy being written now is left alone: its writer holds a lock on it (see
    :func:`_claimed`), which the OS drops when the writer dies.
    """
    notebook = Path(notebook)
    stem = glob.escape(notebook.stem)
    places = [(notebook.parent, f"{glob.escape(notebook.name)}.restoring.part"),
              *((folder, f"{stem}_*.part") for folder in backup_folders(notebook))]
    parts = {Path(str(p).removesuffix(side)) for folder, pattern in places if folder.is_dir()
             for side in SIDECARS for p in folder.glob(pattern + side)}
    return [p for p in sorted(parts) if remove_if_dead(p)]


def backup_before(notebook: Path, reason: str, now: datetime | None = None,
                  source: sqlite3.Connection | None = None,
                  check: str = "integrity_check") -> Path:
    """Take a backup of the open notebook (at ``notebook``) now, named for ``reason``.

    ``source``: another connection to it than the open notebook's (a repair's, say).
    """
    clear_stale_parts(notebook)
    for _ in range(4):  # another copy started in the same second took the name: the next one
        dest = _free_name(backup_dir(notebook), notebook.stem, now or datetime.now(), reason)
        try:
            return write_copy(source or sqlite_connection(), dest, check)
        except CopyBusy:
            continue
    return write_copy(source or sqlite_connection(), dest, check)


def backup_now(reason: str = "manual", now: datetime | None = None) -> Path:
    """Back up the open notebook; return the copy's path.

    Call it before a bulk import, outside its transaction: a copy taken inside one would hold
    the import's uncommitted rows.
    """
    path = backup_before(_open_notebook().path, reason, now)
    mark_unchanged()
    return path


def maybe_backup_on_open(now: datetime | None = None) -> Path | None:
    """Back up the open notebook if its newest backup is a day old or more; thin the rest."""
    now = now or datetime.now()
    notebook = _open_notebook().path
    clear_stale_parts(notebook)
    newest = next(iter(list_backups(notebook)), None)
    if newest is not None and timedelta(0) <= now - newest.taken < DAILY:
        return None
    path = backup_now("daily", now)
    thin(notebook, now)
    return path


def backup_on_close_if_changed(now: datetime | None = None) -> Path | None:
    """Back up the open notebook if anything was saved since it was opened or backed up.

    Call it just before :func:`storage.db.close_notebook`; raises BackupError (disk full...).
    """
    info = current_notebook()
    if info is None or info.read_only or not changed_since_mark():
        return None
    path = backup_now("close", now)
    thin(info.path, now or datetime.now())
    return path


def _open_notebook() -> NotebookInfo:
    info = current_notebook()
    if info is None:
        raise NotebookError("No notebook is open.")
    return info


# --- listing and thinning ---------------------------------------------------------------------

def list_backups(notebook: Path) -> list[BackupInfo]:
    """Every backup of ``notebook``, newest first, with when it was taken, size and reason."""
    notebook = Path(notebook)
    found = [b for folder in backup_folders(notebook) for p in folder.iterdir()
             if (b := _parse(p, notebook.stem))]
    return sorted(found, key=lambda b: b.taken, reverse=True)


def _parse(path: Path, stem: str) -> BackupInfo | None:
    if not path.name.startswith(f"{stem}_"):
        return None
    match = _NAME.fullmatch(path.name[len(stem) + 1:])
    if not match or not path.is_file():
        return None
    stamp, number, reason = match.groups()
    # A second backup in the same second sorts after the first by a microsecond per copy.
    taken = datetime.strptime(stamp, _STAMP) + timedelta(microseconds=int(number or 1) - 1)
    return BackupInfo(path, taken, path.stat().st_size, reason)


def thin(notebook: Path, now: datetime | None = None) -> list[Path]:
    """Delete the backups the retention policy does not keep; return what was deleted."""
    backups = list_backups(notebook)
    keep = retention.to_keep([b.taken for b in backups], now or datetime.now())
    gone = [b.path for b in backups if b.taken not in keep]
    for path in gone:
        path.unlink(missing_ok=True)
    return gone


# --- checking ---------------------------------------------------------------------------------

def verify_backup(path: Path) -> int:
    """Check a backup before trusting it (a Rapport notebook, not newer, intact); its version."""
    from storage.migrations import LATEST

    path = Path(path)
    version = inspect_file(path)[1]
    if not 0 < version <= LATEST:
        raise BackupError(f"{path.name} cannot be restored: it is empty or from a newer Rapport.")
    con = connect_read_only(path)
    try:
        verdict = con.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path.name} is damaged: {exc}.") from exc
    finally:
        con.close()
    if verdict != "ok":
        raise BackupError(f"{path.name} is damaged: {verdict}")
    return version
