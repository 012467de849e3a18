"""The first window with every customer listed, against a bare window over the same rows.

Rapport: ``main.py --notebook FILE`` with ``RAPPORT_TIMING=quit``, stamped at its
``RAPPORT_ALL_LOADED`` line (the whole list is in the model and has painted). Floor, run the
same way as a whole process: a bare PySide6 window holding a ``QTableView`` over a plain
``QAbstractTableModel`` of the same rows and the same eight columns (name, company, first
email, first phone, the mailing city, tags, last touch, lifetime value), read from the same
file with raw ``sqlite3`` and joined in Python, stamped after its first paint with every row
in. Both: seconds from launch to the stamp, and peak resident memory (``ru_maxrss``,
started by ``peak.py``).

``python -m tests.bench.bench_window [NOTEBOOK] [--runs 3]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from tests.bench.bench_stream import PEAK, peak_mib

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable
MARKER = "RAPPORT_ALL_LOADED"

_BARE_LIST = r"""
import sqlite3, sys, time
from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, QTimer, Qt
from PySide6.QtWidgets import QApplication, QTableView

HEADERS = ("Name", "Company", "Email", "Phone", "City", "Tags", "Last touch", "Lifetime value")
ROOT = QModelIndex()


class Model(QAbstractTableModel):
    def __init__(self, rows):
        super().__init__()
        self.rows = rows

    def rowCount(self, parent=ROOT):
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=ROOT):
        return 8

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()][index.column()]
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None


def first(con, sql):
    found = {}
    for cid, value in con.execute(sql):
        found.setdefault(cid, value)
    return found


def rows(path):
    con = sqlite3.connect(path)
    base = con.execute("SELECT id, given_name, family_name, company FROM customer "
                       "ORDER BY sort_key, id").fetchall()
    emails = first(con, "SELECT customer_id, address FROM email ORDER BY customer_id, position")
    phones = first(con, "SELECT customer_id, number FROM phone ORDER BY customer_id, position")
    cities = first(con, "SELECT customer_id, city FROM address "
                        "ORDER BY customer_id, mailing DESC, position")
    tags = {}
    for cid, name in con.execute("SELECT customer_id, name FROM tag "
                                 "ORDER BY customer_id, position"):
        tags.setdefault(cid, []).append(name)
    touched = dict(con.execute("SELECT customer_id, max(date) FROM interaction "
                               "GROUP BY customer_id"))
    worth = dict(con.execute("SELECT customer_id, sum(amount_cents) FROM purchase "
                             "GROUP BY customer_id"))
    return [(f"{g} {f}".strip(), c or "", emails.get(i, ""), phones.get(i, ""),
             cities.get(i, ""), ", ".join(tags.get(i, ())), touched.get(i, ""),
             f"{worth[i] / 100:.2f}" if i in worth else "")
            for i, g, f, c in base]


app = QApplication(sys.argv[:1])
view = QTableView()
view.setModel(Model(rows(sys.argv[1])))
view.resize(1000, 700)


def loaded():
    print(f"RAPPORT_ALL_LOADED {time.time():.6f} rows={view.model().rowCount()}",
          file=sys.stderr, flush=True)
    app.quit()


class FirstPaint(QObject):  # stamped as Rapport's window is: just after the list's first paint
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            view.viewport().removeEventFilter(self)
            QTimer.singleShot(0, loaded)
        return False


watcher = FirstPaint()
view.viewport().installEventFilter(watcher)
view.show()
app.exec()
"""


def env() -> dict[str, str]:
    """The environment of a timed child: offscreen Qt, bytecode cached as on a user's machine."""
    found = dict(os.environ, QT_QPA_PLATFORM="offscreen", RAPPORT_TIMING="quit")
    found.pop("PYTHONDONTWRITEBYTECODE", None)
    return found


def stamp_and_peak(cmd: list[str], marker: str = MARKER) -> tuple[float, int]:
    """Seconds from launch to the ``marker`` line on stderr, and the child's peak MiB."""
    start = time.time()  # peak.py: the child's own peak, not this runner's (it adds ~20 ms)
    proc = subprocess.run([PY, PEAK, *cmd], cwd=ROOT, env=env(), stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, timeout=300)
    for line in proc.stderr.splitlines():
        if line.startswith(marker):
            return float(line.split()[1]) - start, peak_mib(proc.stderr)
    raise RuntimeError(f"{marker} not printed by {cmd[:3]}: {proc.stderr[-500:]}")


def floor_run(notebook: Path) -> tuple[float, int]:
    """The bare window over the same rows: seconds to all rows painted, peak MiB."""
    return stamp_and_peak([PY, "-c", _BARE_LIST, str(notebook)])


def rapport_run(notebook: Path) -> tuple[float, int]:
    """Rapport's first window: seconds until every customer is listed, peak MiB."""
    return stamp_and_peak([PY, "main.py", "--notebook", str(notebook)])


def run(notebook: Path, runs: int) -> dict[str, float]:
    """Medians of interleaved runs: seconds and peak MiB of the window and of its floor."""
    # Both sides warmed alike, untimed: the floor's run warmed only the tables it reads, so the
    # window's first run (the only one with --quick) met the rest of the file cold (its open
    # checks every page) and Qt's first start of the day (font cache, settings file).
    floor_run(notebook)
    rapport_run(notebook)
    took: dict[str, list[float]] = {"floor": [], "floor_mib": [], "window": [], "window_mib": []}
    for _ in range(runs):
        for name, job in (("floor", floor_run), ("window", rapport_run)):
            seconds, peak = job(notebook)
            took[name].append(seconds)
            took[f"{name}_mib"].append(peak)
    return {name: statistics.median(values) for name, values in took.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook", type=Path, nargs="?",
                        default=ROOT / "out" / "bench-50000.rapport")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    found = run(args.notebook, args.runs)
    print(f"window {found['window']:.2f} s / {found['window_mib']:.0f} MiB; bare floor "
          f"{found['floor']:.2f} s / {found['floor_mib']:.0f} MiB; "
          f"{found['window'] / found['floor']:.2f}×, "
          f"{found['window_mib'] / found['floor_mib']:.2f}× memory")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
