"""Bringing contacts into the notebook: a preview first, then one transaction for all of them.

    read = exports.vcard.read_file(path)          # parse: nothing written
    plan = imports.preview(read)                  # new / exact / possible / broken, per entry
    outcome = imports.apply(plan, {3: "skip"})    # the owner's choices; the rest as proposed

``apply`` writes everything or, if anything fails, nothing: the good entries of a file all
arrive together. New customers go in with the bulk helpers of ``records`` and the search
index is rebuilt once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from domain.contacts import Incoming, ReadResult, phone_key
from domain.contacts_dates import DateOrder
from domain.dates import PartialDate
from domain.duplicates import ADD, MERGE, POSSIBLE, SKIP, Candidate, Match, classify, merge
from domain.duplicates import name_key as _name_key
from domain.duplicates_names import settle
from domain.model import Address, Customer, Milestone
from storage import agenda, backups, bulk, collector, customer_search, records
from storage.customers import names
from storage.db import db, ensure_intact


@dataclass(frozen=True, slots=True)
class PreviewRow:
    """One line of the import preview, as a dialog shows it."""

    index: int
    position: str
    name: str
    verdict: str  # new / exact / possible / broken
    action: str  # proposed: add / merge / skip
    existing_id: int | None
    existing_name: str
    score: int
    reason: str  # "same name and same email", or why a broken entry is skipped


@dataclass
class ImportPreview:
    """What an import would do; ``apply`` it with the owner's choices."""

    source: str
    entries: list[Incoming]
    matches: list[Match]
    existing_names: dict[int, str] = field(default_factory=dict)
    fatal: str = ""
    notes: list[str] = field(default_factory=list)  # how the file was read (ReadResult.notes)
    date_order: DateOrder | None = None  # a CSV file's date order, for the preview's switch

    def rows(self) -> list[PreviewRow]:
        return [self.row(i) for i in range(len(self.entries))]

    def row(self, i: int) -> PreviewRow:
        entry, match = self.entries[i], self.matches[i]
        existing = match.existing_id
        existing_name = self.existing_names.get(existing, "") if existing else ""
        if match.same_as is not None:
            existing_name = f"{self.entries[match.same_as].position} of this file"
        name = entry.customer.display_name if entry.customer else ""
        return PreviewRow(i, entry.position, name, match.verdict, match.action, existing,
                          existing_name, match.score, entry.problem or match.reason)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = defaultdict(int)
        for match in self.matches:
            out[match.verdict] += 1
        return dict(out)


@dataclass
class ImportOutcome:
    """What ``apply`` did; the fields of ``exports.registry.ImportReport`` and the ids touched."""

    source: str
    added: int = 0
    merged: int = 0
    skipped: int = 0
    problems: list[str] = field(default_factory=list)
    customer_ids: list[int] = field(default_factory=list)
    fatal: str = ""  # nothing in the file could be read; also in ``problems``

    def report_fields(self) -> dict:
        return {"source": self.source, "added": self.added, "merged": self.merged,
                "skipped": self.skipped, "problems": self.problems, "fatal": self.fatal}


# --- before ----------------------------------------------------------------------------------

def backup_before_import() -> Path:
    """A verified copy of the notebook as it is, before a bulk import changes it.

    The window and the command line both call it, outside the import's transaction (a copy
    taken inside one would hold the import's uncommitted rows). A damaged notebook is named
    as damaged here, before a copy of it fails to verify.
    """
    ensure_intact()
    return backups.backup_now("before-import")


# --- preview ---------------------------------------------------------------------------------

def existing_candidates() -> list[Candidate]:
    """Everyone in the notebook as matching needs them, in three queries."""
    emails: dict[int, list[str]] = defaultdict(list)
    phones: dict[int, list[str]] = defaultdict(list)
    for cid, address in db.execute_sql("SELECT customer_id, address FROM email"):
        emails[cid].append(address.casefold())
    for cid, number in db.execute_sql("SELECT customer_id, number FROM phone"):
        phones[cid].append(phone_key(number))
    rows = db.execute_sql("SELECT id, given_name, family_name, company FROM customer")
    return [Candidate(cid, _name_key(given, family, company), tuple(emails[cid]),
                      tuple(phones[cid])) for cid, given, family, company in rows]


def preview(read: ReadResult) -> ImportPreview:
    """Classify every entry of ``read`` against the open notebook; writes nothing."""
    if read.fatal:
        return ImportPreview(read.source, [], [], fatal=read.fatal)
    with collector.paused():
        incoming, existing = [e.customer for e in read.entries], existing_candidates()
        matches = classify(incoming, existing)
        # A names-only row and the one customer of that name, nothing differing: the same
        # person.
        matches = settle(incoming, matches, existing, telling_apart)
    ids = sorted({m.existing_id for m in matches if m.existing_id is not None})
    return ImportPreview(read.source, read.entries, matches, names(ids), notes=read.notes,
                         date_order=read.date_order)


def telling_apart(ids: Sequence[int]) -> list[Customer]:
    """Just what tells two people of one name apart (company, addresses, birthday and
    anniversary): three queries per 900 customers, not a whole profile."""
    out: list[Customer] = []
    for start in range(0, len(ids), 900):
        chunk = tuple(ids[start:start + 900])
        marks = ",".join("?" * len(chunk))
        people = {cid: Customer(id=cid, company=company) for cid, company in db.execute_sql(
            f"SELECT id, company FROM customer WHERE id IN ({marks})", chunk)}
        for cid, *parts in db.execute_sql(
                "SELECT customer_id, street, city, region, postal_code, country FROM address "
                f"WHERE customer_id IN ({marks})", chunk):
            people[cid].addresses.append(Address(*parts))
        for cid, kind, month, day, year in db.execute_sql(
                "SELECT customer_id, kind, month, day, year FROM milestone WHERE whose = '' "
                f"AND kind IN ('birthday', 'wedding_anniversary') AND customer_id IN ({marks})",
                chunk):
            people[cid].milestones.append(Milestone(kind, PartialDate(month, day, year)))
        out.extend(people.values())
    return out


# --- apply -----------------------------------------------------------------------------------

@dataclass
class _Plan:
    """Where each entry ends up: a new customer (by entry index) or an existing one."""

    new: dict[int, Customer] = field(default_factory=dict)
    merged: dict[int, Customer] = field(default_factory=dict)  # existing id → merged result
    fate: dict[int, tuple[str, int]] = field(default_factory=dict)  # entry → (add|merge, key)
    photos_new: dict[int, bytes] = field(default_factory=dict)
    photos_merged: dict[int, bytes] = field(default_factory=dict)


def apply(plan: ImportPreview, choices: Mapping[int, str] | None = None) -> ImportOutcome:
    """Carry out the import: ``choices`` maps entry index → add / merge / skip.

    Entries without a choice take their proposed action (exact duplicates are merged,
    possible ones added as new customers, broken ones skipped). All or nothing.
    """
    outcome = ImportOutcome(plan.source)
    if plan.fatal:
        outcome.problems.append(plan.fatal)
        outcome.fatal = plan.fatal
        return outcome
    outcome.problems.extend(plan.notes)  # a guessed encoding or date order, to be checked
    choices = choices or {}
    with collector.paused(), db.atomic():
        was_empty = db.execute_sql("SELECT count(*) FROM customer").fetchone()[0] == 0
        if was_empty:  # everyone will be new: their agendas worked out once at the commit,
            agenda.mark_everyone()  # indexes built once, and no trigger marks anyone singly
        existing = _load_targets(plan, choices)
        steps = _Plan()
        for i, entry in enumerate(plan.entries):
            _place(steps, i, entry, plan.matches[i], choices.get(i), existing, outcome)
            _note(plan, i, outcome, steps)
        with bulk.marking_paused():  # everyone marked: no trigger need mark them singly
            new_ids = _insert_new(steps)
            changed = _write_merged(steps, existing)
            _save_photos(steps, new_ids)
        records.reindex(None if was_empty else [*new_ids.values(), *changed])
    outcome.customer_ids = [*new_ids.values(), *steps.merged]
    return outcome


def _action(match: Match, choice: str | None) -> str:
    if match.verdict == "broken":
        return SKIP
    action = choice or match.action
    if action == MERGE and match.existing_id is None and match.same_as is None:
        return ADD
    return action


def _load_targets(plan: ImportPreview, choices: Mapping[int, str]) -> dict[int, Customer]:
    ids = [m.existing_id for i, m in enumerate(plan.matches)
           if m.existing_id is not None and _action(m, choices.get(i)) == MERGE]
    loaded = records.load_customers(sorted(set(ids))) if ids else []
    return {c.id: c for c in loaded if c.id is not None}  # (stored ones all have theirs)


def _place(steps: _Plan, i: int, entry: Incoming, match: Match, choice: str | None,
           existing: dict[int, Customer], outcome: ImportOutcome) -> None:
    action, c = _action(match, choice), entry.customer
    if action == SKIP or c is None:  # a broken entry (no customer) is always skipped
        outcome.skipped += 1
        return
    target = _merge_target(steps, match, existing) if action == MERGE else None
    if target is None:
        steps.new[i], steps.fate[i] = c, (ADD, i)
        _keep_photo(steps.photos_new, i, entry.photo)
        outcome.added += 1
    elif target[0] == ADD:
        steps.new[target[1]] = merge(steps.new[target[1]], c)
        steps.fate[i] = target
        _keep_photo(steps.photos_new, target[1], entry.photo)
        outcome.merged += 1
    else:
        cid = target[1]
        steps.merged[cid] = merge(steps.merged.get(cid) or existing[cid], c)
        steps.fate[i] = target
        _keep_photo(steps.photos_merged, cid, entry.photo)
        outcome.merged += 1


def _merge_target(steps: _Plan, match: Match, existing: dict[int, Customer]
                  ) -> tuple[str, int] | None:
    """Where a merge goes; None (add instead) when its customer was deleted since the
    preview or the earlier entry it matched was skipped."""
    if match.existing_id is not None:
        return (MERGE, match.existing_id) if match.existing_id in existing else None
    return None if match.same_as is None else steps.fate.get(match.same_as)


def _keep_photo(photos: dict[int, bytes], key: int, photo: bytes | None) -> None:
    if photo and key not in photos:
        photos[key] = photo


def _note(plan: ImportPreview, i: int, outcome: ImportOutcome, steps: _Plan) -> None:
    entry, match = plan.entries[i], plan.matches[i]
    outcome.problems.extend(entry.warnings)
    if entry.customer is None:  # broken
        outcome.problems.append(f"{entry.position}: {entry.problem} — skipped")
    elif match.verdict == POSSIBLE and steps.fate.get(i, (None,))[0] == ADD:
        other = plan.row(i).existing_name or "a customer"
        outcome.problems.append(
            f"{entry.position}: {entry.customer.display_name} may be {other} "
            f"({match.reason}, name {match.score}% alike) — added as a new customer")


def _insert_new(steps: _Plan) -> dict[int, int]:
    ids = dict(zip(steps.new, records.insert_new_customers(list(steps.new.values())),
                   strict=True))
    pairs = [(ids[i], c) for i, c in steps.new.items()]
    records.insert_profile_children(pairs)
    records.insert_timeline(pairs)
    return ids


def _write_merged(steps: _Plan, existing: dict[int, Customer]) -> list[int]:
    """Save merged customers that gained something; return their ids."""
    changed = [cid for cid, c in steps.merged.items() if c != existing[cid]]
    for cid in changed:
        records.update_customer_row(steps.merged[cid])
        records.delete_children(cid, records.PROFILE_CHILDREN)
    records.insert_profile_children([(cid, steps.merged[cid]) for cid in changed])
    return changed


def _save_photos(steps: _Plan, new_ids: dict[int, int]) -> None:
    rows = [(new_ids[i], data) for i, data in steps.photos_new.items() if i in new_ids]
    db.connection().executemany("INSERT INTO photo (customer_id, data) VALUES (?, ?)", rows)
    # A customer who already has a photo keeps it.
    db.connection().executemany("INSERT OR IGNORE INTO photo (customer_id, data) VALUES (?, ?)",
                                list(steps.photos_merged.items()))


# --- photos and settings -----------------------------------------------------------------

def load_photos(ids: Sequence[int]) -> dict[int, tuple[str, bytes]]:
    """Customer id → (mime type, image bytes) for those of ``ids`` who have a photo."""
    out: dict[int, tuple[str, bytes]] = {}
    for start in range(0, len(ids), 900):
        chunk = tuple(ids[start:start + 900])
        rows = db.execute_sql("SELECT customer_id, mime, data FROM photo WHERE customer_id IN "
                              f"({','.join('?' * len(chunk))})", chunk)
        out.update((cid, (mime, bytes(data))) for cid, mime, data in rows)
    return out


def default_region() -> str:
    """Where numbers without ``+`` are read: the ``region`` setting, else US (the one reading
    of it, storage.customer_search.region)."""
    return customer_search.region()
