"""The Cards screen: lists by status kept fresh by the change bus, moving cards along,
deleting undoably, the preview of the chosen card, and "Write a card" on a customer's page."""

from __future__ import annotations

import shiboken6
from PySide6.QtWidgets import QApplication

from domain.model import Card
from storage import templates as store
from tests.ui.helpers import open_customer, page_texts, settle
from ui.cards.editor import CardEditor


def cards_screen(window, qtbot):
    window.show_screen("cards")
    screen = window.screens["cards"]
    qtbot.waitUntil(screen.controller.is_loaded, timeout=5000)
    return screen


def shown(screen) -> list[str]:
    model = screen.model
    return [model.row_at(r).customer for r in range(model.rowCount())]


def editors() -> list[CardEditor]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, CardEditor) and shiboken6.isValid(w) and w.isVisible()]


def test_lists_by_status_with_counts(people, window, qtbot):
    for key, status in (("peggy", "draft"), ("tom", "queued"), ("ann", "queued")):
        store.create_card(Card(people[key], "birthday", f"Words for {key}.", status=status))
    screen = cards_screen(window, qtbot)
    assert [screen.tabs.tabText(i) for i in range(4)] == [
        "Drafts (1)", "Print queue (2)", "Printed", "Mailed"]
    assert shown(screen) == ["Margaret Shaw"]
    screen.tabs.setCurrentIndex(1)
    assert shown(screen) == ["Tom Baker", "Ann Lee"]
    screen.tabs.setCurrentIndex(3)
    assert screen.pages.currentWidget() is screen.empty
    assert screen.empty.heading.text() == "No cards mailed yet"


def test_choosing_a_card_previews_it(people, window, qtbot):
    card = store.create_card(Card(people["zoe"], "birthday", "Wszystkiego najlepszego, Zoë!",
                                  "postcard-4x6"))
    screen = cards_screen(window, qtbot)
    screen.controller.select([card.id])
    qtbot.waitUntil(lambda: screen.preview.pdf() is not None, timeout=8000)
    assert screen.preview.pdf().sizes == ((432.0, 288.0),)
    assert "Wszystkiego najlepszego, Zoë!" in page_texts(screen.preview.pdf())[0]
    qtbot.waitUntil(screen.preview.is_drawn, timeout=8000)
    assert screen.preview.strip.image(0) is not None


def test_queue_back_to_drafts_delete_and_undo(people, window, qtbot):
    card = store.create_card(Card(people["peggy"], "birthday", "Happy birthday, Peggy."))
    screen = cards_screen(window, qtbot)
    screen.controller.select([card.id])
    assert screen.queue_button.isVisible() and not screen.printed_button.isVisible()
    screen.queue_button.click()
    settle(window)
    assert store.get_card(card.id).status == "queued"
    qtbot.waitUntil(lambda: screen.tabs.tabText(1) == "Print queue (1)", timeout=3000)
    screen.tabs.setCurrentIndex(1)
    screen.controller.select([card.id])
    screen.delete_button.click()
    settle(window)
    assert store.list_cards() == []
    window.actions["undo"].trigger()
    settle(window)
    assert [(c.text, c.status) for c in store.list_cards()] == [
        ("Happy birthday, Peggy.", "queued")]
    qtbot.waitUntil(lambda: shown(screen) == ["Margaret Shaw"], timeout=3000)


def test_write_a_card_from_the_customer_page(people, window, qtbot):
    screen = window.screens["customers"]
    open_customer(window, people["peggy"])
    assert screen.detail_page.card_button.isEnabled()
    screen.detail_page.card_button.click()
    qtbot.waitUntil(lambda: bool(editors()) and editors()[0].controller.data is not None,
                    timeout=5000)
    editor = editors()[0]
    assert editor.controller.data.customer.id == people["peggy"]
    editor.text.setPlainText("Dear Peggy, thank you for the orchid tips at the market.")
    editor.queue_button.click()
    settle(window)
    window.show_screen("cards")  # built the first time it is shown
    cards = window.screens["cards"]
    qtbot.waitUntil(lambda: cards.tabs.tabText(1) == "Print queue (1)", timeout=5000)
    assert [c.status for c in store.list_cards()] == ["queued"]


def test_edit_opens_the_card_in_the_editor(people, window, qtbot):
    card = store.create_card(Card(people["tom"], "referral", "Thanks for sending Ann, Tom!",
                                  "a6"))
    screen = cards_screen(window, qtbot)
    screen.controller.select([card.id])
    screen.edit_button.click()
    qtbot.waitUntil(lambda: bool(editors()) and editors()[0].controller.data is not None,
                    timeout=5000)
    editor = editors()[0]
    assert editor.text.toPlainText() == "Thanks for sending Ann, Tom!"
    assert editor.occasion.currentData() == "referral"
    editor.controller.can_close = lambda: True
    editor.close()


def test_sender_details_are_kept(people, window, qtbot, monkeypatch):
    from ui.cards.sender_dialog import SenderDialog

    def fake_exec(dialog):
        assert dialog.business.text() == ""
        dialog.business.setText("Bloom & Co")
        dialog.signature.setText("Maria")
        dialog.city.setText("Portland")
        dialog.offer.setText("10% off your next bunch")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(SenderDialog, "exec", fake_exec)
    screen = cards_screen(window, qtbot)
    screen.sender_action.trigger()
    settle(window)
    sender = store.load_sender()
    assert (sender.business, sender.signature, sender.return_address.city, sender.offer) == (
        "Bloom & Co", "Maria", "Portland", "10% off your next bunch")
