"""Today in the window after Done (issue 14: ≤ 50 ms at 50,000 customers).

``python -m tests.bench.bench_today_window NOTEBOOK [RUNS]`` opens the real window on the Today
screen (its day the benchmark's), and for each run marks a suggestion Done as the side panel's
button does once the owner has said how it went: the seconds until the row is out of the list,
and, once the touch is written on the worker, the seconds of the reload that confirms the list
(read on the worker, shown, the headers' counts and the side panel again). Prints the two
medians.
"""

from __future__ import annotations

import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

from tests.bench.generate import BENCH_DAY


def _wait(app, until, what: str, limit: float = 120.0) -> None:
    start = time.perf_counter()
    while not until():
        app.processEvents()
        time.sleep(0.001)
        if time.perf_counter() - start > limit:
            raise RuntimeError(f"{what} did not happen in {limit:.0f} s")


def measure(notebook: Path, runs: int) -> tuple[float, float]:
    """(row out, confirming reload): medians in seconds, on ``notebook`` itself (a copy)."""
    from PySide6.QtWidgets import QApplication

    from storage import agenda
    from storage.db import open_notebook
    from ui.app import close_thread_connection
    from ui.events import AppEvents
    from ui.main_window import MainWindow
    from ui.operations import Operations
    from ui.preferences import Preferences
    from ui.screens import SCREENS
    from ui.today.screen import TodayScreen
    from ui.today.service import TodayService

    app = QApplication.instance() or QApplication([])
    agenda.set_clock(lambda: BENCH_DAY)
    info = open_notebook(notebook)
    spec = next(s for s in SCREENS if s.key == "today")
    screens = [replace(spec, factory=lambda ctx: TodayScreen(TodayService(), ctx,
                                                             clock=lambda: BENCH_DAY))]
    ops = Operations(after_each=close_thread_connection)
    window = MainWindow(info, AppEvents(), ops, Preferences("US", False), screens)
    window.resize(1440, 900)
    window.show()
    window.show_screen("today")
    controller = window.screens["today"].controller
    _wait(app, controller.is_loaded, "the first Today")
    idle = [True]
    ops.busy_changed.connect(lambda busy: idle.__setitem__(0, not busy))
    loaded = [False]
    controller.loaded.connect(lambda: loaded.__setitem__(0, True))
    outs, reloads = [], []
    for _ in range(runs):
        s = next(s for s in controller.model.suggestions() if s.kind != "promise_due")
        start = time.perf_counter()
        controller._log(s, "phone", "")  # the Done dialog said: by phone, no note
        app.processEvents()
        outs.append(time.perf_counter() - start)
        _wait(app, lambda: idle[0], "the touch written")
        loaded[0] = False
        start = time.perf_counter()
        controller.load()
        _wait(app, lambda: loaded[0], "the confirming reload")
        reloads.append(time.perf_counter() - start)
    ops.shutdown()
    window.close()
    return statistics.median(outs), statistics.median(reloads)


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    out, reload = measure(Path(args[0]), int(args[1]) if len(args) > 1 else 5)
    print(f"{out:.4f} {reload:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
