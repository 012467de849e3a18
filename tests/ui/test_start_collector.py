"""The window's start runs with Python's cycle collector off (issue 17): it builds some
300,000 objects that live as long as the window, and the collector scanned them over and over
(0.1–0.3 s at 50,000 customers, finding next to nothing). Once the window is up they are
frozen and the collector is back on; every way out of the start turns it back on too."""

from __future__ import annotations

import gc
import sys

from ui import app


def test_the_collector_is_back_on_and_the_start_frozen_once_the_window_shows(monkeypatch):
    seen = {}

    class Shown:
        def __init__(self, *_args) -> None:
            self.window = None
            self.ops = type("Ops", (), {"shutdown": lambda _self: None})()

        def show(self, *_args, **_kw) -> None:
            seen["building"] = gc.isenabled()

    class App:
        class aboutToQuit:  # stands for the Qt signal
            connect = staticmethod(lambda _fn: None)

        @staticmethod
        def exec() -> int:
            seen["running"] = (gc.isenabled(), gc.get_freeze_count())
            return 0

    from ui.backups import safety

    monkeypatch.setattr(app, "ShownWindow", Shown)
    monkeypatch.setattr(safety, "backup_on_close", lambda: None)
    monkeypatch.delenv("RAPPORT_TIMING", raising=False)
    gc.disable()  # as run_app leaves it for the start
    try:
        app.show_window(App, info=None)
        assert seen["building"] is False
        enabled, frozen = seen["running"]
        assert enabled and frozen > 0
    finally:
        gc.unfreeze()
        gc.enable()


def test_a_start_that_ends_early_turns_the_collector_back_on(monkeypatch, tmp_path):
    from storage import logs
    from ui import platform_check

    off_inside = []
    monkeypatch.setattr(platform_check, "problem",
                        lambda: off_inside.append(not gc.isenabled()) or "no display here")
    before = sys.excepthook
    assert app.run_app(tmp_path / "shop.rapport", explicit=True) == 1
    assert off_inside == [True] and gc.isenabled()
    assert sys.excepthook is before
    logs.remove()
