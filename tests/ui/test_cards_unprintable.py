"""The batch print dialog names a character no bundled font draws, in the command line's
words, and the owner chooses: print without it, or stop."""

from __future__ import annotations

from domain.model import Card
from storage import templates as store
from tests.ui.test_cards_print import open_batch


def queue(people, text: str) -> int:
    return store.create_card(Card(people["peggy"], "keep_in_touch", text, "a2-folded",
                                  "queued")).id


def test_the_dialog_names_the_character_and_waits_for_the_owner(qtbot, people, window):
    queue(people, "Dear Margaret, happy birthday 🎉 and thank you!")
    window.show_screen("cards")
    screen = window.screens["cards"]
    qtbot.waitUntil(screen.controller.is_loaded, timeout=5000)
    dialog = open_batch(qtbot, screen)
    assert dialog.unprintable.isVisibleTo(dialog)
    words = dialog.unprintable_text.text()
    assert "🎉 (party popper) in Margaret Shaw's card message cannot be printed" in words
    panes = (dialog.cards_pane, dialog.envelopes_pane)
    assert not any(p.print_button.isEnabled() or p.save_button.isEnabled() for p in panes)
    assert not dialog.mark_printed.isEnabled()
    dialog.leave_out.click()
    assert not dialog.unprintable.isVisibleTo(dialog)
    assert dialog.cards_pane.print_button.isEnabled() and dialog.mark_printed.isEnabled()
    dialog.card_format.setCurrentIndex(dialog.card_format.findData("a7"))  # drawn again
    qtbot.waitUntil(dialog.is_ready, timeout=10000)
    assert not dialog.unprintable.isVisibleTo(dialog)  # asked once
    assert dialog.cards_pane.print_button.isEnabled()


def test_stop_closes_the_dialog(qtbot, people, window):
    queue(people, "Dear Margaret 🎉")
    window.show_screen("cards")
    screen = window.screens["cards"]
    qtbot.waitUntil(screen.controller.is_loaded, timeout=5000)
    dialog = open_batch(qtbot, screen)
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        dialog.stop.click()


def test_a_printable_batch_asks_nothing(qtbot, people, window):
    queue(people, "Dear Margaret, Ευχαριστώ — 王小明 — محمد")
    window.show_screen("cards")
    screen = window.screens["cards"]
    qtbot.waitUntil(screen.controller.is_loaded, timeout=5000)
    dialog = open_batch(qtbot, screen)
    assert not dialog.unprintable.isVisibleTo(dialog)
    assert dialog.cards_pane.print_button.isEnabled()
