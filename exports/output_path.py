"""Where an output file may go: never over a notebook, its backups or working files, or over
a file of another kind. One rule for the command line, the window's save dialogs and
``write_atomic`` (which checks again just before it renames).

An existing file is replaced only when it is a regular file of the kind being written (a PDF
over a PDF, a vCard over a vCard) or is empty. Refused, whatever the name: the open notebook
under any name (same device and inode: a hard link, a symlink, another path to its folder),
its ``-wal``/``-shm``/``-journal`` and lock file, any SQLite file (notebooks and backups),
a backup's ``.part``, folders, devices and pipes.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"
APPLICATION_ID = 0x52415050  # storage.db.APPLICATION_ID, read here without opening SQLite
_WORKING = ("-wal", "-shm", "-journal", ".lock", ".part")
_SNIFF = 4096

# suffix -> (what it is called, the ways such a file may begin, after blanks and a BOM)
KINDS: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("a PDF", (b"%PDF",)),
    ".vcf": ("a vCard file", (b"BEGIN:VCARD",)),
    ".ics": ("a calendar file", (b"BEGIN:VCALENDAR",)),
    ".json": ("a JSON file", (b"{", b"[")),
    ".zip": ("a zip archive", (b"PK\x03\x04", b"PK\x05\x06")),
    ".csv": ("a spreadsheet", ()),  # no signature: any text file named .csv
    ".eml": ("an email", (b"To:", b"From:", b"Subject:", b"Date:", b"Received:",
                          b"Return-Path:", b"MIME-Version:", b"X-", b"Message-ID:")),
}


class UnsafeOutput(OSError):
    """The output path would replace something that must be kept; nothing was written."""

    def __str__(self) -> str:  # the sentence alone, as a dialog shows it
        return str(self.strerror)


def output_path(path: str | os.PathLike, suffix: str, notebook: Path | None = None) -> Path:
    """Where to write an output of kind ``suffix`` (``".pdf"``) that the owner named ``path``.

    The suffix is added when the name lacks it (``labels`` → ``labels.pdf``). Raises
    UnsafeOutput (an OSError: its message is one line) when the name as typed, or with the
    suffix added, would replace anything but an output of the same kind, and when the folder
    does not exist. ``notebook`` is the notebook in use, if not the one open in this process.
    """
    given = Path(path).expanduser()
    check_target(given, suffix, notebook)
    target = given if given.suffix.lower() == suffix else given.with_name(given.name + suffix)
    if target != given:
        check_target(target, suffix, notebook)
    if not target.parent.is_dir():
        raise UnsafeOutput(errno.ENOENT, f"The folder {target.parent} does not exist",
                           str(target))
    return target


def check_target(path: Path, suffix: str | None = None, notebook: Path | None = None) -> None:
    """Raise UnsafeOutput unless writing an output of kind ``suffix`` (default: the path's own
    suffix) at ``path`` would replace nothing worth keeping."""
    path = Path(path)
    suffix = (suffix or path.suffix).lower()
    if not os.path.lexists(path):
        return
    try:
        info = os.stat(path)  # through a symlink: what it points at is what must be kept
    except FileNotFoundError:
        return  # a dangling symlink: replacing the link loses nothing
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, f"{path.name} is a folder; choose a file name",
                                str(path))
    if not stat.S_ISREG(info.st_mode):
        _refuse(path, "is not a regular file (a device, pipe or socket)")
    protected = _protected_identities(notebook).get(_identity(info))
    if protected:
        _refuse(path, f"is {protected}")
    if path.name.lower().endswith(_WORKING) or Path(os.path.realpath(path)).name.lower(
    ).endswith(_WORKING):
        _refuse(path, "is a notebook's working file (lock, journal or unfinished backup)")
    head = _head(path)
    if head.startswith(SQLITE_MAGIC):
        ours = len(head) >= 72 and int.from_bytes(head[68:72], "big") == APPLICATION_ID
        _refuse(path, "is a Rapport notebook or backup" if ours else "is a database file")
    if not (info.st_mode & stat.S_IWUSR and os.access(path, os.W_OK)):
        raise PermissionError(errno.EACCES, f"{path.name} is read-only; it was left as it was",
                              str(path))
    if head and not _is_kind(head, suffix):
        _refuse(path, f"is not {KINDS.get(suffix, ('a ' + suffix + ' file',))[0]}")


def _refuse(path: Path, what: str) -> None:
    raise UnsafeOutput(errno.EEXIST, f"{path.name} {what}; it was left as it was, nothing was "
                       "written. Choose another file name", str(path))


def _identity(info: os.stat_result) -> tuple[int, int]:
    return info.st_dev, info.st_ino


def _protected_identities(notebook: Path | None) -> dict[tuple[int, int], str]:
    """Device and inode → what it is, for the notebook in use and its working files."""
    books = {Path(notebook)} if notebook else set()
    books |= _open_notebooks()
    found = {}
    for book in books:
        for end in ("", *_WORKING):
            try:
                info = os.stat(book.with_name(book.name + end))
            except OSError:
                continue
            found[_identity(info)] = (f"the notebook {book.name}" if not end else
                                      f"the {end.lstrip('-.')} file of the notebook {book.name}")
    return found


def _open_notebooks() -> set[Path]:
    """The notebook open in this process, if any."""
    from storage.db import current_notebook

    info = current_notebook()
    return {Path(info.path)} if info is not None else set()


def _head(path: Path) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read(_SNIFF)
    except OSError:
        return b""


def _is_kind(head: bytes, suffix: str) -> bool:
    """Does a file beginning with ``head`` hold an output of kind ``suffix``?"""
    if suffix not in KINDS:
        return False  # an unknown kind cannot be told apart: keep what is there
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n")
    signatures = KINDS[suffix][1]
    if not signatures:  # a spreadsheet: text whose first line has a separator
        first = text.split(b"\n", 1)[0]
        return b"\x00" not in head and any(sep in first for sep in (b",", b";", b"\t"))
    return any(text[:len(s)].upper() == s.upper() for s in signatures)
