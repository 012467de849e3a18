"""The window's search as you type finds phones in any writing and streets (issue 15, finding
6), through the same storage function as ``main.py search``."""

from __future__ import annotations

import pytest

from domain.model import Address
from tests.ui.helpers import add_customer, shown_names


@pytest.fixture
def callers(notebook):
    return {
        "maria": add_customer(given_name="Maria", family_name="Lopez", phones=["+15035550109"],
                              addresses=[Address("Königstraße 12", "Berlin", "", "10117", "DE")]),
        "ann": add_customer(given_name="Ann", family_name="Lee", phones=["+15035550110"]),
        "tom": add_customer(given_name="Tom", family_name="Baker", phones=["+442079460958"]),
    }


@pytest.mark.parametrize("typed", ["(503) 555-0109", "555-0109", "+15035550109", "konigstrasse"])
def test_typing_a_number_or_a_street_finds_the_customer(callers, window, screen, qtbot, typed):
    search = screen.list_panel.search
    search.setFocus()
    qtbot.keyClicks(search, typed)  # every keystroke on the way searches too
    qtbot.waitUntil(lambda: shown_names(screen) == ["Maria Lopez"], timeout=3000)


def test_the_start_of_a_number_narrows_from_the_area_code(callers, window, screen, qtbot):
    qtbot.keyClicks(screen.list_panel.search, "555-01")
    qtbot.waitUntil(lambda: screen.list.model.rowCount() == 0, timeout=3000)
    screen.list_panel.search.clear()
    qtbot.keyClicks(screen.list_panel.search, "(503")
    qtbot.waitUntil(lambda: shown_names(screen) == ["Ann Lee", "Maria Lopez"], timeout=3000)
