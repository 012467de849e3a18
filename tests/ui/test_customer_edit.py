"""Editing a customer: saved to the notebook, checked first, undoable."""

from __future__ import annotations

from storage import customers
from tests.ui.helpers import open_customer, settle, shown_names


def test_editing_a_customer_saves(people, window, screen, qtbot):
    open_customer(window, people["peggy"])
    profile, contact = screen.detail_page.profile, screen.detail_page.contact
    profile.editor("preferred_name").clear()
    qtbot.keyClicks(profile.editor("preferred_name"), "Peggy")
    qtbot.keyClicks(profile.editor("tags"), ", weddings")
    contact.phones.editors()[0].setText("(503) 555-0199")
    contact.phones.changed.emit()
    contact.blocked["text"].setChecked(True)
    assert screen.detail_page.save_bar.isVisible()
    qtbot.mouseClick(screen.detail_page.save_button, _left())
    settle(window)
    saved = customers.get_customer(people["peggy"])
    assert saved.preferred_name == "Peggy"
    assert saved.tags == ["regular", "weddings"]
    assert saved.phones == ["+15035550199"]  # stored as E.164
    assert saved.do_not_contact == ["text"]
    assert not screen.detail_page.save_bar.isVisible()
    assert "Margaret “Peggy” Shaw" in shown_names(screen)  # the list follows


def test_a_bad_email_shows_a_message_and_saves_nothing(people, window, screen, qtbot):
    open_customer(window, people["peggy"])
    before = customers.get_customer(people["peggy"])
    page = screen.detail_page
    qtbot.keyClicks(page.profile.editor("family_name"), "-Jones")
    page.tabs.setCurrentIndex(0)
    email = page.contact.emails.editors()[0]
    email.setText("peggy-at-example.com")
    page.contact.emails.changed.emit()
    assert screen.detail.save() is False
    settle(window)
    error = page.contact.emails._rows[0][2]
    assert error.isVisibleTo(page) and "@-sign" in error.text()
    assert email.property("invalid") is True
    assert page.tabs.currentWidget().widget().layout().itemAt(0).widget() is page.contact
    assert "fix the fields" in page.save_status.text()
    assert customers.get_customer(people["peggy"]) == before  # nothing saved, not even the name
    email.setText("peggy@example.org")
    assert screen.detail.save() is True
    settle(window)
    assert customers.get_customer(people["peggy"]).emails == ["peggy@example.org"]


def test_a_bad_phone_and_a_bad_date_are_refused(people, window, screen):
    open_customer(window, people["peggy"])
    page = screen.detail_page
    page.contact.phones.editors()[0].setText("12")
    page.profile.editor("customer_since").setText("31 Feb 2020")
    screen.detail._on_changed()
    assert screen.detail.save() is False
    assert "February has only 29 days" in page.profile.boxes["customer_since"].error.text()
    assert "too short" in page.contact.phones._rows[0][2].text()
    assert customers.get_customer(people["peggy"]).phones == ["+15035550101"]


def test_an_edit_is_undone_and_redone(people, window, screen):
    open_customer(window, people["tom"])
    screen.detail_page.profile.editor("company").setText("Baker Brothers Ltd")
    screen.detail._on_changed()
    assert screen.detail.save()
    settle(window)
    assert customers.get_customer(people["tom"]).company == "Baker Brothers Ltd"
    window.actions["undo"].trigger()
    settle(window)
    assert customers.get_customer(people["tom"]).company == "Baker Bros"
    assert screen.detail_page.profile.editor("company").text() == "Baker Bros"
    window.actions["redo"].trigger()
    settle(window)
    assert customers.get_customer(people["tom"]).company == "Baker Brothers Ltd"


def test_ctrl_n_adds_a_customer(people, window, screen, qtbot):
    window.actions["new_customer"].trigger()
    page = screen.detail_page
    assert page.name.text() == "New customer"
    assert page.profile.editor("given_name").hasFocus() or True  # focus needs an active window
    page.profile.editor("given_name").setText("Đức")  # QTest types ASCII only
    qtbot.keyClicks(page.profile.editor("family_name"), "Le")
    page.contact.emails.set_values(["duc@example.com"])
    assert screen.detail.save()
    settle(window)
    new_id = screen.detail.customer_id()
    assert new_id is not None and new_id not in people.values()
    assert customers.get_customer(new_id).display_name == "Đức Le"
    assert screen.list_panel.count.text() == "5 customers"
    assert screen.list.current_id() == new_id
    window.actions["undo"].trigger()  # undo the add
    settle(window)
    assert customers.count() == 4
    assert screen.detail_page.pages.currentWidget() is screen.detail_page.nobody


def test_a_new_customer_needs_a_name(window, screen):
    window.actions["new_customer"].trigger()
    assert screen.detail.save() is False
    assert "name" in screen.detail_page.profile.boxes["given_name"].error.text()
    assert customers.count() == 0


def test_unsaved_changes_are_asked_about_when_leaving(people, window, screen, monkeypatch):
    from ui import ask

    open_customer(window, people["ann"])
    screen.detail_page.profile.editor("role").setText("Owner")
    screen.detail._on_changed()
    monkeypatch.setattr(ask, "unsaved", lambda *a: ask.CANCEL)
    screen.list.select(people["tom"])
    settle(window)
    assert screen.detail.customer_id() == people["ann"]  # stayed
    assert screen.list.current_id() == people["ann"]
    monkeypatch.setattr(ask, "unsaved", lambda *a: ask.SAVE)
    screen.list.select(people["tom"])
    settle(window)
    assert screen.detail.customer_id() == people["tom"]
    assert customers.get_customer(people["ann"]).role == "Owner"


def test_referrer_is_chosen_from_a_searchable_list(people, window, screen, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from ui.customers.referrer_picker import ReferrerPicker

    def pick(dialog):
        dialog.search.setText("baker")
        dialog._filter()
        settle(window)  # looked up on the worker
        assert dialog.is_settled()
        dialog.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ReferrerPicker, "exec", pick)
    open_customer(window, people["zoe"])
    screen.detail_page.profile.choose_referrer.emit()
    assert screen.detail_page.profile.referrer.text() == "Tom Baker"
    assert screen.detail.save()
    settle(window)
    assert customers.get_customer(people["zoe"]).referred_by == people["tom"]
    assert "referred by Tom Baker" in screen.detail_page.stats.text()


def _left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton
