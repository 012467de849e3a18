"""A keystroke of search as you type at 50,000 customers, against its floor (issue 15).

Rapport: the window's own search (``CustomerService.search_ids``: names, emails, streets and
phones in any writing), then the customer list model's ``show_only`` and a repaint of the
table. Floor, in the same run and process: a raw FTS5 query through sqlite3 that finds the same
customers (the same MATCH text, written beforehand: words as prefixes, a number's digit
tokens), a bare ``QAbstractTableModel`` of tuples reset to the rows found, and the same
repaint. Both find the same rows, so the ratio is what Rapport adds to the FTS5 work. (A floor
of the typed words alone finds nobody for "(503": Rapport shows every number of the area code,
45,000 of 50,000 here, a keystroke as heavy as "e".) The worst keystroke of the typed sequence
and the whole sequence are compared, medians over ``runs``.

``python -m tests.bench.bench_search [NOTEBOOK] [--runs 3]``
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import statistics
import sys
import time
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QTableView

NAMES = ["m", "ma", "mar", "mari", "maria", "e", "el", "ell", "o", "or", "orc"]
WORDS = re.compile(r"\w+")
_ROOT = QModelIndex()


class BareModel(QAbstractTableModel):
    """The least a table model can be: tuples, shown as they are."""

    def __init__(self, rows: list[tuple]) -> None:
        super().__init__()
        self.rows = rows

    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=_ROOT) -> int:
        return 7

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()][index.column()]
        return None

    def reset_to(self, rows: list[tuple]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()


def typed_sequences(con: sqlite3.Connection) -> list[str]:
    """Keystrokes: a name, a street word, and a real customer's number as people write it."""
    number = con.execute("SELECT number FROM phone ORDER BY id LIMIT 1 OFFSET 777").fetchone()[0]
    digits = number[-10:]
    national = f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"
    street = con.execute("SELECT street FROM address ORDER BY id LIMIT 1 OFFSET 555").fetchone()
    word = next(w for w in WORDS.findall(street[0]) if not w.isdigit()).lower()
    return [*NAMES, *(word[:i] for i in range(1, len(word) + 1)),
            *(national[:i] for i in range(1, len(national) + 1)), digits[3:6] + "-" + digits[6:],
            number]


def _view(model) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.resize(1000, 700)
    view.show()
    return view


def run(notebook: Path, runs: int = 3) -> tuple[float, float, float, float, int]:
    """Worst keystroke (Rapport, floor), the whole sequence (Rapport, floor), medians of
    ``runs``, and how many keystrokes were typed."""
    from storage.customer_list import rows as customer_rows
    from storage.customer_search import match_expression, region
    from storage.db import close_notebook, open_notebook
    from ui.customers.service import CustomerService
    from ui.models.customer_list_model import CustomerListModel

    app = QApplication.instance() or QApplication(sys.argv[:1])
    open_notebook(notebook, read_only=True)
    con = sqlite3.connect(f"file:{notebook}?mode=ro", uri=True)
    try:
        typed = typed_sequences(con)
        rows, service = customer_rows(), CustomerService()
        model = CustomerListModel()
        model.set_rows(rows)
        tuples = [(r.id, r.name, r.company, r.email, r.phone, r.city, r.tags) for r in rows]
        bare = BareModel(tuples)
        views = _view(model), _view(bare)
        app.processEvents()

        def rapport() -> tuple[float, float]:
            each = []
            for text in typed:
                t0 = time.perf_counter()
                model.show_only(service.search_ids(text))
                views[0].viewport().repaint()
                each.append(time.perf_counter() - t0)
            return max(each), sum(each)

        queries = [match_expression(text, region()) for text in typed]

        def floor() -> tuple[float, float]:
            each = []
            for query in queries:
                t0 = time.perf_counter()
                ids = {r[0] for r in con.execute(
                    "SELECT rowid FROM customer_fts WHERE customer_fts MATCH ?", (query,))
                       } if query else set()
                bare.reset_to([t for t in tuples if t[0] in ids])
                views[1].viewport().repaint()
                each.append(time.perf_counter() - t0)
            return max(each), sum(each)

        rapport(), floor()  # warm: pages in the cache, fonts, phonenumbers' metadata
        took, base = [], []
        for _ in range(runs):  # interleaved: drift on a shared machine hits both alike
            base.append(floor())
            took.append(rapport())
        for view in views:
            view.close()
        return (statistics.median(t[0] for t in took), statistics.median(b[0] for b in base),
                statistics.median(t[1] for t in took), statistics.median(b[1] for b in base),
                len(typed))
    finally:
        con.close()
        close_notebook()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook", type=Path, nargs="?",
                        default=Path(__file__).resolve().parents[2] / "out/bench-50000.rapport")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    worst, worst_floor, total, total_floor, keys = run(args.notebook, args.runs)
    print(f"{keys} keystrokes; worst: Rapport {worst * 1000:.1f} ms, floor "
          f"{worst_floor * 1000:.1f} ms, {worst / worst_floor:.2f}×; all: Rapport "
          f"{total * 1000:.0f} ms, floor {total_floor * 1000:.0f} ms, {total / total_floor:.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
