"""The stored agenda's budgets (issue 14), on a copy of the benchmark notebook.

``python -m tests.bench.bench_agenda NOTEBOOK`` prints what each costs and its floor:

- a change to one customer (a touch logged, their agenda worked out again): ≤ 10 ms;
- a setting changed, every customer worked out again: ≤ 3 s at 50,000;
- Today read again after Done, its undo, a snooze and its restore (what the window does after
  each; the first read of the day is ``today --json``'s row): ≤ 50 ms;
- Calendar's 60 days: ≤ 2× the same indexed read in raw SQL.
"""

from __future__ import annotations

import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from tests.bench.generate import BENCH_DAY


def settle(path: Path) -> None:
    """Make sure the notebook's agendas are worked out from the benchmark's day (a notebook
    made or migrated by another day's Rapport has them from that day, or none)."""
    from storage import agenda
    from storage.db import close_notebook, db, open_notebook

    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        days = con.execute("SELECT min(as_of), max(as_of) FROM agenda_customer").fetchone()
        pending = con.execute("SELECT count(*) FROM agenda_dirty").fetchone()[0]
    finally:
        con.close()
    if days == (BENCH_DAY.isoformat(),) * 2 and not pending:
        return
    agenda.set_clock(lambda: BENCH_DAY)
    open_notebook(path)
    try:
        with db.atomic():
            db.execute_sql("INSERT INTO agenda_dirty (customer_id) SELECT 0 WHERE NOT EXISTS "
                           "(SELECT 1 FROM agenda_dirty WHERE customer_id = 0)")
    finally:
        close_notebook()


def _median_ms(fn: Callable[[], None], runs: int) -> float:
    took = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        took.append(time.perf_counter() - start)
    return statistics.median(took)


def run(notebook: Path, runs: int = 3) -> dict[str, tuple[float, float]]:
    """{what: (seconds, floor seconds)} on a copy of ``notebook``."""
    from domain.model import Interaction
    from storage import agenda, outreach, timeline
    from storage.db import close_notebook, db, open_notebook

    settle(notebook)
    found: dict[str, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "copy.rapport"
        shutil.copy(notebook, copy)
        agenda.set_clock(lambda: BENCH_DAY)
        open_notebook(copy)
        try:
            ids = iter(range(100, 100 + 40 * runs))

            def touch() -> None:
                timeline.add(next(ids), Interaction(BENCH_DAY, "call", "Talked"))

            def bare_touch() -> None:  # the floor: the same insert, in its own transaction
                con = db.connection()
                con.execute("BEGIN")
                con.execute("INSERT INTO interaction (customer_id, date, kind, channel, "
                            "summary) VALUES (?, ?, 'call', 'phone', 'Talked')",
                            (next(ids), BENCH_DAY.isoformat()))
                con.execute("DELETE FROM agenda_dirty")
                con.execute("COMMIT")

            found["one customer's change (touch + agenda)"] = (
                statistics.median(_median_ms(touch, 1) for _ in range(15)),
                statistics.median(_median_ms(bare_touch, 1) for _ in range(15)))

            # The window has read Today already; each action below is followed by the read
            # that confirms the list (what the window does), and only that read is timed
            # under "Today read again": Done, its undo, a snooze, its restore.
            plan = outreach.today_plan(BENCH_DAY)
            first = next(s for s in plan.suggestions if s.kind != "promise_due")
            later = next(s for s in plan.suggestions if s.customer_id != first.customer_id)
            acts: list[float] = []
            reads: list[float] = []

            def timed(fn: Callable[[], object], into: list[float]) -> object:
                start = time.perf_counter()
                out = fn()
                into.append(time.perf_counter() - start)
                return out

            def reread() -> None:
                timed(lambda: outreach.today_queue(BENCH_DAY), reads)

            for _ in range(runs):
                acted = timed(lambda: outreach.act_on(first, "phone", "", BENCH_DAY), acts)
                reread()
                outreach.undo_act(acted)  # type: ignore[arg-type]
                reread()
                outreach.snooze(later, BENCH_DAY + timedelta(days=3))
                reread()
                outreach.restore(later)
                reread()
            # The window takes the row out at once; Done's write (with the customer's agenda)
            # runs on the worker, then the reload that confirms the list.
            found["Done: the touch and the customer's agenda"] = (statistics.median(acts), 0.0)
            found["Today read again after Done (the confirming reload)"] = (
                statistics.median(reads), 0.0)
            end = BENCH_DAY + timedelta(days=60)

            def raw_calendar() -> None:
                db.connection().execute(
                    "SELECT customer_id, key, due, milestone_kind, detail FROM agenda "
                    "WHERE kind = 'calendar' AND due BETWEEN ? AND ?",
                    (BENCH_DAY.isoformat(), end.isoformat())).fetchall()

            found["Calendar, 60 days"] = (
                _median_ms(lambda: outreach.calendar(BENCH_DAY, 60), runs),
                _median_ms(raw_calendar, runs))
            settings = outreach.load_settings()
            changed = replace(settings, default_cadence_days=settings.default_cadence_days + 1)

            def setting_changed() -> None:
                outreach.update_settings(settings, changed)
                outreach.update_settings(changed, settings)

            found["a setting changed: everyone worked out again"] = (
                _median_ms(setting_changed, 1) / 2, 0.0)

            def a_day_later() -> None:
                """The commoner case: the agendas were made on an earlier day (the last whole
                rebuild's), so the rules a setting reads are not worked out alone."""
                agenda.set_clock(lambda: BENCH_DAY + timedelta(days=1))
                try:
                    outreach.update_settings(settings, changed)
                finally:
                    agenda.set_clock(lambda: BENCH_DAY)

            found["a setting changed, agendas made a day before"] = (
                _median_ms(a_day_later, 1), 0.0)
        finally:
            close_notebook()
    return found


def main(argv: list[str] | None = None) -> int:
    path = Path((argv or sys.argv[1:])[0])
    for what, (took, floor) in run(path).items():
        print(f"{what}: {took * 1000:.1f} ms" + (f" (floor {floor * 1000:.1f} ms)" if floor
                                                   else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
