"""Python's cycle collector paused while bulk work turns thousands of rows into objects.

Agendas, the customer list's chunks, Today's plan, an import's cards, the insights' rows: each
makes tens of thousands of objects and no reference cycle, and the collector, run every 700
allocations, walked the growing heap again and again for nothing (0.3-0.6 s of a 50,000-
customer job). One pause for all of them, counted: the worker and the second worker may pause
at once, and the collector comes back on when the last pause ends, if it was on before the
first (two plain pauses could leave it off for good).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_on = False


@contextmanager
def paused() -> Iterator[None]:
    """The cycle collector off within the block (reference counting frees as ever)."""
    global _depth, _was_on
    with _lock:
        if _depth == 0:
            _was_on = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_on:
                gc.enable()
