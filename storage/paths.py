"""Where Rapport keeps its files: one place, with an environment override for tests."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "Rapport"
NOTEBOOK_SUFFIX = ".rapport"


def data_dir() -> Path:
    """The user's Rapport folder (0700 on POSIX): ``$RAPPORT_DATA_DIR`` or platformdirs'."""
    override = os.environ.get("RAPPORT_DATA_DIR")
    if override:
        folder = Path(override)
    else:
        import platformdirs  # late: `today --notebook FILE` and the like never need it

        folder = Path(platformdirs.user_data_dir(APP_NAME, False))
    return private_folder(folder, parents=True)


def default_notebook() -> Path:
    """The notebook opened when none is named: ``Notebook.rapport`` in the data folder."""
    return data_dir() / f"Notebook{NOTEBOOK_SUFFIX}"


def backups_home() -> Path:
    """Where backups go when a notebook's own folder cannot be written (0700 on POSIX)."""
    return private_folder(data_dir() / "backups")


def private_folder(folder: Path, parents: bool = False) -> Path:
    """``folder``, made if need be and owner-only (0700 on POSIX, whatever the umask)."""
    folder.mkdir(mode=0o700, parents=parents, exist_ok=True)
    if os.name == "posix":
        os.chmod(folder, 0o700)
    return folder


def secure_file(path: Path) -> None:
    """Make a file readable by the owner only (POSIX)."""
    if os.name != "posix":
        return
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    if mode & 0o777 != 0o600:  # a chmod moves the change time, by which a checked file is known
        os.chmod(path, 0o600)


def create_private_file(path: Path) -> bool:
    """Create an empty file, owner-only from its first byte; False when it already exists.

    SQLite gives the -wal, -shm and -journal files it makes beside a database the database's
    own mode, so they are owner-only too, whatever the umask.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    if os.name == "posix":
        os.fchmod(fd, 0o600)  # exactly 0600: a strict umask must not make it unwritable
    os.close(fd)
    return True
