"""A hostile template never freezes the window: the Templates screen's preview and the card
editor fill templates in on the worker, where the sandbox's budget stops them; the event loop
keeps turning meanwhile and the message appears under the field (or in the editor's status).

The template below runs until its 0.5 s deadline (it builds nothing, so only time stops it):
on the GUI thread it held the event loop for that long each time it was previewed, and the
unguarded ones (nested ranges) held it for good.
"""

from __future__ import annotations

import gc
import time

import pytest
from PySide6.QtCore import QTimer

from storage import templates as store
from storage.db import db
from tests.domain.template_attacks import BUSY
from tests.ui.helpers import settle
from tests.ui.test_cards_editor import ctx, open_editor, peggy  # noqa: F401  (fixtures)
from tests.ui.test_templates_screen import own_template, tscreen  # noqa: F401  (fixture)

SLOW = "Dear {{ name }},\n" + BUSY
NESTED = ("Dear {{ name }},\n{% for i in range(99999) %}{% for j in range(99999) %}"
          "{% endfor %}{% endfor %}")
MAX_GAP = 0.25  # seconds between two turns of the event loop (the render takes 0.5 s)


@pytest.fixture(autouse=True)
def _collector_back_on():
    """The collector runs again after each test, whatever happened in it (Heartbeat)."""
    yield
    gc.enable()


class Heartbeat:
    """A 5 ms timer on the GUI thread: the longest gap between its ticks is how long the
    window was frozen. The test process's own garbage (2,500 tests' worth by the end of the
    suite) is collected first and not while it beats: a full collection of that heap took
    over 0.25 s now and then, which is the test run's pause, not the window's."""

    def __init__(self) -> None:
        gc.collect()
        gc.disable()
        self.timer = QTimer(interval=5)
        self.timer.timeout.connect(lambda: self.ticks.append(time.perf_counter()))
        self.ticks: list[float] = [time.perf_counter()]  # from the start, to the stop:
        self.timer.start()  # a job over before the first tick was no freeze either

    def longest_gap(self) -> float:
        self.timer.stop()
        self.ticks.append(time.perf_counter())
        gc.enable()
        return max(b - a for a, b in zip(self.ticks, self.ticks[1:], strict=False))


@pytest.mark.parametrize("body", [SLOW, NESTED])
def test_the_templates_screen_stays_responsive_while_a_hostile_preview_is_stopped(
        window, qtbot, tscreen, body):  # noqa: F811
    own_template(window, qtbot, tscreen)
    beat = Heartbeat()
    tscreen.body.set_source(body)
    qtbot.waitUntil(lambda: "this template was stopped" in tscreen.body_error.text(),
                    timeout=5000)
    assert beat.longest_gap() < MAX_GAP
    assert len(beat.ticks) > 20
    assert tscreen.body_error.text().startswith("Line 2: this template was stopped: it ")
    assert tscreen.controller.problem is not None
    assert tscreen.preview_note.text() == "The preview waits until the problem is fixed."


def test_a_hostile_template_already_in_the_notebook_opens_without_a_freeze(window, qtbot,
                                                                        tscreen):  # noqa: F811
    mine = own_template(window, qtbot, tscreen)
    with db.atomic():  # as an import before the checks could have stored it
        db.execute_sql("UPDATE template SET body = ? WHERE id = ?", (NESTED, mine.id))
    beat = Heartbeat()
    tscreen.controller.load(select=mine.id)
    tscreen.controller.current = None  # show it afresh from the notebook
    qtbot.waitUntil(lambda: "this template was stopped" in tscreen.body_error.text(),
                    timeout=5000)
    assert beat.longest_gap() < MAX_GAP
    tscreen.save_button.click()
    settle(window)
    assert store.get_template(mine.id).body == NESTED  # nothing else written


def test_the_card_editor_fills_a_hostile_template_in_on_the_worker(qtbot, ctx, peggy):  # noqa: F811
    store.ensure_builtins()
    with db.atomic():
        db.execute_sql("UPDATE template SET body = ? WHERE occasion = 'birthday'", (SLOW,))
    beat = Heartbeat()
    editor = open_editor(qtbot, ctx, peggy)
    qtbot.waitUntil(lambda: "template has a problem" in editor.status.text(), timeout=5000)
    assert beat.longest_gap() < MAX_GAP
    assert "Line 2: this template was stopped: it runs too long" in editor.status.text()
    assert editor.text.toPlainText() == ""  # no half-filled words


def test_typing_on_in_a_hostile_template_does_not_queue_a_render_per_pause(
        window, qtbot, tscreen, monkeypatch):  # noqa: F811
    """Each pause in typing asks for a preview; with a template that runs to its deadline,
    every one of them ran on the one worker, and a save (or any screen's load) waited behind
    all of them: 8 pauses held the worker for 8 renders. Only the latest one is worth it."""
    from ui.templates import preview

    own_template(window, qtbot, tscreen)
    settle(window)
    ran = []
    real = preview.try_template

    def full_budget(*args, **kwargs):  # a hostile body and sign-off: 0.5 s each
        ran.append(1)
        time.sleep(1.0)
        return real(*args, **kwargs)

    monkeypatch.setattr(preview, "try_template", full_budget)
    for n in range(8):
        tscreen.body.set_source(SLOW + "x" * n)
        qtbot.wait(300)  # past the preview's 250 ms pause: each asks for a render
    qtbot.waitUntil(lambda: tscreen.controller.preview.is_idle(), timeout=15000)
    settle(window)
    assert len(ran) <= 4  # the first, and the latest at each moment the worker is free
    assert tscreen.body_error.text().startswith("Line 2: this template was stopped: it ")


def test_running_through_the_wordings_does_not_queue_a_render_per_step(
        qtbot, ctx, peggy, monkeypatch):  # noqa: F811
    """Arrowing down the wording list asks for each wording in turn; with hostile templates
    each ran its whole budget on the one worker, after the owner had moved on."""
    from ui.cards import editor_controller

    store.ensure_builtins()
    with db.atomic():
        db.execute_sql("UPDATE template SET body = ? WHERE occasion = 'birthday'", (SLOW,))
    editor = open_editor(qtbot, ctx, peggy)
    ran = []
    real = editor_controller._fill_in

    def full_budget(*args):  # as a hostile body and sign-off take: 0.5 s each
        ran.append(1)
        time.sleep(1.0)
        return real(*args)

    monkeypatch.setattr(editor_controller, "_fill_in", full_budget)
    wordings = editor.wording.count() - 1  # the last is "my own words"
    assert wordings >= 3
    for _round in range(3):
        for index in range(wordings):
            editor.wording.setCurrentIndex(index)
    qtbot.waitUntil(editor.controller.composing_done, timeout=30000)
    assert len(ran) <= 2  # the one under way, and the latest
