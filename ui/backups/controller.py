"""File ▸ Backups… and File ▸ Check notebook…: list, back up, restore, check, on the worker.

Restoring replaces the whole notebook: the notebook as it is is backed up first (by
``storage.restore.restore``), then every screen reloads and the undo history is cleared, since
it describes changes to a notebook that is no longer there.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from storage.db import NotebookInfo, mark_changed, mark_unchanged
from ui import ask
from ui.backups import service
from ui.backups.dialog import BackupsDialog
from ui.events import AppEvents
from ui.imports.notice import notice
from ui.operations import Operations

EVERYTHING = ("customers", "timeline", "cards", "templates")  # data_changed keys a restore moves


class BackupsCommand(QObject):
    """Owns the Backups dialog while it is open; ``restored`` after a restore landed."""

    restored = Signal(object)  # the copy of the state before the restore
    listed = Signal(list)  # the backups shown (tests wait on it)

    def __init__(self, parent: QWidget, ops: Operations, events: AppEvents,
                 notebook: NotebookInfo, can_leave: Callable[[], bool] = lambda: True) -> None:
        super().__init__(parent)
        self._parent, self._ops, self._events = parent, ops, events
        self._notebook, self._can_leave = notebook, can_leave
        self.dialog: BackupsDialog | None = None
        self.message: QMessageBox | None = None  # the last summary shown

    def open_dialog(self) -> BackupsDialog:
        """File ▸ Backups…: show the dialog (not blocking) and fill it."""
        if self.dialog is None:
            dialog = BackupsDialog(self._notebook.name, self._notebook.read_only, self._parent)
            dialog.backup_button.clicked.connect(self.back_up_now)
            dialog.restore_button.clicked.connect(self.restore_chosen)
            dialog.folder_button.clicked.connect(self.show_folder)
            dialog.finished.connect(self._closed)
            self.dialog = dialog
        self.dialog.open()
        self.refresh()
        return self.dialog

    def _closed(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.deleteLater()

    def refresh(self, select: Path | None = None) -> None:
        """List the backups again (on the worker)."""
        path = self._notebook.path
        self._ops.run(lambda: service.listing(path), lambda found: self._show(found, select),
                      self._failed("list the backups"), label="list backups")

    def _show(self, found: list, select: Path | None) -> None:
        if self.dialog is not None:
            self.dialog.set_backups(found)
            if select is not None:
                self.dialog.choose(select)
            self.dialog.set_working(False)
        self.listed.emit(found)

    # --- buttons --------------------------------------------------------------------------

    def back_up_now(self) -> None:
        """Take a verified copy now, then show it in the list."""
        self._working("Backing up…")
        self._ops.run(service.back_up_now, self._backed_up, self._failed("back up"),
                      label="back up now")

    def _backed_up(self, copy: Path) -> None:
        # The change mark belongs to this thread's connection; a job queued behind the backup
        # may already have written, so only an idle worker means "unchanged since the copy".
        if self._ops.is_busy():
            mark_changed()
        else:
            mark_unchanged()
        self._events.say(f"Backed up to {copy.name}.")
        self.refresh(select=copy)

    def restore_chosen(self) -> None:
        """Ask, then put the chosen backup in the notebook's place."""
        dialog = self.dialog
        chosen = dialog.chosen() if dialog is not None else None
        if chosen is None or self._notebook.read_only or not self._can_leave():
            return
        when = dialog.chosen_text()
        if not ask.confirm(self._parent, "Restore a backup",
                           f"Restore the notebook as it was {when}?", "Restore",
                           "Everything changed since then is replaced by the backup's content. "
                           "The notebook as it is now is backed up first, so you can come back "
                           "to it from this list."):
            return
        self._working(f"Restoring the backup taken {when}…")
        self._ops.run(lambda: service.restore(chosen), lambda safety: self._restored(when, safety),
                      self._failed("restore the backup"), label="restore backup")

    def _restored(self, when: str, safety: Path) -> None:
        mark_changed()  # back up on close: the newest copy should hold what is now open
        self._events.changed(self, **dict.fromkeys(EVERYTHING))
        self._events.say(f"Restored the backup taken {when}.")
        self.message = notice(self._parent, "Backup restored",
                              f"The notebook is back as it was {when}.",
                              f"The notebook as it was before is kept as {safety.name}.")
        self.restored.emit(safety)
        self.refresh()

    def show_folder(self) -> None:
        """Open the folder holding the chosen backup (or the newest) in the file manager."""
        chosen = self.dialog.chosen() if self.dialog is not None else None
        if chosen is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(chosen.parent)))

    # --- helpers --------------------------------------------------------------------------

    def _working(self, text: str) -> None:
        if self.dialog is not None:
            self.dialog.set_working(True)
            self.dialog.set_status(text)

    def _failed(self, what: str) -> Callable[[BaseException], None]:
        def failed(exc: BaseException) -> None:
            if self.dialog is not None:
                self.dialog.set_working(False)
                self.dialog.set_status(f"Could not {what}.")
            self._events.say(f"Could not {what}.")
            ask.inform(self._parent, f"Could not {what}", str(exc))
        return failed


class CheckCommand(QObject):
    """File ▸ Check notebook…: SQLite's integrity check and Rapport's own rules, on the worker."""

    checked = Signal(list)

    def __init__(self, parent: QWidget, ops: Operations, events: AppEvents) -> None:
        super().__init__(parent)
        self._parent, self._ops, self._events = parent, ops, events
        self.message: QMessageBox | None = None

    def run(self) -> None:
        """Check the open notebook and show what was found."""
        self._events.say("Checking the notebook…")
        self._ops.run(service.check_notebook, self._show,
                      lambda exc: self._show([f"The check could not finish: {exc}"]),
                      label="check notebook")

    def _show(self, findings: list[str]) -> None:
        if not findings:
            self._events.say("The notebook is in good order.")
            self.message = notice(self._parent, "Notebook checked",
                                  "The notebook is in good order.",
                                  "The file is intact, every link between records holds, and "
                                  "every date and status is one Rapport knows.")
        else:
            self._events.say(f"The check found {len(findings)} problem(s).")
            self.message = notice(self._parent, "Notebook checked",
                                  "The check found something wrong:",
                                  "\n".join(f"• {f}" for f in findings) + "\n\nIf the file is "
                                  "damaged, restore a backup from File ▸ Backups….")
            self.message.setIcon(QMessageBox.Icon.Warning)
        self.checked.emit(findings)
