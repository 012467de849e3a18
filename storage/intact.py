"""SQLite's full integrity check, what its findings mean, and which files already passed it.

``PRAGMA quick_check`` (run at every open) misses damaged indexes; ``integrity_check`` finds
them but costs about 3.5× as much (at 50,000 customers: 0.17 s against 0.59 s). So the full
check runs once before the first write of a session (see :func:`storage.db.ensure_intact`), and
a file that passed it is remembered by its identity (device, inode, size, modification and
change times of the file and of its -wal): while one writer holds the notebook, no one else
changes it, and any change from outside moves that identity, which makes the next session check
it again. The change time (ctime) counts because nobody can set it back: a write whose
modification time was put back (``touch -r``, ``cp -p``) still moves it. Damage no system call
made (a disk's own bit rot) moves nothing; only the full check itself would find that.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
from pathlib import Path

from storage.lock import open_regular
from storage.paths import data_dir

LIMIT = 200  # findings read at most; a file with more is too damaged to call index-only
REMEMBERED = 20  # files whose identity is kept
_CACHE = "checked.json"
_DAMAGED = "damaged:"
_INDEX_FINDING = re.compile(r"(row \d+ missing from|wrong # of entries in|non-unique entry in) "
                            r"index \S+")


def integrity_findings(con: sqlite3.Connection) -> list[str]:
    """SQLite's full ``integrity_check`` over ``con``: its findings, or [] when all is well."""
    rows = [line.strip() for (text,) in con.execute(f"PRAGMA integrity_check({LIMIT})")
            for line in str(text).splitlines()]
    return [] if rows == ["ok"] else [r for r in rows if r and not r.startswith("***")]


def index_only(findings: list[str]) -> bool:
    """Whether every finding is about an index (rebuilt from its table by ``REINDEX``).

    A flipped byte in a table cell of an indexed column reads the same way ("row N missing
    from index X"): SQLite cannot tell which side changed. The repair keeps a copy first.
    """
    return (0 < len(findings) < LIMIT
            and all(_INDEX_FINDING.fullmatch(f) for f in findings))


def identity(path: Path) -> list[int] | None:
    """The file's and its -wal's device, inode, size, modification and change times (None:
    missing)."""
    found: list[int] = []
    for name in (str(path), f"{path}-wal"):
        try:
            st = os.stat(name)
        except FileNotFoundError:
            st = None
        if st is None and name == str(path):
            return None
        # An empty -wal (each open makes a new one) holds nothing: it does not count.
        found += [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns] \
            if st and st.st_size else [0, 0, 0, 0, 0]
    return found


def _load() -> dict[str, list[int]]:
    try:  # a FIFO there must not hang every writer: regular files only, never waiting
        fd = open_regular(data_dir() / _CACHE)
        with os.fdopen(fd, encoding="utf-8") as fh:
            known = json.load(fh)
        return known if isinstance(known, dict) else {}
    except (OSError, ValueError):
        return {}


def known_intact(path: Path) -> bool:
    """Whether ``path``, as it stands now, passed the full check before."""
    now = identity(path)
    return now is not None and _load().get(str(path)) == now


def remember_intact(path: Path) -> None:
    """Remember that ``path`` as it stands now passed the full check (best effort)."""
    now = identity(path)
    known = {k: v for k, v in _load().items() if k not in (str(path), _DAMAGED + str(path))}
    if now is not None:
        known[str(path)] = now
    _save(dict(list(known.items())[-REMEMBERED:]))


def remember_damaged(path: Path) -> None:
    """Remember that ``path`` as it stands failed the full check: the next open checks it in
    full (and so offers a backup) instead of only the quick check, which misses it."""
    known = {k: v for k, v in _load().items() if k != str(path)}
    now = identity(path)
    if now is not None:
        known[_DAMAGED + str(path)] = now
    _save(known)


def known_damaged(path: Path) -> bool:
    """Whether ``path``, as it stands now, failed the full check before."""
    now = identity(path)
    return now is not None and _load().get(_DAMAGED + str(path)) == now


def forget(path: Path) -> None:
    """Forget ``path``: the next session checks it in full again."""
    known = _load()
    if known.pop(str(path), None) is not None:
        _save(known)


def _save(known: dict[str, list[int]]) -> None:
    with contextlib.suppress(OSError):  # only a hint: the worst is one check too many
        cache = data_dir() / _CACHE
        tmp = cache.with_name(f"{_CACHE}.{os.getpid()}.part")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(known, fh)
        os.replace(tmp, cache)
