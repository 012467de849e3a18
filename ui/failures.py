"""Every failure in the window leaves a trace: its traceback in the log, and a word to the owner.

``install(log_file)`` is the first thing the window does (as Vorta's ``__main__`` does). It sets
``sys.excepthook`` (PySide calls it for an exception in a slot, on the GUI thread or a worker's),
``threading.excepthook`` and Qt's message handler. A failure is logged where it happens, on any
thread; the box that tells the owner (``ui.failure_dialog``) opens on the GUI thread, on the next
turn of the event loop, never inside the code that failed.

One box at a time: failures that come while it shows are counted in it. The same failure just
after its box was closed is logged and counted, not shown again, for ``QUIET_SECONDS``. The log
itself writes a repeated failure in full once, then as one line at 2, 10, 100… times.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QtMsgType, Signal, Slot, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QWidget

from storage import logs
from storage.errors import NotebookError, from_the_files

if TYPE_CHECKING:  # the box is built when a failure is told, not at every start
    from ui.failure_dialog import FailureDialog

log = logging.getLogger("rapport.window")
qt_log = logging.getLogger("qt")
QUIET_SECONDS = 10.0
_ROOT = Path(__file__).resolve().parent.parent
_QT_LEVELS = {QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
              QtMsgType.QtFatalMsg: logging.CRITICAL}
_NOTEBOOK_SAFE = ("Everything already saved in your notebook is safe: a change is saved whole "
                  "or not at all. Rapport carries on; you can keep working.")
_NOTEBOOK_ASK = ("This was a problem reading or writing the notebook. Choose File ▸ Check "
                 "notebook… to see that it is sound; its backups are kept apart from it.")


@dataclass(frozen=True)
class Failure:
    """One failure, in the owner's words and in full for whoever helps them."""

    key: tuple  # the same failure: the same exception type raised along the same lines
    headline: str
    summary: str
    safety: str
    details: str
    unlogged: str = ""  # why the log could not take it, when it could not


def describe(exc: BaseException, doing: str | None = None) -> Failure:
    """``exc`` as the box shows it; ``doing`` (an operation's label) else read from the code."""
    tb = exc.__traceback__
    doing = doing or doing_from(tb)
    frames = tuple((f.filename, f.lineno) for f in traceback.extract_tb(tb))
    message = (_text(exc).strip().splitlines() or [""])[0][:300]
    return Failure(
        key=(type(exc).__qualname__, frames),
        headline=f"Something went wrong while Rapport was busy with “{doing}”.",
        summary=f"{type(exc).__name__}: {message}" if message else type(exc).__name__,
        safety=_NOTEBOOK_ASK if touches_notebook(exc) else _NOTEBOOK_SAFE,
        details="".join(traceback.format_exception(exc)))


def _text(exc: BaseException) -> str:
    try:
        return str(exc)
    except Exception:  # an exception whose __str__ fails must still be told
        return f"<{type(exc).__name__} that cannot be shown as text>"


def doing_from(tb: TracebackType | None) -> str:
    """The first function of Rapport's own in a traceback, in words (``_on_save`` → "save")."""
    for frame in traceback.extract_tb(tb):
        path = Path(frame.filename)
        if _ROOT in path.parents and ".venv" not in path.parts and frame.name[:1] != "<":
            words = frame.name.strip("_").split("_")
            while len(words) > 1 and words[0] in ("on", "handle", "do"):
                words.pop(0)
            while len(words) > 1 and words[-1] in ("clicked", "triggered", "changed"):
                words.pop()
            return " ".join(words)
    return "work in the window"


def touches_notebook(exc: BaseException) -> bool:
    """Whether ``exc`` came from reading or writing a file (the notebook may need a check)."""
    return from_the_files(exc)  # storage knows which errors are SQLite's and peewee's


def is_bug(exc: BaseException) -> bool:
    """Not bad input nor a notebook the owner has been told about: worth a traceback."""
    return not isinstance(exc, NotebookError | OSError | ValueError | KeyboardInterrupt)


class FailureReporter(QObject):
    """Logs each failure and shows the owner one box at a time."""

    arrived = Signal(object)  # a Failure, emitted on any thread, shown on the GUI thread

    def __init__(self, log_file: Path | None, clock: Callable[[], float] = time.monotonic,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_file, self._clock = log_file, clock
        self._lock = threading.Lock()  # hooks run on whichever thread failed
        self._counts: dict[tuple, int] = {}
        self._closed_at: dict[tuple, float] = {}
        self._window: QWidget | None = None
        self.dialog: FailureDialog | None = None
        self._same = self._others = 0
        self._previous: tuple | None = None
        self._broken = False  # the box itself failed: log only, never loop
        self.arrived.connect(self._show, Qt.ConnectionType.QueuedConnection)

    # --- hooks ------------------------------------------------------------------------------

    def install(self) -> None:
        """Become ``sys.excepthook``, ``threading.excepthook`` and Qt's message handler."""
        self._previous = (sys.excepthook, threading.excepthook,
                          qInstallMessageHandler(self.qt_message))
        sys.excepthook, threading.excepthook = self.excepthook, self.thread_hook

    def uninstall(self) -> None:
        """Give the hooks back to whoever had them."""
        if self._previous is not None:
            sys.excepthook, threading.excepthook, handler = self._previous
            qInstallMessageHandler(handler)
            self._previous = None

    def attach(self, window: QWidget, ops) -> None:
        """Put the box over ``window``; tell of ``ops`` failures that no caller handles."""
        self._window = window
        ops.failed.connect(self.operation_failed)

    def excepthook(self, exc_type, exc: BaseException, tb: TracebackType | None) -> None:
        """An exception nobody caught: a slot that raised (on the GUI thread or a worker)."""
        if not isinstance(exc, Exception):  # Ctrl+C, SystemExit: not a failure to report
            (self._previous[0] if self._previous else sys.__excepthook__)(exc_type, exc, tb)
            return
        self.report(exc.with_traceback(tb))

    def thread_hook(self, args: threading.ExceptHookArgs) -> None:
        """An exception that ended a Python thread."""
        if args.exc_value is not None and not isinstance(args.exc_value, SystemExit):
            self.report(args.exc_value.with_traceback(args.exc_traceback))

    def qt_message(self, mode: QtMsgType, context, message: str) -> None:
        """Qt's warnings and criticals go to the log (its debug chatter does not)."""
        level = _QT_LEVELS.get(mode)
        if level is not None:
            qt_log.log(level, "%s", message)

    @Slot(str, object)
    def operation_failed(self, label: str, exc: BaseException) -> None:
        """A worker's job failed with no caller to handle it (``Operations.failed``); the
        operations helper has logged it. A notebook error has the window's own words."""
        if not isinstance(exc, NotebookError):
            self.report(exc, label, logged=True)

    # --- the record and the box ---------------------------------------------------------------

    def report(self, exc: BaseException, doing: str | None = None, logged: bool = False) -> None:
        """Log ``exc`` (unless ``logged``) and show it to the owner; from any thread."""
        failure = describe(exc, doing)
        self._count(failure.key)
        if not logged:  # the log writes a repeat as one line (storage.logs)
            log.error("%s", failure.headline, exc_info=exc)
        problem = logs.write_problem() if self.log_file is not None else None
        if problem:
            failure = replace(failure, unlogged=problem)
        self.arrived.emit(failure)

    def count(self, failure: Failure) -> int:
        """How many times ``failure`` happened in this session."""
        with self._lock:
            return self._counts.get(failure.key, 0)

    def _count(self, key: tuple) -> int:
        with self._lock:
            self._counts[key] = self._counts.get(key, 0) + 1
            return self._counts[key]

    @Slot(object)
    def _show(self, failure: Failure) -> None:
        if self._broken or QApplication.instance() is None:
            return
        try:
            self._show_or_count(failure)
        except Exception:  # the box must not fail into itself, round and round
            self._broken = True
            log.exception("The failure box could not be shown")

    def _show_or_count(self, failure: Failure) -> None:
        if self.dialog is not None:
            shown = self.dialog.failure.key == failure.key
            self._same, self._others = self._same + shown, self._others + (not shown)
            self.dialog.count(self._same, self._others)
        elif self._closed_recently(failure.key):
            self._say("The same failure again; it is in the log.")
        else:
            self._open(failure)

    def _closed_recently(self, key: tuple) -> bool:
        closed = self._closed_at.get(key)
        return closed is not None and self._clock() - closed < QUIET_SECONDS

    def _open(self, failure: Failure) -> None:
        parent = self._window if self._window is not None else QApplication.activeWindow()
        from ui.failure_dialog import FailureDialog

        self.dialog = dialog = FailureDialog(failure, self.log_file, parent)
        self._same, self._others = 1, 0
        dialog.finished.connect(lambda _result, key=failure.key: self._closed(key))
        dialog.show()  # modeless: the window stays usable behind it
        dialog.raise_()

    def _closed(self, key: tuple) -> None:
        self._closed_at[key] = self._clock()
        self.dialog = None

    def _say(self, text: str) -> None:
        window = self._window
        if window is not None and hasattr(window, "statusBar"):
            window.statusBar().showMessage(text, 5000)


def install(log_file: Path | None) -> FailureReporter:
    """Make a reporter and install its hooks; ``uninstall()`` gives them back."""
    reporter = FailureReporter(log_file)
    reporter.install()
    return reporter
