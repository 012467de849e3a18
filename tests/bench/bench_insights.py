"""The Insights screen opening at 50,000 customers (issue 16: ≤ 1 s), against its floor.

Rapport, in a fresh process as the owner meets it: the window is up on another screen; the
clock starts at the click on "Insights" in the sidebar (``show_screen``) and stops twice:
when the headline figures and the lists are on the screen (the screen is open), and when the
charts are too (the PDF's panels, drawn by reportlab and rendered by PDFium; the cold imports
of both libraries are inside that figure). Floor, in a process of its own: raw sqlite3
reading the rows the insights are made from (customers, the period's touches, purchases with
their totals per currency and days) into tuples.

The notebook is a copy of the bench notebook in which a third of the customers have a "Found
us via" value and three sources have a cost, so every part of the screen has work to do.

``python -m tests.bench.bench_insights [NOTEBOOK] [--runs 3]``
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DAY = "2026-12-07"
SOURCES = ("Instagram", "Farmers market", "Word of mouth", "Google")

_FLOOR_SQL = (
    "SELECT id, given_name, family_name, preferred_name, company, referred_by, "
    "coalesce(customer_since, created), status FROM customer",
    "SELECT customer_id, date, kind FROM interaction WHERE date >= '2026-01-01' "
    "AND date < '2026-12-08'",
    "SELECT customer_id, currency, sum(amount_cents), count(*), group_concat(date) "
    "FROM purchase WHERE date < '2026-12-08' GROUP BY customer_id, 2",
)


def prepared_copy(notebook: Path, folder: Path) -> Path:
    """The bench notebook with sources and costs filled in (the original is left alone)."""
    copy = folder / "insights.rapport"
    source = sqlite3.connect(f"file:{notebook}?mode=ro", uri=True)
    target = sqlite3.connect(copy)
    source.backup(target)
    source.close()
    with target:
        target.execute("INSERT OR IGNORE INTO custom_field (name, kind, position) "
                       "VALUES ('Found us via', 'text', 0)")
        target.execute("INSERT OR IGNORE INTO field_value (customer_id, name, value) "
                       "SELECT id, 'Found us via', CASE id % 4 WHEN 0 THEN ? WHEN 1 THEN ? "
                       "WHEN 2 THEN ? ELSE ? END FROM customer WHERE id % 3 = 0", SOURCES)
        target.execute("INSERT OR REPLACE INTO setting (key, value) VALUES "
                       "('insights.source_costs', ?)",
                       (json.dumps({"Instagram": 250_000, "Farmers market": 90_000,
                                    "Google": 400_000}),))
    target.close()
    return copy


def floor(notebook: Path | str) -> float:
    """Seconds for raw sqlite3 to read the rows the insights are made from."""
    con = sqlite3.connect(f"file:{notebook}?mode=ro", uri=True)
    t0 = time.perf_counter()
    for sql in _FLOOR_SQL:
        con.execute(sql).fetchall()
    took = time.perf_counter() - t0
    con.close()
    return took


def open_once(notebook: Path) -> tuple[float, float]:
    """In this process: the window on a plain screen, then a click on Insights; seconds to
    the figures and lists, and to the charts."""
    from dataclasses import replace
    from datetime import date

    from PySide6.QtWidgets import QApplication, QLabel

    from storage.db import open_notebook
    from ui.app import close_thread_connection
    from ui.events import AppEvents
    from ui.insights.screen import InsightsScreen
    from ui.insights.service import InsightsService
    from ui.main_window import MainWindow
    from ui.operations import Operations
    from ui.preferences import Preferences
    from ui.screens import SCREENS, ScreenSpec

    app = QApplication.instance() or QApplication([])
    info = open_notebook(notebook)
    spec = next(s for s in SCREENS if s.key == "insights")
    day = date.fromisoformat(DAY)
    screens = [ScreenSpec("plain", "Plain", "today", lambda _ctx: QLabel("plain")),
               replace(spec, factory=lambda ctx: InsightsScreen(InsightsService(), ctx,
                                                                clock=lambda: day))]
    window = MainWindow(info, AppEvents(), Operations(after_each=close_thread_connection),
                        Preferences("US", False), screens)
    window.resize(1440, 900)
    window.show()
    app.processEvents()
    t0, cpu0 = time.perf_counter(), time.process_time()
    window.show_screen("insights")
    screen = window.screens["insights"]
    figures = 0.0
    while not screen.view.charts.is_drawn():
        app.processEvents()
        if not figures and screen.controller.data is not None:
            figures = time.perf_counter() - t0
            print(f"cpu to the figures {time.process_time() - cpu0:.3f}", file=sys.stderr)
        time.sleep(0.002)
        if time.perf_counter() - t0 > 60:
            raise RuntimeError("the insights screen did not open in 60 s")
    charts = time.perf_counter() - t0
    window.ops.shutdown()
    return figures, charts


def run(notebook: Path, runs: int) -> tuple[float, float, float]:
    """Medians: seconds to the figures, to the charts, and the floor's; each in a fresh
    process."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = prepared_copy(notebook, Path(tmp))
        took, drawn, floors = [], [], []
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        for _ in range(runs):
            script = "import sys; from tests.bench.bench_insights import floor; " \
                     "print(floor(sys.argv[1]))"
            out = subprocess.run([sys.executable, "-c", script, str(copy)], capture_output=True,
                                 text=True, cwd=ROOT, env=env, check=True, timeout=300)
            floors.append(float(out.stdout))
            out = subprocess.run([sys.executable, "-m", "tests.bench.bench_insights", str(copy),
                                  "--once"], capture_output=True, text=True, cwd=ROOT,
                                 env=env, check=True, timeout=300)
            figures, charts = out.stdout.split()[-2:]
            took.append(float(figures))
            drawn.append(float(charts))
        return statistics.median(took), statistics.median(drawn), statistics.median(floors)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook", type=Path, nargs="?",
                        default=ROOT / "out" / "bench-50000.rapport")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--once", action="store_true", help="one opening in this process")
    args = parser.parse_args(argv)
    if args.once:
        figures, charts = open_once(args.notebook)
        print(f"RAPPORT_INSIGHTS {figures:.4f} {charts:.4f}", flush=True)
        return 0
    if not args.notebook.exists():
        print(f"{args.notebook} does not exist: run `make bench` once first", file=sys.stderr)
        return 1
    took, drawn, base = run(args.notebook, args.runs)
    print(f"insights screen: figures in {took * 1000:.0f} ms, charts in {drawn * 1000:.0f} "
          f"ms; floor {base * 1000:.0f} ms ({took / base:.1f}×, {drawn / base:.1f}×)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
