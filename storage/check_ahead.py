"""SQLite's quick check of a notebook started early, on a thread, while the window starts.

Every open runs ``PRAGMA quick_check`` before anything writes (``storage.opening.probe``). It
reads the whole file: 0.3 s at 50,000 customers, over a second at 200,000, all of it in SQLite
with the GIL let go. The window starts it here as soon as it knows which notebook it opens, so
the check runs while Qt and the screens are imported and built (issue 17); the open then waits
for its verdict. A verdict is used only for the same file unchanged since (size, time and
inode of the file and of its -wal): otherwise the open checks again itself.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from storage.notebook_file import inspect_file, read_file

_Identity = tuple[tuple[int, int, int], ...]
_pending: dict[Path, tuple[_Identity, threading.Thread, list]] = {}


def _identity(path: Path) -> _Identity:
    found = []
    for name in (str(path), f"{path}-wal"):
        try:
            s = Path(name).stat()
        except FileNotFoundError:
            found.append((0, 0, 0))
            continue
        found.append((s.st_ino, s.st_size, s.st_mtime_ns))
    return tuple(found)


def start(path: Path) -> bool:
    """Begin the quick check of ``path`` (a notebook file) on a thread; whether it began (not
    for a path that is not a notebook's regular file: the open says what is wrong with it)."""
    path = Path(path).expanduser().resolve()
    try:
        if not path.is_file() or not path.stat().st_size:
            return False
        inspect_file(path)  # a folder, a FIFO, a link beside it: the open's own words
    except Exception:  # whatever it is, the open finds it and says so
        return False
    outcome: list = []

    def check() -> None:
        try:
            outcome.append(read_file(path, _quick_check))
        except BaseException as exc:  # handed to the open, on the thread that opens
            outcome.append(exc)

    thread = threading.Thread(target=check, name="rapport-quick-check", daemon=True)
    _pending[path] = (_identity(path), thread, outcome)
    thread.start()
    return True


def _quick_check(con: sqlite3.Connection) -> str:
    return con.execute("PRAGMA quick_check").fetchone()[0]


def verdict(path: Path) -> str | None:
    """The quick check's verdict on ``path`` started by :func:`start` ("ok" or SQLite's
    findings), once it is done; None when none was started or the file changed since. Raises
    what the check raised (damage, a disk that cannot be read)."""
    found = _pending.pop(Path(path), None)
    if found is None:
        return None
    identity, thread, outcome = found
    thread.join()
    if identity != _identity(Path(path)) or not outcome:
        return None
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]
