"""File ▸ Import…: pick a file, read it on the worker, let the owner check it, then write it.

    choose file → start() on the worker
        .vcf  → preview dialog
        .csv  → column mapping → preview_csv() on the worker → preview dialog
                (its date-order switch: preview_csv() again, the other way)
        .csv of sales (Shopify, Square, Stripe, PayPal) → sales preview
        .csv sales table from anywhere → its columns → preview_sales() → sales preview
        .json → confirmation when the notebook is not empty
    → a verified backup, then one transaction (worker) → summary, every screen refreshed

Dialogs are shown with ``open()`` and answer through ``accepted``, so nothing here blocks the
window or a test. A file that cannot be read is explained and nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from domain.contacts_mapping import ColumnMapping
from exports.registry import ImportReport
from storage.db import NotebookError, mark_changed
from storage.imports import ImportPreview
from storage.sales import SalesPreview
from ui import ask
from ui.events import AppEvents
from ui.imports import service
from ui.imports.mapping_dialog import MappingDialog
from ui.imports.notice import notice
from ui.imports.preview_dialog import PreviewDialog, plural
from ui.imports.sales_dialog import SalesPreviewDialog
from ui.imports.sales_mapping_dialog import SalesMappingDialog
from ui.operations import Operations
from ui.widgets.fit import fit_to_screen

PROBLEMS_SHOWN = 12


def summary_detail(report: ImportReport) -> str:
    """The entries that need a look, at most a dozen of them."""
    if not report.problems:
        return ""
    shown = "\n".join(report.problems[:PROBLEMS_SHOWN])
    more = len(report.problems) - PROBLEMS_SHOWN
    return "Some entries need a look:\n" + shown + (f"\n… and {more} more" if more > 0 else "")


class ImportCommand(QObject):
    """Runs one import at a time from file to summary; ``finished`` carries the report."""

    finished = Signal(object)  # ImportReport, after the notebook changed
    failed = Signal(str)  # the message shown when nothing was imported

    def __init__(self, parent: QWidget, ops: Operations, events: AppEvents) -> None:
        super().__init__(parent)
        self._parent, self._ops, self._events = parent, ops, events
        self.dialog: QDialog | None = None  # the step on show (tests drive it)
        self._folder = ""

    def choose_and_import(self) -> None:
        """File ▸ Import…: ask for a file, then import it."""
        name, _filter = QFileDialog.getOpenFileName(self._parent, "Import customers",
                                                    self._folder, service.FILTER)
        if name:
            self._folder = str(Path(name).parent)
            self.import_file(Path(name))

    def import_file(self, path: Path) -> None:
        """Read ``path`` on the worker, then take the owner through the next step."""
        path = Path(path)
        self._events.say(f"Reading {path.name}…")
        self._ops.run(lambda: service.start(path), self._started,
                      lambda exc: self._failed(path.name, exc), label="read import file")

    def _started(self, found) -> None:
        self._events.say("")
        if isinstance(found, service.SalesStart):
            self._ask_sales_mapping(found)
        elif isinstance(found, service.CsvStart):
            self._ask_mapping(found)
        elif isinstance(found, service.JsonStart):
            self._confirm_notebook(found)
        elif isinstance(found, SalesPreview):
            self._show_sales(found)
        else:
            self._show_preview(found)

    # --- the steps ------------------------------------------------------------------------

    def _ask_mapping(self, csv: service.CsvStart) -> None:
        dialog = MappingDialog(csv, self._parent)
        dialog.accepted.connect(lambda: self._preview_csv(csv, dialog))
        self._show(dialog)

    def _preview_csv(self, csv: service.CsvStart, dialog: MappingDialog) -> None:
        self._read_csv(csv, dialog.mapping())

    def _read_csv(self, csv: service.CsvStart, mapping: ColumnMapping) -> None:
        def shown(plan: ImportPreview) -> None:
            preview = self._show_preview(plan)
            # The date-order switch reads the file again, on the worker, the other way.
            preview.reread.connect(lambda day_first: self._read_csv(
                csv, replace(mapping, day_first=day_first)))

        self._ops.run(lambda: service.preview_csv(csv, mapping), shown,
                      lambda exc: self._failed(csv.path.name, exc), label="preview import")

    def _show_preview(self, plan: ImportPreview) -> PreviewDialog:
        dialog = PreviewDialog(plan, self._parent)
        dialog.accepted.connect(lambda: self._apply(plan, dialog.choices()))
        self._show(dialog)
        return dialog

    def _ask_sales_mapping(self, start: service.SalesStart) -> None:
        dialog = SalesMappingDialog(start, self._parent)
        dialog.accepted.connect(lambda: self._preview_sales(start, dialog))
        self._show(dialog)

    def _preview_sales(self, start: service.SalesStart, dialog: SalesMappingDialog) -> None:
        mapping = dialog.mapping()
        self._ops.run(lambda: service.preview_sales(start, mapping), self._show_sales,
                      lambda exc: self._failed(start.path.name, exc), label="preview sales")

    def _show_sales(self, plan: SalesPreview) -> None:
        dialog = SalesPreviewDialog(plan, self._parent)
        dialog.accepted.connect(
            lambda: self._write(lambda: service.apply_sales(plan, dialog.choices()),
                                plan.source))
        self._show(dialog)

    def _apply(self, plan: ImportPreview, choices: dict[int, str]) -> None:
        self._write(lambda: service.apply_preview(plan, choices), plan.source)

    def _confirm_notebook(self, found: service.JsonStart) -> None:
        if found.existing and not ask.confirm(
                self._parent, "Import a whole notebook",
                f"Add the {plural(found.customers, 'customer')} of {found.path.name} to this "
                f"notebook?", "Import",
                f"This notebook already has {plural(found.existing, 'customer')}. The file's "
                "customers, templates and cards are added beside them; nothing here is "
                "replaced, so someone in both will be there twice. A backup is taken first."):
            self._events.say("Nothing was imported.")
            return
        self._write(lambda: service.apply_notebook(found), found.path.name)

    def _write(self, work: Callable[[], ImportReport], source: str) -> None:
        def backed_up_then_written() -> ImportReport:
            service.backup_before_import()  # outside the import's transaction, as it must be
            return work()

        self._events.say(f"Importing {source} (a backup is taken first)…")
        self._ops.run(backed_up_then_written, self._done,
                      lambda exc: self._failed(source, exc), label="import")

    def _done(self, report: ImportReport) -> None:
        mark_changed()  # the close backup must hold the import
        # A notebook file brings templates and cards too; every screen re-reads what it shows.
        self._events.changed(self, customers=None, timeline=None, cards=None, templates=None)
        self._events.say(report.summary())
        self.dialog = notice(self._parent, "Import finished", report.summary() + ".",
                             summary_detail(report))
        self.finished.emit(report)

    def _failed(self, source: str, exc: BaseException) -> None:
        known = isinstance(exc, (ValueError, OSError, NotebookError))
        text = str(exc) if known else f"{source}: {exc}"
        self._events.say(f"Nothing was imported from {source}.")
        ask.inform(self._parent, "Nothing was imported", text)
        self.failed.emit(text)

    def _show(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        fit_to_screen(dialog)
        dialog.open()
