"""Benchmark: 20,000 CSV rows that all give one phone (a company's main line) against the
same rows with a phone each (issue 12: 146 s against 1.9 s; the budget is 2×).

``python -m tests.bench.bench_shared_phone [--rows 20000]``. Each import goes into a new
notebook through ``exports.csv_import.import_file``, as ``main.py import`` does.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from exports import csv_import
from storage.db import close_notebook, open_notebook
from tests.bench.bench_import import FAMILY, GIVEN


def make_csv(path: Path, rows: int, shared: bool) -> None:
    """``rows`` different people; ``shared``: all with the same phone, else one each."""
    lines = ["Given name,Family name,Email,Phone,Company"]
    for i in range(rows):
        family = f"{FAMILY[i % len(FAMILY)]}{i}"
        phone = "+1 503 555 0000" if shared else f"+1 503 {555 + i // 10000} {i % 10000:04d}"
        lines.append(f"{GIVEN[i % len(GIVEN)]},{family},p{i}@example.com,{phone},Acme")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def run(rows: int, folder: Path, shared: bool, n: int = 0) -> tuple[float, object]:
    """Seconds to import the file into a new notebook, and the report."""
    source = folder / f"{'shared' if shared else 'distinct'}.csv"
    make_csv(source, rows, shared)
    open_notebook(folder / f"phone-{int(shared)}-{n}.rapport")
    try:
        started = time.perf_counter()
        report = csv_import.import_file(source)
        return time.perf_counter() - started, report
    finally:
        close_notebook()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        distinct, report = run(args.rows, Path(tmp), shared=False)
        print(f"distinct phones: {distinct:.2f} s ({report.summary()})")
        shared, report = run(args.rows, Path(tmp), shared=True)
        print(f"one shared phone: {shared:.2f} s ({report.summary()}), "
              f"{shared / distinct:.2f}× the distinct phones")
    return 0 if shared <= 2 * distinct else 1


if __name__ == "__main__":
    sys.exit(main())
