"""Fit, never cut, in the window (issue 13, finding 6): the card editor says, as the owner
types, when the words no longer fit the chosen format, worked out on the worker, and offers a
larger format; the batch dialog names the cards that do not fit and prints none of them cut."""

from __future__ import annotations

import threading
from types import SimpleNamespace

import pytest
import shiboken6
from PySide6.QtCore import Qt

from storage import templates as store
from tests.ui.helpers import add_customer
from ui.cards.editor import open_card_editor
from ui.cards.service import CardService

LONGER = " ".join(["Thank you so much for the lovely visit and for the flowers you chose."] * 9)


class WatchedService(CardService):
    """The real service, noting which thread checks the fit."""

    def __init__(self) -> None:
        self.fit_threads: set[str] = set()

    def card_fit(self, *args, **kw):
        self.fit_threads.add(threading.current_thread().name)
        return super().card_fit(*args, **kw)


@pytest.fixture
def ctx(qtbot, notebook):
    from ui.app import close_thread_connection
    from ui.events import AppEvents
    from ui.operations import Operations

    ops = Operations(after_each=close_thread_connection)
    ctx = SimpleNamespace(ops=ops, events=AppEvents(), notebook=notebook, editors=[])
    yield ctx
    ops.wait_idle()
    for editor in ctx.editors:
        if shiboken6.isValid(editor):
            editor.controller.can_close = lambda: True
            editor.close()
    ops.shutdown()


def open_editor(qtbot, ctx, service):
    editor = open_card_editor(None, ctx, add_customer(preferred_name="Peggy"), "thank_you",
                              service=service)
    ctx.editors.append(editor)
    qtbot.waitUntil(lambda: editor.controller.data is not None, timeout=5000)
    qtbot.waitUntil(editor.controller.composing_done, timeout=5000)
    return editor


def settled(editor) -> bool:
    return editor.controller.fit.is_idle() and editor.controller.preview.is_idle()


def test_the_editor_says_when_the_words_no_longer_fit_and_offers_a_larger_card(qtbot, ctx):
    service = WatchedService()
    editor = open_editor(qtbot, ctx, service)
    editor.format.setCurrentIndex(editor.format.findData("postcard-4x6"))
    editor.text.setPlainText("Dear Peggy,\n\nThank you!\n\nWarmly,\nRosa")
    qtbot.waitUntil(lambda: settled(editor), timeout=8000)
    assert editor.fit_bar.isHidden()
    cursor = editor.text.textCursor()
    cursor.setPosition(len("Dear Peggy,\n\nThank you!"))
    editor.text.setTextCursor(cursor)
    editor.text.insertPlainText(" " + LONGER[:-20])
    qtbot.keyClicks(editor.text, LONGER[-20:])  # the owner types the last words
    qtbot.waitUntil(lambda: not editor.fit_bar.isHidden(), timeout=8000)
    line = editor.fit_text.text()
    assert line.startswith("Too long for a 4×6 postcard by about ")
    assert "shorten it, or use " in line
    assert service.fit_threads and threading.main_thread().name not in service.fit_threads
    qtbot.mouseClick(editor.fit_button, Qt.MouseButton.LeftButton)
    larger = editor.format.currentData()
    assert larger not in ("postcard-4x6", None)
    qtbot.waitUntil(lambda: settled(editor) and editor.fit_bar.isHidden(), timeout=8000)


def test_the_line_goes_when_the_words_fit_again(qtbot, ctx):
    editor = open_editor(qtbot, ctx, WatchedService())
    editor.format.setCurrentIndex(editor.format.findData("a4-4up"))
    editor.text.setPlainText(f"Dear Peggy,\n\n{LONGER} {LONGER}\n\nWarmly,\nRosa")
    qtbot.waitUntil(lambda: not editor.fit_bar.isHidden(), timeout=8000)
    editor.text.setPlainText("Dear Peggy,\n\nThank you!\n\nWarmly,\nRosa")
    qtbot.waitUntil(lambda: settled(editor) and editor.fit_bar.isHidden(), timeout=8000)


def test_saving_a_card_that_does_not_fit_keeps_its_words(qtbot, ctx):
    editor = open_editor(qtbot, ctx, WatchedService())
    editor.format.setCurrentIndex(editor.format.findData("postcard-4x6"))
    words = f"Dear Peggy,\n\n{LONGER}\n\nWarmly,\nRosa"
    editor.text.setPlainText(words)
    qtbot.waitUntil(lambda: not editor.fit_bar.isHidden(), timeout=8000)
    with qtbot.waitSignal(editor.saved, timeout=5000):
        editor.queue_button.click()
    assert any(c.text == words for c in store.list_cards("queued"))
