"""Rapport's log: one file per user, owner-only, rotated, never growing past a few megabytes.

``<data dir>/logs/rapport.log`` (0600, in a 0700 folder) takes warnings and errors from the
window, and the traceback of a command line failure that is a bug rather than bad input. It
turns over at ``MAX_BYTES`` and keeps ``BACKUPS`` older files, so it never holds more than
``(BACKUPS + 1) * MAX_BYTES``; one record is cut to ``MAX_RECORD`` bytes.

What goes in is a record's message and, for a failure, its traceback: which code failed and the
exception's own message. No screen's contents, no local variables and no command arguments
(a search or an import names customers and their files) are written. An exception's message can
still name what it was handling; the file is the owner's alone and rolls over in time.

No Qt here: the command line writes its crashes through this module too.
"""

from __future__ import annotations

import io
import logging
import os
import re
import stat
import sys
from collections.abc import Iterable
from logging.handlers import RotatingFileHandler
from pathlib import Path

from storage.paths import data_dir, private_folder

LOG_NAME = "rapport.log"
OLD_LOG_NAME = "rapport-errors.log"  # the append-only log of earlier versions: kept, not grown
MAX_BYTES = 1_000_000
BACKUPS = 3
MAX_RECORD = 64_000  # bytes of one record: a 10 MB exception message must not fill the log
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
ENCODING = "utf-8"
ERRORS = "backslashreplace"  # a stray surrogate in a message must not lose the record


def log_folder() -> Path:
    """``<data dir>/logs``, owner-only (0700 on POSIX)."""
    return private_folder(data_dir() / "logs")


def log_path() -> Path:
    """The current log file (made, 0600, when the first record is written)."""
    return log_folder() / LOG_NAME


class BoundedFormatter(logging.Formatter):
    """Cuts a record to ``MAX_RECORD`` bytes, keeping its start and its end (the exception)."""

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        data = text.encode(ENCODING, ERRORS)
        if len(data) <= MAX_RECORD:
            return text
        keep = MAX_RECORD // 2 - 100
        cut = len(data) - 2 * keep
        return (data[:keep].decode(ENCODING, "ignore") + f"\n[… {cut} bytes cut …]\n"
                + data[-keep:].decode(ENCODING, "ignore"))


def _milestone(count: int) -> bool:
    """The 1st, 2nd, 10th, 100th… time: when a repeat is worth a line."""
    return count <= 2 or str(count).rstrip("0") == "1"


def _repeat_key(record: logging.LogRecord) -> tuple:
    """The same failure: one exception type raised along the same lines; else the same text."""
    if record.exc_info and record.exc_info[1] is not None:
        lines, tb = [], record.exc_info[2]
        while tb is not None:
            lines.append((tb.tb_frame.f_code.co_filename, tb.tb_lineno))
            tb = tb.tb_next
        return (record.exc_info[0].__qualname__, tuple(lines))
    return (record.name, record.levelno, record.getMessage())


class PrivateLogHandler(RotatingFileHandler):
    """A rotating log whose files are 0600 from their first byte, whatever the umask.

    Rotation renames files, so older files keep the mode they were made with. A repeated
    record is written in full once, then as one line at 2, 10, 100… times: a failure that
    repeats forever cannot push everything else out of the log.
    """

    def __init__(self, path: Path, max_bytes: int = MAX_BYTES, backups: int = BACKUPS) -> None:
        super().__init__(path, maxBytes=max_bytes, backupCount=backups, encoding=ENCODING,
                         errors=ERRORS, delay=True)  # no file until there is something to say
        self.setFormatter(BoundedFormatter(FORMAT))
        self._seen: dict[tuple, int] = {}
        self.problem: str | None = None  # why the last record written could not be, if so

    def emit(self, record: logging.LogRecord) -> None:
        """Write ``record``, or a line counting it when it is a repeat (called under the lock)."""
        try:
            key = _repeat_key(record)
        except Exception:  # a message whose arguments do not fit: let the base class say so
            key = (id(record),)
        if len(self._seen) > 10_000:  # a bounded memory of what was seen
            self._seen.clear()
        count = self._seen[key] = self._seen.get(key, 0) + 1
        if count == 1 or _milestone(count):
            self.problem = None  # set again by handleError when this write fails
            super().emit(record if count == 1 else _repeat_record(record, count))

    def _open(self) -> io.TextIOWrapper:
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
        # O_NONBLOCK: a FIFO put in the log's place fails at once instead of hanging the app.
        fd = os.open(self.baseFilename, flags | getattr(os, "O_NONBLOCK", 0), 0o600)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise OSError(f"{self.baseFilename} is not a regular file")
            os.set_blocking(fd, True)
            if os.name == "posix":
                os.fchmod(fd, 0o600)  # exactly 0600: made so, or left readable by an old version
            return open(fd, "a", encoding=ENCODING, errors=ERRORS)
        except BaseException:
            os.close(fd)
            raise

    def shouldRollover(self, record: logging.LogRecord) -> bool:
        """Turn over before a record would take the file past ``maxBytes`` bytes (not chars)."""
        if self.stream is None:
            self.stream = self._open()
        size = len((self.format(record) + self.terminator).encode(ENCODING, ERRORS))
        self.stream.seek(0, 2)
        written = self.stream.tell()
        return written > 0 and written + size > self.maxBytes

    def handleError(self, record: logging.LogRecord) -> None:
        """One line on stderr, never a traceback, when the log itself cannot be written."""
        exc = sys.exc_info()[1]
        self.problem = (getattr(exc, "strerror", None) or str(exc) or type(exc).__name__)[:200]
        if sys.stderr is not None:
            print(f"rapport: could not write the log {self.baseFilename} ({exc})",
                  file=sys.stderr)


def _repeat_record(record: logging.LogRecord, count: int) -> logging.LogRecord:
    """One line for the ``count``-th repeat of ``record`` (a copy: other handlers see it whole)."""
    if record.exc_info and record.exc_info[1] is not None:
        exc = record.exc_info[1]
        first = (str(exc).strip().splitlines() or [""])[0][:300]
        text = f"The same failure again ({count} times so far): {type(exc).__name__}: {first}"
    else:
        text = f"The same message again ({count} times so far): {record.getMessage()[:300]}"
    return logging.makeLogRecord({**record.__dict__, "msg": text, "args": None,
                                  "exc_info": None, "exc_text": None, "stack_info": None})


def install(level: int = logging.WARNING) -> Path:
    """Send warnings and errors of every logger to the log file; return the file's path.

    Called again (another data folder, as tests do), it replaces its own handler.
    """
    path = log_path()
    _secure_old_log()
    root = logging.getLogger()
    for handler in _ours(root):
        if Path(handler.baseFilename) == path:
            return path
        root.removeHandler(handler)
        handler.close()
    handler = PrivateLogHandler(path)
    handler.setLevel(level)
    root.addHandler(handler)
    if root.level > level or root.level == logging.NOTSET:
        root.setLevel(level)
    return path


def write_problem() -> str | None:
    """Why the log's last record could not be written (a folder or a FIFO in its place, a
    full disk), or None when it was: a failure box must not send the owner to an empty log."""
    return next((h.problem for h in _ours(logging.getLogger()) if h.problem), None)


def remove() -> None:
    """Stop writing the log file (the window closed; tests)."""
    root = logging.getLogger()
    for handler in _ours(root):
        root.removeHandler(handler)
        handler.close()


def write_crash(command: str | None) -> Path:
    """Write the exception being handled to the log (only there: no console); return the path.

    ``command`` is the command line's command; its arguments are not written.
    """
    path = log_path()
    _secure_old_log()
    handler = PrivateLogHandler(path)
    handler.stream = handler._open()  # an OSError here is the caller's to word, in one line
    crash = logging.getLogger("rapport.crash")
    crash.propagate = False  # the console has had its one line; the traceback goes to the file
    crash.addHandler(handler)
    try:
        crash.error("rapport %s failed", command or "window", exc_info=True)
    finally:
        crash.removeHandler(handler)
        handler.close()
    return path


def redact(texts: Iterable[str], patterns: Iterable[re.Pattern] = ()) -> int:
    """Replace every occurrence of ``texts`` (any case), and whatever ``patterns`` match (a
    phone number in any writing), in the log files with ``[erased]``.

    For an erase: an exception's message may have named the person. Each file is rewritten
    whole (0600) and put in place atomically; this process's log writes on into the new file.
    Returns how many files changed.
    """
    needles = sorted({t for t in texts if t and len(t.strip()) >= 2}, key=len, reverse=True)
    parts = [*map(re.escape, needles), *(f"(?:{p.pattern})" for p in patterns)]
    folder = data_dir() / "logs"
    files = [*sorted(folder.glob(LOG_NAME + "*")), data_dir() / OLD_LOG_NAME]
    if not parts:
        return 0
    pattern = re.compile("|".join(parts), re.IGNORECASE)
    handlers = _ours(logging.getLogger())
    for handler in handlers:
        handler.acquire()
    try:
        for handler in handlers:  # reopened, on the rewritten file, by the next record
            if handler.stream is not None:
                handler.stream.close()
                handler.stream = None
        return sum(_rewrite(path, pattern) for path in files if path.is_file())
    finally:
        for handler in handlers:
            handler.release()


def _rewrite(path: Path, pattern: re.Pattern) -> bool:
    text = path.read_text(encoding=ENCODING, errors="surrogateescape")
    cleaned = pattern.sub("[erased]", text)
    if cleaned == text:
        return False
    part = path.with_name(path.name + ".redact")
    part.unlink(missing_ok=True)
    fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    if os.name == "posix":
        os.fchmod(fd, 0o600)
    with open(fd, "w", encoding=ENCODING, errors="surrogateescape") as out:
        out.write(cleaned)
        out.flush()
        os.fsync(out.fileno())
    os.replace(part, path)
    return True


def _ours(logger: logging.Logger) -> list[PrivateLogHandler]:
    return [h for h in logger.handlers if isinstance(h, PrivateLogHandler)]


def _secure_old_log() -> None:
    """An earlier version's crash log was 0644: make it the owner's alone; it grows no more."""
    old = data_dir() / OLD_LOG_NAME
    if os.name == "posix" and old.is_file() and not old.is_symlink():
        os.chmod(old, 0o600)
