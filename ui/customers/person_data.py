"""One person's data: "Export this customer's data…" and "Erase this customer completely…".

Export writes one zip (the customer as JSON, a vCard, their photo) where the owner chooses.
Erasing is not deleting: nothing is kept for undo, the rows are overwritten in the file, other
customers' text naming them is redacted, the search index and the write-ahead log are cleaned,
and then every backup and damaged copy of the notebook is cleaned too (a second job: each is
rewritten, which takes a while). So the confirmation says exactly what goes, whose records name
them, from how many backups and that it cannot be undone, and asks for the customer's name to be
typed. When another program reading the notebook holds up the last step, the owner is told and
the worker tries again every few seconds until it is done. All of it runs on the worker.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from domain.text import fold
from ui import ask, theme
from ui.customers.detail_controller import DetailController
from ui.events import AppEvents
from ui.operations import Operations

if TYPE_CHECKING:  # storage.erase is imported when the owner erases someone, not at start
    from storage.erase import BackupsErased, ErasePreview

_DANGER = (f"QPushButton#eraseButton {{ background: {theme.ERROR}; color: white; "
           f"border-color: {theme.ERROR}; font-weight: 600; }} "
           "QPushButton#eraseButton:disabled { background: #e8b4ae; border-color: #e8b4ae; }")


def file_name(name: str) -> str:
    """``Zoë Łukasik`` → ``zoe-lukasik-data.zip``."""
    words = re.findall(r"[a-z0-9]+", fold(name))
    return ("-".join(words)[:60] or "customer") + "-data.zip"


def erase_text(preview: ErasePreview) -> str:
    """``ErasePreview.sentences()`` as paragraphs, the last (no undo) in red."""
    parts = [escape(p, quote=False) for p in preview.sentences()]
    parts[-1] = f"<b style='color:{theme.ERROR}'>{parts[-1]}</b>"
    return "".join(f"<p>{p}</p>" for p in parts)


class EraseDialog(QDialog):
    """What erasing removes; the Erase button works once the customer's name is typed."""

    def __init__(self, preview: ErasePreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eraseDialog")
        self.setWindowTitle(f"Erase {preview.name}")
        self.setMinimumWidth(520)
        self.preview = preview
        outer = QVBoxLayout(self)
        outer.setContentsMargins(22, 18, 22, 14)
        outer.setSpacing(10)
        outer.addWidget(theme.label(f"Erase {preview.name} completely", "section"))
        text = theme.label(erase_text(preview))
        text.setObjectName("eraseMessage")
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setWordWrap(True)
        text.setToolTip(preview.message())
        outer.addWidget(text)
        hint = theme.label("To delete someone with a way back, use Delete instead (Ctrl+Z "
                           "brings them back). To hand them their data first, use Export this "
                           "customer's data.", "muted")
        hint.setWordWrap(True)
        outer.addWidget(hint)
        outer.addWidget(theme.label(f"Type <b>{preview.name}</b> to confirm:"))
        self.typed = QLineEdit()
        self.typed.setObjectName("typedName")
        outer.addWidget(self.typed)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.erase_button = self.buttons.addButton("Erase for ever",
                                                   QDialogButtonBox.ButtonRole.DestructiveRole)
        self.erase_button.setObjectName("eraseButton")
        self.erase_button.setStyleSheet(_DANGER)
        self.erase_button.setEnabled(False)
        self.erase_button.setAutoDefault(False)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setDefault(True)
        theme.plain_buttons(self.buttons.buttons())
        outer.addWidget(self.buttons)
        self.typed.textChanged.connect(self._typed)
        self.erase_button.clicked.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def _typed(self, text: str) -> None:
        self.erase_button.setEnabled(fold(text.strip()) == fold(self.preview.name.strip()))


class PersonDataCommand(QObject):
    """The Customer menu's export and erase, for the customer on the detail page."""

    exported = Signal(object)  # the zip's path
    erased = Signal(int)  # the customer's id
    RETRY_MS = 3000  # how often a wipe a reader holds up is tried again

    def __init__(self, parent: QWidget, ops: Operations, events: AppEvents,
                 undo_stack: QUndoStack, detail: DetailController, read_only: bool) -> None:
        super().__init__(parent)
        self._parent, self._ops, self._events = parent, ops, events
        self._stack, self._detail, self._read_only = undo_stack, detail, read_only
        self._folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        self.dialog: EraseDialog | None = None
        self.pending: str | None = None  # whose erase waits for another program to stop reading

    def _shown(self) -> tuple[int, str] | None:
        cid, customer = self._detail.customer_id(), self._detail.customer()
        return (cid, customer.display_name) if cid is not None and customer else None

    # --- export ---------------------------------------------------------------------------

    def export_shown(self) -> None:
        """Ask where, then write the shown customer's data there."""
        shown = self._shown()
        if shown is None:
            return
        suggested = str(Path(self._folder) / file_name(shown[1]))
        name, _filter = QFileDialog.getSaveFileName(
            self._parent, f"Export {shown[1]}'s data", suggested, "Zip archive (*.zip)")
        if not name:
            return
        self._folder = str(Path(name).parent)
        try:  # the command line's rule: never over a notebook, a backup or another kind
            from exports.output_path import output_path  # late: only when saving

            path = output_path(name, ".zip")
        except OSError as exc:
            ask.inform(self._parent, f"Could not export {shown[1]}'s data",
                       exc.strerror or str(exc))
            return
        self.export_to(shown[0], shown[1], path)

    def export_to(self, customer_id: int, name: str, path: Path) -> None:
        """Write ``customer_id``'s data (JSON, vCard, photo) to the zip ``path``, on the worker."""
        from exports.person import export_person

        self._ops.run(lambda: export_person(customer_id, path),
                      lambda files: self._exported(name, path, files),
                      lambda exc: self._failed(f"export {name}'s data", exc),
                      label="export customer data")

    def _exported(self, name: str, path: Path, files: list[str]) -> None:
        self._events.say(f"Saved {name}'s data to {path.name} ({', '.join(files)}).")
        self.exported.emit(path)

    # --- erase ----------------------------------------------------------------------------

    def erase_shown(self) -> None:
        """Count what the shown customer has (worker), then ask before erasing them."""
        shown = self._shown()
        if shown is None or self._read_only or not self._detail.can_leave():
            return
        from storage.erase import erase_preview

        cid = shown[0]
        self._ops.run(lambda: erase_preview(cid), self._confirm,
                      lambda exc: self._failed(f"erase {shown[1]}", exc), label="erase preview")

    def _confirm(self, preview: ErasePreview) -> None:
        dialog = EraseDialog(preview, self._parent)
        dialog.accepted.connect(lambda: self._erase(preview))
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()

    def _erase(self, preview: ErasePreview) -> None:
        from storage.erase import erase_customer

        cid = preview.customer_id
        self._detail.revert()
        self._ops.run(lambda: erase_customer(cid), self._erased,
                      lambda exc: self._failed(f"erase {preview.name}", exc), label="erase")

    def _erased(self, removed: ErasePreview) -> None:
        # Undo could bring back what was erased (an edit re-saves the whole profile): gone too.
        self._stack.clear()
        changes: dict = {"deleted": {removed.customer_id}}
        if removed.referrals or removed.mentions:
            changes["customers"] = None  # lost their "referred by", or their text was redacted
        self._events.changed(self, **changes)
        self._events.say(removed.done())
        self.erased.emit(removed.customer_id)
        if not removed.checkpointed:
            self.pending = removed.name
            QTimer.singleShot(self.RETRY_MS, self, self._retry_wipe)
        self._erase_from_backups(removed)

    def _retry_wipe(self) -> None:
        from storage.erase_pending import finish

        self._ops.run(lambda: finish(0.2), self._wiped,
                      lambda exc: self._failed(f"finish erasing {self.pending}", exc),
                      label="finish erase")

    def _wiped(self, done: bool) -> None:
        if not done:  # still reading: try again later (the next open or close tries too)
            QTimer.singleShot(self.RETRY_MS, self, self._retry_wipe)
            return
        name, self.pending = self.pending, None
        self._events.say(f"The erase of {name} is complete: no file holds them any more.")

    def _erase_from_backups(self, removed: ErasePreview) -> None:
        # A job of its own: the notebook's erase is done and stays done whatever a backup does.
        from storage.erase import erase_from_backups

        cid, who, name = removed.customer_id, removed.who, removed.name
        if removed.backups:
            self._events.say(f"Erased {name} from the notebook; now erasing them from its "
                             "backups…")
        self._ops.run(lambda: erase_from_backups(cid, who),
                      lambda result: self._backups_erased(name, result),
                      lambda exc: self._backups_failed(name, str(exc)),
                      label="erase from backups")

    def _backups_erased(self, name: str, result: BackupsErased) -> None:
        from storage.erase_pending import READER

        still = f" {READER}" if self.pending else ""
        self._events.say(f"{result.line(name)} This cannot be undone.{still}")
        if result.failed:  # their data is still in those files: worth more than a status line
            self._backups_failed(name, "; ".join(f"{file}: {why}" for file, why in result.failed))

    def _backups_failed(self, name: str, why: str) -> None:
        ask.inform(self._parent, "Not erased from every backup",
                   f"{name} is erased from the notebook, but a backup or a damaged copy still "
                   "holds them: delete that file yourself if they must be gone from it too.",
                   why)

    def _failed(self, what: str, exc: BaseException) -> None:
        from ui.backups.safety import tell_if_disk_full

        self._events.say(f"Could not {what}.")
        if not tell_if_disk_full(self._parent, exc):
            ask.inform(self._parent, f"Could not {what}", str(exc))
