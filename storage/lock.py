"""One writer per notebook *file*: an OS lock shared by the window and the CLI.

On Linux the lock is ``fcntl.flock`` on an open descriptor of the notebook file itself, so it
belongs to the file's identity (device + inode), not to its name: a symlink, a hard link or a
bind mount reaches the same lock, and deleting a file beside the notebook frees nothing.
Elsewhere it stays on ``<notebook name>.lock``, which follows the name: Windows locks
(``msvcrt.locking``) are mandatory and would stop SQLite reading a locked notebook, and on the
BSDs and macOS flock and SQLite's fcntl locks are one mechanism and would collide (untested
there). Either way the OS drops the lock when the process ends, however it ends, so a crash or
``kill -9`` never leaves a stale lock.

``<notebook name>.lock`` beside the notebook says who holds it (pid, host, "window" or
"command") so that a second Rapport can tell the owner; on Linux it is only that note.

Why the descriptor of the notebook is kept open for the whole session: SQLite locks the
notebook with POSIX (fcntl) byte-range locks, and POSIX drops *every* such lock a process holds
on a file as soon as the process closes *any* descriptor of that file. flock and fcntl locks
are independent on local Linux filesystems, so our flock never disturbs SQLite's locks, but our
descriptor must outlive SQLite's connections: it is opened before and closed only after them
(:func:`storage.db.close_notebook`), and a failed try keeps it open for the next try while the
process reads the notebook (see :meth:`NotebookLock.acquire`). On NFS Linux emulates flock with
fcntl, where the two would meet; SQLite's WAL does not work there either.
No Qt here; the window adds "bring the first window forward" through :func:`socket_name`.
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import os
import socket
import stat
import sys
import time
from dataclasses import dataclass
from pathlib import Path

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt
else:
    import fcntl

POLL_SECONDS = 0.05
ON_THE_FILE = sys.platform.startswith("linux")  # the lock is on the notebook, not the note
WINDOW, COMMAND = "window", "command"  # who holds the lock: the window or a command line run
# Windows locks byte ranges and forbids reading a locked range, so the lock sits far past the
# pid and host text that others read.
_WINDOW_LOCK_OFFSET = 1 << 30
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # the note is written: never through a symlink


class NotAFile(OSError):
    """The notebook's path names a FIFO, a socket, a device: reading it could hang."""


@dataclass(frozen=True)
class LockOwner:
    """Who holds a notebook: a process id, the machine it runs on, window or command."""

    pid: int | None
    host: str
    role: str = ""  # WINDOW, COMMAND, or "" when unknown (the note is gone, an older Rapport)

    def describe(self) -> str:
        """"pid 4242", or "pid 4242 on laptop" when it is another machine (a shared folder)."""
        pid = f"pid {self.pid}" if self.pid else "pid unknown"
        return pid if self.host in ("", socket.gethostname()) else f"{pid} on {self.host}"


def lock_path(notebook: Path) -> Path:
    """The note (and, on Windows, the lock) beside ``notebook``."""
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
    """The writer's lock on one notebook file, held between :meth:`acquire` and release."""

    def __init__(self, notebook: Path, role: str = COMMAND) -> None:
        self.notebook = Path(notebook)
        self.path = lock_path(self.notebook)
        self.role = role
        self._fd: int | None = None  # the notebook (POSIX) or the lock file (Windows)
        self._held = False
        self.created = False  # whether acquiring made the note beside the notebook

    @property
    def held(self) -> bool:
        return self._held

    def acquire(self, wait: float = 0.0, *, keep_open: bool = False) -> bool:
        """Take the lock, retrying for up to ``wait`` seconds; False when someone else has it.

        ``keep_open``: keep the descriptor for the next try instead of closing it, for a process
        that has the notebook open in SQLite meanwhile (closing it would drop SQLite's locks).
        Raises NotAFile when the notebook is a FIFO, socket or device.
        """
        if self._held:
            return True
        deadline = time.monotonic() + max(wait, 0.0)
        while not self._try_once():
            if time.monotonic() >= deadline:
                if not keep_open:
                    self.close()
                return False
            time.sleep(POLL_SECONDS)
        self._held = True
        self.created = _write_owner(self.path, self.role)
        return True

    def _try_once(self) -> bool:
        if self._fd is not None and not _names(self.notebook, self._fd):
            self.close()  # the name was given to another file (a restore renamed one over it)
        if self._fd is None:
            self._fd = _open_target(self.notebook, self.path)
        if not _try_lock(self._fd):
            return False
        if _names(self.notebook, self._fd):
            return True
        _unlock(self._fd)  # renamed over between our open and our lock: try the new file
        return self._try_once()

    def release(self, tidy: bool = False) -> None:
        """Let go of the lock and its descriptor (the OS would do it at exit anyway).

        Call it only once SQLite's connections to the notebook are closed. ``tidy`` removes a
        note this lock created, so that a refused open leaves the folder as it found it.
        """
        if self._held and self._fd is not None:
            self._held = False
            _clear_owner(self.path, remove=tidy and self.created)
            with contextlib.suppress(OSError):
                _unlock(self._fd)
        self.close()

    def close(self) -> None:
        """Close the descriptor kept between tries (it holds no lock)."""
        if self._fd is not None and not self._held:
            fd, self._fd = self._fd, None
            os.close(fd)


def holder(notebook: Path) -> LockOwner | None:
    """Who holds ``notebook`` now, or None when it is free (or there is no such file).

    It opens and closes a descriptor of the notebook: not for a process that has it open.
    """
    notebook = Path(notebook)
    if not (notebook.is_file() if ON_THE_FILE else lock_path(notebook).exists()):
        return None
    probe = NotebookLock(notebook)
    if probe.acquire():
        probe.release()
        return None
    return read_owner(probe.path)


def read_owner(path: Path) -> LockOwner:
    """The pid, host and role written in a lock note (blank when it cannot be read)."""
    try:  # a FIFO put in its place must not hang the reader: open_regular refuses it
        fd = open_regular(path, _NOFOLLOW)
        with os.fdopen(fd, "rb") as fh:
            return _owner_in(fh.read(4096))
    except OSError:
        return _owner_in(b"")


def _owner_in(text: bytes) -> LockOwner:
    lines = text.decode("utf-8", errors="replace").splitlines() + [""] * 3
    pid = int(lines[0]) if lines[0].strip().isdigit() else None
    return LockOwner(pid, lines[1].strip(), lines[2].strip())


def open_regular(path: Path, flags: int = os.O_RDONLY) -> int:
    """A descriptor of ``path`` when it is a regular file; NotAFile for a FIFO, socket or device.

    O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever.
    """
    fd = os.open(path, flags | getattr(os, "O_NONBLOCK", 0), 0o600)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise NotAFile(f"{path} is not a regular file")
    return fd


def _names(path: Path, fd: int) -> bool:
    """Whether ``path`` still names the file open as ``fd`` (always, on Windows)."""
    if not ON_THE_FILE:
        return True
    mine, now = os.fstat(fd), os.stat(path)
    return (mine.st_dev, mine.st_ino) == (now.st_dev, now.st_ino)


def _open_target(notebook: Path, note: Path) -> int:
    if not ON_THE_FILE:  # pragma: no cover - Windows, macOS
        return _open_note(note)
    return open_regular(notebook)  # flock needs no write access


def _open_note(path: Path, create: bool = True) -> int:
    """A descriptor of the note, for writing when we may; never through a symlink, and never
    a file with other names: whatever the note is, it is truncated (a symlink or hard link
    there to the notebook, a backup or a letter would lose it)."""
    flags = _NOFOLLOW | (os.O_CREAT if create else 0)
    try:
        fd = open_regular(path, os.O_RDWR | flags)
    except PermissionError:
        fd = open_regular(path, _NOFOLLOW)
    else:
        if os.name == "posix":
            os.fchmod(fd, 0o600)  # independent of the umask
    if os.fstat(fd).st_nlink > 1:
        os.close(fd)
        raise NotAFile(f"{path} has other names; it is not Rapport's lock note")
    return fd


def _write_owner(path: Path, role: str) -> bool:
    """Write who holds the lock; True when the note did not exist before."""
    created = not path.exists()
    text = f"{os.getpid()}\n{socket.gethostname()}\n{role}\n".encode()
    try:
        fd = _open_note(path)
        try:
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, text)
        finally:
            os.close(fd)
    except OSError:
        pass  # a read-only folder: the lock holds all the same; only the "who" is missing
    return created


def _clear_owner(path: Path, remove: bool) -> None:
    """No pid left behind to mislead a reader; the note itself goes only when we made it."""
    try:
        fd = _open_note(path, create=False)
    except OSError:
        return  # deleted, or not a note of ours (a link to another file): never truncated
    try:
        if _owner_in(os.read(fd, 4096)).pid != os.getpid():
            return  # rewritten by someone else: not ours to clear
        with contextlib.suppress(OSError):
            if remove:
                path.unlink()
            else:
                os.ftruncate(fd, 0)
    finally:
        os.close(fd)


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover
        os.lseek(fd, _WINDOW_LOCK_OFFSET, os.SEEK_SET)
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
        os.lseek(fd, _WINDOW_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
