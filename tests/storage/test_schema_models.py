"""The schema is declared once, by the peewee models: a new notebook's tables come from them,
and a notebook brought up through every numbered migration has exactly the same ones."""

from __future__ import annotations

import re
import sqlite3

from peewee import SqliteDatabase

from storage import migrations


def _squeeze(sql: str | None) -> str:
    """SQL text without quotes (of either kind), spaces or case: peewee's and hand-written
    SQL compare equal."""
    return re.sub(r"[\s\"']", "", sql or "").lower()


def describe(path) -> dict:
    """Every table's columns (with types, NOT NULL, defaults, keys and generated columns),
    foreign keys and indexes (with collations and expressions), and every trigger."""
    con = sqlite3.connect(path)
    try:
        out: dict = {}
        for kind, name, sql in con.execute(
                "SELECT type, name, sql FROM sqlite_master ORDER BY type, name"):
            if kind == "table":
                out[name] = {
                    "columns": con.execute(f"PRAGMA table_xinfo('{name}')").fetchall(),
                    "foreign keys": con.execute(f"PRAGMA foreign_key_list('{name}')").fetchall(),
                    "indexes": sorted(
                        (index, unique, origin, partial,
                         con.execute(f"PRAGMA index_xinfo('{index}')").fetchall())
                        for _, index, unique, origin, partial
                        in con.execute(f"PRAGMA index_list('{name}')")),
                    "without rowid": "withoutrowid" in _squeeze(sql),
                    "virtual": _squeeze(sql) if sql and "VIRTUAL" in sql.upper() else None,
                }
            elif kind == "index" and sql and "(" in sql:  # an expression's text, not its columns
                out[f"index {name}"] = _squeeze(sql.split("(", 1)[1])
            elif kind == "trigger":
                out[f"trigger {name}"] = _squeeze(sql)
        return out
    finally:
        con.close()


def through_the_migrations(path) -> None:
    """A notebook made as version 1 and brought up step by step, as an owner's old one is."""
    db = SqliteDatabase(str(path), pragmas={"foreign_keys": 1})
    for step in migrations.STEPS:
        with db.atomic():
            step(db)
    db.close()


def from_the_models(path) -> None:
    from storage import models

    db = SqliteDatabase(str(path))
    with db.bind_ctx(models.ALL_MODELS):
        migrations.create_latest(db)
    db.close()


def test_the_models_declare_the_schema_the_migrations_build(tmp_path):
    through_the_migrations(tmp_path / "old.rapport")
    from_the_models(tmp_path / "new.rapport")
    old, new = describe(tmp_path / "old.rapport"), describe(tmp_path / "new.rapport")
    assert new.keys() == old.keys()
    for name in old:
        assert new[name] == old[name], name


def test_a_new_notebook_is_made_from_the_models(notebook, tmp_path):
    through_the_migrations(tmp_path / "old.rapport")
    assert describe(notebook.path) == describe(tmp_path / "old.rapport")
    from storage.db import db

    assert db.execute_sql("PRAGMA user_version").fetchone()[0] == migrations.LATEST


def test_every_model_is_a_table_and_every_table_a_model(notebook):
    from storage import models
    from storage.db import db

    tables = {r[0] for r in db.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE 'customer_fts_%'")}
    assert {m._meta.table_name for m in models.ALL_MODELS} == tables
