"""Issue 16: "Who referred them?" finds a customer by any part of their name, in any script,
through the one search (storage.customer_search, run on the worker), not a second rule."""

from __future__ import annotations

import pytest

from tests.ui.helpers import add_customer, open_customer, settle

NAMES = {
    "maria": dict(given_name="María José", family_name="Sánchez Ortega"),
    "ming": dict(given_name="小明", family_name="王"),
    "olga": dict(given_name="Ольга", family_name="Петрова"),
    "anil": dict(given_name="अनिल", family_name="Kumar"),
    "zoe": dict(given_name="Zoë", family_name="O'Brien", preferred_name="Zo"),
}


@pytest.fixture
def everyone(notebook):
    ids = {key: add_customer(emails=[], phones=[], addresses=[], tags=[], **kw)
           for key, kw in NAMES.items()}
    ids["new"] = add_customer(given_name="Newcomer", family_name="Lane", emails=[], phones=[],
                              addresses=[], tags=[])
    return ids


def picked(window, screen, qtbot, typed: str) -> list[str]:
    """The names the picker lists once ``typed`` has been looked up."""
    from ui.customers.referrer_picker import ReferrerPicker

    picker = ReferrerPicker(screen.list.model.all_rows(), screen.detail.customer_id(), screen,
                            find=screen.find_referrers)
    qtbot.addWidget(picker)
    picker.search.setText(typed)
    picker._filter()
    settle(window)
    qtbot.waitUntil(picker.is_settled, timeout=3000)
    return [picker.model.customer_at(r).name for r in range(picker.model.rowCount())]


@pytest.mark.parametrize("typed, who", [
    ("mar", "María José Sánchez Ortega"),
    ("sánchez", "María José Sánchez Ortega"),
    ("sanchez", "María José Sánchez Ortega"),
    ("jose", "María José Sánchez Ortega"),  # a middle word
    ("ortega", "María José Sánchez Ortega"),
    ("小明", "王小明"),
    ("王小明", "王小明"),
    ("王", "王小明"),
    ("ольга", "Ольга Петрова"),
    ("петр", "Ольга Петрова"),
    ("अनिल", "अनिल Kumar"),
    ("brien", "Zoë “Zo” O'Brien"),
    ("zoe", "Zoë “Zo” O'Brien"),
])
def test_any_part_of_a_name_in_any_script_finds_them(everyone, window, screen, qtbot,
                                                     typed, who):
    open_customer(window, everyone["new"])
    assert who in picked(window, screen, qtbot, typed)


def test_the_customer_being_edited_is_not_offered_and_nonsense_finds_nobody(
        everyone, window, screen, qtbot):
    open_customer(window, everyone["maria"])
    assert picked(window, screen, qtbot, "maría") == []
    assert picked(window, screen, qtbot, "qqqzz") == []
    assert len(picked(window, screen, qtbot, "")) == len(everyone) - 1
