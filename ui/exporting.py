"""File ▸ Export ▸ …: vCard, CSV, iCalendar of milestones, or the whole notebook as JSON.

A save dialog picks the file; the exporter (``exports.registry``, chosen by the extension)
writes it on the worker through a temporary file and a rename; the status bar says how many
customers went into it. Exporting only reads, so it works on a read-only notebook too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from ui import ask
from ui.events import AppEvents
from ui.operations import Operations


@dataclass(frozen=True)
class ExportKind:
    """One entry of the Export menu."""

    action: str  # the action's name in ui/actions.py
    suffix: str
    title: str
    file_filter: str
    stem: str  # "<notebook> contacts"
    counted: str  # what the exporter's count counts


KINDS = {k.action: k for k in (
    ExportKind("export_vcard", ".vcf", "Export contacts as vCard", "vCard (*.vcf)",
               "contacts", "customers"),
    ExportKind("export_csv", ".csv", "Export a spreadsheet", "CSV spreadsheet (*.csv)",
               "customers", "customers"),
    ExportKind("export_ics", ".ics", "Export a calendar of milestones",
               "iCalendar (*.ics)", "milestones", "customers with milestones"),
    ExportKind("export_json", ".json", "Export the whole notebook",
               "Rapport notebook (*.json)", "notebook", "customers"),
)}


def with_suffix(path: Path, suffix: str) -> Path:
    """``path`` ending in ``suffix`` (added when the owner typed a bare name)."""
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


def run_export(path: Path) -> int:
    """Write the open notebook to ``path`` in the format of its extension (on the worker)."""
    from exports.registry import exporter_for

    return exporter_for(path)(path)


class ExportCommand(QObject):
    """Asks where, exports off the GUI thread, reports in the status bar."""

    finished = Signal(object, int)  # path, count

    def __init__(self, parent: QWidget, ops: Operations, events: AppEvents,
                 notebook_name: str) -> None:
        super().__init__(parent)
        self._parent, self._ops, self._events = parent, ops, events
        self._name = notebook_name
        self._folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)

    def choose_and_export(self, action: str) -> None:
        """Ask for a file name for the ``action`` export, then write it."""
        kind = KINDS[action]
        suggested = str(Path(self._folder) / f"{self._name} {kind.stem}{kind.suffix}")
        name, _filter = QFileDialog.getSaveFileName(self._parent, kind.title, suggested,
                                                    kind.file_filter)
        if name:
            self._folder = str(Path(name).parent)
            self.export_to(action, Path(name))

    def export_to(self, action: str, path: Path) -> None:
        """Write the ``action`` export to ``path`` on the worker (the suffix added if missing);
        a path that would replace a notebook, a backup or another kind of file is refused."""
        kind = KINDS[action]
        try:  # the command line's rule; write_atomic checks again as it writes
            from exports.output_path import output_path  # late: only when saving

            path = output_path(path, kind.suffix)
        except OSError as exc:
            self._failed(with_suffix(Path(path), kind.suffix), exc)
            return
        self._events.say(f"Exporting to {path.name}…")
        self._ops.run(lambda: run_export(path), lambda n: self._done(kind, path, n),
                      lambda exc: self._failed(path, exc), label="export")

    def _done(self, kind: ExportKind, path: Path, count: int) -> None:
        what = kind.counted if count != 1 else kind.counted.replace("customers", "customer")
        self._events.say(f"Exported {count} {what} to {path.name}.")
        self.finished.emit(path, count)

    def _failed(self, path: Path, exc: BaseException) -> None:
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        self._events.say(f"Nothing was exported to {path.name}.")
        ask.inform(self._parent, "Nothing was exported",
                   f"{path.name} could not be written: {detail}")
