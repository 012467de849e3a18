"""The Templates screen: built-ins read-only until duplicated, a live preview as you type, a
template error shown by its line and never saved, deleting your own wording undoably."""

from __future__ import annotations

import pytest

from storage import templates as store
from tests.ui.helpers import add_customer, settle


@pytest.fixture
def tscreen(window, qtbot):
    window.show_screen("templates")
    screen = window.screens["templates"]
    qtbot.waitUntil(screen.controller.is_loaded, timeout=5000)
    qtbot.waitUntil(lambda: screen.controller.current is not None, timeout=5000)
    qtbot.waitUntil(screen.controller.preview.is_idle, timeout=5000)  # filled in on the worker
    return screen


def own_template(window, qtbot, screen):
    """Duplicate the built-in on show and wait until the copy is the one being edited."""
    screen.duplicate_button.click()
    settle(window)
    qtbot.waitUntil(lambda: screen.controller.current is not None
                    and not screen.controller.current.builtin, timeout=5000)
    return screen.controller.current


def test_built_ins_are_listed_by_occasion_and_read_only(window, tscreen):
    tree = tscreen.tree
    titles = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert titles[0] == "First purchase (3)" and "Sympathy (3)" in titles
    current = tscreen.controller.current
    assert current.builtin and tscreen.body.source() == current.body
    assert tscreen.body.isReadOnly() and not tscreen.banner.isHidden()
    assert not tscreen.delete_button.isEnabled()
    assert "Dear Peggy" in tscreen.preview.toPlainText() or \
        "Peggy" in tscreen.preview.toPlainText()


def test_duplicate_edit_and_preview_live(window, qtbot, tscreen):
    mine = own_template(window, qtbot, tscreen)
    assert mine.name.endswith("(my version)") and tscreen.banner.isHidden()
    assert not tscreen.body.isReadOnly() and tscreen.delete_button.isEnabled()
    tscreen.body.set_source("Dear {{ name }},\n\nA pat for {{ pet }} from all of us.")
    qtbot.waitUntil(lambda: "A pat for Biscuit" in tscreen.preview.toPlainText(),
                    timeout=3000)
    assert tscreen.preview.toPlainText().startswith("Dear Peggy,")
    window.actions["save"].trigger()  # Ctrl+S
    settle(window)
    assert store.get_template(mine.id).body == \
        "Dear {{ name }},\n\nA pat for {{ pet }} from all of us."
    assert sum(not t.builtin for t in store.list_templates()) == 1


@pytest.mark.parametrize("body, said", [
    ("Dear {{ name }},\n\n{% if pet %}A pat for {{ pet }}.", "Line 3: the template cannot "
                                                            "be read"),
    ("Dear {{ name }},\n{{ nickname }}", "Line 2: “nickname” is not something Rapport knows"),
    ("Dear {{ name | shout }}", "Line 1: the template cannot be read: No filter named"),
    ("Dear {{ name.__class__ }}", "Line 1: that is not allowed in a card template"),
])
def test_a_template_error_is_shown_and_nothing_is_saved(window, qtbot, tscreen, body, said):
    mine = own_template(window, qtbot, tscreen)
    before = store.get_template(mine.id)
    tscreen.body.set_source(body)
    qtbot.waitUntil(lambda: not tscreen.body_error.isHidden(), timeout=3000)
    assert tscreen.body_error.text().startswith(said)
    assert tscreen.body.extraSelections()  # the line is marked
    tscreen.save_button.click()
    settle(window)
    assert store.get_template(mine.id) == before
    assert "Not saved" in tscreen.save_status.text()
    tscreen.body.set_source("Dear {{ name }},")
    qtbot.waitUntil(lambda: tscreen.body_error.isHidden(), timeout=3000)
    assert tscreen.preview.toPlainText().startswith("Dear Peggy,")


def test_a_customer_name_with_markup_previews_literally(window, qtbot, tscreen):
    odd = "<b>&amp;{{ 7*7 }}"
    cid = add_customer(given_name=odd, family_name="", preferred_name="")
    tscreen.controller.preview.preview_with(cid, odd)
    settle(window)
    assert tscreen.preview_for.currentText() == odd
    text = tscreen.preview.toPlainText()
    assert odd in text and "49" not in text


def test_delete_own_template_and_undo(window, qtbot, tscreen):
    mine = own_template(window, qtbot, tscreen)
    tscreen.delete_button.click()
    settle(window)
    qtbot.waitUntil(tscreen.controller.is_loaded, timeout=3000)
    assert mine.id not in {t.id for t in store.list_templates()}
    window.actions["undo"].trigger()
    settle(window)
    assert store.get_template(mine.id) == mine
