"""Imports flow one way: ui → exports, storage → domain. Checked on the source text."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# package -> top-level modules it must never import
FORBIDDEN = {
    "domain": {"PySide6", "peewee", "reportlab", "storage", "exports", "ui"},
    "storage": {"PySide6", "exports", "ui", "reportlab"},
    "exports": {"PySide6", "ui"},
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_layer_imports_only_downwards(package):
    offenders = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        bad = _imports(path) & FORBIDDEN[package]
        if bad:
            offenders[str(path.relative_to(ROOT))] = sorted(bad)
    assert offenders == {}


# --- no SQL and no database handle under ui/ ------------------------------------------------
# Widgets never query the notebook: ui/ calls storage functions, on the operations worker.
# A module that imports one of these, calls one of these methods or holds SQL text reaches
# the database itself.
DATABASE_MODULES = {"sqlite3", "peewee", "playhouse", "apsw", "storage.models",
                    "storage.database"}
DATABASE_NAMES = {("storage.db", "db"), ("storage.db", "sqlite_connection"),
                  ("storage.db", "connect_read_only"), ("storage", "db"),
                  ("storage", "models"), ("storage", "database")}
DATABASE_CALLS = {"execute_sql", "execute", "executemany", "executescript", "cursor",
                  "atomic", "transaction", "savepoint", "connection", "reading"}
# SQL as the project writes it: upper-case keywords. Owner-facing text ("Select the cards
# from the list") is not upper case, so this does not trip on words.
SQL = re.compile(r"\bSELECT\b.*\bFROM\b|\bINSERT\s+(OR\s+\w+\s+)?INTO\b|\bUPDATE\s+\w+\s+SET\b|"
                 r"\bDELETE\s+FROM\b|\b(CREATE|DROP|ALTER)\s+(TABLE|INDEX|TRIGGER|VIEW)\b|"
                 r"\bPRAGMA\s+\w+", re.DOTALL)


def database_use(path: Path) -> list[str]:
    """Each way ``path`` reaches the database itself, in words (empty: none)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [f"imports {a.name}" for a in node.names if _is_database_module(a.name)]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if _is_database_module(node.module):
                found.append(f"imports {node.module}")
            found += [f"imports {a.name} from {node.module}" for a in node.names
                      if (node.module, a.name) in DATABASE_NAMES]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in DATABASE_CALLS:
            found.append(f"calls .{node.func.attr}() (line {node.lineno})")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and SQL.search(node.value):
            found.append(f"holds SQL (line {node.lineno})")
    return found


def _is_database_module(name: str) -> bool:
    return any(name == m or name.startswith(m + ".") for m in DATABASE_MODULES)


def test_no_sql_and_no_database_handle_under_ui():
    offenders = {str(p.relative_to(ROOT)): use for p in sorted((ROOT / "ui").rglob("*.py"))
                 if (use := database_use(p))}
    assert offenders == {}


@pytest.mark.parametrize("source", [
    "import sqlite3",
    "from peewee import fn",
    "from storage.db import db",
    "from storage import models",
    "rows = notebook.execute_sql('x')",
    "with db.atomic():\n    pass",
    "q = 'SELECT id FROM milestone WHERE id = ?'",
    "q = f'SELECT id, note FROM milestone WHERE id IN ({marks})'",
    "q = 'INSERT INTO tag (name) VALUES (?)'",
    "q = 'UPDATE promise SET status = ?'",
])
def test_the_sql_check_sees_each_way_in(tmp_path, source):
    path = tmp_path / "widget.py"
    path.write_text(source + "\n", encoding="utf-8")
    assert database_use(path)


@pytest.mark.parametrize("source", [
    "from storage.db import NotebookInfo, open_notebook",
    "from storage import customers",
    "label = 'Select the cards from the list, then print'",
    "self.list.select(customer_id)",
    "dialog.exec()",
])
def test_the_sql_check_leaves_ordinary_code_alone(tmp_path, source):
    path = tmp_path / "widget.py"
    path.write_text(source + "\n", encoding="utf-8")
    assert database_use(path) == []
