"""Promises at their hour: while the window is open, a desktop notification when a promise
with a time falls due ("Promise due: Ana — Call back, promised for 3 pm").

One timer, set for the moment the next open promise with a time falls due (read on the
worker, storage.promise_hours), re-set after any change to the notebook; no polling. What to
say and when to say it once only is domain.promise_hours'. The notice goes to the system tray
where there is one, else to the window's status bar. The clock is injected (tests).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QSystemTrayIcon, QWidget

from domain.promise_hours import TimedPromise, notices
from ui.operations import Operations

LONGEST_WAIT_MS = 3_600_000  # look again within the hour whatever: a laptop may sleep
SETTLE_MS = 500  # after a change: several in a row make one look
SHOWN_MS = 15_000  # how long a tray notice stays


class PromiseService:
    """What the alarm asks of the notebook (on the worker)."""

    def check(self, now: datetime) -> tuple[list[TimedPromise], datetime | None]:
        """The open promises with a time due by ``now``, and when the next one falls due."""
        from storage import promise_hours

        return promise_hours.due_by(now), promise_hours.next_after(now)


class PromiseAlarm(QObject):
    """Tells the owner of each promise as its hour comes, once a session."""

    told = Signal(str, str)  # (title, text) of each notice given

    def __init__(self, ops: Operations, events, window: QWidget,
                 clock: Callable[[], datetime] = datetime.now,
                 service: PromiseService | None = None, tray: bool | None = None) -> None:
        super().__init__(window)
        self._ops, self._events, self._window, self._clock = ops, events, window, clock
        self._service = service or PromiseService()
        self._told: set[int] = set()
        self._opening, self._stopped = True, False
        self.next_at: datetime | None = None
        self.timer = QTimer(self, singleShot=True)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse hour may be 3 min out
        self.timer.timeout.connect(self.check)
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self.check)
        events.data_changed.connect(self._on_data_changed)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)
        use_tray = QSystemTrayIcon.isSystemTrayAvailable() if tray is None else tray
        self.tray = self._make_tray() if use_tray else None

    def _make_tray(self) -> QSystemTrayIcon:
        tray = QSystemTrayIcon(QApplication.windowIcon(), self)
        tray.setToolTip("Rapport")
        tray.messageClicked.connect(self._bring_forward)
        tray.show()
        return tray

    def start(self) -> None:
        """The first look: whatever is already past its time makes one summary."""
        self.check()

    def stop(self) -> None:
        """No more looks (the window is closing)."""
        self._stopped = True
        self.timer.stop()
        self._settle.stop()
        if self.tray is not None:
            self.tray.hide()

    def check(self) -> None:
        """Read what is due now and the next hour on the worker; tell, then set the timer."""
        if self._stopped:
            return
        now = self._clock()
        self._ops.run(lambda: self._service.check(now),
                      lambda found: self._checked(now, *found), label="promises due")

    def _checked(self, now: datetime, due: list[TimedPromise],
                 next_at: datetime | None) -> None:
        if self._stopped:
            return
        for title, text in notices(due, self._told, self._opening, now.date()):
            self._tell(title, text)
        self._opening = False
        self.next_at = next_at
        if next_at is None:
            self.timer.stop()  # nothing ahead: a new promise re-sets it (_on_data_changed)
            return
        wait = (next_at - self._clock()).total_seconds() * 1000
        self.timer.start(int(min(max(wait, 0), LONGEST_WAIT_MS)))

    def _tell(self, title: str, text: str) -> None:
        if self.tray is not None:
            self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information,
                                  SHOWN_MS)
        else:
            self._events.say(f"{title} — {text}")
            QApplication.alert(self._window)  # the taskbar entry asks for attention
        self.told.emit(title, text)

    def _on_data_changed(self, _changes: dict, _initiator: object) -> None:
        if not self._stopped:
            self._settle.start()

    def _bring_forward(self) -> None:
        self._window.showNormal()
        self._window.raise_()
        self._window.activateWindow()
        if hasattr(self._window, "show_screen"):
            self._window.show_screen("today")
