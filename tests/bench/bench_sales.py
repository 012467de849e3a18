"""Benchmark: 10,000 Shopify orders into a notebook (the budget is 3 s on 2 cores).

``python -m tests.bench.bench_sales [--orders 10000]``. The export is written in Shopify's own
layout (tests/exports/sales_files.py): one order in three has a second line item, one in 25 is
refunded, one in 20 partly refunded, one in 50 cancelled; buyers come back (7,000 of them for
10,000 orders), one in four with a phone. The import goes through ``exports.sales_csv``, as
``main.py import`` does, into a notebook that already holds 2,000 of the buyers; then the same
file again (everything already imported). The floor: the same file read with the csv module
and its rows inserted raw with ``executemany``.
"""

from __future__ import annotations

import argparse
import csv
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from exports import sales_csv
from storage import records
from storage.db import close_notebook, db, open_notebook
from tests.bench.bench_import import FAMILY, GIVEN
from tests.exports import sales_files

BUYERS = 7_000
KNOWN = 2_000


def rows(orders: int) -> list[dict[str, str]]:
    out = []
    for i in range(orders):
        b = i % BUYERS
        name = f"{GIVEN[b % len(GIVEN)]} {FAMILY[b % len(FAMILY)]}{b}"
        status = ("refunded" if i % 25 == 3 else "partially_refunded" if i % 20 == 5
                  else "paid")
        head = {"Name": f"#{1001 + i}", "Email": f"b{b}@example.com",
                "Financial Status": status, "Currency": "USD",
                "Paid at": f"2026-{1 + i % 11:02d}-{1 + i % 28:02d} 10:00:00 -0500",
                "Total": f"{20 + i % 180}.{i % 100:02d}",
                "Refunded Amount": "5.00" if status == "partially_refunded" else
                ("0.00" if status == "paid" else f"{20 + i % 180}.{i % 100:02d}"),
                "Lineitem quantity": str(1 + i % 3), "Lineitem name": f"Bouquet {i % 40}",
                "Billing Name": name,
                "Billing Phone": f"+1 503 555 {b % 10000:04d}" if b % 4 == 0 else "",
                "Cancelled at": "2026-12-01 10:00:00 -0500" if i % 50 == 7 else ""}
        out.append(head)
        if i % 3 == 0:
            out.append({"Name": head["Name"], "Email": head["Email"], "Lineitem quantity": "1",
                        "Lineitem name": "Card and ribbon"})
    return out


def seed(notebook: Path) -> None:
    """``KNOWN`` of the buyers already in the notebook, by email."""
    from domain.model import Customer

    open_notebook(notebook)
    try:
        with db.atomic():
            people = [(records.insert_customer(Customer(
                given_name=GIVEN[b % len(GIVEN)], family_name=f"{FAMILY[b % len(FAMILY)]}{b}",
                emails=[f"b{b}@example.com"])), Customer(emails=[f"b{b}@example.com"]))
                for b in range(0, BUYERS, BUYERS // KNOWN)]
            records.insert_profile_children(people)
            records.reindex(None)
    finally:
        close_notebook()


def floor(source: Path) -> float:
    con = sqlite3.connect(":memory:")
    con.execute("CREATE TABLE t (a, b, c, d, e)")
    started = time.perf_counter()
    with source.open(newline="", encoding="utf-8") as f, con:
        con.executemany("INSERT INTO t VALUES (?,?,?,?,?)",
                        ((r["Name"], r["Email"], r["Total"], r["Paid at"], r["Billing Name"])
                         for r in csv.DictReader(f)))
    con.close()
    return time.perf_counter() - started


def run(orders: int, folder: Path, n: int = 0) -> tuple[float, float, object]:
    """Seconds to import the file, seconds to import it again, and the first report."""
    source = sales_files.write(folder / "orders_export.csv", sales_files.SHOPIFY, rows(orders))
    notebook = folder / f"sales-{n}.rapport"
    seed(notebook)
    open_notebook(notebook)
    try:
        started = time.perf_counter()
        report = sales_csv.import_csv(source)
        first = time.perf_counter() - started
        started = time.perf_counter()
        sales_csv.import_csv(source)
        return first, time.perf_counter() - started, report
    finally:
        close_notebook()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=10_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        first, again, report = run(args.orders, Path(tmp))
        raw = floor(Path(tmp) / "orders_export.csv")
    print(f"{args.orders:,} orders: {first:.2f} s; again (nothing new): {again:.2f} s; "
          f"floor (csv + raw insert) {raw * 1000:.0f} ms\n{report.summary()}")
    return 0 if first <= 3.0 else 1


if __name__ == "__main__":
    sys.exit(main())
