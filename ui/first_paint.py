"""Knowing when a window has first painted, so slow start-up work can wait for it.

A worker thread busy in Python holds the GIL in 5 ms slices; every call the GUI thread makes
into Python while it paints (an event override, a model's ``data()``) waits for one, and the
first paint of a big window slips by a second or more. Work that can wait is started here, just
after the first paint, or ``FALLBACK_MS`` after the window was shown if it never paints
(started minimised, say).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

FALLBACK_MS = 2000


class FirstPaint(QObject):
    """Watches ``window`` until it paints; ``call(fn)`` runs ``fn`` then (at once after)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._done = False
        self._waiting: list[Callable[[], None]] = []
        self._fallback = QTimer(self, singleShot=True, interval=FALLBACK_MS)
        self._fallback.timeout.connect(self._painted)
        self._window = window
        window.installEventFilter(self)

    def done(self) -> bool:
        """Whether the window has painted (or the fallback ran)."""
        return self._done

    def call(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` after the first paint: at once when that is over."""
        if self._done:
            fn()
        else:
            self._waiting.append(fn)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Paint:
            self._window.removeEventFilter(self)
            # The window paints before its children: wait for the end of this paint pass.
            QTimer.singleShot(0, self, self._painted)
        elif kind == QEvent.Type.Show and not self._fallback.isActive():
            self._fallback.start()
        return False

    def _painted(self) -> None:
        if self._done:
            return
        self._done = True
        self._fallback.stop()
        self._window.removeEventFilter(self)
        waiting, self._waiting = self._waiting, []
        for fn in waiting:
            fn()
