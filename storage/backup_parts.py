"""A copy being written (a backup, a restore, a cleaned backup): its part file, claimed and
locked by its writer for as long as it writes, and removed by anyone else only when its writer
is gone — with its lock held while it goes (storage.backups and storage.restore write them)."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

from storage.errors import BackupError
from storage.lock import NotAFile, open_regular
from storage.paths import create_private_file

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

SIDECARS = ("", "-journal", "-wal", "-shm")
STALE_PART = 3600  # without flock: seconds a half-written copy sits untouched before it is dead


class CopyBusy(BackupError):
    """Another process is writing a copy under the name chosen; nothing was written."""

    def __init__(self, part: Path) -> None:
        super().__init__(f"Another Rapport is writing a copy named {part.name} right now; "
                         "nothing was written. Try again in a moment.")


@contextlib.contextmanager
def claimed(part: Path) -> Iterator[None]:
    """Create ``part`` empty and private, and hold a lock on it while the block writes it:
    :func:`remove_if_dead` removes only parts whose writer is gone (the OS drops the lock
    of a killed process). A part another process is writing is never taken over (two copies
    started in the same second chose one name): BackupError.
    """
    if not remove_if_dead(part):  # one left by a crash goes; one being written stays
        raise CopyBusy(part)
    if not create_private_file(part):  # made by another process starting on this name
        raise CopyBusy(part)
    try:
        fd = os.open(part, os.O_RDONLY)
    except FileNotFoundError:  # another process starting on this name removed it
        raise CopyBusy(part) from None
    try:
        if fcntl is not None and not _locked(fd, part):  # another process has this name
            raise CopyBusy(part)
        yield
    finally:
        os.close(fd)  # after SQLite closed the part: closing drops a process's POSIX locks


def remove_if_dead(part: Path) -> bool:
    """Remove ``part`` and its journals unless a live process is writing it; whether they are
    gone. Removed only while their lock is held here: a writer locks its part, then checks the
    name is still its file, so none can remove a part between another's look at its lock and
    the removal — where two processes then wrote one copy and one renamed the other's half to
    a backup (six backups started together failed now and then: "disk I/O error")."""
    if fcntl is None:  # no flock here: an hour untouched counts as dead
        if not untouched(part):
            return False
        remove_with_sidecars(part)
        return True
    try:
        fd = open_regular(part)  # a FIFO named like a part would hang a plain open
    except FileNotFoundError:  # journals alone, or nothing: claimed first, so none is a writer's
        try:
            if not create_private_file(part):
                return False  # a writer made its part just now
        except OSError:  # a folder we cannot write in: nothing of ours is being written there
            return False
        try:
            fd = open_regular(part)
        except FileNotFoundError:
            return False
    except NotAFile:
        return False  # no copy of ours: not ours to remove
    try:
        if not _locked(fd, part):
            return False
        remove_with_sidecars(part)
        return True
    finally:
        os.close(fd)


def _locked(fd: int, part: Path) -> bool:
    """Lock the file open as ``fd`` (no wait) and check ``part`` still names it: False when
    another process holds it, or removed it (or made it anew) meanwhile."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return os.path.samestat(os.fstat(fd), os.stat(part))
    except (BlockingIOError, FileNotFoundError):
        return False


def writer_alive(part: Path) -> bool:
    """Whether a live process is writing ``part`` now (holds its lock)."""
    if fcntl is None:  # no flock here: an hour untouched counts as dead
        return not untouched(part)
    try:
        fd = open_regular(part)  # a FIFO named like a part would hang a plain open
    except FileNotFoundError:
        return False  # journals left without their part: the writer made the part first
    except NotAFile:
        return False  # no copy of ours: nothing writes it
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def remove_with_sidecars(path: Path) -> None:
    """Remove ``path`` and any journal or WAL files beside it: the journals first, ``path``
    last — once its name is free another process may claim it, and a journal of that name
    would be the new writer's (removed after, it failed that copy: "disk I/O error")."""
    for suffix in (*SIDECARS[1:], SIDECARS[0]):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def untouched(part: Path) -> bool:
    """Whether ``part`` and its journals sat unwritten for :data:`STALE_PART` seconds."""
    newest = 0.0
    for side in SIDECARS:
        try:
            newest = max(newest, Path(f"{part}{side}").stat().st_mtime)
        except FileNotFoundError:
            continue
    return time.time() - newest > STALE_PART


def fsync(path: Path) -> None:
    """Bring ``path``'s bytes to the disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
