"""One person's data: everything the notebook holds about a customer, and erasing it for good.

Deleting a customer (``customers.delete_customer``) keeps an undo; *erasing* does not, and
leaves nothing behind in the file: the rows go with ``PRAGMA secure_delete`` on (SQLite
overwrites the freed space with zeros), the search index is rebuilt without them (FTS5 keeps
deleted words in its segments until they are merged), and the write-ahead log is checkpointed
and truncated so no old page survives in it. Then :func:`erase_from_backups` takes them out
of every backup of the notebook too, each rewritten through a verified private copy, so that an
owner who erases someone at their request finds them nowhere Rapport keeps a copy.
"""

from __future__ import annotations

import logging
import sqlite3
import stat
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from domain.model import Card, Customer
from storage import backups, records
from storage.customers import NotFound
from storage.db import connect_read_only, current_notebook, db, inspect_file
from storage.errors import NotANotebook, NotebookError

log = logging.getLogger(__name__)

# (what the owner reads, SQL counting it for customer ?), in the order a dialog lists them.
_COUNTS = (
    ("email address", "SELECT count(*) FROM email WHERE customer_id = ?"),
    ("phone number", "SELECT count(*) FROM phone WHERE customer_id = ?"),
    ("postal address", "SELECT count(*) FROM address WHERE customer_id = ?"),
    ("tag", "SELECT count(*) FROM tag WHERE customer_id = ?"),
    ("personal detail", "SELECT count(*) FROM fact WHERE customer_id = ?"),
    ("milestone", "SELECT count(*) FROM milestone WHERE customer_id = ?"),
    ("interaction", "SELECT count(*) FROM interaction WHERE customer_id = ?"),
    ("purchase", "SELECT count(*) FROM purchase WHERE customer_id = ?"),
    ("promise", "SELECT count(*) FROM promise WHERE customer_id = ?"),
    ("problem", "SELECT count(*) FROM problem WHERE customer_id = ?"),
    ("problem update", "SELECT count(*) FROM problem_update WHERE problem_id IN "
                       "(SELECT id FROM problem WHERE customer_id = ?)"),
    ("card", "SELECT count(*) FROM card WHERE customer_id = ?"),
    ("photo", "SELECT count(*) FROM photo WHERE customer_id = ?"),
    ("snoozed or dismissed suggestion",
     "SELECT count(*) FROM suggestion_state WHERE customer_id = ?"),
)


@dataclass(frozen=True)
class ErasePreview:
    """What erasing a customer removes, for the confirmation (and, after, what it removed)."""

    customer_id: int
    name: str
    counts: dict[str, int] = field(default_factory=dict)
    referrals: int = 0  # customers whose "referred by" points here and will be cleared
    checkpointed: bool = True  # False: another reader kept old pages in the log for now
    who: Who = field(default_factory=lambda: Who())  # with the id: this person in a backup
    backups: int = 0  # backups of the notebook, each to be cleaned too

    def lines(self) -> list[str]:
        """``["3 email addresses", "12 interactions", …]``, the non-zero counts."""
        return [f"{n} {what}{'' if n == 1 else 'es' if what.endswith('s') else 's'}"
                for what, n in self.counts.items() if n]

    def message(self) -> str:
        """The confirmation's text: what goes, from where, and that it cannot be undone."""
        held = ", ".join(self.lines()) or "only the name"
        text = f"Erase {self.name} completely? This removes their profile and {held}" \
            f"{self.where()}."
        if self.referrals:
            text += (f" {self.referrals} customer{'s' if self.referrals != 1 else ''} they "
                     "referred will no longer show who referred them.")
        return text + " It cannot be undone."

    def where(self) -> str:
        """`` from the notebook and from its 3 backups``; nothing when there are none."""
        if not self.backups:
            return ""
        return f" from the notebook and from its {_backups(self.backups)}"


def _backups(n: int) -> str:
    return f"{n} backup{'' if n == 1 else 's'}"


@dataclass(frozen=True)
class Who:
    """What tells a customer apart in a backup besides the id, which SQLite hands to someone
    else once the highest id is gone: when they were added, or, when that changed (a notebook
    re-imported from JSON, a deleted customer brought back with undo), their names."""

    created: str = ""
    given_name: str = ""
    family_name: str = ""
    company: str = ""

    def params(self, customer_id: int) -> tuple:
        return (customer_id, self.created, self.given_name, self.family_name, self.company)


# The customer row of this person (Who.params order).
_THEM = ("id = ? AND (created = ? OR (given_name = ? AND family_name = ? AND company = ?))")


@dataclass(frozen=True)
class BackupsErased:
    """What :func:`erase_from_backups` did; the backups in ``failed`` were left as they were."""

    cleaned: int = 0  # held the person and no longer do
    absent: int = 0  # never held them (taken before, or someone else under a reused id)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file name, why), one line

    def line(self, name: str) -> str:
        """For the status bar: ``Erased Ann Lee from the notebook and from 3 backups.``"""
        if not (self.cleaned or self.absent or self.failed):
            return f"Erased {name} and everything about them."
        text = f"Erased {name} from the notebook"
        text += f" and from {_backups(self.cleaned)}" if self.cleaned else \
            ("" if self.failed else "; no backup held them")
        if self.failed:
            why = ", ".join(f"{file} ({reason})" for file, reason in self.failed)
            text += f"; {_backups(len(self.failed))} could not be cleaned: {why}"
        return text + "."


@dataclass
class PersonData:
    """Everything the notebook holds about one person, as plain data."""

    customer: Customer
    cards: list[Card] = field(default_factory=list)
    photo: tuple[str, bytes] | None = None  # (mime type, image bytes)


def _name(customer_id: int) -> str:
    found = records.load_customers([customer_id])
    if not found:
        raise NotFound(f"Customer {customer_id} is no longer in the notebook.")
    return found[0].display_name


def erase_preview(customer_id: int) -> ErasePreview:
    """What ``erase_customer`` would remove; raise NotFound for an unknown customer."""
    name = _name(customer_id)
    counts = {what: db.execute_sql(sql, (customer_id,)).fetchone()[0] for what, sql in _COUNTS}
    referrals = db.execute_sql("SELECT count(*) FROM customer WHERE referred_by = ?",
                               (customer_id,)).fetchone()[0]
    who = Who(*db.execute_sql(
        "SELECT created, given_name, family_name, company FROM customer WHERE id = ?",
        (customer_id,)).fetchone())
    return ErasePreview(customer_id, name, counts, referrals, who=who,
                        backups=len(_backup_list()))


def _backup_list() -> list[backups.BackupInfo]:
    info = current_notebook()
    return backups.list_backups(info.path) if info else []


def erase_customer(customer_id: int) -> ErasePreview:
    """Remove the customer and all that is theirs, leaving no trace in the notebook file."""
    secure_before = db.execute_sql("PRAGMA secure_delete").fetchone()[0]
    db.execute_sql("PRAGMA secure_delete = ON")  # a connection setting: outside the transaction
    try:
        with db.atomic():
            removed = erase_preview(customer_id)
            db.execute_sql("DELETE FROM customer WHERE id = ?", (customer_id,))  # cascades
            db.execute_sql("DELETE FROM customer_fts WHERE rowid = ?", (customer_id,))
            # Merge the index's segments so the deleted words are really gone.
            db.execute_sql("INSERT INTO customer_fts (customer_fts) VALUES ('optimize')")
    finally:
        db.execute_sql(f"PRAGMA secure_delete = {int(secure_before)}")
    busy = db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    return ErasePreview(removed.customer_id, removed.name, removed.counts, removed.referrals,
                        checkpointed=not busy, who=removed.who, backups=removed.backups)


# --- backups ----------------------------------------------------------------------------------

class _Refused(Exception):
    """A backup this module will not change, with why in a few words."""


def erase_from_backups(customer_id: int, who: Who) -> BackupsErased:
    """After :func:`erase_customer`, take the same person out of every backup of the notebook.

    A backup holds them when it has a customer with this id who is ``who``: ids are reused,
    so an old backup may hold someone else under the same id, who stays. Each backup is
    rewritten on its own; one that cannot be cleaned is left exactly as it was and reported.
    Slow (every backup holding them is copied and vacuumed): run it on the worker.
    """
    cleaned, absent, failed = 0, 0, []
    found = _backup_list()
    for folder in {b.path.parent for b in found}:  # a copy left by a crash mid-cleaning
        for part in folder.glob("*.rapport.part"):  # may hold them too
            backups.remove_with_sidecars(part)
    for backup in found:
        try:
            if _erase_in_backup(backup.path, customer_id, who):
                cleaned += 1
            else:
                absent += 1
        except Exception as exc:  # one backup's trouble must not stop the others
            log.warning("could not erase customer %s from %s: %s", customer_id,
                        backup.path, exc)
            failed.append((backup.path.name, _why(exc)))
    return BackupsErased(cleaned, absent, failed)


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
    backups.rewrite(path, lambda copy: _erase_rows(copy, customer_id, who))
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
        return con.execute(f"SELECT 1 FROM customer WHERE {_THEM}",
                           who.params(customer_id)).fetchone() is not None
    except sqlite3.DatabaseError as exc:
        raise _Refused("it is damaged") from exc
    finally:
        con.close()


def _erase_rows(copy: Path, customer_id: int, who: Who) -> None:
    """What :func:`erase_customer` does, on a private copy of a backup of any version."""
    con = sqlite3.connect(copy, isolation_level=None)
    try:
        for pragma in ("foreign_keys = ON", "secure_delete = ON", "journal_mode = DELETE",
                       "journal_mode = MEMORY", "temp_store = MEMORY"):
            # Old pages go to no journal file and VACUUM builds in memory: no file ever holds
            # the person but this copy, and a crash only leaves a copy that is thrown away.
            con.execute(f"PRAGMA {pragma}")
        con.execute("BEGIN IMMEDIATE")
        # What ON DELETE SET NULL does, said out loud so it holds whatever the file's pragmas.
        con.execute("UPDATE customer SET referred_by = NULL WHERE referred_by = ?",
                    (customer_id,))
        con.execute(f"DELETE FROM customer WHERE {_THEM}", who.params(customer_id))
        con.execute("DELETE FROM customer_fts WHERE rowid = ?", (customer_id,))
        con.execute("INSERT INTO customer_fts (customer_fts) VALUES ('optimize')")
        con.execute("COMMIT")
        con.execute("VACUUM")  # no free page keeps their words; the file shrinks to fit
    finally:
        con.close()


def _why(exc: Exception) -> str:
    """One short line for the status bar."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text.rstrip(".")[:120]


def person_data(customer_id: int) -> PersonData:
    """The customer with their cards and photo; raise NotFound for an unknown customer."""
    found = records.load_customers([customer_id])
    if not found:
        raise NotFound(f"Customer {customer_id} is no longer in the notebook.")
    cards = [Card(customer_id, r[0], r[1], r[2], r[3], _day(r[4]), _day(r[5]), _day(r[6]),
                  r[7], r[8]) for r in db.execute_sql(
        "SELECT occasion, text, card_format, status, created, printed, mailed, template_id, "
        "id FROM card WHERE customer_id = ? ORDER BY id", (customer_id,))]
    photo = db.execute_sql("SELECT mime, data FROM photo WHERE customer_id = ?",
                           (customer_id,)).fetchone()
    return PersonData(found[0], cards, (photo[0], bytes(photo[1])) if photo else None)


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
