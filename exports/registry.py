"""Which module reads or writes which file type, chosen by the file's extension.

Modules are imported only when used, so the command line starts fast.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class ImportReport:
    """What an import did, for the command line and the import dialog."""

    source: str
    added: int = 0
    merged: int = 0
    skipped: int = 0
    problems: list[str] = field(default_factory=list)  # "card 4 (line 37): no name"
    fatal: str = ""  # set when nothing in the file could be read (also the first problem)

    def summary(self) -> str:
        parts = [f"{self.source}: {self.added} added"]
        if self.merged:
            parts.append(f"{self.merged} merged with existing customers")
        if self.skipped:
            parts.append(f"{self.skipped} skipped")
        return ", ".join(parts)


# extension -> "module:function". Importers take (path) and return an ImportReport;
# exporters take (path) and return how many customers they wrote.
IMPORTERS = {
    ".json": "exports.notebook_json:import_file",
    ".vcf": "exports.vcard:import_file",
    ".vcard": "exports.vcard:import_file",
    ".csv": "exports.sales_csv:import_csv",  # sales files first, then contacts
}
EXPORTERS = {
    ".json": "exports.notebook_json:export_file",
    ".vcf": "exports.vcard:export_file",
    ".csv": "exports.csv_export:export_file",
    ".ics": "exports.ical:export_file",
}


class UnsupportedFile(ValueError):
    """No importer or exporter for this extension."""


def _resolve(table: dict[str, str], path: Path, verb: str) -> Callable:
    target = table.get(path.suffix.lower())
    if target is None:
        known = ", ".join(sorted(table))
        raise UnsupportedFile(f"Rapport cannot {verb} {path.name}: use one of {known}.")
    module_name, func = target.split(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name == module_name:
            raise UnsupportedFile(f"{path.suffix} files cannot be {verb}ed yet.") from exc
        raise
    return getattr(module, func)


def importer_for(path: Path) -> Callable[[Path], ImportReport]:
    return _resolve(IMPORTERS, path, "import")


def exporter_for(path: Path) -> Callable[[Path], int]:
    return _resolve(EXPORTERS, path, "export")
