"""Some customers (a selection in the list) written to a vCard or CSV file, as File ▸ Export
writes everyone: the same writers, so a selection's file reads back like the whole one's."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from exports.atomic import write_atomic
from storage import imports, records
from storage.db import db

SUFFIXES = (".vcf", ".csv")


def export_customers(path: Path, ids: Sequence[int]) -> int:
    """Write the customers ``ids`` to ``path`` (.vcf or .csv); return how many."""
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise ValueError("Choose a file ending in .vcf or .csv.")
    with db.reading():  # one consistent snapshot even if the window writes meanwhile
        people = records.load_customers(list(dict.fromkeys(ids)))
        if suffix == ".vcf":
            from exports.vcard_write import dumps

            data = dumps(people, imports.load_photos([c.id for c in people if c.id is not None]))
        else:
            from exports.csv_export import dumps as csv_dumps

            data = csv_dumps(people)
    write_atomic(Path(path), data)
    return len(people)
