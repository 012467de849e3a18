"""Erasing a customer from the damaged copies a recovery set aside beside the notebook.

A recovery renames a notebook that will not open to ``<stem>_<stamp>_damaged.rapport`` (with
its ``-wal``) and never changes it, so that what it held can still be salvaged. It may hold the
person an owner now erases, in rows SQLite can read, in rows it cannot, or in log frames it
ignores. So each copy is worked on through a private copy of its files: when SQLite sees the
person (or others' text naming them) in it, or their identifying bytes are in its files, the
private copy has its indexes rebuilt, loses them as a backup does and is vacuumed into a fresh
file, which must pass ``integrity_check`` and hold none of their identifying bytes before it
replaces the damaged copy. Damaged text may misspell them, so each of their names on its own
is redacted from others' text here. A copy SQLite cannot read at all, or cannot mend, is
deleted when their bytes are in it: the erase preview says so before the owner confirms.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

from storage import backup_parts
from storage.erase_backups import Who, erase_rows, holds_on

_SIDECARS = ("-wal", "-shm", "-journal")
# The environment's failures, not the file's: the copy is left as it was and reported.
_NOT_THE_FILE = {3, 5, 6, 7, 8, 9, 10, 13, 14}  # PERM BUSY LOCKED NOMEM READONLY INTERRUPT
#                                                 IOERR FULL CANTOPEN
_ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be")


class _Unmendable(sqlite3.DatabaseError):
    """A damaged copy still damaged, or still holding them, once cleaned."""


def erase_in_damaged(path: Path, customer_id: int, who: Who) -> str:
    """``cleaned``, ``deleted`` or ``absent``; raises (the copy left as it was) otherwise."""
    # Damaged text may name them with a letter flipped ("Ann Lre"): each of their names alone
    # is taken out of others' text here, not only their full name.
    words = tuple(w.strip() for w in (who.given_name, who.family_name) if len(w.strip()) >= 3)
    who = replace(who, names=who.names + words)
    part = path.with_name(path.name + ".part")
    backup_parts.remove_with_sidecars(part)
    try:
        for suffix in ("", "-wal"):  # a private copy: the damaged file is changed only whole
            if Path(f"{path}{suffix}").exists():
                shutil.copyfile(f"{path}{suffix}", f"{part}{suffix}")
                os.chmod(f"{part}{suffix}", 0o600)
        named = _holds_bytes(path, _needles(who, strict=False))
        if not _holds_copy(part, customer_id, who) and not named:
            return "absent"
        erase_rows(part, customer_id, who, reindex=True)
        _check_clean(part, who)
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:  # text no longer UTF-8 too
        backup_parts.remove_with_sidecars(part)
        if _code(exc) in _NOT_THE_FILE:
            raise
        return _delete_if_named(path, who)
    except BaseException:
        backup_parts.remove_with_sidecars(part)
        raise
    os.replace(part, path)
    for suffix in _SIDECARS:  # its old log went into the cleaned copy
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    backup_parts.remove_with_sidecars(part)
    return "cleaned"


def _code(exc: Exception) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None or isinstance(exc, _Unmendable) else code & 0xFF


def _holds_copy(part: Path, customer_id: int, who: Who) -> bool:
    con = sqlite3.connect(part, isolation_level=None)
    try:
        return holds_on(con, customer_id, who)
    finally:
        con.close()


def _check_clean(part: Path, who: Who) -> None:
    con = sqlite3.connect(part)
    try:
        verdict = con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()
    if verdict != "ok":
        raise _Unmendable(verdict)
    if _holds_bytes(part, _needles(who, strict=True)):
        raise _Unmendable("their name is still in it")  # a row SQLite could not reach


def _needles(who: Who, strict: bool) -> set[bytes]:
    """What in a file's bytes is this person: their emails and full name as a row stores it
    (given and family name side by side); not ``strict``, each of their names too."""
    given, family = who.given_name.strip(), who.family_name.strip()
    texts = {n for n in who.names if "@" in n}
    if given and family:
        texts |= {given + family, f"{given} {family}"}
    if not strict:
        texts |= {w for w in (given, family) if len(w) >= 3}
    return {t.encode(enc) for t in texts for enc in _ENCODINGS}


def _holds_bytes(path: Path, needles: set[bytes]) -> bool:
    return any(_contains(Path(f"{path}{s}"), needles) for s in ("", "-wal"))


def _delete_if_named(path: Path, who: Who) -> str:
    """A copy SQLite cannot read or mend: deleted (with its log) when they are in its bytes."""
    if not _holds_bytes(path, _needles(who, strict=False)):
        return "absent"
    for suffix in ("", *_SIDECARS):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return "deleted"


def _contains(path: Path, needles: set[bytes]) -> bool:
    if not path.exists() or not needles:
        return False
    data = path.read_bytes()
    return any(n in data for n in needles)
