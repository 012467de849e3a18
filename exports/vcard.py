"""vCard files in and out: the entry points the command line and the window use.

Import is three steps so that a dialog can show the middle one::

    read = read_file(path)                        # parse; nothing written
    plan = storage.imports.preview(read)          # new / duplicate / broken, proposed action
    outcome = storage.imports.apply(plan, choices)

``import_file`` does all three with the proposed actions (the command line): exact
duplicates are merged, possible ones added as new customers, broken cards skipped.
"""

from __future__ import annotations

from pathlib import Path

from domain.contacts import ReadResult
from exports.atomic import write_atomic
from exports.registry import ImportReport
from exports.vcard_read import read_path
from exports.vcard_write import dumps
from storage import collector, imports, records
from storage.db import db
from storage.notebook_id import notebook_id


def read_file(path: Path, region: str | None = None) -> ReadResult:
    """Parse the .vcf at ``path`` card by card (phones read in ``region``, else the
    notebook's); a file of any size is read without being held whole."""
    region = region or imports.default_region()
    with collector.paused():
        return read_path(Path(path), region)


def import_file(path: Path) -> ImportReport:
    """Import every good card of ``path`` into the open notebook; say what happened."""
    # One pause of the cycle collector for the three steps, not one each: when a pause ends,
    # the next allocation makes the collector walk every object made during it (the read's
    # 10,000 entries, then the preview's) though none is in a cycle. Here they are freed
    # before the pause ends (0.07 of 2.0 s CPU at 10,000 cards).
    with collector.paused():
        outcome = imports.apply(imports.preview(read_file(path)))
    return ImportReport(**outcome.report_fields())


def export_file(path: Path, version: str = "3.0") -> int:
    """Write every customer to ``path`` as vCard ``version`` (3.0, which every address book
    reads, or 4.0); return how many."""
    if version not in ("3.0", "4.0"):
        raise ValueError(f"Rapport writes vCard 3.0 or 4.0, not {version!r}.")
    identity = notebook_id()  # made (a write) before the snapshot, on the first export
    with db.reading():  # one consistent snapshot even if the window writes meanwhile
        customers = records.load_customers()
        photos = imports.load_photos([c.id for c in customers])
    write_atomic(Path(path), dumps(customers, photos, version, identity))
    return len(customers)
