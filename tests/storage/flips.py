"""Real bit flips in a notebook file's index or table pages (found through SQLite's dbstat)."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

PAGE = 4096


def _leaves(path: Path, kind: str) -> list[tuple[str, int]]:
    con = sqlite3.connect(f"{path.as_uri()}?immutable=1", uri=True)
    try:
        return con.execute(
            "SELECT d.name, d.pageno FROM dbstat d JOIN sqlite_master m ON m.name = d.name "
            "WHERE m.type = ? AND d.pagetype = 'leaf' AND d.ncell > 0 "
            "AND m.name NOT LIKE 'sqlite%' ORDER BY 1, 2", (kind,)).fetchall()
    finally:
        con.close()


def flip_in_index(path: Path, rng: random.Random) -> str:
    """Flip bits of one byte inside one entry of an index leaf page; return the index's name."""
    name, page = rng.choice(_leaves(path, "index"))
    data = bytearray(path.read_bytes())
    base = (page - 1) * PAGE
    cells = int.from_bytes(data[base + 3:base + 5], "big")
    cell = rng.randrange(cells)
    start = base + int.from_bytes(data[base + 8 + 2 * cell:base + 10 + 2 * cell], "big")
    size = data[start]  # the payload's length: one varint byte for these short entries
    data[start + 1 + rng.randrange(1, size)] ^= rng.randrange(1, 256)
    path.write_bytes(bytes(data))
    return name


def flip_in_table(path: Path, rng: random.Random, table: str = "customer") -> None:
    """Flip the header of one of ``table``'s leaf pages (damage quick_check sees)."""
    _name, page = rng.choice([leaf for leaf in _leaves(path, "table") if leaf[0] == table])
    data = bytearray(path.read_bytes())
    for i in range((page - 1) * PAGE, (page - 1) * PAGE + 8):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))


def verdicts(path: Path) -> tuple[str, list[str]]:
    """(quick_check's first line, integrity_check's lines) of the file as it stands."""
    con = sqlite3.connect(f"{path.as_uri()}?immutable=1", uri=True)
    try:
        quick = con.execute("PRAGMA quick_check").fetchone()[0]
        return quick, [r[0] for r in con.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as exc:
        return str(exc), [str(exc)]
    finally:
        con.close()
