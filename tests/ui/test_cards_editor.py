"""The card editor: facts inserted at the cursor, the "nothing personal" banner, the page
preview drawn on the worker, names shown literally, saving a draft or into the queue."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
import shiboken6
from PySide6.QtCore import Qt

from domain.model import Fact, Purchase
from storage import templates as store
from tests.ui.helpers import add_customer, page_texts
from ui.cards.editor import open_card_editor

BIRTHDAY_PLAIN = "Full of the things you love"  # a built-in wording that uses no facts


@pytest.fixture
def ctx(qtbot, notebook):
    """What the editor needs from a screen: the worker, the change bus, the notebook."""
    from ui.app import close_thread_connection
    from ui.events import AppEvents
    from ui.operations import Operations

    ops = Operations(after_each=close_thread_connection)
    ctx = SimpleNamespace(ops=ops, events=AppEvents(), notebook=notebook, editors=[])
    yield ctx
    ops.wait_idle()
    for editor in ctx.editors:  # they delete themselves once saved
        if shiboken6.isValid(editor):
            editor.controller.can_close = lambda: True
            editor.close()
    ops.shutdown()


@pytest.fixture
def peggy(notebook):
    return add_customer(preferred_name="Peggy",
                        facts=[Fact("pet", "Biscuit", relation="whippet"),
                               Fact("interest", "sailing; crews on Sundays")],
                        purchases=[Purchase(date(2026, 3, 2), Decimal("45"), "Peonies")])


def open_editor(qtbot, ctx, customer_id, occasion="birthday", **kw):
    editor = open_card_editor(None, ctx, customer_id, occasion, **kw)
    ctx.editors.append(editor)
    qtbot.waitUntil(lambda: editor.controller.data is not None, timeout=5000)
    qtbot.waitUntil(editor.controller.composing_done, timeout=5000)
    wait_preview(qtbot, editor)
    return editor


def wait_preview(qtbot, editor):
    qtbot.waitUntil(lambda: editor.controller.preview.is_idle() and
                    editor.preview.is_drawn(), timeout=8000)


def choose_wording(qtbot, editor, name):
    """Pick a wording and wait until the worker has filled it in."""
    index = next(i for i in range(editor.wording.count())
                 if editor.wording.itemText(i).startswith(name))
    editor.wording.setCurrentIndex(index)
    qtbot.waitUntil(editor.controller.composing_done, timeout=5000)


def fact_item(editor, text):
    facts = editor.facts
    return next(facts.item(i) for i in range(facts.count()) if text in facts.item(i).text())


def test_a_click_on_a_fact_inserts_its_line_at_the_cursor(qtbot, ctx, peggy):
    editor = open_editor(qtbot, ctx, peggy)
    editor.text.setPlainText("Dear Peggy,\n\nHappy birthday!")
    cursor = editor.text.textCursor()
    cursor.setPosition(len("Dear Peggy,\n\nHappy birthday!"))
    editor.text.setTextCursor(cursor)
    item = fact_item(editor, "Biscuit")
    rect = editor.facts.visualItemRect(item)
    qtbot.mouseClick(editor.facts.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert editor.text.toPlainText() == "Dear Peggy,\n\nHappy birthday! A pat for Biscuit from us."
    cursor.setPosition(len("Dear Peggy,\n\n"))
    editor.text.setTextCursor(cursor)
    editor.facts.itemClicked.emit(fact_item(editor, "sailing"))
    assert editor.text.toPlainText().startswith(
        "Dear Peggy,\n\nHope there's been time for sailing lately. Happy birthday!")


def test_warns_until_the_card_says_something_personal(qtbot, ctx, peggy):
    editor = open_editor(qtbot, ctx, peggy)
    choose_wording(qtbot, editor, BIRTHDAY_PLAIN)
    assert "Dear Peggy" in editor.text.toPlainText()
    assert editor.controller.is_warning()
    assert "nothing that is just for Peggy" in editor.banner_text.text()
    editor.text.moveCursor(editor.text.textCursor().MoveOperation.End)
    editor.facts.itemClicked.emit(fact_item(editor, "Peonies"))
    assert not editor.controller.is_warning()
    assert "Peonies" in editor.personal.text()


def test_preview_draws_the_real_page_and_follows_the_format(qtbot, ctx, peggy):
    editor = open_editor(qtbot, ctx, peggy)
    assert len(editor.preview.pdf()) == 2  # folded: outside and inside
    assert "Happy Birthday" in page_texts(editor.preview.pdf())[0]
    editor.format.setCurrentIndex(editor.format.findData("postcard-4x6"))
    qtbot.waitUntil(lambda: editor.preview.pdf() is not None and
                    editor.preview.pdf().sizes == ((432.0, 288.0),), timeout=8000)


def test_a_name_with_markup_shows_literally(qtbot, ctx):
    odd = "<b>&amp;{{ 7*7 }}"
    cid = add_customer(given_name=odd, family_name="", preferred_name="")
    editor = open_editor(qtbot, ctx, cid, "keep_in_touch")
    assert f"Dear {odd}," in editor.text.toPlainText() or f"Hi {odd}," in \
        editor.text.toPlainText()
    assert editor.heading.text() == f"A card for {odd}"
    assert editor.heading.textFormat() == Qt.TextFormat.PlainText
    drawn = " ".join(page_texts(editor.preview.pdf()))
    assert odd in drawn and "49" not in drawn


def test_save_queues_the_card_and_announces_it(qtbot, ctx, peggy):
    heard = []
    ctx.events.data_changed.connect(lambda changes, _who: heard.append(changes))
    editor = open_editor(qtbot, ctx, peggy, suggestion_key="milestone:1:2026")
    saved = []
    editor.saved.connect(lambda card, key: saved.append((card, key)))
    editor.text.setPlainText("Dear Peggy, a pat for Biscuit from all of us.")
    editor.format.setCurrentIndex(editor.format.findData("a7"))
    with qtbot.waitSignal(editor.saved, timeout=5000):
        editor.queue_button.click()
    card = store.list_cards("queued")[0]
    assert (card.text, card.card_format, card.occasion) == (
        "Dear Peggy, a pat for Biscuit from all of us.", "a7", "birthday")
    assert saved[0][1] == "milestone:1:2026"
    assert heard[-1] == {"cards": {card.id}}


def test_reopening_edits_the_unsent_card(qtbot, ctx, peggy):
    from domain.model import Card

    store.create_card(Card(peggy, "birthday", "My own words for Peggy.", "a6", "draft"))
    editor = open_editor(qtbot, ctx, peggy, "birthday")
    assert editor.text.toPlainText() == "My own words for Peggy."
    assert editor.format.currentData() == "a6"
    assert editor.wording.currentData() == -1  # written without a template
    editor.text.setPlainText("My own words for Peggy, and Biscuit.")
    with qtbot.waitSignal(editor.saved, timeout=5000):
        editor.draft_button.click()
    assert [c.text for c in store.list_cards()] == ["My own words for Peggy, and Biscuit."]
    qtbot.waitUntil(lambda: not shiboken6.isValid(editor), timeout=3000)  # closed itself
