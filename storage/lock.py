"""One writer per notebook: an OS lock on a file beside it, shared by the window and the CLI.

The lock file is ``<notebook name>.lock`` (``Notebook.rapport.lock``). The lock itself is
``fcntl.flock`` on POSIX and ``msvcrt.locking`` on Windows, held on an open file: the OS drops
it when the process ends, however it ends, so a crash or ``kill -9`` never leaves a stale lock.
The file holds the owner's pid and host name so a second Rapport can say who has the notebook.
The file is left in place on release: deleting a lock file races with a process about to lock
it. No Qt here; the window adds "bring the first window forward" through :func:`socket_name`.
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import os
import socket
import sys
import time
from dataclasses import dataclass
from pathlib import Path

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt
else:
    import fcntl

POLL_SECONDS = 0.05
# Windows locks byte ranges and forbids reading a locked range, so the lock sits far past the
# pid and host text that others read.
_WINDOWS_LOCK_OFFSET = 1 << 30


@dataclass(frozen=True)
class LockOwner:
    """Who holds a notebook: a process id and the machine it runs on."""

    pid: int | None
    host: str

    def describe(self) -> str:
        """"pid 4242", or "pid 4242 on laptop" when it is another machine (a shared folder)."""
        pid = f"pid {self.pid}" if self.pid else "pid unknown"
        return pid if self.host in ("", socket.gethostname()) else f"{pid} on {self.host}"


def lock_path(notebook: Path) -> Path:
    """The lock file beside ``notebook``."""
    return notebook.with_name(notebook.name + ".lock")


def socket_name(notebook: Path) -> str:
    """A short name, per user and notebook, for a QLocalServer that brings a window forward."""
    key = f"{_user()}:{Path(notebook).expanduser().resolve()}".encode()
    return "rapport-" + hashlib.sha256(key).hexdigest()[:20]


def _user() -> str:
    try:
        return str(os.getuid())
    except AttributeError:  # pragma: no cover - Windows
        return getpass.getuser()


class NotebookLock:
    """The lock on one notebook, held by this process between :meth:`acquire` and release."""

    def __init__(self, notebook: Path) -> None:
        self.path = lock_path(Path(notebook))
        self._fd: int | None = None
        self.created = False  # whether acquiring made the lock file

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, wait: float = 0.0) -> bool:
        """Take the lock, retrying for up to ``wait`` seconds; False when someone else has it."""
        if self.held:
            return True
        self.created = not self.path.exists()
        fd = _open_lock_file(self.path)
        deadline = time.monotonic() + max(wait, 0.0)
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                os.close(fd)
                return False
            time.sleep(POLL_SECONDS)
        self._fd = fd
        _write_owner(fd)
        return True

    def release(self, tidy: bool = False) -> None:
        """Let go of the lock (the OS would do it at exit anyway).

        ``tidy`` removes a lock file this lock created, so that a refused open leaves the
        folder as it found it.
        """
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        if tidy and self.created:
            with contextlib.suppress(OSError):  # Windows keeps an open file; it stays, empty
                self.path.unlink()
        # No pid left behind to mislead a reader (a read-only lock file has none to clear).
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
        _unlock(fd)
        os.close(fd)


def holder(notebook: Path) -> LockOwner | None:
    """Who holds ``notebook`` now, or None when it is free (or has never been locked)."""
    path = lock_path(Path(notebook))
    if not path.exists():
        return None
    probe = NotebookLock(notebook)
    if probe.acquire():
        probe.release()
        return None
    return read_owner(path)


def read_owner(path: Path) -> LockOwner:
    """The pid and host written in a lock file (blank when it cannot be read)."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        lines = []
    pid = int(lines[0]) if lines and lines[0].strip().isdigit() else None
    return LockOwner(pid, lines[1].strip() if len(lines) > 1 else "")


def _open_lock_file(path: Path) -> int:
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except PermissionError:
        return os.open(path, os.O_RDONLY)  # flock needs no write access
    if os.name == "posix":
        os.fchmod(fd, 0o600)  # independent of the umask
    return fd


def _write_owner(fd: int) -> None:
    try:
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, f"{os.getpid()}\n{socket.gethostname()}\n".encode())
    except OSError:
        pass  # the lock holds all the same; only the "who" is missing


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":  # pragma: no cover
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
