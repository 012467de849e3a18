"""Sales files in: Shopify, Square, Stripe, PayPal exports, or any table of sales.

A ``.csv`` is looked at here first (:func:`import_csv`, the registry's importer for CSV): a
sales file is imported as purchases, anything else goes on to the contacts import. The file is
decoded and split as the contacts import does (``exports.csv_import.open_table``); its rows are
read and judged in ``domain.sales``; buyers are matched and written in ``storage.sales``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from domain.sales import SalesRead, combine
from domain.sales_formats import LABELS, SalesMapping, detect, missing, read_rows
from exports.csv_import import Table, open_table
from exports.registry import ImportReport
from storage import imports, sales

MONTH_FIRST_REGIONS = frozenset({"US", "CA", "PH", "FM", "MH", "PW"})


def sales_kind(table: Table) -> str:
    """The sales program that wrote ``table`` ("csv" for any sales table), or ""."""
    return "" if table.problem else detect(table.headers)


def read_table(table: Table, kind: str, source: str, region: str,
               mapping: SalesMapping | None = None) -> SalesRead:
    """Every order of ``table`` judged: the purchases to be, and what is not a sale."""
    read = SalesRead(source, kind, LABELS.get(kind, kind))
    read.fatal = table.problem or missing(kind, table.headers, mapping)
    if read.fatal:
        return read
    lines = read_rows(kind, table.headers, table.rows, region not in MONTH_FIRST_REGIONS,
                      mapping)
    read.sales, read.not_sales = combine(lines)
    if not read.sales and read.not_sales and all(n.problem for n in read.not_sales):
        first = read.not_sales[0]
        read.fatal = f"no sale in it could be read ({first.position}: {first.reason})"
    return read


@dataclass
class SalesReport(ImportReport):
    """An import of sales, told in sales' words."""

    label: str = ""
    purchases: int = 0
    new_customers: int = 0
    known: int = 0
    not_sales: dict[str, int] = field(default_factory=dict)  # reason → how many

    def summary(self) -> str:
        parts = [f"{self.source} ({self.label}): {_n(self.purchases, 'purchase')} added"]
        if self.new_customers:
            parts.append(f"{_n(self.new_customers, 'new customer')}")
        if self.known:
            parts.append(f"{self.known} already imported")
        if self.not_sales:
            parts.append("not sales: " + ", ".join(
                f"{count} {reason}" for reason, count in sorted(self.not_sales.items())))
        if self.skipped:
            parts.append(f"{self.skipped} skipped (see below)")
        return ", ".join(parts)


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def report(plan: sales.SalesPreview, outcome: sales.SalesOutcome) -> SalesReport:
    """What an import did, for the command line and the window's summary."""
    grouped = Counter(n.reason for n in plan.not_sales if not n.problem)
    problems = [f"{n.position} {n.order_id}: {n.reason}".replace("  ", " ")
                for n in plan.not_sales if n.problem]
    return SalesReport(plan.source, added=outcome.purchases,
                       skipped=len(outcome.skipped) + len(problems),
                       problems=[*outcome.skipped, *problems], label=plan.label,
                       purchases=outcome.purchases, new_customers=outcome.new_customers,
                       known=outcome.known, not_sales=dict(grouped))


def import_csv(path: Path) -> ImportReport:
    """The registry's CSV importer: sales files as purchases, any other as contacts."""
    path = Path(path)
    table = open_table(path.read_bytes())
    kind = sales_kind(table)
    if not kind:
        from exports import csv_import

        return csv_import.import_file(path)
    region = imports.default_region()
    read = read_table(table, kind, path.name, region)
    if read.fatal:
        return ImportReport(path.name, problems=[read.fatal], fatal=read.fatal)
    plan = sales.preview(read, region)
    return report(plan, sales.apply(plan))
