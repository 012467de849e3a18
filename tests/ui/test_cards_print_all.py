"""Issue 13, finding 7: the Cards screen's Print… prints the whole print queue, or the cards
chosen when several are, and its button says which."""

from __future__ import annotations

import pytest

from domain.model import Card
from storage import templates as store
from tests.ui.helpers import settle
from ui.cards.print_dialog import PrintDialog


@pytest.fixture
def queued(people):
    return [store.create_card(Card(people[key], "keep_in_touch", f"Dear {key}, hello.",
                                   "a7", "queued")).id for key in ("peggy", "tom", "zoe")]


@pytest.fixture
def queue_tab(window, qtbot, queued):
    window.show_screen("cards")
    screen = window.screens["cards"]
    qtbot.waitUntil(screen.controller.is_loaded, timeout=5000)
    screen.tabs.setCurrentIndex(1)
    settle(window)
    return screen


def printed_ids(qtbot, screen) -> list[int]:
    screen.print_button.click()
    dialog = screen.findChild(PrintDialog)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.is_ready, timeout=10000)
    ids = [c.id for c in dialog.batch.cards]
    dialog.close()
    return ids


def test_print_on_the_queue_prints_every_queued_card(qtbot, queue_tab, queued):
    assert len(queue_tab.controller.chosen_ids()) == 1  # the first, chosen for its preview
    assert queue_tab.print_button.text() == "Print all 3 queued…"
    assert printed_ids(qtbot, queue_tab) == queued


def test_print_with_nothing_chosen_prints_the_queue(qtbot, queue_tab, queued):
    queue_tab.controller.select([])
    assert queue_tab.print_button.text() == "Print all 3 queued…"
    assert printed_ids(qtbot, queue_tab) == queued


def test_print_with_several_chosen_prints_those(qtbot, queue_tab, queued):
    queue_tab.controller.select([queued[0], queued[2]])
    assert queue_tab.print_button.text() == "Print the 2 chosen…"
    assert printed_ids(qtbot, queue_tab) == [queued[0], queued[2]]


def test_the_button_says_when_the_queue_is_empty(qtbot, window, people):
    window.show_screen("cards")
    screen = window.screens["cards"]
    qtbot.waitUntil(screen.controller.is_loaded, timeout=5000)
    assert screen.print_button.text() == "Print…"
    assert "queue is empty" in screen.print_button.toolTip()
