"""The first window against its floor (issue 17, deliver 2): every customer listed, and memory.

Rapport: ``main.py --notebook COPY`` offscreen with ``RAPPORT_TIMING=quit``; it prints
``RAPPORT_FIRST_PAINT`` when the list first shows names and ``RAPPORT_ALL_LOADED`` when every
customer is in the model, with the process's peak resident memory so far (``rss=`` MiB,
``resource.getrusage`` in the child), then quits.

Floor, in the same run: ``make bench``'s own (tests.bench.bench_window.floor_run), a bare
``QTableView`` over a plain model of the same rows and columns read with raw sqlite3 from the
same file, stamped when the rows are in and the window shown, with its peak memory.
Runs alternate (floor, Rapport, floor, …) so a busy moment on the machine hits both alike;
medians over ``runs``. ``--search WORDS`` also types a search at the first paint
(``RAPPORT_TIMING_SEARCH``) and reports how long after the first paint the list showed what it
found: whether the list is usable while it still loads.

``python -m tests.bench.bench_first_window NOTEBOOK [NOTEBOOK …] [--runs 3] [--search maria]``
(use copies: the window opens the notebook for writing).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.bench import bench_window

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable



def _env(home: str, **extra: str) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=home,
               XDG_CONFIG_HOME=f"{home}/config", XDG_DATA_HOME=f"{home}/data",
               XDG_CACHE_HOME=f"{home}/cache", **extra)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # a user's machine caches bytecode
    return env


def _stamps(cmd: list[str], env: dict[str, str]) -> dict[str, tuple[float, dict[str, str]]]:
    """Each ``RAPPORT_*`` line the process prints: seconds from launch, and its k=v fields."""
    start = time.time()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    found = {}
    for line in proc.stderr.splitlines():
        if line.startswith("RAPPORT_"):
            name, when, *rest = line.split()
            found[name] = (float(when) - start, dict(p.split("=", 1) for p in rest if "=" in p))
    if "RAPPORT_ALL_LOADED" not in found:
        raise RuntimeError(f"no RAPPORT_ALL_LOADED from {cmd}: {proc.stderr[-800:]}")
    return found


def floor_run(notebook: Path, _home: str) -> tuple[float, float]:
    """(seconds to every row in the bare window, peak RSS MiB): the floor ``make bench``
    uses (tests.bench.bench_window), so the two benches measure against one floor."""
    seconds, peak = bench_window.floor_run(notebook)
    return seconds, float(peak)


def window_run(notebook: Path, home: str, search: str = "") -> tuple[float, float, float, float]:
    """(seconds to the first paint with names, to every row in, peak RSS MiB at that, seconds
    from the first paint to a search's finds shown: nan without ``search``)."""
    extra = {"RAPPORT_TIMING_SEARCH": search} if search else {}
    found = _stamps([PY, "main.py", "--notebook", str(notebook)],
                    _env(home, RAPPORT_TIMING="quit", **extra))
    seconds, fields = found["RAPPORT_ALL_LOADED"]
    painted = found.get("RAPPORT_FIRST_PAINT", (seconds, {}))[0]
    searched = found["RAPPORT_SEARCHED"][0] - painted if search else float("nan")
    return painted, seconds, float(fields.get("rss", "nan")), searched


def measure(notebook: Path, runs: int, search: str = "") -> dict[str, float]:
    """Medians over ``runs`` alternated runs of the floor and the window."""
    floors, windows = [], []
    with tempfile.TemporaryDirectory(prefix="rapport-bench-home-") as home:
        for _ in range(runs):
            floors.append(floor_run(notebook, home))
            windows.append(window_run(notebook, home, search))
    med = statistics.median
    return {"floor_s": med(f[0] for f in floors), "floor_mib": med(f[1] for f in floors),
            "paint_s": med(w[0] for w in windows), "all_s": med(w[1] for w in windows),
            "mib": med(w[2] for w in windows), "search_s": med(w[3] for w in windows)}


def main(argv: list[str] | None = None) -> int:
    """Print a Markdown table: the window against the bare floor, per notebook."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--search", default="", help="words searched at the first paint")
    args = parser.parse_args(argv)
    print("| notebook | first paint | all rows in | bare floor | ratio | peak RSS | floor RSS "
          "| ratio | search shown after first paint |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for notebook in args.notebooks:
        m = measure(notebook, args.runs, args.search)
        searched = f"{m['search_s']:.2f} s" if args.search else "—"
        print(f"| {notebook.name} | {m['paint_s']:.2f} s | {m['all_s']:.2f} s | "
              f"{m['floor_s']:.2f} s | {m['all_s'] / m['floor_s']:.2f}× | {m['mib']:.0f} MiB | "
              f"{m['floor_mib']:.0f} MiB | {m['mib'] / m['floor_mib']:.2f}× | {searched} |",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
