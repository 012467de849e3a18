"""Issue 14, behaviour 3: logging a touch on the customer page offers to settle the open
promise it answers ("Does this call keep the promise …?"); yes keeps it in the transaction
that logs the touch, undo takes both back; no, or a note, leaves the promise open."""

from __future__ import annotations

from datetime import date, datetime

from domain.model import Promise
from storage import customers, timeline
from tests.ui.helpers import open_customer, settle
from ui import ask
from ui.customers import timeline_dialogs

DAY = date(2026, 11, 23)


def _log(monkeypatch, kind: str = "call") -> None:
    def fake_exec(dialog):
        dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
        dialog.when.set_value(DAY)
        dialog.summary.setPlainText("Sent the photos.")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(timeline_dialogs.TouchDialog, "exec", fake_exec)


def _promise(who: int, what: str, due: datetime) -> int:
    return timeline.add(who, Promise(date(2026, 11, 20), due, what)).id


def _statuses(who: int) -> dict[str, str]:
    return {p.what: p.status for p in customers.get_customer(who).promises}


def test_yes_keeps_the_promise_with_the_touch_and_undo_reopens_it(people, window, screen,
                                                                   monkeypatch):
    peggy = people["peggy"]
    _promise(peggy, "Send photos of the arrangements", datetime(2026, 11, 24, 15, 0))
    _promise(peggy, "Order the orchids", datetime(2026, 11, 30, 0, 0))
    asked = []
    monkeypatch.setattr(ask, "yes_no", lambda _p, title, text, *a, **k: asked.append(text)
                        or True)
    _log(monkeypatch)
    open_customer(window, peggy)
    window.actions["log_touch"].trigger()
    settle(window)
    assert asked == ["Does this call keep the promise “Send photos of the arrangements”?"]
    assert _statuses(peggy) == {"Send photos of the arrangements": "kept",
                                "Order the orchids": "open"}
    assert [t.kind for t in customers.get_customer(peggy).interactions] == ["call"]
    window.actions["undo"].trigger()
    settle(window)
    assert _statuses(peggy)["Send photos of the arrangements"] == "open"
    assert customers.get_customer(peggy).interactions == []
    window.actions["redo"].trigger()
    settle(window)
    assert _statuses(peggy)["Send photos of the arrangements"] == "kept"
    assert len(customers.get_customer(peggy).interactions) == 1


def test_no_logs_the_touch_and_leaves_the_promise_open(people, window, screen, monkeypatch):
    peggy = people["peggy"]
    _promise(peggy, "Send photos", datetime(2026, 11, 24, 15, 0))
    monkeypatch.setattr(ask, "yes_no", lambda *a, **k: False)
    _log(monkeypatch)
    open_customer(window, peggy)
    window.actions["log_touch"].trigger()
    settle(window)
    assert _statuses(peggy) == {"Send photos": "open"}
    assert [t.kind for t in customers.get_customer(peggy).interactions] == ["call"]


def test_nothing_is_asked_for_a_note_or_without_an_open_promise(people, window, screen,
                                                                monkeypatch):
    peggy, tom = people["peggy"], people["tom"]
    _promise(peggy, "Send photos", datetime(2026, 11, 24, 15, 0))
    kept = Promise(date(2026, 11, 1), datetime(2026, 11, 2), "Old one", "kept")
    timeline.add(tom, kept)
    monkeypatch.setattr(ask, "yes_no", lambda *a, **k: (_ for _ in ()).throw(
        AssertionError("asked")))
    _log(monkeypatch, "note")
    open_customer(window, peggy)
    window.actions["log_touch"].trigger()
    settle(window)
    _log(monkeypatch, "visit")
    open_customer(window, tom)
    window.actions["log_touch"].trigger()
    settle(window)
    assert _statuses(peggy) == {"Send photos": "open"}
    assert len(customers.get_customer(tom).interactions) == 1
