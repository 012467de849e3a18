"""Issue 16: Ctrl+Z after Ctrl+S in a field undoes the typing. Saving re-reads the customer;
that must not wipe the field's own undo (it did: every field was set again, and setText forgets
its history). Another customer's page still starts with no history to undo into."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from storage import customers
from tests.ui.helpers import open_customer, settle

CTRL = Qt.KeyboardModifier.ControlModifier


def _type_save_undo(window, qtbot, edit, typed: str) -> None:
    window.activateWindow()
    edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is edit, timeout=2000)
    qtbot.keyClick(edit, Qt.Key.Key_End, CTRL)
    qtbot.keyClicks(edit, typed)
    qtbot.keyClick(edit, Qt.Key.Key_S, CTRL)  # the window's Save
    settle(window)
    qtbot.keyClick(edit, Qt.Key.Key_Z, CTRL)


@pytest.mark.parametrize("field", ["family_name", "company", "tags"])
def test_ctrl_z_after_ctrl_s_undoes_a_line(people, window, screen, qtbot, field):
    window.show()
    open_customer(window, people["tom"])
    edit = screen.detail_page.profile.editor(field)
    before = edit.text()
    _type_save_undo(window, qtbot, edit, "xyz")
    assert "xyz" in str(getattr(customers.get_customer(people["tom"]), field))  # saved
    assert edit.text() == before


def test_ctrl_z_after_ctrl_s_undoes_the_notes(people, window, screen, qtbot):
    window.show()
    open_customer(window, people["peggy"])
    notes = screen.detail_page.profile.notes
    _type_save_undo(window, qtbot, notes, " And tulips.")
    assert customers.get_customer(people["peggy"]).notes == "Loves orchids. And tulips."
    assert notes.toPlainText() == "Loves orchids."


def test_another_customers_page_has_nothing_to_undo(people, window, screen, qtbot):
    window.show()
    open_customer(window, people["tom"])
    edit = screen.detail_page.profile.editor("family_name")
    edit.setFocus()
    qtbot.keyClicks(edit, "son")
    qtbot.keyClick(edit, Qt.Key.Key_S, CTRL)
    settle(window)
    open_customer(window, people["ann"])
    assert not edit.isUndoAvailable() and edit.text() == "Lee"
