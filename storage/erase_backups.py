"""Erasing a customer from every other file Rapport keeps of the notebook.

After :func:`storage.erase.erase_customer`, :func:`erase_from_backups` takes the same person,
and the text of other customers that names them, out of every backup (each rewritten through
a verified private copy) and out of every damaged copy a recovery set aside beside the notebook
(``<stem>_<stamp>_damaged.rapport`` with its ``-wal``). A damaged copy is cleaned through SQLite
where SQLite can still read it (its indexes rebuilt first); one it cannot read is deleted when
their name is in its bytes, as the erase preview says, since nothing else could take them out.
"""

from __future__ import annotations

import glob
import logging
import re
import sqlite3
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path

from storage import backup_parts, backups, erase_mentions
from storage.agenda import EVERYONE
from storage.db import connect_read_only, current_notebook, inspect_file
from storage.errors import NotANotebook, NotebookError
from storage.models import AgendaCustomer, AgendaDirty, AgendaEntry, meta

log = logging.getLogger(__name__)

_DAMAGED = re.compile(r"\d{4}-\d{2}-\d{2}_\d{6}(?:-\d+)?_damaged\.rapport")


@dataclass(frozen=True)
class Who:
    """What tells a customer apart in a backup besides the id, which SQLite hands to someone
    else once the highest id is gone: when they were added, or, when that changed (a notebook
    re-imported from JSON, a deleted customer brought back with undo), their names. ``names``:
    what names them in other customers' text (see :mod:`storage.erase_mentions`)."""

    created: str = ""
    given_name: str = ""
    family_name: str = ""
    company: str = ""
    names: tuple[str, ...] = ()

    def params(self, customer_id: int) -> tuple:
        return (customer_id, self.created, self.given_name, self.family_name, self.company)


# The customer row of this person (Who.params order).
_THEM = ("id = ? AND (created = ? OR (given_name = ? AND family_name = ? AND company = ?))")


def _backups(n: int) -> str:
    return f"{n} backup{'' if n == 1 else 's'}"


def _copies(n: int) -> str:
    return f"{n} damaged cop{'y' if n == 1 else 'ies'}"


@dataclass(frozen=True)
class BackupsErased:
    """What :func:`erase_from_backups` did; the files in ``failed`` were left as they were."""

    cleaned: int = 0  # held the person and no longer do
    absent: int = 0  # never held them (taken before, or someone else under a reused id)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file name, why), one line
    damaged_cleaned: int = 0  # damaged copies set aside by a recovery, cleaned through SQLite
    damaged_deleted: int = 0  # damaged copies SQLite could not read, which held them: deleted

    def line(self, name: str) -> str:
        """For the status bar: ``Erased Ann Lee from the notebook and from 3 backups.``"""
        if not (self.cleaned or self.absent or self.failed or self.damaged_cleaned
                or self.damaged_deleted):
            return f"Erased {name} and everything about them."
        text = f"Erased {name} from the notebook"
        text += f" and from {_backups(self.cleaned)}" if self.cleaned else \
            ("" if self.failed or not self.absent else "; no backup held them")
        if self.damaged_cleaned:
            text += f"; {_copies(self.damaged_cleaned)} cleaned"
        if self.damaged_deleted:
            text += f"; {_copies(self.damaged_deleted)} that could not be read deleted"
        if self.failed:
            why = ", ".join(f"{file} ({reason})" for file, reason in self.failed)
            text += f"; {_backups(len(self.failed))} could not be cleaned: {why}"
        return text + "."


def backup_list() -> list[backups.BackupInfo]:
    """The open notebook's backups (not its damaged copies), newest first."""
    info = current_notebook()
    found = backups.list_backups(info.path) if info else []
    return [b for b in found if b.reason != "damaged"]


def damaged_copies(notebook: Path | None = None) -> list[Path]:
    """Copies of the notebook a recovery set aside as damaged, beside it or with its backups."""
    if notebook is None:
        info = current_notebook()
        if info is None:
            return []
        notebook = info.path
    prefix = f"{notebook.stem}_"
    folders = {notebook.parent, *(b.path.parent for b in backups.list_backups(notebook))}
    return sorted(p for folder in folders for p in folder.iterdir()
                  if p.name.startswith(prefix) and _DAMAGED.fullmatch(p.name[len(prefix):])
                  and p.is_file())


# --- backups ----------------------------------------------------------------------------------

MAX_ROUNDS = 5  # rounds of backups landing while the erase cleans them
WRITER_WAIT = 30.0  # seconds to wait for a backup another process is writing now


class _Refused(Exception):
    """A backup this module will not change, with why in a few words."""


def erase_from_backups(customer_id: int, who: Who) -> BackupsErased:
    """After :func:`storage.erase.erase_customer`, take the same person out of every backup
    of the notebook and out of every damaged copy set aside beside it.

    A backup holds them when it has a customer with this id who is ``who``, or text of another
    customer naming them: ids are reused, so an old backup may hold someone else under the same
    id, who stays. Each file is rewritten on its own; one that cannot be cleaned is left exactly
    as it was and reported. Slow (every file holding them is copied and vacuumed): a worker's job.
    """
    cleaned, absent, failed = 0, 0, []
    seen: set[Path] = set()
    # A backup command reads without a lock: a copy begun before the erase committed can land
    # while these are cleaned. Each round takes the backups not seen yet, after waiting for
    # copies being written now, until a round finds none.
    for _round in range(MAX_ROUNDS):
        found = [b for b in backup_list() if b.path not in seen]
        folders = {b.path.parent for b in found} | _folders()
        _wait_for_writers(folders)
        _remove_leftovers(folders)
        if not found:
            break
        for backup in found:
            seen.add(backup.path)
            try:
                if _erase_in_backup(backup.path, customer_id, who):
                    cleaned += 1
                else:
                    absent += 1
            except Exception as exc:  # one backup's trouble must not stop the others
                log.warning("could not erase customer %s from %s: %s", customer_id,
                            backup.path, exc)
                failed.append((backup.path.name, _why(exc)))
    from storage.erase_damaged import erase_in_damaged  # late: it builds on this module

    done = {"cleaned": 0, "deleted": 0, "absent": 0}
    for copy in damaged_copies():
        try:
            done[erase_in_damaged(copy, customer_id, who)] += 1
        except Exception as exc:
            log.warning("could not erase customer %s from %s: %s", customer_id, copy, exc)
            failed.append((copy.name, _why(exc)))
    return BackupsErased(cleaned, absent, failed, done["cleaned"], done["deleted"])


def _folders() -> set[Path]:
    """The open notebook's backup folders that exist (none is made here)."""
    info = current_notebook()
    return set(backups.backup_folders(info.path)) if info else set()


def _parts(folders: set[Path]) -> list[Path]:
    parts = [p for folder in folders for p in folder.glob("*.rapport.part")]
    info = current_notebook()
    if info is not None:  # beside the notebook: only its damaged copies' (other files' stay)
        parts += info.path.parent.glob(f"{glob.escape(info.path.stem)}_*_damaged.rapport.part")
    return parts


def _wait_for_writers(folders: set[Path], timeout: float = WRITER_WAIT) -> None:
    """Wait (a bounded time) for copies other processes are writing into ``folders``."""
    deadline = time.monotonic() + timeout
    while any(backup_parts.writer_alive(p) for p in _parts(folders)):
        if time.monotonic() >= deadline:
            log.warning("a backup still being written was left for the next erase or backup")
            return
        time.sleep(0.1)


def _remove_leftovers(folders: set[Path]) -> None:
    # A copy left by a crash mid-cleaning may hold them too; one a live process is writing
    # now is its writer's (it becomes a backup, cleaned by the next round).
    for part in _parts(folders):
        backup_parts.remove_if_dead(part)


def _erase_in_backup(path: Path, customer_id: int, who: Who) -> bool:
    """Clean one backup; False when it never held the person."""
    _check_version(path)
    if not _holds(path, customer_id, who):
        return False
    if not path.stat().st_mode & stat.S_IWUSR:
        raise _Refused("it is read-only")  # someone kept it from change on purpose
    try:
        backups.verify_backup(path)
    except NotebookError as exc:
        raise _Refused("it is damaged") from exc
    backups.rewrite(path, lambda copy: erase_rows(copy, customer_id, who))
    return True


def _check_version(path: Path) -> None:
    from storage.migrations import LATEST

    try:
        version = inspect_file(path)[1]
    except NotANotebook as exc:
        raise _Refused("it is not a Rapport notebook") from exc
    except NotebookError as exc:
        raise _Refused("it is damaged") from exc
    if version > LATEST:
        raise _Refused("it is from a newer Rapport")
    if version < 1:
        raise _Refused("it is empty")


def _holds(path: Path, customer_id: int, who: Who) -> bool:
    con = connect_read_only(path)
    try:
        return holds_on(con, customer_id, who)
    except sqlite3.DatabaseError as exc:
        raise _Refused("it is damaged") from exc
    finally:
        con.close()


def holds_on(con: sqlite3.Connection, customer_id: int, who: Who) -> bool:
    """Whether the file behind ``con`` holds the person, or others' text naming them."""
    row = con.execute(f"SELECT 1 FROM customer WHERE {_THEM}", who.params(customer_id))
    if row.fetchone() is not None:
        return True
    return erase_mentions.holds_any(con, customer_id, who.names)


def erase_rows(copy: Path, customer_id: int, who: Who, reindex: bool = False) -> None:
    """What :func:`storage.erase.erase_customer` does, on a private copy of any version."""
    con = sqlite3.connect(copy, isolation_level=None)
    try:
        for pragma in ("foreign_keys = ON", "secure_delete = ON", "journal_mode = DELETE",
                       "journal_mode = MEMORY", "temp_store = MEMORY"):
            # Old pages go to no journal file and VACUUM builds in memory: no file ever holds
            # the person but this copy, and a crash only leaves a copy that is thrown away.
            con.execute(f"PRAGMA {pragma}")
        if reindex:
            con.execute("REINDEX")  # a damaged copy: its indexes built again from the tables
        con.execute("BEGIN IMMEDIATE")
        row = con.execute(f"SELECT id FROM customer WHERE {_THEM}", who.params(customer_id))
        # What named them then (an email they had) names them too.
        names = who.names + (erase_mentions.forms_of(con, customer_id) if row.fetchone() else ())
        # What ON DELETE SET NULL does, said out loud so it holds whatever the file's pragmas.
        con.execute("UPDATE customer SET referred_by = NULL WHERE referred_by = ?",
                    (customer_id,))
        erase_mentions.redact(con, customer_id, tuple(dict.fromkeys(names)))
        con.execute(f"DELETE FROM customer WHERE {_THEM}", who.params(customer_id))
        con.execute("DELETE FROM customer_fts WHERE rowid = ?", (customer_id,))
        _forget_agendas(con)
        con.execute("INSERT INTO customer_fts (customer_fts) VALUES ('optimize')")
        con.execute("COMMIT")
        con.execute("VACUUM")  # no free page keeps their words; the file shrinks to fit
    finally:
        con.close()


def _forget_agendas(con: sqlite3.Connection) -> None:
    """A copy's stored agendas go whole (a referrer's thank-you names the person), marked to
    be worked out again should the copy ever be restored (storage.agenda)."""
    kept = [meta(m).table_name for m in (AgendaEntry, AgendaCustomer, AgendaDirty)]
    tables = {name for (name,) in con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    if set(kept) <= tables:  # an older copy has none
        for table in kept:
            con.execute(f"DELETE FROM {table}")
        con.execute(f"INSERT INTO {kept[-1]} (customer_id) VALUES ({EVERYONE})")


def _why(exc: Exception) -> str:
    """One short line for the status bar."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text.rstrip(".")[:120]
