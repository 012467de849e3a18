"""A child's peak memory, as ``make bench`` measures it (``tests/bench/bench_stream._child``)."""

import sys

from tests.bench.bench_stream import _child

SMALL = [sys.executable, "-c", "pass"]  # a bare Python: about 10 MiB


def test_a_small_child_of_a_large_runner_is_measured_small():
    # Linux hands a parent's peak to the child it starts: measured straight from this
    # process, a bare Python "peaked" at the runner's size (276 MiB in a make bench run).
    ballast = bytearray(200 * 2**20)
    ballast[::4096] = b"\1" * len(range(0, len(ballast), 4096))
    _took, peak, _out = _child(SMALL)
    assert peak < 60, f"{peak} MiB: the runner's own peak was counted"


def test_a_large_child_is_measured_large():
    _took, peak, out = _child([sys.executable, "-c",
                               "x = bytearray(120 * 2**20); x[::4096] = b'1' * (len(x) // 4096);"
                               " print('done')"])
    assert 120 <= peak < 200 and out.strip() == "done"
