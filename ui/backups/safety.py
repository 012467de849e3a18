"""Keeping the notebook safe around the window: opening, closing, and failures on the way.

``ui/app.py`` calls these at start and at the end: a busy notebook brings the first window
forward and says so; a damaged one offers its newest good backup (the damaged file is set
aside untouched); the daily backup runs on the worker once the window is up and idle; the
close backup runs after the window is gone. A full disk during any save is explained, not
just logged. SQLite's full check, which opening leaves out to paint fast, runs on the worker
before the daily backup; index-only damage is offered a repair.
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
# data_changed keys that mean "the whole notebook" (as a restore from the Backups dialog says)
EVERYTHING = ("customers", "timeline", "cards", "templates", "outreach")
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

RESTORE, REPAIR = "restore", "repair"
INDEX_ONLY = ("Only its indexes are damaged (the lists Rapport keeps to find things fast); "
              "your records themselves read fine. Repair rebuilds the indexes from them, after "
              "taking a copy of the notebook as it is.")


def offer_backup(path: Path, detail: str, backup: BackupInfo | None,
                 repairable: bool = False) -> str | None:
    """Ask what to do with a damaged notebook: RESTORE ``backup``, REPAIR it (only offered when
    ``repairable``: index-only damage), or None to quit."""
    from ui.backups.service import reason_text, when_phrase

    box = QMessageBox(QMessageBox.Icon.Critical, "Notebook damaged",
                      f"{path.name} is damaged and cannot be opened.",
                      QMessageBox.StandardButton.NoButton)
    box.setDetailedText(detail)
    text = INDEX_ONLY + "\n\n" if repairable else ""
    choices = {}
    if repairable:
        choices[box.addButton("Repair", QMessageBox.ButtonRole.AcceptRole)] = REPAIR
    if backup is None:
        text += "Rapport left the file untouched. There is no good backup of it to restore."
    else:
        text += (f"Rapport left the file untouched. The newest good backup was taken "
                 f"{when_phrase(backup.taken)} ({reason_text(backup.reason).lower()}).\n\n"
                 "Restore it? The damaged file is kept beside the notebook, unchanged, in case "
                 "someone can repair it: anything changed after the backup is only in that file.")
        choices[box.addButton("Restore the backup", QMessageBox.ButtonRole.AcceptRole)] = RESTORE
    box.setInformativeText(text)
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    if choices:
        box.setDefaultButton(next(iter(choices)))
    theme.plain_buttons(box.buttons())
    box.exec()
    return choices.get(box.clickedButton())


def recovered(aside: Path, backup: BackupInfo) -> None:
    """Tell the owner the backup is in place and where the damaged file went."""
    from ui.backups.service import when_phrase

    box = QMessageBox(QMessageBox.Icon.Information, "Backup restored",
                      f"The notebook was restored from the backup taken "
                      f"{when_phrase(backup.taken)}.", QMessageBox.StandardButton.Ok)
    box.setInformativeText(f"The damaged file is kept as {aside.name}, beside the notebook.")
    theme.plain_buttons(box.buttons())
    box.exec()


def repaired(copy: Path | None) -> None:
    """Tell the owner the indexes were rebuilt and where the copy taken first is."""
    where = f" The copy taken before the repair is {copy.name}." if copy else ""
    box = QMessageBox(QMessageBox.Icon.Information, "Notebook repaired",
                      "The notebook's indexes were rebuilt and it passed SQLite's full check.",
                      QMessageBox.StandardButton.Ok)
    box.setInformativeText(f"Nothing was lost: the indexes are rebuilt from your records.{where}")
    theme.plain_buttons(box.buttons())
    box.exec()


def recover_damaged(exc: CorruptNotebook, open_notebook) -> NotebookInfo | None:
    """Offer a repair (index-only damage) or the newest good backup for a damaged notebook;
    reopen it when the owner agrees.

    ``open_notebook(path)`` opens the restored file. None: the owner chose to quit, or there
    was nothing to restore (the damaged file is never changed either way).
    """
    from storage import check, restore

    app = QApplication.instance()
    if app is not None:
        app.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        backup = restore.newest_good_backup(exc.path)  # each candidate is verified: slow-ish
    finally:
        if app is not None:
            app.restoreOverrideCursor()
    choice = offer_backup(exc.path, exc.detail, backup, exc.index_only)
    if choice not in (RESTORE, REPAIR) or (choice == RESTORE and backup is None):
        return None
    try:
        if choice == REPAIR:
            copy = check.repair_file(exc.path)  # the same function as `check --repair`
        else:
            aside = restore.recover(exc.path, backup.path)
        info = open_notebook(exc.path)
    except NotebookError as failure:
        title = "The notebook could not be repaired" if choice == REPAIR else \
            "The backup could not be restored"
        ask.inform(None, title, str(failure))
        return None
    if choice == REPAIR:
        repaired(copy)
    else:
        recovered(aside, backup)
    return info


def damage_found(ops, events, exc: CorruptNotebook) -> None:
    """Damage the full check found after the window opened: offer a repair when the indexes
    alone are damaged; else say that nothing will be saved and how to restore a backup."""
    from storage import check

    if not exc.index_only:
        ask.inform(None, "Notebook damaged", str(exc),
                   "Rapport will not save changes to it. Quit Rapport and open the notebook "
                   "again: Rapport then offers its newest good backup.")
        return
    box = QMessageBox(QMessageBox.Icon.Warning, "Notebook damaged",
                      f"{exc.path.name} is damaged: Rapport will not save changes to it until "
                      "it is repaired.", QMessageBox.StandardButton.NoButton)
    box.setInformativeText(INDEX_ONLY)
    box.setDetailedText(exc.detail)
    repair = box.addButton("Repair", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Not now", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(repair)
    theme.plain_buttons(box.buttons())
    box.exec()
    if box.clickedButton() is repair:
        def done(copy: Path | None) -> None:
            repaired(copy)
            # Every screen reads the notebook again, one whose load failed meanwhile too.
            events.changed(None, **dict.fromkeys(EVERYTHING))

        ops.run(check.repair_open, done,
                lambda failure: ask.inform(None, "The notebook could not be repaired",
                                           str(failure)), label="repair")


# --- backups on open and on close -------------------------------------------------------------

def backup_on_open(ops, events) -> None:
    """SQLite's full check of the notebook (which opening skips, to paint fast), then the daily
    copy (when the newest is a day old), both set aside on the second worker: whatever the
    owner asks for meanwhile does not wait for them."""
    from storage import backups
    from storage.db import ensure_intact, mark_changed, mark_unchanged

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

    def checked(_result: object) -> None:
        ops.aside(backups.maybe_backup_on_open, done, failed, label="daily backup")

    def not_intact(exc: BaseException) -> None:
        if isinstance(exc, CorruptNotebook):
            damage_found(ops, events, exc)
        else:
            failed(exc)

    ops.aside(ensure_intact, checked, not_intact, label="integrity check")


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
    """Explain a full disk (or size limit), or a save refused because the notebook is
    damaged, in a message box; False for any other failure."""
    if isinstance(exc, CorruptNotebook):
        ask.inform(parent, "Notebook damaged", str(exc),
                   "Nothing was saved: Rapport does not write into a damaged notebook.")
        return True
    if not isinstance(exc, NotebookFull):
        return False
    ask.inform(parent, "The disk is full", str(exc),
               "Make room on the disk (empty the trash, move large files), then try again. "
               "Nothing you saved before is lost.")
    return True
