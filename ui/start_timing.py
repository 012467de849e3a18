"""``RAPPORT_TIMING``: stamps of the window's first paint and of its list being in, on stderr,
for the benchmarks (tests/bench/bench_window.py, bench_first_window.py).

Moved out of ``ui.app`` (the start itself); Qt is imported only when a window is timed.
"""

from __future__ import annotations

import os
import sys
import time


def timed_screen() -> str:
    """The screen ``RAPPORT_TIMING`` measures: ``RAPPORT_TIMING_SCREEN``, else Customers."""
    return os.environ.get("RAPPORT_TIMING_SCREEN") or "customers"


def _timing_probe(screen, key: str):
    """(widget that paints it, shows what counts, rows, loaded?, loaded signal, total)."""
    if key == "today":  # its first paint is the loading page or the list, whichever comes
        c = screen.controller
        return (screen.view, lambda: True, c.model.rowCount, c.is_loaded, c.loaded,
                c.model.rowCount)
    lst = screen.list  # the customer list: the first paint that shows names
    return (screen.list_panel.table.viewport(), lst.shows_rows, lst.model.rowCount,
            lst.is_loaded, lst.loaded, lst.model.total)


def report_first_paint(window, key: str) -> None:
    """RAPPORT_TIMING=1: print when the timed screen first paints (=quit: quit once loaded).

    The screen is Customers unless RAPPORT_TIMING_SCREEN says (``today``); the window opens
    on it. For Customers the figure is the one the budget names: the list on screen with names.
    RAPPORT_TIMING_SEARCH=words: search for them at the first paint and print when the list
    shows what they find (``RAPPORT_SEARCHED``): how long a search waits while the list loads.
    """
    from PySide6.QtCore import QEvent, QObject, QTimer

    screen = window.screens.get(key)
    if screen is None:
        return
    painted_by, shows, rows, is_loaded, loaded_signal, total = _timing_probe(screen, key)
    words = os.environ.get("RAPPORT_TIMING_SEARCH", "") if key == "customers" else ""
    waiting = {"loaded", "searched"} if words else {"loaded"}

    def stamp(what: str, count: int) -> None:
        import resource  # peak resident memory so far, for the bench (MiB)

        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"RAPPORT_{what} {time.time():.6f} rows={count} "
              f"cpu={time.process_time():.3f}s rss={rss:.1f}", file=sys.stderr, flush=True)

    def done(what: str) -> None:
        waiting.discard(what)
        if not waiting and os.environ.get("RAPPORT_TIMING") == "quit":
            QTimer.singleShot(0, window.close)

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and shows():
                QTimer.singleShot(0, self.report)
                painted_by.removeEventFilter(self)
            return False

        def report(self):
            stamp("FIRST_PAINT", rows())
            if words:
                screen.list.searched.connect(self.searched)
                screen.list.search_now(words)
            if is_loaded():
                self.loaded()
            else:
                loaded_signal.connect(self.loaded)

        def searched(self, _ms):
            # What it finds is shown (nobody found: only once everyone is in, a sure "none")
            if "searched" in waiting and (rows() or is_loaded()):
                stamp("SEARCHED", rows())
                done("searched")

        def loaded(self):
            if "loaded" in waiting:
                stamp("ALL_LOADED", total())
                done("loaded")

    watcher = FirstPaint(window)
    painted_by.installEventFilter(watcher)
