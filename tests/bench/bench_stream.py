"""Whole-notebook JSON export and import against their floors, with peak memory (issue 17).

``python -m tests.bench.bench_stream [--customers 50000 | --notebook FILE] [--runs 3]`` (in
``make bench``; ``make bench-large`` runs it at 200,000 customers)

- export floor: a bare Python process that reads each table in customer order (one cursor
  per table, merged by customer id) and writes one JSON line per customer;
- import floor: the same rows inserted with raw ``executemany`` in one transaction into a
  fresh database with the notebook's tables, indexes and search index (its rows inserted as
  they are, no triggers); the rows are read before the clock starts.
Both Rapport commands run as whole processes (``main.py export`` / ``main.py import`` into an
empty notebook); peak resident memory is ``ru_maxrss`` of each child, started by
``peak.py`` so that the runner's own peak is not counted.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable

# table, columns, order: the rows a customer owns, as the export reads them
TABLES = (
    ("email", "customer_id, address, label", "customer_id, position"),
    ("phone", "customer_id, number, label", "customer_id, position"),
    ("address", "customer_id, street, city, region, postal_code, country, mailing, label",
     "customer_id, position"),
    ("tag", "customer_id, name", "customer_id, position"),
    ("fact", "customer_id, kind, value, birthday, relation", "customer_id, position"),
    ("milestone", "customer_id, kind, month, day, year, whose, yearly, note",
     "customer_id, position"),
    ("interaction", "customer_id, date, kind, summary, channel", "customer_id, date, id"),
    ("purchase", "customer_id, date, amount_cents, description, currency, source, order_id",
     "customer_id, date, id"),
    ("promise", "customer_id, made, due, what, status", "customer_id, made, id"),
    ("problem", "customer_id, opened, summary, waiting_on, status, resolved",
     "customer_id, opened, id"),
)

_EXPORT_FLOOR = """
import json, sqlite3, sys, time
t0 = time.perf_counter()
con = sqlite3.connect(sys.argv[1])
tables = %r
cursors = [con.execute(f"SELECT {cols} FROM {t} ORDER BY {order}") for t, cols, order in tables]
heads = [next(c, None) for c in cursors]
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for row in con.execute("SELECT * FROM customer ORDER BY id"):
        cid, item = row[0], {"customer": row}
        for n, (name, _cols, _order) in enumerate(tables):
            rows = []
            while heads[n] is not None and heads[n][0] == cid:
                rows.append(heads[n][1:])
                heads[n] = next(cursors[n], None)
            item[name] = rows
        out.write(json.dumps(item, ensure_ascii=False) + "\\n")
print(time.perf_counter() - t0)
"""

_IMPORT_FLOOR = """
import sqlite3, sys, time
source = sqlite3.connect(sys.argv[1])
schema = [sql for sql, in source.execute(
    "SELECT sql FROM sqlite_master WHERE type IN ('table', 'index') AND sql IS NOT NULL "
    "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%' ORDER BY type DESC, name")]
tables = [name for name, in source.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
    "AND name NOT LIKE '%fts%'")]
columns = {t: ", ".join(f'"{r[1]}"' for r in source.execute(f'PRAGMA table_xinfo("{t}")')
                       if r[6] == 0) for t in tables}  # not generated columns
rows = {t: source.execute(f'SELECT {columns[t]} FROM "{t}"').fetchall() for t in tables}
target = sqlite3.connect(sys.argv[2])
target.execute("PRAGMA journal_mode = WAL")
target.execute("PRAGMA synchronous = FULL")
for sql in schema:
    target.execute(sql)
fts_sql, = source.execute("SELECT sql FROM sqlite_master WHERE name = 'customer_fts'").fetchone()
target.execute(fts_sql)
found = source.execute("SELECT rowid, * FROM customer_fts")
fts_columns = ", ".join(d[0] for d in found.description)
fts = found.fetchall()
marks = ",".join("?" * len(fts[0]))
fts_insert = "INSERT INTO customer_fts (%s) VALUES (%s)" % (fts_columns, marks)
t0, c0 = time.perf_counter(), time.process_time()
with target:
    for t, found in rows.items():
        if found:
            marks = ",".join("?" * len(found[0]))
            target.executemany(f'INSERT INTO "{t}" ({columns[t]}) VALUES ({marks})', found)
    target.executemany(fts_insert, fts)
print(time.perf_counter() - t0, time.process_time() - c0)
"""


CPU = os.environ.get("RAPPORT_BENCH_CPU") == "1"  # CPU seconds instead of wall: a busy machine


PEAK = str(Path(__file__).with_name("peak.py"))  # a child's own peak, not the runner's


def peak_mib(err: str) -> int:
    """The peak MiB ``peak.py`` printed on stderr."""
    kb = [line.split()[1] for line in err.splitlines() if line.startswith("RAPPORT_MAXRSS_KB")]
    if not kb:
        raise RuntimeError(f"no peak memory reported: {err[-500:]}")
    return int(kb[-1]) // 1024


def _child(cmd: list[str]) -> tuple[float, int, str]:
    """Wall (or CPU) seconds, peak resident MiB and stdout of one child process (started by
    ``peak.py``: Linux would count this runner's own peak as the child's)."""
    started = time.perf_counter()
    proc = subprocess.Popen([PY, PEAK, *cmd], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    _pid, status, usage = os.wait4(proc.pid, 0)
    took = time.perf_counter() - started
    if CPU:  # the launcher's figures include the command it waited for
        took = usage.ru_utime + usage.ru_stime
    out, err = proc.communicate()
    if os.waitstatus_to_exitcode(status):
        raise RuntimeError(f"{cmd[:4]} failed: {err[-500:]}")
    return took, peak_mib(err), out


def export_floor(notebook: Path, out: Path) -> tuple[float, int]:
    took, peak, _out = _child([PY, "-c", _EXPORT_FLOOR % (TABLES,), str(notebook), str(out)])
    return took, peak


def export_run(notebook: Path, out: Path) -> tuple[float, int]:
    out.unlink(missing_ok=True)
    took, peak, _out = _child([PY, "main.py", "export", str(out), "--notebook", str(notebook)])
    return took, peak


def import_floor(notebook: Path, tmp: Path) -> float:
    target = tmp / "floor.db"
    for name in ("floor.db", "floor.db-wal", "floor.db-shm"):
        (tmp / name).unlink(missing_ok=True)
    _took, _peak, out = _child([PY, "-c", _IMPORT_FLOOR, str(notebook), str(target)])
    wall, cpu = out.split()[-2:]
    return float(cpu if CPU else wall)


def import_run(source: Path, tmp: Path, n: int) -> tuple[float, int]:
    target = tmp / f"import-{n}.rapport"
    took, peak, _out = _child([PY, "main.py", "import", str(source), "--notebook", str(target)])
    for path in tmp.glob(f"import-{n}.rapport*"):
        path.unlink()
    return took, peak


EXPORT_ROUNDS = 3  # at least, even with --quick: one round of each makes a ratio of two
# random draws on a shared machine (1.18× and 1.60× in two runs of the same code)


def run(notebook: Path, runs: int) -> dict[str, float]:
    """Medians of interleaved runs: seconds and peak MiB of each job and its floor."""
    figures: dict[str, list[float]] = {}

    def add(name: str, value: float) -> None:
        figures.setdefault(name, []).append(value)

    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        source = tmp / "notebook.json"
        for n in range(max(runs, EXPORT_ROUNDS)):
            _export_round(notebook, tmp, source, n, add)
            if n >= runs:
                continue
            add("import_floor", import_floor(notebook, tmp))
            took, peak = import_run(source, tmp, n)
            add("import", took)
            add("import_mib", peak)
    return {name: statistics.median(values) for name, values in figures.items()}


def _export_round(notebook: Path, tmp: Path, source: Path, n: int, add) -> None:
    """The export and its floor once each, in turn (the first of a round alternates, so that
    neither always meets what the other left: its written file, a warmer cache)."""
    def floor() -> None:
        took, peak = export_floor(notebook, tmp / "floor.jsonl")
        add("export_floor", took)
        add("export_floor_mib", peak)

    def export() -> None:
        took, peak = export_run(notebook, source)
        add("export", took)
        add("export_mib", peak)

    for job in ((floor, export) if n % 2 == 0 else (export, floor)):
        job()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=50_000)
    parser.add_argument("--notebook", type=Path, help="this notebook instead of a generated one")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    if args.notebook is None:
        from tests.bench.run import ensure_notebook

        args.notebook = ensure_notebook(args.customers)
    found = run(args.notebook, args.runs)
    for name, value in found.items():
        print(f"{name:20} {value:8.2f}")
    print(f"export ratio {found['export'] / found['export_floor']:.2f}×, "
          f"import ratio {found['import'] / found['import_floor']:.2f}×")
    return 0


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
