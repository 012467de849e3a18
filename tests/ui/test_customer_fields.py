"""The owner's own fields and a customer's status on the customer page: defined once, filled,
saved, found, undoable (issue 16, deliver 6)."""

from __future__ import annotations

from datetime import date

from storage import custom_fields, customers, outreach
from tests.ui.helpers import open_customer, settle


def test_a_field_is_added_filled_saved_and_found(people, window, screen, qtbot):
    open_customer(window, people["peggy"])
    screen.detail.define_field("Inseam", "number")
    settle(window)
    own = screen.detail_page.profile.own
    assert "Inseam" in own.boxes
    assert own.editor("Inseam").isVisibleTo(screen.detail_page)
    qtbot.keyClicks(own.editor("Inseam"), "thirty")
    assert screen.detail.save() is False  # a number field holds a number
    assert "is a number" in own.boxes["Inseam"].error.text()
    own.editor("Inseam").setText("32")
    assert screen.detail.save() is True
    settle(window)
    assert customers.get_customer(people["peggy"]).fields == {"Inseam": "32"}
    assert customers.search_ids("32") == [people["peggy"]]
    open_customer(window, people["tom"])  # another customer's page shows the field, empty
    assert screen.detail_page.profile.own.editor("Inseam").text() == ""


def test_a_bad_field_name_is_said_in_plain_words(people, window, screen):
    open_customer(window, people["peggy"])
    said: list[str] = []
    window.events.status_message.connect(said.append)
    screen.detail.define_field("   ")
    settle(window)
    assert custom_fields.definitions() == []
    assert said == ["A field needs a name."]


def test_archiving_is_saved_undone_and_ends_suggestions(people, window, screen):
    today = date.today()
    open_customer(window, people["peggy"])
    own = screen.detail_page.profile.own
    own.status.setCurrentIndex(own.status.findData("archived"))
    own.changed.emit()
    assert screen.detail.save() is True
    settle(window)
    assert customers.get_customer(people["peggy"]).status == "archived"
    assert [s for s in outreach.today_queue(today) if s.customer_id == people["peggy"]] == []
    window.actions["undo"].trigger()
    settle(window)
    assert customers.get_customer(people["peggy"]).status == ""


def shown_names(screen) -> list[str]:
    """The names as the list shows them (with the status beside)."""
    model = screen.list.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_the_list_shows_the_status_and_can_hide_the_archived(people, window, screen):
    custom_fields.set_status(people["tom"], "archived")
    custom_fields.set_status(people["ann"], "deceased")
    screen.list.load()
    settle(window)
    names = shown_names(screen)
    assert "Tom Baker (archived)" in names and "Ann Lee (deceased)" in names
    screen.list_panel.hide_archived.setChecked(True)
    names = shown_names(screen)
    assert not any("Tom" in n or "Ann Lee" in n for n in names)
    assert any("Shaw" in n for n in names)
    screen.list_panel.hide_archived.setChecked(False)
    assert "Tom Baker (archived)" in shown_names(screen)


def test_a_deceased_customer_is_not_offered_a_card(people, window, screen):
    custom_fields.set_status(people["ann"], "deceased")
    open_customer(window, people["ann"])
    page = screen.detail_page
    assert not page.card_button.isEnabled()
    assert "deceased" in page.subtitle.text()
    open_customer(window, people["tom"])
    assert page.card_button.isEnabled()
