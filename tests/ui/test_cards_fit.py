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


# --- the window's batch ------------------------------------------------------------------

@pytest.fixture
def postcards(people):
    """Two queued 4×6 postcards: Peggy's too long for one, Tom's short."""
    from domain.model import Card

    texts = {"peggy": f"Dear Margaret,\n\n{LONGER}\n\nWarmly,\nRosa",
             "tom": "Dear Tom, the brothers' shop looks wonderful.\n\nWarmly,\nRosa"}
    return {key: store.create_card(Card(people[key], "keep_in_touch", text, "postcard-4x6",
                                        "queued")).id for key, text in texts.items()}


@pytest.fixture
def batch_dialog(qtbot, postcards, window):
    window.show_screen("cards")
    screen = window.screens["cards"]
    qtbot.waitUntil(screen.controller.is_loaded, timeout=5000)
    dialog = screen.controller.print_cards()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.is_ready, timeout=10000)
    return dialog


def pdf_words(data: bytes) -> str:
    import io

    from pypdf import PdfReader

    return " ".join(" ".join(p.extract_text().split())
                    for p in PdfReader(io.BytesIO(data)).pages)


def test_the_batch_names_a_card_that_does_not_fit_and_prints_none_cut(batch_dialog,
                                                                      postcards):
    dialog = batch_dialog
    assert dialog.card_format.currentData() == "postcard-4x6"
    assert [c.id for c in dialog.batch.cards] == [postcards["tom"]]
    printed = pdf_words(dialog.batch.card_pdf.data)
    assert "brothers' shop" in printed and "flowers you chose" not in printed
    assert "…" not in printed
    panel = dialog.misfits
    assert not panel.isHidden()
    assert "Margaret Shaw" in panel.text.text() and "4×6 postcard" in panel.text.text()
    envelopes = pdf_words(dialog.batch.envelope_pdf.data)
    assert "Tom Baker" in envelopes and "Margaret Shaw" not in envelopes


def test_print_all_on_the_larger_format(qtbot, batch_dialog, postcards):
    dialog = batch_dialog
    qtbot.mouseClick(dialog.misfits.all_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.is_ready() and dialog.misfits.isHidden(), timeout=10000)
    assert dialog.card_format.currentData() != "postcard-4x6"
    assert {c.id for c in dialog.batch.cards} == set(postcards.values())
    printed = pdf_words(dialog.batch.card_pdf.data)
    assert printed.count("flowers you chose") == 9 and printed.count("Rosa") == 2


def test_switch_the_long_card_to_the_larger_format(qtbot, batch_dialog, postcards):
    dialog = batch_dialog
    qtbot.mouseClick(dialog.misfits.switch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.is_ready() and dialog.misfits.isHidden(), timeout=10000)
    switched = store.get_card(postcards["peggy"])
    assert switched.card_format not in ("postcard-4x6", "") and switched.status == "queued"
    assert [c.id for c in dialog.batch.cards] == [postcards["tom"]]
    assert "in the print queue" in dialog.note.text()


def test_open_the_long_card_in_the_editor(qtbot, batch_dialog, postcards):
    from ui.cards.editor import CardEditor

    qtbot.mouseClick(batch_dialog.misfits.open_button, Qt.MouseButton.LeftButton)
    editors = []
    qtbot.waitUntil(lambda: bool(editors.extend(
        w for w in batch_dialog.parentWidget().findChildren(CardEditor)
        if w.controller.data is not None) or editors), timeout=5000)
    editor = editors[0]
    assert editor.controller.data.card.id == postcards["peggy"]
    qtbot.waitUntil(lambda: not editor.fit_bar.isHidden(), timeout=8000)
    editor.controller.can_close = lambda: True
    editor.close()


def test_a_batch_of_only_cards_that_do_not_fit_offers_no_blank_pdf(qtbot, postcards, window):
    store.delete_card(postcards["tom"])  # the queue holds only the card that does not fit
    window.show_screen("cards")
    screen = window.screens["cards"]
    qtbot.waitUntil(screen.controller.is_loaded, timeout=5000)
    screen.tabs.setCurrentIndex(1)  # the print queue
    screen.controller.select([postcards["peggy"]])
    assert screen.controller.chosen_ids() == [postcards["peggy"]]
    dialog = screen.controller.print_cards()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.is_ready, timeout=10000)
    assert dialog.batch.cards == []
    for pane in (dialog.cards_pane, dialog.envelopes_pane):
        assert pane.rendered is None and not pane.save_button.isEnabled()
    assert "Nothing to print" in dialog.progress_text.text()
    assert not dialog.misfits.isHidden() and not dialog.mark_printed.isEnabled()
