"""The window's workers after shutdown."""

from __future__ import annotations

from ui.operations import Operations


def test_work_asked_for_after_shutdown_never_starts(qtbot):
    """A timer firing as the window closes (the Today badge's refresh, a second after the last
    change) asked the second worker to read a notebook being closed; in the test suite the
    next test's new notebook answered "no such table: setting". Once the workers are shut
    down, no new work starts, and nothing is called back."""
    ops = Operations()
    ops.shutdown()
    ran: list[str] = []
    ops.aside(lambda: ran.append("aside"), lambda _r: ran.append("told"))
    ops.run(lambda: ran.append("run"), lambda _r: ran.append("told"))
    qtbot.wait(200)
    assert ran == []
    assert ops.wait_idle(100)  # nothing left pending either
