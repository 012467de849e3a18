"""The notebook's own random id, kept as a setting: what makes the UIDs of its vCards unlike
any other notebook's (``rapport-customer-7`` was the same in every notebook) while the same
customer keeps theirs from one export to the next. Made at the first export that needs it;
a JSON export carries it with the other settings, so a restored notebook keeps its UIDs."""

from __future__ import annotations

import json
import uuid

from peewee import DatabaseError

from storage.db import current_notebook, db

KEY = "notebook_id"


def notebook_id() -> uuid.UUID:
    """This notebook's id, made now if it has none yet."""
    found = _stored()
    if found is not None:
        return found
    fresh = str(uuid.uuid4())
    try:
        with db.atomic():
            db.execute_sql("INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
                           (KEY, json.dumps(fresh)))
    except DatabaseError:  # opened read-only (a newer notebook): stable for this file at least
        info = current_notebook()
        return uuid.uuid5(uuid.NAMESPACE_URL, f"rapport:{info.path if info else ''}")
    return uuid.UUID(fresh)


def _stored() -> uuid.UUID | None:
    row = db.execute_sql("SELECT value FROM setting WHERE key = ?", (KEY,)).fetchone()
    try:
        return uuid.UUID(json.loads(row[0])) if row else None
    except (ValueError, TypeError, AttributeError):  # hand-edited: a good one replaces it
        return None
