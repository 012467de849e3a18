"""Many at once at scale: in the window over a big notebook, select everyone (Ctrl+A), tag
them all, undo it, and write one card for 12; the longest the GUI thread is held is measured
by a 5 ms timer that notes every late tick.

``python -m tests.bench.bench_many NOTEBOOK`` (a copy is used; make one with
``python -m tests.bench.generate``).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path


class Stalls:
    """The longest gap between ticks of a 5 ms timer: how long the GUI thread was held."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.worst, self._last = 0.0, time.perf_counter()
        self._timer = QTimer(interval=5)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self._last)
        self._last = now

    def reset(self) -> None:
        self.worst, self._last = 0.0, time.perf_counter()


def _until_idle(window) -> None:
    """Run the real event loop (as the window does) until every operation has landed."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop, poll, quiet = QEventLoop(), QTimer(interval=10), [0]

    def check() -> None:
        quiet[0] = 0 if window.ops._pending else quiet[0] + 1
        if quiet[0] >= 5:  # idle for 50 ms: follow-up operations had their chance to start
            loop.quit()

    poll.timeout.connect(check)
    poll.start()
    loop.exec()
    poll.stop()


def main(argv: list[str]) -> int:
    from PySide6.QtWidgets import QApplication

    from domain.model import Template
    from storage.db import open_notebook
    from ui.events import AppEvents
    from ui.main_window import MainWindow
    from ui.operations import Operations
    from ui.preferences import Preferences

    work = Path(tempfile.mkdtemp()) / "many.rapport"
    shutil.copy(argv[0], work)
    app = QApplication.instance() or QApplication([])
    info = open_notebook(work)
    window = MainWindow(info, AppEvents(), Operations(), Preferences("US", False))
    window.show()
    window.show_screen("customers")
    screen = window.screens["customers"]
    while not screen.list.is_loaded():
        app.processEvents()
    _until_idle(window)
    stalls = Stalls()
    rows = {}

    def step(name: str, fn) -> None:
        stalls.reset()
        started = time.perf_counter()
        fn()
        gui = time.perf_counter() - started
        _until_idle(window)
        rows[name] = (gui, time.perf_counter() - started, stalls.worst)

    table = screen.list_panel.table
    step("select all (Ctrl+A)", table.selectAll)
    count = screen.list_panel.count.text()
    step("read the selection's ids", screen.many.selected_ids)
    step("tag everyone selected", lambda: screen.many.add_tag("bench-holiday"))
    kept = screen.list_panel.count.text()
    step("undo the tag", window.actions["undo"].trigger)
    table.clearSelection()
    table.selectRow(0)
    model = screen.list.model
    from PySide6.QtCore import QItemSelection, QItemSelectionModel

    table.selectionModel().select(QItemSelection(model.index(0, 0), model.index(11, 6)),
                                  QItemSelectionModel.SelectionFlag.ClearAndSelect)
    wording = Template("holiday", "bench", "Dear {{ name }}, happy holidays!")
    step("12 holiday cards", lambda: screen.many._run(__import__(
        "ui.customers.many_commands", fromlist=["WriteCards"]).WriteCards(
        screen.many.selected_ids(), wording, __import__("datetime").date.today(),
        screen.many._service, screen._env)))
    print(f"{model.total():,} customers; after Ctrl+A: “{count}”; after tagging: “{kept}”")
    print("| step | GUI call (s) | until done (s) | longest GUI stall (s) |")
    print("| --- | --- | --- | --- |")
    for name, (gui, done, worst) in rows.items():
        print(f"| {name} | {gui:.3f} | {done:.3f} | {worst:.3f} |")
    window.ops.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
