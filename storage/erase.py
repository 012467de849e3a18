"""One person's data: everything the notebook holds about a customer, and erasing it for good.

Deleting a customer (``customers.delete_customer``) keeps an undo; *erasing* does not, and
leaves nothing behind in the file: the rows go with ``PRAGMA secure_delete`` on (SQLite
overwrites the freed space with zeros), the search index is rebuilt without them (FTS5 keeps
deleted words in its segments until they are merged), and the write-ahead log is checkpointed
and truncated so no old page survives in it. Backups taken earlier still hold the customer
until they are thinned away; the confirmation says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from domain.model import Card, Customer
from storage import records
from storage.customers import NotFound
from storage.db import db

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

    def lines(self) -> list[str]:
        """``["3 email addresses", "12 interactions", …]``, the non-zero counts."""
        return [f"{n} {what}{'' if n == 1 else 'es' if what.endswith('s') else 's'}"
                for what, n in self.counts.items() if n]

    def message(self) -> str:
        """The confirmation's text: what goes, that it cannot be undone, and the backups."""
        held = ", ".join(self.lines()) or "only the name"
        text = f"Erase {self.name} completely? This removes their profile and {held}."
        if self.referrals:
            text += (f" {self.referrals} customer{'s' if self.referrals != 1 else ''} they "
                     "referred will no longer show who referred them.")
        return text + (" It cannot be undone. Backups made before now still hold this "
                       "customer until they are thinned away.")


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
    return ErasePreview(customer_id, name, counts, referrals)


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
                        checkpointed=not busy)


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
