"""Numbered, atomic schema migrations. Each step runs in one transaction; a backup comes first.

To change the schema, append a function to ``STEPS``; never edit a step that has shipped.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from peewee import SqliteDatabase

from storage.db import APPLICATION_ID

SCHEMA = Path(__file__).with_name("schema.sql")


def _create_schema(db: SqliteDatabase) -> None:
    """Version 1: the whole schema."""
    script = SCHEMA.read_text(encoding="utf-8")
    for statement in _statements(script):
        db.execute_sql(statement)


def _statements(script: str) -> list[str]:
    lines = [line.split("--", 1)[0] for line in script.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def _add_photos(db: SqliteDatabase) -> None:
    """Version 2: one small photo per customer (downscaled JPEG from an imported vCard)."""
    db.execute_sql(
        "CREATE TABLE photo (customer_id INTEGER PRIMARY KEY "
        "REFERENCES customer(id) ON DELETE CASCADE, "
        "mime TEXT NOT NULL DEFAULT 'image/jpeg', data BLOB NOT NULL)")


def _add_touch_index(db: SqliteDatabase) -> None:
    """Version 3: the Today queue reads each customer's latest touches (day, kind, channel,
    newest first) from one index alone, never from the table's rows."""
    db.execute_sql("CREATE INDEX interaction_touch "
                   "ON interaction(customer_id, date, id, kind, channel)")


STEPS: list[Callable[[SqliteDatabase], None]] = [_create_schema, _add_photos, _add_touch_index]
LATEST = len(STEPS)


def current_version(db: SqliteDatabase) -> int:
    return db.execute_sql("PRAGMA user_version").fetchone()[0]


def migrate(db: SqliteDatabase, path: Path) -> int:
    """Bring the notebook at ``path`` to ``LATEST``; return the version it is at."""
    version = current_version(db)
    if version > LATEST:
        return version
    if 0 < version < LATEST:
        from storage.backups import backup_before

        backup_before(path, f"before-v{LATEST}")
    for number in range(version + 1, LATEST + 1):
        with db.atomic():
            STEPS[number - 1](db)
            db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute_sql(f"PRAGMA user_version = {number}")
    return LATEST
