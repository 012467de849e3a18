"""One person's data: everything the notebook holds about a customer, and erasing it for good.

Deleting a customer (``customers.delete_customer``) keeps an undo; *erasing* does not, and
leaves nothing behind in the file: the rows go with ``PRAGMA secure_delete`` on (SQLite
overwrites the freed space with zeros), other customers' text that names them is redacted
(:mod:`storage.erase_mentions`), the search index is rebuilt without them (FTS5 keeps deleted
words in its segments until they are merged), and the write-ahead log is checkpointed and
truncated so no old page survives in it (:mod:`storage.erase_pending` when a reader holds it
up). Then :func:`erase_from_backups` takes them out of every backup and every damaged copy of
the notebook too (:mod:`storage.erase_backups`), so that an owner who erases someone at their
request finds them nowhere Rapport keeps a copy. The window and ``main.py erase`` both run
:func:`erase_preview`, :func:`erase_customer` and :func:`erase_from_backups`, in that order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from domain.model import Card, Customer
from storage import erase_mentions, erase_pending, logs, models, owned, records
from storage.customers import NotFound
from storage.db import NotebookReadOnly, current_notebook, db, ensure_intact, sqlite_connection
from storage.erase_backups import (  # part of this module's API too
    BackupsErased,
    Who,
    backup_list,
    damaged_copies,
    erase_from_backups,
)
from storage.erase_mentions import REDACTED, Mention

__all__ = ["BackupsErased", "ErasePreview", "Mention", "PersonData", "Who", "erase_customer",
           "erase_from_backups", "erase_preview", "person_data"]

ERASE_WAIT = 1.0  # seconds the erase waits for a reader before it leaves the wipe pending


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
    mentions: tuple[Mention, ...] = ()  # other customers whose text names them
    damaged: tuple[str, ...] = ()  # file names of damaged copies set aside by a recovery

    def lines(self) -> list[str]:
        """``["3 email addresses", "12 interactions", …]``, the non-zero counts."""
        return [f"{n} {what}{'' if n == 1 else 'es' if what.endswith('s') else 's'}"
                for what, n in self.counts.items() if n]

    def sentences(self) -> list[str]:
        """What goes and from where, who else is touched, no undo: the window shows these as
        paragraphs, the command line as one text (:meth:`message`)."""
        lines = self.lines()
        held = (", ".join(lines[:-1]) + " and " + lines[-1]) if len(lines) > 1 else \
            (lines[0] if lines else "nothing else")
        text = [f"This removes {self.name}'s profile and {held}{self.where()}."]
        if self.referrals:
            text.append(f"{self.referrals} customer{'s' if self.referrals != 1 else ''} they "
                        "referred will no longer show who referred them.")
        if self.mentions:
            shown = "; ".join(m.line() for m in self.mentions[:10])
            more = len(self.mentions) - 10
            shown += f"; and {more} more" if more > 0 else ""
            text.append(f"Other customers' records name them: {shown}. There, their name is "
                        f"replaced by “{REDACTED}”.")
        if self.damaged:
            many = len(self.damaged) != 1
            what = f"{len(self.damaged)} damaged cop{'ies' if many else 'y'}"
            text.append(f"{what} of the notebook set aside by a recovery "
                        f"({', '.join(self.damaged)}) {'are' if many else 'is'} cleaned too, "
                        f"or deleted if SQLite can no longer read {'them' if many else 'it'}.")
        text.append("It cannot be undone.")
        return text

    def message(self) -> str:
        """The confirmation's text: what goes, from where, and that it cannot be undone."""
        return f"Erase {self.name} completely? " + " ".join(self.sentences())

    def done(self) -> str:
        """After the erase, for the status bar and the command line."""
        if self.checkpointed:
            return f"Erased {self.name} and everything about them. This cannot be undone."
        return f"Erased {self.name} from the notebook. {erase_pending.READER}"

    def where(self) -> str:
        """`` from the notebook and from its 3 backups``; nothing when there are none."""
        if not self.backups:
            return ""
        return f" from the notebook and from its {_backups(self.backups)}"


def _backups(n: int) -> str:
    return f"{n} backup{'' if n == 1 else 's'}"


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
    counts = owned.counts(customer_id)  # every table a customer owns (storage.models)
    them = models.Customer
    referrals = them.select().where(them.referred_by == customer_id).count()
    con = sqlite_connection()
    forms = erase_mentions.forms_of(con, customer_id)
    created, given, family, company = them.select(
        them.created, them.given_name, them.family_name, them.company).where(
        them.id == customer_id).tuples().get()
    who = Who(created, given, family, company, names=forms)
    return ErasePreview(customer_id, name, counts, referrals, who=who,
                        backups=len(backup_list()),
                        mentions=tuple(erase_mentions.find(con, customer_id, forms)),
                        damaged=tuple(p.name for p in damaged_copies()))


def erase_customer(customer_id: int, wait: float = ERASE_WAIT) -> ErasePreview:
    """Remove the customer and all that is theirs, and their name from others' text, leaving
    no trace in the notebook file; ``checkpointed`` False when a reader holds the last step
    up (it completes later: :mod:`storage.erase_pending`)."""
    info = current_notebook()
    if info is None or info.read_only:
        raise NotebookReadOnly("This notebook is open read-only; nobody can be erased from it.")
    _name(customer_id)  # an unknown customer leaves no pending mark
    ensure_intact()  # nor does a damaged notebook, which is not written to
    erase_pending.begin(info.path)
    secure_before = db.execute_sql("PRAGMA secure_delete").fetchone()[0]
    db.execute_sql("PRAGMA secure_delete = ON")  # a connection setting: outside the transaction
    try:
        with db.atomic():
            removed = erase_preview(customer_id)
            erase_mentions.redact(sqlite_connection(), customer_id, removed.who.names)
            # Every owned row goes with the customer (ON DELETE CASCADE, storage.models).
            models.Customer.delete().where(models.Customer.id == customer_id).execute()
            db.execute_sql("DELETE FROM customer_fts WHERE rowid = ?", (customer_id,))
            # Merge the index's segments so the deleted words are really gone.
            db.execute_sql("INSERT INTO customer_fts (customer_fts) VALUES ('optimize')")
    finally:
        db.execute_sql(f"PRAGMA secure_delete = {int(secure_before)}")
    # An exception's message in the log may have named them: the log is a file we keep too.
    who = removed.who
    names = erase_mentions.matcher(who.names)  # their numbers in any writing too
    logs.redact((removed.name, f"{who.given_name} {who.family_name}".strip(), *who.names),
                [names] if names else [])
    done = erase_pending.finish(wait)
    return ErasePreview(removed.customer_id, removed.name, removed.counts, removed.referrals,
                        checkpointed=done, who=removed.who, backups=removed.backups,
                        mentions=removed.mentions, damaged=removed.damaged)


def person_data(customer_id: int) -> PersonData:
    """The customer with their cards and photo; raise NotFound for an unknown customer."""
    found = records.load_customers([customer_id])
    if not found:
        raise NotFound(f"Customer {customer_id} is no longer in the notebook.")
    card, picture = models.Card, models.Photo
    cards = [Card(customer_id, r.occasion, r.text, r.card_format, r.status, _day(r.created),
                  _day(r.printed), _day(r.mailed), r.template_id, r.id)
             for r in card.select().where(card.customer == customer_id).order_by(card.id)]
    photo = picture.select(picture.mime, picture.data).where(
        picture.customer == customer_id).tuples().first()
    return PersonData(found[0], cards, (photo[0], bytes(photo[1])) if photo else None)


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
