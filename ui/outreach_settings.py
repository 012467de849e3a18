"""Edit ▸ Outreach settings…: read the settings on the worker, edit them in a dialog, save
them on the worker and tell every screen (the Today queue reloads)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QDialog, QWidget

from domain.outreach import Settings
from ui.events import AppEvents
from ui.operations import Operations
from ui.today import OUTREACH
from ui.today.service import TodayService


class OutreachSettingsCommand(QObject):
    """Opens :class:`OutreachSettingsDialog` for the notebook's outreach settings."""

    def __init__(self, parent: QWidget, service: TodayService, ops: Operations,
                 events: AppEvents, read_only: bool = False) -> None:
        super().__init__(parent)
        self._parent, self._service, self._ops, self._events = parent, service, ops, events
        self._read_only = read_only
        self._opening = False

    def open(self) -> None:
        """Load the settings and the notebook's tags, then show the dialog."""
        if self._opening:
            return
        self._opening = True
        # The dialog opens once the job is over, so "Working…" does not linger behind it.
        self._ops.run(self._service.settings,
                      lambda loaded: QTimer.singleShot(0, lambda: self._edit(loaded)),
                      self._load_failed, label="outreach settings")

    def _load_failed(self, exc: BaseException) -> None:
        self._opening = False
        self._events.say(f"Could not read the outreach settings: {exc}")

    def _edit(self, loaded: tuple[Settings, list[str]]) -> None:
        from ui.outreach_settings_dialog import OutreachSettingsDialog

        self._opening = False
        before, tags = loaded
        dialog = OutreachSettingsDialog(before, tags, self._read_only, self._parent)
        if dialog.exec() != QDialog.DialogCode.Accepted or self._read_only:
            return
        after = dialog.value()
        if after == before:
            return
        self._ops.run(lambda: self._service.save_settings(before, after, self._progress),
                      self._saved,
                      lambda exc: self._events.say(f"Outreach settings not saved: {exc}"),
                      label="save outreach settings")

    def _progress(self, done: int, total: int) -> None:
        """On the worker: the status bar says how far (AppEvents' signal crosses to the GUI
        thread), and the window stays usable meanwhile."""
        self._events.say(f"Working out every customer's suggestions again: {done:,} of "
                         f"{total:,}…")

    def _saved(self, _result: object) -> None:
        self._events.changed(self, **{OUTREACH: None})
        self._events.say("Outreach settings saved; today's suggestions follow them.")
