"""While another Rapport command writes the notebook, the window reads it; then it takes over.

The window opened the notebook read-only because a command (an ``import``, ``print-cards``)
held the writer's lock. This tries that lock on the GUI thread every second, on the same
descriptor each time (see storage/lock.py for why); once it is free, and no job or dialog is in
the way, it opens the notebook for writing and hands the writable notebook on.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

POLL_MS = 1000


class WriterWait(QObject):
    """Polls the writer's lock of the notebook open read-only beside another Rapport's command.

    ``ready()`` says whether the window can be swapped now (no job running, no dialog open).
    """

    writable = Signal(object)  # the NotebookInfo, open for writing (or read-only for a new reason)
    failed = Signal(str)  # what went wrong taking over; the notebook stays open read-only

    def __init__(self, ready: Callable[[], bool], parent: QObject | None = None,
                 interval_ms: int | None = None) -> None:
        super().__init__(parent)
        self._ready = ready
        self._timer = QTimer(self, interval=interval_ms or POLL_MS)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        """Begin polling."""
        self._timer.start()

    def stop(self) -> None:
        """Stop polling (the window closes)."""
        self._timer.stop()

    def is_waiting(self) -> bool:
        """Whether it still polls."""
        return self._timer.isActive()

    def check(self) -> None:
        """One try: take over the notebook if the other Rapport is done."""
        from storage.db import NotebookError, reopen_writable

        if not self._ready():
            return
        try:
            info = reopen_writable()
        except NotebookError as exc:
            self._timer.stop()
            self.failed.emit(str(exc))
            return
        if info is not None:
            self._timer.stop()
            self.writable.emit(info)
