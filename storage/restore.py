"""Putting a backup back: verifying it, restoring it into the open notebook, and recovering a
notebook that will not open.

Nothing here moves or changes the notebook before its replacement is written, verified and on
the disk; every step that fails is undone (a full disk leaves every file where and as it was).
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

from storage import backup_parts, backups
from storage.backups import BackupError, BackupInfo
from storage.db import (
    LOCK_WAIT,
    NotebookBusy,
    NotebookError,
    connect_read_only,
    sqlite_connection,
)
from storage.errors import disk_is_full
from storage.lock import NotebookLock, read_owner


def newest_good_backup(notebook: Path) -> BackupInfo | None:
    """The newest backup of ``notebook`` that verifies, to offer when the notebook is damaged."""
    for backup in backups.list_backups(notebook):
        try:
            backups.verify_backup(backup.path)
        except NotebookError:
            continue
        return backup
    return None


def restore(backup: Path) -> Path:
    """Replace the open notebook's content with ``backup``; return the copy taken first.

    SQLite's backup API writes the whole file in one transaction of the open notebook: after a
    crash the notebook holds either its old content or the backup's, never a mix.
    """
    from storage import migrations
    from storage.db import db

    info = backups._open_notebook()
    if info.read_only:
        raise NotebookError("This notebook is open read-only; a backup cannot be restored into it.")
    backups.verify_backup(backup)
    safety = backups.backup_now("before-restore")
    source = connect_read_only(Path(backup))
    try:
        source.backup(sqlite_connection())
    except sqlite3.Error as exc:
        raise BackupError(f"The backup could not be restored: {exc}. Nothing was changed.") \
            from exc
    finally:
        source.close()
    _verify_open(safety)
    migrations.migrate(db, info.path)
    return safety


def _verify_open(safety: Path) -> None:
    verdict = sqlite_connection().execute("PRAGMA integrity_check").fetchone()[0]
    if verdict != "ok":
        raise BackupError(f"The restored notebook did not verify ({verdict}); the copy taken "
                          f"before restoring is {safety.name}.")


def recover(notebook: Path, backup: Path) -> Path:
    """Put ``backup`` in place of a notebook that will not open; return where the damaged file
    now is. The damaged file is only renamed aside (with its -wal/-shm), never changed.

    The notebook is not moved until its replacement is written beside it, verified and on the
    disk; any step that fails is undone, so a failure (a full disk) leaves every file where and
    as it was.
    """
    notebook = Path(notebook).resolve()
    backups.verify_backup(backup)
    lock = NotebookLock(notebook)
    if not lock.acquire(LOCK_WAIT):
        raise NotebookBusy(notebook, read_owner(lock.path))
    tmp = notebook.with_name(f"{notebook.name}.restoring.part")
    try:
        with backup_parts.claimed(tmp):
            try:
                _write_replacement(notebook, Path(backup), tmp)
                return _swap_in(notebook, tmp)
            finally:
                backup_parts.remove_with_sidecars(tmp)  # gone once it took the notebook's name
    finally:
        lock.release()


def _write_replacement(notebook: Path, backup: Path, tmp: Path) -> None:
    """Write a verified copy of ``backup`` to ``tmp`` (beside ``notebook``) and onto the disk."""
    try:
        source = connect_read_only(backup)
        try:
            backups._copy_into(source, tmp)
        finally:
            source.close()
        backups.verify_backup(tmp)
        backup_parts.fsync(tmp)
    except (NotebookError, OSError) as exc:
        backup_parts.remove_with_sidecars(tmp)
        full = disk_is_full(notebook) or getattr(exc, "errno", None) == errno.ENOSPC
        why = "the disk is full" if full else str(exc).rstrip(".")
        raise BackupError(f"The backup could not be put in place: {why}. {notebook.name} was "
                          "not moved or changed" + (" (make room on the disk, then try again)."
                                                    if full else ".")) from exc
    except BaseException:
        backup_parts.remove_with_sidecars(tmp)
        raise


def _swap_in(notebook: Path, replacement: Path) -> Path:
    """Set the damaged notebook aside and move ``replacement`` in; undo it all on failure.

    The damaged file keeps its name too until the replacement takes it (a hard link, or a copy
    where the disk has no hard links), so a crash at any moment leaves a notebook at
    ``notebook``.
    """
    aside = _aside_name(notebook)
    undo: list[tuple[Path, Path]] = []
    copied = False
    try:
        for suffix in ("-wal", "-shm"):
            side = Path(f"{notebook}{suffix}")
            if side.exists():
                os.replace(side, Path(f"{aside}{suffix}"))
                undo.append((Path(f"{aside}{suffix}"), side))
        try:
            os.link(notebook, aside)
        except OSError:  # no hard links (FAT, exFAT): a copy, so the notebook keeps its name
            _copy_aside(notebook, aside)
            copied = True
        os.replace(replacement, notebook)
    except BaseException:
        for moved, back in reversed(undo):
            os.replace(moved, back)
        if copied or (aside.exists() and notebook.exists()
                      and os.path.samefile(aside, notebook)):
            aside.unlink(missing_ok=True)
        raise
    backups._sync_folder(notebook.parent)
    return aside


def _copy_aside(notebook: Path, aside: Path) -> None:
    """Copy the damaged file to ``aside``, onto the disk, before anything replaces it."""
    try:
        shutil.copyfile(notebook, aside)
        backup_parts.fsync(aside)
    except BaseException:
        aside.unlink(missing_ok=True)
        raise
    os.chmod(aside, 0o600)


def _aside_name(notebook: Path) -> Path:
    stamp = datetime.now().strftime(backups._STAMP)
    aside = notebook.with_name(f"{notebook.stem}_{stamp}_damaged{notebook.suffix}")
    number = 1
    while aside.exists():
        number += 1
        aside = notebook.with_name(f"{notebook.stem}_{stamp}-{number}_damaged{notebook.suffix}")
    return aside
