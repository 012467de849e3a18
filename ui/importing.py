"""File ▸ Import…: bring in a vCard, CSV or Rapport JSON file, then say what happened.

The importers (``exports/``) check each file before writing anything; they run on the worker
and their report comes back as a short summary.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ui.events import AppEvents
from ui.operations import Operations

FILTER = "Contacts (*.vcf *.vcard *.csv *.json);;vCard (*.vcf *.vcard);;CSV (*.csv);;" \
         "Rapport notebook export (*.json)"


def run_import(path: Path):
    """Import ``path`` into the open notebook (on the worker); return its ImportReport."""
    from exports.registry import importer_for

    return importer_for(path)(path)


class ImportCommand(QObject):
    """Asks for a file, imports it off the GUI thread, reports, and tells every screen."""

    def __init__(self, parent: QWidget, ops: Operations, events: AppEvents) -> None:
        super().__init__(parent)
        self._parent, self._ops, self._events = parent, ops, events

    def choose_and_import(self) -> None:
        """File ▸ Import…: ask for a file, then import it."""
        name, _filter = QFileDialog.getOpenFileName(self._parent, "Import customers", "",
                                                    FILTER)
        if name:
            self.import_file(Path(name))

    def import_file(self, path: Path) -> None:
        """Import ``path`` on the worker; report when done."""
        self._events.say(f"Importing {path.name}…")
        self._ops.run(lambda: run_import(path), lambda report: self._done(path, report),
                      lambda exc: self._failed(path, exc), label="import")

    def _done(self, path: Path, report) -> None:
        self._events.changed(self, customers=None)
        self._events.say(report.summary())
        text = report.summary()
        if report.problems:
            shown = "\n".join(report.problems[:12])
            more = len(report.problems) - 12
            text += f"\n\nSome entries need a look:\n{shown}" + (f"\n… and {more} more"
                                                                  if more > 0 else "")
        QMessageBox.information(self._parent, "Import finished", text)

    def _failed(self, path: Path, exc: BaseException) -> None:
        from ui import ask

        ask.inform(self._parent, "Nothing was imported", f"{path.name}: {exc}")
