"""The worker's half of File ▸ Import: read a file, preview it, then apply the owner's choices.

No Qt here: every function runs inside an operation (on the worker thread) and hands plain
data back to the dialogs. A file is read in full before anything is written, so a broken file
changes nothing; the writing step is one transaction (``storage.imports.apply`` or
``storage.bulk.write_all``), taken after a verified backup.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from domain.contacts_mapping import ColumnMapping
from domain.sales_formats import SalesMapping, guess_mapping
from exports import csv_import, notebook_json, sales_csv, vcard
from exports.csv_import import Table
from exports.registry import ImportReport, UnsupportedFile
from storage import bulk, imports, sales
from storage.imports import ImportPreview
from storage.sales import SalesPreview

VCARD = (".vcf", ".vcard")
FILTER = ("Contacts or sales (*.vcf *.vcard *.csv *.json);;vCard (*.vcf *.vcard);;"
          "Spreadsheet or sales export (*.csv);;Rapport notebook (*.json)")
SAMPLES = 3  # values shown beside each column in the mapping step


class UnreadableFile(ValueError):
    """The file as a whole cannot be imported; the message says why, in plain words."""


@dataclass
class CsvStart:
    """A CSV file split into cells, with the preset or guessed meaning of its columns."""

    path: Path
    table: Table
    mapping: ColumnMapping

    def samples(self, column: int) -> list[str]:
        """The first few non-empty values of ``column``, for the mapping step."""
        found = []
        for _line, cells in self.table.rows:
            if column < len(cells) and cells[column].strip():
                found.append(" ".join(cells[column].split()))
                if len(found) == SAMPLES:
                    break
        return found


@dataclass
class SalesStart(CsvStart):
    """A sales file split into cells; for a table from anywhere, the guess of its columns."""

    mapping: SalesMapping | None  # type: ignore[assignment]
    kind: str = "csv"


@dataclass
class JsonStart:
    """A whole Rapport notebook file, checked, and how many customers the notebook has now."""

    path: Path
    customers: int  # in the file
    existing: int  # already in the notebook


def start(path: Path) -> ImportPreview | CsvStart | JsonStart | SalesStart | SalesPreview:
    """Read ``path``: a vCard file goes straight to its preview, a CSV file to the mapping step
    (a sales export to the sales preview), a notebook file to a confirmation. Raises
    UnreadableFile for a file that cannot be used."""
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix in VCARD:
            return _checked(imports.preview(vcard.read_file(path)), path)
        if suffix == ".csv":
            return _csv_start(path)
        if suffix == ".json":
            count = notebook_json.check_file(path)  # streamed: never the whole file in memory
            return JsonStart(path, count, bulk.customer_count())
    except (OSError, notebook_json.NotebookFileError) as exc:
        raise UnreadableFile(f"{path.name} cannot be imported: {_reason(exc)}") from exc
    raise UnsupportedFile(f"Rapport cannot import {path.name}: choose a .vcf, .csv or .json "
                          "file.")


def _csv_start(path: Path) -> CsvStart:
    table = csv_import.open_table(path.read_bytes())
    if table.problem:
        raise UnreadableFile(f"{path.name} cannot be imported: {table.problem}.")
    kind = sales_csv.sales_kind(table)  # a till's or shop's sales, not contacts
    if kind == "csv":  # a sales table from anywhere: its columns are checked first
        return SalesStart(path, table, guess_mapping(table.headers))
    if kind:
        return preview_sales(SalesStart(path, table, None, kind))
    return CsvStart(path, table, csv_import.contacts_mapping(table))


def preview_sales(start: SalesStart, mapping: SalesMapping | None = None) -> SalesPreview:
    """The sales preview of a file, read through ``mapping`` (a table from anywhere)."""
    region = imports.default_region()
    read = sales_csv.read_table(start.table, start.kind, start.path.name, region,
                                mapping or start.mapping)
    if read.fatal:
        raise UnreadableFile(f"{start.path.name} cannot be imported: {read.fatal}.")
    return sales.preview(read, region)


def _checked(plan: ImportPreview, path: Path) -> ImportPreview:
    if plan.fatal:
        raise UnreadableFile(f"{path.name} cannot be imported: {plan.fatal}.")
    if not plan.entries:
        raise UnreadableFile(f"{path.name} holds no contacts.")
    return plan


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return (exc.strerror or str(exc)).rstrip(".") + "."
    text = str(exc)
    return text if text.endswith(".") else text + "."


def preview_csv(csv: CsvStart, mapping: ColumnMapping) -> ImportPreview:
    """The preview of a CSV file read through the owner's ``mapping`` (and its date order:
    ``mapping.day_first``, None to decide from the file)."""
    read = csv_import.read_table(csv.table, mapping, imports.default_region(), csv.path.name)
    return _checked(imports.preview(read), csv.path)


def backup_before_import() -> Path:
    """A verified copy of the notebook as it is, before a bulk import changes it."""
    return imports.backup_before_import()  # the command line's too


def apply_preview(plan: ImportPreview, choices: dict[int, str]) -> ImportReport:
    """Write the entries as the owner chose (add / merge / skip), all or nothing."""
    return ImportReport(**imports.apply(plan, choices).report_fields())


def apply_sales(plan: SalesPreview, choices: dict[int, int | str]) -> ImportReport:
    """Write the purchases, with the owner's answers for ambiguous buyers, all or nothing."""
    return sales_csv.report(plan, sales.apply(plan, choices))


def apply_notebook(json_start: JsonStart) -> ImportReport:
    """Add the whole notebook file to the open notebook, all or nothing."""
    return notebook_json.import_file(json_start.path)
