"""Reading contacts from CSV: Google and Outlook exports, or any spreadsheet with a header row.

Any encoding (a byte-order mark, else UTF-8, else a guess: ``domain.contacts_text``), comma,
semicolon or tab delimited (csv.Sniffer, checked against the header row), quoted fields over
several lines. The columns' meaning comes from a :class:`ColumnMapping` — the Google,
Outlook or Thunderbird preset when the header row is theirs (Rapport's own export by its
mark), else a guess a dialog can correct::

    table = open_table(data)                     # header and rows; nothing interpreted yet
    mapping = contacts_mapping(table)            # shown and edited in the dialog
    read = read_table(table, mapping, region)    # → storage.imports.preview / apply

Slashed dates are read day first or month first as the file's own values settle it, else as
the region writes them (``domain.contacts_dates``); ``mapping.day_first`` is the owner's
choice from the preview. A guessed encoding is named in ``ReadResult.notes``.
"""

from __future__ import annotations

import csv
import io
import logging
from dataclasses import dataclass, field
from pathlib import Path

from domain.contacts import DEFAULT_REGION, Incoming, ReadResult, broken, identity_problem
from domain.contacts_dates import DateOrder, decide
from domain.contacts_mapping import ColumnMapping, detect_mapping, to_customer
from domain.contacts_text import decode_text, encoding_name, is_guess
from exports.csv_guard import MARK, unguard
from exports.registry import ImportReport
from storage import imports

__all__ = ["ColumnMapping", "Table", "contacts_mapping", "detect_mapping", "import_file",
           "open_table", "read_bytes", "read_file", "read_table"]

log = logging.getLogger(__name__)
DELIMITERS = ",;\t|"
_SAMPLE = 64 * 1024
DATE_TARGETS = frozenset({"birthday", "anniversary", "event_value", "customer_since",
                          "last_touch"})


@dataclass
class Table:
    """A CSV file split into cells: its header row and its rows with their first line."""

    headers: list[str] = field(default_factory=list)
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    encoding: str = "utf-8"
    delimiter: str = ","
    problem: str = ""  # set when the file cannot be read as a table at all
    rapport: bool = False  # Rapport's own export (its MARK ends the header): guard taken off


def sniff_delimiter(text: str) -> str:
    """The delimiter of ``text``: Sniffer's answer if the header row has it, else a count."""
    first = text.split("\n", 1)[0]
    try:
        found = csv.Sniffer().sniff(text[:_SAMPLE], delimiters=DELIMITERS).delimiter
    except csv.Error:
        found = ""
    if found and found in first:
        return found
    counts = {d: first.count(d) for d in DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def open_table(data: bytes) -> Table:
    """Decode and split ``data``; empty rows are dropped. Never raises for bad input."""
    text, encoding = decode_text(data)
    text = text.replace("\x00", "")  # stray NULs from a mis-saved UTF-16 file
    table = Table(encoding=encoding, delimiter=sniff_delimiter(text))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=table.delimiter)
    start = 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                _take(table, start, cells)
            start = reader.line_num + 1
    except csv.Error as exc:
        table.problem = f"line {start}: not readable as CSV ({exc})"
    if not table.headers and not table.problem:
        table.problem = "the file has no header row"
    return table


def _take(table: Table, line: int, cells: list[str]) -> None:
    if table.headers:
        table.rows.append((line, [unguard(c) for c in cells] if table.rapport else cells))
        return
    table.headers = [cell.strip().lstrip("\ufeff") for cell in cells]
    if table.headers[-1:] == [MARK]:  # only in our own file is an apostrophe our guard
        table.headers.pop()
        table.rapport = True


def contacts_mapping(table: Table) -> ColumnMapping:
    """What each column of a contacts file holds: a preset, Rapport's own, or a guess.

    The one place a CSV file's contacts reading starts (the command line and the window), so a
    detector of other kinds of file (sales) can run before it."""
    mapping = detect_mapping(table.headers)
    if table.rapport:
        mapping.preset = "rapport"
    return mapping


def date_order(table: Table, mapping: ColumnMapping, region: str) -> DateOrder | None:
    """How the file's slashed dates are read (None: it has none that could be read both ways)."""
    columns = [i for i, c in enumerate(mapping.columns) if c.target in DATE_TARGETS]
    texts = (cells[i] for _line, cells in table.rows for i in columns if i < len(cells))
    return decide(texts, region, mapping.day_first)


def read_table(table: Table, mapping: ColumnMapping, region: str = DEFAULT_REGION,
               source: str = "") -> ReadResult:
    """One Incoming per row of ``table``, read through ``mapping``."""
    if table.problem:
        return ReadResult(source, fatal=table.problem)
    if not mapping.used():
        return ReadResult(source, fatal="no column is mapped to a name, email or phone")
    order = date_order(table, mapping, region)
    day_first = order.day_first if order else mapping.day_first
    result = ReadResult(source, [_row(i, line, cells, mapping, region, day_first)
                                 for i, (line, cells) in enumerate(table.rows, 1)],
                        date_order=order)
    if is_guess(table.encoding):
        result.notes.append(f"{source}: read as {encoding_name(table.encoding)}, a guess (the "
                            "file does not say its encoding) — check accented names")
    if order and not order.settled:
        result.notes.append(f"{source}: {order.describe()}")
    if mapping.preset == "guessed" and mapping.ignored_headers() and result.entries:
        note = "columns not imported: " + ", ".join(mapping.ignored_headers())
        result.entries[0].warnings.insert(0, f"{source}: {note}")
    return result


def _row(number: int, line: int, cells: list[str], mapping: ColumnMapping,
         region: str, day_first: bool | None) -> Incoming:
    position = f"row {number} (line {line})"
    try:
        customer, warnings = to_customer(cells, mapping, region, position, day_first)
    except Exception:  # one row must never stop the others; the log keeps the details
        log.exception("CSV %s could not be read", position)
        return broken(position, "this row could not be read")
    problem = identity_problem(customer)
    if problem:
        return broken(position, problem)
    return Incoming(position, customer, warnings=warnings)


def read_bytes(data: bytes, source: str = "", region: str = DEFAULT_REGION,
               mapping: ColumnMapping | None = None) -> ReadResult:
    """Parse CSV ``data`` with ``mapping``, or the preset or guess for its header row."""
    table = open_table(data)
    return read_table(table, mapping or contacts_mapping(table), region, source)


def read_file(path: Path, mapping: ColumnMapping | None = None,
              region: str | None = None) -> ReadResult:
    path = Path(path)
    return read_bytes(path.read_bytes(), path.name, region or imports.default_region(), mapping)


def import_file(path: Path) -> ImportReport:
    """Import every good row of ``path`` (preset or guessed columns); say what happened."""
    outcome = imports.apply(imports.preview(read_file(path)))
    return ImportReport(**outcome.report_fields())
