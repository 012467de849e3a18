"""Keeping the notebook safe around the window: opening, closing, and failures on the way.

``ui/app.py`` calls these at start and at the end: a busy notebook brings the first window
forward and says so; a damaged one offers its newest good backup (the damaged file is set
aside untouched); the daily backup runs on the worker once the window is up and idle; the
close backup runs after the window is gone. A full disk during any save is explained, not
just logged.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from storage.db import CorruptNotebook, NotebookBusy, NotebookError, NotebookFull, NotebookInfo
from ui import ask, theme

if TYPE_CHECKING:  # the backups' modules load when a backup is needed, not at start
    from storage.backups import BackupInfo

log = logging.getLogger(__name__)
OPEN_WAIT = 1.0  # seconds the window waits for a notebook a closing Rapport still holds


# --- a second window on the same notebook -----------------------------------------------------

def busy_message(exc: NotebookBusy, raised: bool) -> str:
    """What the owner reads when the notebook is open in another window."""
    text = f"{exc.path.name} is already open in another Rapport window ({exc.owner.describe()})."
    if raised:
        return text + " That window has been brought to the front."
    return text + " Close it there, then open the notebook again."


def refuse_busy(exc: NotebookBusy) -> bool:
    """When another window has the notebook: bring it forward, tell the owner, and True.

    False when a command line run has it (an import, print-cards): the caller opens the
    notebook read-only until that run is done, rather than refusing.
    """
    from storage.lock import WINDOW
    from ui.single_instance import ask_first_window

    raised = ask_first_window(exc.path)
    if not raised and exc.owner.role != WINDOW:
        return False
    ask.inform(None, "Notebook already open", busy_message(exc, raised))
    return True


# --- a damaged notebook -----------------------------------------------------------------------

def offer_backup(path: Path, detail: str, backup: BackupInfo | None) -> bool:
    """Ask whether to put ``backup`` in place of the damaged notebook; True: restore it."""
    from ui.backups.service import reason_text, when_phrase

    box = QMessageBox(QMessageBox.Icon.Critical, "Notebook damaged",
                      f"{path.name} is damaged and cannot be opened.",
                      QMessageBox.StandardButton.NoButton)
    box.setDetailedText(detail)
    if backup is None:
        box.setInformativeText("Rapport left the file untouched. There is no good backup of it "
                               "to restore.")
        box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
        theme.plain_buttons(box.buttons())
        box.exec()
        return False
    box.setInformativeText(
        f"Rapport left the file untouched. The newest good backup was taken "
        f"{when_phrase(backup.taken)} ({reason_text(backup.reason).lower()}).\n\n"
        "Restore it? The damaged file is kept beside the notebook, unchanged, in case "
        "someone can repair it: anything changed after the backup is only in that file.")
    restore = box.addButton("Restore the backup", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    theme.plain_buttons(box.buttons())
    box.exec()
    return box.clickedButton() is restore


def recovered(aside: Path, backup: BackupInfo) -> None:
    """Tell the owner the backup is in place and where the damaged file went."""
    from ui.backups.service import when_phrase

    box = QMessageBox(QMessageBox.Icon.Information, "Backup restored",
                      f"The notebook was restored from the backup taken "
                      f"{when_phrase(backup.taken)}.", QMessageBox.StandardButton.Ok)
    box.setInformativeText(f"The damaged file is kept as {aside.name}, beside the notebook.")
    theme.plain_buttons(box.buttons())
    box.exec()


def recover_damaged(exc: CorruptNotebook, open_notebook) -> NotebookInfo | None:
    """Offer the newest good backup for a damaged notebook; reopen it when the owner agrees.

    ``open_notebook(path)`` opens the restored file. None: the owner chose to quit, or there
    was nothing to restore (the damaged file is never changed either way).
    """
    from storage import backups

    app = QApplication.instance()
    if app is not None:
        app.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        backup = backups.newest_good_backup(exc.path)  # each candidate is verified: slow-ish
    finally:
        if app is not None:
            app.restoreOverrideCursor()
    if not offer_backup(exc.path, exc.detail, backup) or backup is None:
        return None
    try:
        aside = backups.recover(exc.path, backup.path)
        info = open_notebook(exc.path)
    except NotebookError as failure:
        ask.inform(None, "The backup could not be restored", str(failure))
        return None
    recovered(aside, backup)
    return info


# --- backups on open and on close -------------------------------------------------------------

def backup_on_open(ops, events) -> None:
    """The daily copy (when the newest is a day old), taken on the worker."""
    from storage import backups
    from storage.db import mark_changed, mark_unchanged

    def done(copy: Path | None) -> None:
        if copy is None:
            return
        # The change mark belongs to the GUI thread's connection (see ui/backups/controller).
        if ops.is_busy():
            mark_changed()
        else:
            mark_unchanged()

    def failed(exc: BaseException) -> None:
        log.warning("daily backup failed: %s", exc)
        events.say(f"The daily backup could not be written: {exc}")

    ops.run(backups.maybe_backup_on_open, done, failed, label="daily backup")


def backup_on_close() -> None:
    """After the window closed: a copy when anything changed. Failures are told, not raised."""
    from storage import backups

    try:
        backups.backup_on_close_if_changed()
    except NotebookError as exc:
        log.warning("backup on close failed: %s", exc)
        ask.inform(None, "No backup on closing",
                   "Your notebook is saved, but the copy Rapport takes on closing could not be "
                   f"written: {exc}")


# --- a full disk ------------------------------------------------------------------------------

def tell_if_disk_full(parent: QWidget | None, exc: BaseException) -> bool:
    """Explain a full disk (or size limit) in a message box; False for any other failure."""
    if not isinstance(exc, NotebookFull):
        return False
    ask.inform(parent, "The disk is full", str(exc),
               "Make room on the disk (empty the trash, move large files), then try again. "
               "Nothing you saved before is lost.")
    return True
