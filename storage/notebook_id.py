"""The notebook's own random id: what makes the UIDs of its vCards unlike any other notebook's
(``rapport-customer-7`` was the same in every notebook) while the same customer keeps theirs
from one export to the next. Made with the notebook (or by migration 6); it says which file
this is, not what is in it, so the notebook JSON does not carry it (``bulk.load_settings``)."""

from __future__ import annotations

import json
import uuid

from peewee import DatabaseError

from storage.db import current_notebook, db
from storage.errors import NotebookError
from storage.migrations import NOTEBOOK_ID, add_notebook_id


def notebook_id() -> uuid.UUID:
    """This notebook's id; made now if it lost it (and can be written)."""
    found = _stored()
    info = current_notebook()
    if found is not None or info is None or info.read_only:
        return found or _derived()  # an older notebook opened read-only: from what it holds
    try:
        with db.atomic():
            db.execute_sql("DELETE FROM setting WHERE key = ?", (NOTEBOOK_ID,))
            add_notebook_id(db)
    except (DatabaseError, NotebookError):  # could not be written after all
        return _derived()
    return _stored() or _derived()


def _stored() -> uuid.UUID | None:
    row = db.execute_sql("SELECT value FROM setting WHERE key = ?", (NOTEBOOK_ID,)).fetchone()
    try:
        return uuid.UUID(json.loads(row[0])) if row else None
    except (ValueError, TypeError, AttributeError):  # edited by hand: a good one replaces it
        return None


def _derived() -> uuid.UUID:
    """Stable for this file as long as it is read-only: its place and its first customer's
    creation stamp (to the second)."""
    info = current_notebook()
    row = db.execute_sql("SELECT min(created) FROM customer").fetchone()
    return uuid.uuid5(uuid.NAMESPACE_URL, f"rapport:{info.path if info else ''}:{row[0]}")
