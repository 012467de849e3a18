"""``make bench``: every speed budget, each measured against a floor taken in the same run.

Timings on this kind of machine drift ±20–40 % between runs, so a budget is a *ratio* to a floor
that does the same work with nothing of Rapport's in it (issue 17's floors: a bare window with
a plain model over the same rows; raw FTS5 with a bare model's reset and repaint; a reportlab
canvas drawing the same strings with the same fonts; raw ``executemany`` of the same rows; the
streaming export). The absolute figure from the issues is printed beside it. Exit status 1 when
a ratio is over its budget. Each run's results go to ``out/bench-<customers>.json`` and the
scaling plot of every size run so far to ``docs/bench-scaling.svg`` (``tests.bench.plot``).

``python -m tests.bench.run [--customers 50000] [--quick] [--only window,stream]
[--markdown FILE]``
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from storage.migrations import LATEST
from tests.bench.generate import BENCH_DAY

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable
PRINT_ROUNDS = 3


@dataclass
class Result:
    name: str
    seconds: float
    floor_name: str
    floor: float
    max_ratio: float
    absolute_budget: float
    job: str = ""  # a job's name in the scaling plot (the same at every size), if plotted

    @property
    def ratio(self) -> float:
        return self.seconds / self.floor if self.floor else float("inf")

    @property
    def ok(self) -> bool:
        return self.ratio <= self.max_ratio

    def as_dict(self) -> dict:
        """The result as stored in ``out/bench-<customers>.json``."""
        return {**asdict(self), "ratio": self.ratio, "ok": self.ok}

    def row(self) -> str:
        verdict = "ok" if self.ok else "OVER"
        budget = _fmt(self.absolute_budget) if self.absolute_budget else "—"
        ratio = f"{self.ratio:.2f}" if self.ratio < 2 else f"{self.ratio:.1f}"
        return (f"| {self.name} | {_fmt(self.seconds)} | {budget} | "
                f"{self.floor_name} {_fmt(self.floor)} | {ratio}× | "
                f"≤ {self.max_ratio:g}× | {verdict} |")


@dataclass
class MemoryResult:
    """A peak resident memory against its budget, and against a floor's when one is given."""

    name: str
    megabytes: int
    budget: int
    floor_name: str = ""
    floor_mb: int = 0
    max_ratio: float = 0

    @property
    def ratio(self) -> float:
        return self.megabytes / self.floor_mb if self.floor_mb else 0.0

    @property
    def ok(self) -> bool:
        within = not self.budget or self.megabytes <= self.budget
        return within and (not self.max_ratio or self.ratio <= self.max_ratio)

    def as_dict(self) -> dict:
        """The result as stored in ``out/bench-<customers>.json``."""
        return {**asdict(self), "ratio": self.ratio, "ok": self.ok}

    def row(self) -> str:
        budget = f"{self.budget} MB" if self.budget else "—"
        if not self.max_ratio:
            return (f"| {self.name} | {self.megabytes} MB peak | {budget} | — | — | "
                    f"≤ {budget} | {'ok' if self.ok else 'OVER'} |")
        return (f"| {self.name} | {self.megabytes} MB peak | {budget} | {self.floor_name} "
                f"{self.floor_mb} MB | {self.ratio:.2f}× | ≤ {self.max_ratio:g}× | "
                f"{'ok' if self.ok else 'OVER'} |")


def _fmt(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _median(fn, runs: int) -> float:
    return statistics.median(fn() for _ in range(runs))


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **extra)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # a user's machine caches bytecode
    return env


def _size(customers: int) -> str:
    return f"{customers // 1000}k" if customers % 1000 == 0 else f"{customers:,}"


def bench_window(notebook: Path, customers: int, runs: int) -> list[Result | MemoryResult]:
    """The first window until every customer is listed, and its peak memory, against a bare
    window with a plain model over the same rows and columns (``bench_window``)."""
    from tests.bench import bench_window as window

    found = window.run(notebook, runs)
    size = _size(customers)
    return [Result(f"window: all {size} customers listed", found["window"],
                   "bare window, plain model, same rows", found["floor"], 1.5,
                   1.0 if customers <= 50_000 else 0, job="window"),
            MemoryResult(f"window: all {size} listed (memory)", round(found["window_mib"]), 0,
                         "bare window", round(found["floor_mib"]), 1.5)]


def bench_search(notebook: Path, customers: int, runs: int) -> list[Result]:
    """Search as you type in the window (names, a street, a phone number in any writing): the
    query, the list model's reset and a repaint, against a raw FTS5 query, a bare model's reset
    and the same repaint (``bench_search``): the worst keystroke and the whole sequence."""
    from tests.bench import bench_search as search_bench

    worst, worst_floor, total, total_floor, keys = search_bench.run(notebook, runs)
    size = _size(customers)
    return [Result(f"search: worst keystroke + repaint, {size}", worst, "raw FTS5 + bare model",
                   worst_floor, 2, 0.05),
            Result(f"search: {keys} keystrokes + repaints, {size}", total,
                   "raw FTS5 + bare model", total_floor, 2, 0, job="search (all keys)")]


def bench_today(notebook: Path, customers: int, runs: int) -> list[Result]:
    """``today --json``, whole command, against python with a raw scan of the customers and
    their last touch: issue 14's budgets, wall time ≤ 1.0× and CPU time (user and system, of
    the whole process) ≤ 1.2×, each measured in the same runs. Beside them, in turn with them,
    a lower bound (``today_bound``: Python, peewee and the rules loaded, the day's rows read and
    written out, no rule run): what is left between it and the floor is all the rules may take
    for ``today`` to meet the budgets."""
    script = ("import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); "
              "c.execute('SELECT * FROM customer').fetchall(); "
              "c.execute('SELECT customer_id, max(date) FROM interaction "
              "GROUP BY customer_id').fetchall()")

    def timed(argv: list[str]) -> tuple[float, float]:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True, env=_env(), cwd=ROOT)
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)

    runs_of: dict[str, list[str]] = {
        "floor": [PY, "-c", script, str(notebook)],
        "today": [PY, "main.py", "today", "--date", BENCH_DAY.isoformat(), "--json",
                  "--notebook", str(notebook)],
        "bound": [PY, "-m", "tests.bench.today_bound", str(notebook), BENCH_DAY.isoformat()]}
    found: dict[str, list[tuple[float, float]]] = {name: [] for name in runs_of}
    for _ in range(runs):  # in turn, so a busy moment of the machine falls on each alike
        for name, argv in runs_of.items():
            found[name].append(timed(argv))
    floors, todays, bounds = found["floor"], found["today"], found["bound"]
    size = _size(customers)

    def median(found: list[tuple[float, float]], at: int) -> float:
        return statistics.median(pair[at] for pair in found)

    return [Result(f"today --json, {size} (whole command)", median(todays, 0),
                   "python + raw scan", median(floors, 0), 1.0, 1.0, job="today"),
            Result(f"today --json, {size} (CPU, user + system)", median(todays, 1),
                   "python + raw scan, CPU", median(floors, 1), 1.2, 0),
            Result(f"today --json's lower bound, {size}: rules loaded, not run (CPU)",
                   median(bounds, 1), "python + raw scan, CPU", median(floors, 1), 1.2, 0)]


def bench_insights(notebook: Path, customers: int, runs: int) -> list[Result]:
    """A click on Insights at 50,000 customers to its figures and lists, and to its charts
    (issue 16: ≤ 1 s), each in a fresh process (``bench_insights``)."""
    from tests.bench import bench_insights as insights_bench

    took, drawn, floor = insights_bench.run(notebook, runs)
    size = _size(customers)
    return [Result(f"insights screen opens, {size} (figures)", took, "raw read of its rows",
                   floor, 4, 1.0),
            Result(f"insights screen, {size} (charts drawn)", drawn, "raw read of its rows",
                   floor, 5, 0)]


def bench_agenda(notebook: Path, customers: int, runs: int) -> list[Result]:
    """The stored agenda (issue 14): one customer's change, Done, Calendar, a setting."""
    from tests.bench import bench_agenda as agenda_bench

    found = agenda_bench.run(notebook, runs)
    change, bare = found["one customer's change (touch + agenda)"]
    done = found["Done: the touch and the customer's agenda"][0]
    reload = found["Today read again after Done (the confirming reload)"][0]
    calendar, raw = found["Calendar, 60 days"]
    setting = found["a setting changed: everyone worked out again"][0]
    later = found["a setting changed, agendas made a day before"][0]
    size = _size(customers)
    return [Result(f"one customer's change + their agenda, {size}", change, "bare insert",
                   bare, 20, 0.010),
            Result(f"Done (touch + agenda), {size}", done, "50 ms budget", 0.050, 1, 0.050),
            Result(f"Today read again after Done, {size}", reload, "50 ms budget", 0.050, 1,
                   0.050),
            *_today_window(notebook, size, runs),
            Result(f"Calendar 60 days, {size}", calendar, "same indexed read, raw", raw, 2, 0),
            Result(f"setting changed: {size} agendas made that day", setting, "3 s budget",
                   3.0, 1, 3.0),
            Result(f"setting changed: {size} agendas made a day before", later, "3 s budget",
                   3.0, 1, 3.0)]


def _today_window(notebook: Path, size: str, runs: int) -> list[Result]:
    """The window itself after Done (tests/bench/bench_today_window.py), on a copy of the
    notebook, in a process of its own: the row out at once, and the confirming reload."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "today.rapport"
        shutil.copy(notebook, copy)
        out = subprocess.run([PY, "-m", "tests.bench.bench_today_window", str(copy),
                              str(max(runs, 3) + 2)], capture_output=True, text=True,
                             check=True, env=dict(_env(), QT_QPA_PLATFORM="offscreen"),
                             cwd=ROOT, timeout=600)
    row_out, reload = (float(x) for x in out.stdout.split()[-2:])
    return [Result(f"window: Done takes the row out, {size}", row_out, "50 ms budget", 0.050,
                   1, 0.050),
            Result(f"window: Today confirmed after Done, {size}", reload, "50 ms budget",
                   0.050, 1, 0.050)]


def bench_cards(runs: int) -> Result:
    """1,000 cards composed and drawn to one PDF in process, against a reportlab canvas
    drawing the strings they drew with the same fonts, compressed alike (``bench_cards``)."""
    from tests.bench import bench_cards as cards_bench

    strings = cards_bench.recorded(1000, "a7")  # also: fonts registered, modules imported
    floor = _median(lambda: cards_bench.floor(strings), runs)
    took = _median(lambda: sum(cards_bench.run(1000, "a7")[:2]), runs)
    return Result("1,000 personalised cards to one PDF", took,
                  "reportlab canvas, same strings and fonts", floor, 2, 1.0)


def bench_printing(customers: int) -> list[Result]:
    """print-cards, whole process: 1,000 new cards against gLabels' batch merge and a reportlab
    floor, and a day's batch against the floor (``bench_print``). Three interleaved rounds
    even with ``--quick``: one round of two programs makes a ratio of two random draws."""
    from tests.bench import bench_print

    return bench_print.run(PRINT_ROUNDS, [customers])


def bench_vcard_import(runs: int) -> list[Result]:
    """10,000 vCards into an empty notebook, against raw ``executemany`` of the rows that
    import wrote (``bench_stream.import_floor`` on the notebook it made), with two lower
    bounds: the libraries' reading alone, and with the work the design adds that no import
    can skip (``import_bound.domain_work``: everyone's agendas by the domain's rules, their
    rows, the search text folded — as the JSON import's bound counts them)."""
    from tests.bench import bench_import, import_bound
    from tests.bench.bench_stream import import_floor

    took, floors, bounds, designs = [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(runs):
            took.append(bench_import.run(10_000, Path(tmp), n)[0])
            made = Path(tmp) / f"bench{n}.rapport"
            floors.append(import_floor(made, Path(tmp)))
            bounds.append(floors[-1] + bench_import.library_bound(Path(tmp) / "contacts.vcf"))
            designs.append(bounds[-1] + sum(import_bound.domain_work(made, date.today())))
    floor = statistics.median(floors)
    return [Result("import 10,000 vCards (empty notebook)", statistics.median(took),
                   "raw executemany, same rows", floor, 2, 10.0),
            # No import can take less: the floor's rows, and the libraries' own reading
            Result("import 10,000 vCards: lower bound (raw rows + vobject's grammar + "
                   "phonenumbers)", statistics.median(bounds), "raw executemany, same rows",
                   floor, 2, 0),
            # … nor less than that and the agendas and search rows the design stores with them
            Result("import 10,000 vCards: lower bound with the design's work (+ the domain's "
                   "agendas, their rows, the search text folded)", statistics.median(designs),
                   "raw executemany, same rows", floor, 2, 0)]


def bench_shared_phone(runs: int) -> Result:
    """20,000 rows on one phone against the same rows with a phone each (issue 12)."""
    from tests.bench import bench_shared_phone as shared_bench

    with tempfile.TemporaryDirectory() as tmp:
        floor = statistics.median(shared_bench.run(20_000, Path(tmp), False, n)[0]
                                  for n in range(runs))
        took = statistics.median(shared_bench.run(20_000, Path(tmp), True, n)[0]
                                 for n in range(runs))
    return Result("import 20,000 CSV rows sharing one phone", took,
                  "the same rows, distinct phones", floor, 2, 3.8)


def bench_sales_import(runs: int) -> Result:
    """10,000 Shopify orders into a notebook holding some of the buyers (issue 15: ≤ 3 s)."""
    from tests.bench import bench_sales

    with tempfile.TemporaryDirectory() as tmp:
        took = statistics.median(bench_sales.run(10_000, Path(tmp), n)[0] for n in range(runs))
        floor = _median(lambda: bench_sales.floor(Path(tmp) / "orders_export.csv"), runs)
    return Result("import 10,000 Shopify orders", took, "csv read + raw insert", floor, 30, 3.0)


def bench_big_vcard() -> list[MemoryResult]:
    """A 200 MB folded vCard, then 200 MB of tiny cards, then of cards with long notes: peak
    memory of ``main.py import``."""
    from tests.bench import bench_big_vcard as big

    out = []
    for kind, name in (("big", "import a 200 MB folded vCard (memory)"),
                       ("tiny", "refuse 200 MB of tiny vCards (memory)"),
                       ("noted", "refuse 200 MB of vCards with long notes (memory)")):
        with tempfile.TemporaryDirectory() as tmp:
            _took, peak, _size, _out = big.run(200, Path(tmp), kind)
        out.append(MemoryResult(name, peak, 500))
    return out


def bench_stream(notebook: Path, customers: int, runs: int) -> list[Result | MemoryResult]:
    """The whole notebook to JSON and back into an empty notebook, against the streaming
    floor and raw executemany of the same rows, with each command's peak memory (issue 17)."""
    from tests.bench import bench_stream as stream

    found = stream.run(notebook, runs)
    size = _size(customers)
    return [Result(f"export JSON, {size} (whole command)", found["export"],
                   "streaming floor", found["export_floor"], 1.5, 0, job="export JSON"),
            Result(f"import JSON into an empty notebook, {size}", found["import"],
                   "raw executemany, same rows", found["import_floor"], 2, 0,
                   job="import JSON"),
            MemoryResult(f"export JSON, {size} (memory)", round(found["export_mib"]), 100),
            MemoryResult(f"import JSON, {size} (memory)", round(found["import_mib"]), 100)]


def ensure_notebook(customers: int) -> Path:
    out = ROOT / "out"
    out.mkdir(exist_ok=True)
    path = out / f"bench-{customers}.rapport"
    if not path.exists():
        print(f"generating {customers:,} customers in {path} …", flush=True)
        subprocess.run([PY, "-m", "tests.bench.generate", str(path), "--customers",
                        str(customers)], check=True, cwd=ROOT)
    if path.exists() and _version(path) < LATEST:  # an older Rapport's: opened, it is migrated
        print(f"bringing {path} up to version {LATEST} …", flush=True)
        subprocess.run([PY, "-c", "import sys; from storage.db import open_notebook as o, "
                        "close_notebook as c; o(sys.argv[1]); c()", str(path)],
                       check=True, cwd=ROOT)
    subprocess.run([PY, "-c", "import sys, pathlib; from tests.bench.bench_agenda import settle; "
                    "settle(pathlib.Path(sys.argv[1]))", str(path)], check=True, cwd=ROOT)
    return path


def _version(path: Path) -> int:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute("PRAGMA user_version").fetchone()[0]
    finally:
        con.close()


def jobs(notebook: Path, customers: int, runs: int) -> dict[str, Callable[[], list]]:
    """Every group of benchmarks by the name ``--only`` takes, in the order they run."""
    return {
        "window": lambda: bench_window(notebook, customers, runs),
        "search": lambda: bench_search(notebook, customers, runs),
        "today": lambda: bench_today(notebook, customers, runs),
        "agenda": lambda: bench_agenda(notebook, customers, runs),
        "insights": lambda: bench_insights(notebook, customers, runs),
        "cards": lambda: [bench_cards(runs)],
        "printing": lambda: bench_printing(customers),
        "imports": lambda: [*bench_vcard_import(runs), bench_shared_phone(runs),
                            bench_sales_import(runs)],
        "big-vcard": bench_big_vcard,
        "stream": lambda: bench_stream(notebook, customers, runs),
    }


def store(results: list, customers: int) -> Path:
    """Write this run's results to ``out/bench-<customers>.json`` (replacing the same names
    of an earlier run, keeping the others) and redraw ``docs/bench-scaling.svg``."""
    from tests.bench import plot

    path = ROOT / "out" / f"bench-{customers}.json"
    earlier = json.loads(path.read_text(encoding="utf-8"))["results"] if path.exists() else []
    mine = [r.as_dict() for r in results]
    names = {r["name"] for r in mine}
    kept = [r for r in earlier if r["name"] not in names]
    path.write_text(json.dumps({"customers": customers, "results": kept + mine}, indent=1,
                               ensure_ascii=False) + "\n", encoding="utf-8")
    plot.write(ROOT / "out", ROOT / "docs" / "bench-scaling.svg")
    return path


def warm_bytecode() -> None:
    """Rapport's modules compiled to bytecode before anything is timed, as on the owner's
    computer from the second start on: a whole-command row (``today``, ``print-cards``) would
    otherwise count compiling the modules changed since the last run, and never in a shell
    with ``PYTHONDONTWRITEBYTECODE`` set (36 modules, 45 ms of a ``print-cards``)."""
    subprocess.run([PY, "-m", "compileall", "-q", "main.py", "domain", "storage", "exports",
                    "ui", "resources"], cwd=ROOT, check=False, capture_output=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=50_000)
    parser.add_argument("--quick", action="store_true", help="one run each instead of three")
    parser.add_argument("--only", help="these groups, comma-separated: " +
                        ", ".join(jobs(Path(), 0, 0)))
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    args = parser.parse_args(argv)
    runs = 1 if args.quick else 3
    warm_bytecode()
    groups = jobs(ensure_notebook(args.customers), args.customers, runs)
    chosen = args.only.split(",") if args.only else list(groups)
    unknown = [name for name in chosen if name not in groups]
    if unknown:
        parser.error(f"no such group: {', '.join(unknown)}")
    results: list[Result | MemoryResult] = []
    for name in chosen:
        found = groups[name]()
        print("\n".join(r.row() for r in found), flush=True)
        results += found
    table = ["| benchmark | median | issue budget | floor (same run) | ratio | ratio budget | |",
             "| --- | --- | --- | --- | --- | --- | --- |", *(r.row() for r in results)]
    print("\n".join(table))
    print(f"results: {store(results, args.customers)}; plot: docs/bench-scaling.svg")
    if args.markdown:
        args.markdown.write_text("\n".join(table) + "\n", encoding="utf-8")
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
