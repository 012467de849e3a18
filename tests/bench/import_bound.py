"""What ``import x.json`` into an empty notebook must do at least, against its floor (issue 17).

``python -m tests.bench.import_bound NOTEBOOK [--json FILE] [--runs 3]`` prints, in CPU
seconds (medians; the machine is shared, so CPU rather than wall), the floor ``make bench``
sets the import against (``bench_stream.import_floor``: the notebook's rows, its agendas and
its search rows inserted raw), the work the design adds to it that no import can skip, and
the import itself:

- the file decoded by Python's JSON decoder, with no check (the collector paused, as the
  import pauses it);
- everyone's agendas worked out by the domain (``agenda_of``) from customers read beforehand,
  and turned into the rows the floor inserts (``agenda._rows``);
- the search rows' text folded (``domain.text.fold``; inserting them is in the floor);
- the process started, the notebook made and an empty file imported.

The sum is a lower bound of the import: checking every field, gathering the domain's inputs,
building each row and the indexes built after the rows all come on top of it.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable


def _cpu(run) -> float:
    started = time.process_time()
    run()
    return time.process_time() - started


def decoded(source: Path) -> float:
    """CPU seconds to decode the whole file, nothing checked."""
    def run() -> None:
        with source.open("rb") as fh:
            json.load(fh)

    gc.disable()
    try:
        return _cpu(run)
    finally:
        gc.enable()


class _NoWrites:
    """A connection that takes rows and stores nothing: what building them costs alone."""

    def executemany(self, _sql: str, rows: list) -> None:
        pass


def domain_work(notebook: Path, day: date) -> tuple[float, float, float]:
    """CPU seconds of everyone's agendas (domain), their rows, and the search rows' folding,
    on ``notebook`` (read only; the inputs read before the clock starts)."""
    from domain.outreach import Context
    from domain.outreach.agenda import agenda_of
    from domain.text import fold
    from storage import agenda, agenda_input, customer_search
    from storage.db import close_notebook, db, open_notebook

    open_notebook(notebook, read_only=True)
    gc.disable()
    try:
        settings = agenda.stored_settings()
        book = agenda_input.contacts(day, settings)
        ctx = Context(day, settings, book)
        ids = sorted(book)
        found: list = []
        agendas = _cpu(lambda: found.extend(agenda_of(book[cid], ctx) for cid in ids))
        rows = _cpu(lambda: agenda._store(_NoWrites(), found, settings.cap_touches))
        customer_search._with_functions(db)
        select = customer_search._INDEX_SELECT.replace("{fields}", customer_search._FIELDS)
        texts = db.execute_sql(select.replace("rapport_fold(", "("),
                               (customer_search._region(db),)).fetchall()
        folded = _cpu(lambda: [[fold(t or "") for t in r[1:7]] for r in texts])
    finally:
        gc.enable()
        close_notebook()
    return agendas, rows, folded


def imported(source: Path, folder: Path) -> float:
    """CPU seconds (user + system) of ``main.py import SOURCE`` into a new notebook."""
    target = folder / "bound.rapport"
    for path in folder.glob("bound.rapport*"):
        path.unlink()
    proc = subprocess.Popen([PY, "main.py", "import", str(source), "--notebook", str(target)],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.communicate()
    if os.waitstatus_to_exitcode(status):
        raise RuntimeError(f"import of {source} failed")
    return usage.ru_utime + usage.ru_stime


def run(notebook: Path, source: Path, runs: int) -> dict[str, float]:
    """Medians of ``runs`` rounds, CPU seconds."""
    os.environ["RAPPORT_BENCH_CPU"] = "1"  # the floor's CPU seconds, not its wall
    from tests.bench import bench_stream

    bench_stream.CPU = True
    figures: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        empty = folder / "empty.json"
        empty.write_text('{"format": "rapport-notebook", "version": 1, "customers": []}')
        for _ in range(runs):
            agendas, rows, folded = domain_work(notebook, date.today())
            found = {"floor": bench_stream.import_floor(notebook, folder),
                     "decode": decoded(source), "agendas": agendas, "agenda rows": rows,
                     "search folding": folded, "start": imported(empty, folder),
                     "import": imported(source, folder)}
            for key, value in found.items():
                figures.setdefault(key, []).append(value)
    return {key: statistics.median(values) for key, values in figures.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook", type=Path, help="a notebook (read only)")
    parser.add_argument("--json", type=Path, help="its export (made when not given)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as name:
        source = args.json
        if source is None:
            source = Path(name) / "notebook.json"
            subprocess.run([PY, "main.py", "export", str(source), "--notebook",
                            str(args.notebook)], cwd=ROOT, check=True,
                           env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
        found = run(args.notebook, source, args.runs)
    bound = sum(found[k] for k in ("floor", "decode", "agendas", "agenda rows",
                                   "search folding", "start"))
    for key, value in found.items():
        print(f"{key:16} {value:6.2f} s CPU")
    print(f"lower bound {bound:.2f} s = {bound / found['floor']:.2f}× the floor; the import "
          f"{found['import'] / found['floor']:.2f}× (budget 2×)")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
