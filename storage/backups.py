"""Consistent, verified copies of a notebook through SQLite's backup API."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from storage.db import secure_file, sqlite_connection


class BackupError(Exception):
    """A backup could not be written or did not verify."""


def backup_dir(notebook: Path) -> Path:
    folder = notebook.parent / f"{notebook.stem}-backups"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def write_copy(source: sqlite3.Connection, dest: Path) -> Path:
    """Copy ``source`` to ``dest`` atomically: into a temporary file, verified, then renamed."""
    tmp = dest.with_name(dest.name + ".part")
    tmp.unlink(missing_ok=True)
    target = sqlite3.connect(tmp)
    try:
        source.backup(target)
        target.execute("PRAGMA journal_mode = DELETE")
        verdict = target.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        target.close()
    if verdict != "ok":
        tmp.unlink(missing_ok=True)
        raise BackupError(f"The backup did not verify: {verdict}")
    secure_file(tmp)
    os.replace(tmp, dest)
    return dest


def backup_before(notebook: Path, reason: str) -> Path:
    """Take a backup of the open notebook now, named for ``reason``."""
    stamp = datetime.now().strftime("%Y-%m-%d_%H%M%S")
    dest = backup_dir(notebook) / f"{notebook.stem}_{stamp}_{reason}.rapport"
    return write_copy(sqlite_connection(), dest)
