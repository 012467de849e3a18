"""One person's data from the detail page: exported to a zip, or erased for good after asking."""

from __future__ import annotations

import zipfile

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QFileDialog, QLabel

from storage import customers
from storage.db import db
from tests.ui.helpers import open_customer, settle, shown_names
from ui.customers.person_data import EraseDialog, file_name


def fts_rows(customer_id: int) -> int:
    return db.execute_sql("SELECT count(*) FROM customer_fts WHERE rowid = ?",
                          (customer_id,)).fetchone()[0]


def ask_to_erase(window, qtbot, customer_id) -> EraseDialog:
    screen = window.screens["customers"]
    open_customer(window, customer_id)
    window.actions["erase_customer"].trigger()
    qtbot.waitUntil(lambda: isinstance(screen.person.dialog, EraseDialog), timeout=5000)
    return screen.person.dialog


def test_the_more_button_offers_export_and_erase(people, window):
    screen = window.screens["customers"]
    open_customer(window, people["zoe"])
    more = screen.detail_page.more_button
    assert more.isEnabled()
    assert [a.objectName() for a in more.menu().actions()] == ["export_person", "erase_customer"]
    customer_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Customer")
    assert window.actions["erase_customer"] in customer_menu.actions()


def test_erase_says_what_goes_then_removes_the_customer_and_their_search_row(
        people, window, qtbot):
    zoe = people["zoe"]
    assert fts_rows(zoe) == 1
    window.undo_stack.push(QUndoCommand("an earlier edit"))  # erasing must forget it
    dialog = ask_to_erase(window, qtbot, zoe)
    assert dialog.preview.message().startswith("Erase Zoë Łukasik completely?")
    text = dialog.findChild(QLabel, "eraseMessage").text()
    assert "Zoë Łukasik's profile and 1 email address" in text and "cannot be undone" in text
    assert "Backups made before now still hold this customer" in text
    assert not dialog.erase_button.isEnabled()
    qtbot.keyClicks(dialog.typed, "zoe lukasik")  # accents and case do not matter
    assert dialog.erase_button.isEnabled()
    screen = window.screens["customers"]
    with qtbot.waitSignal(screen.person.erased, timeout=5000):
        dialog.erase_button.click()
    settle(window)
    assert customers.count() == 3
    assert fts_rows(zoe) == 0
    assert customers.search_ids("lilies") == []
    assert "Zoë Łukasik" not in shown_names(screen)
    assert screen.detail.customer_id() is None
    assert window.undo_stack.count() == 0 and not window.actions["undo"].isEnabled()
    assert "cannot be undone" in window.statusBar().currentMessage()


def test_cancelling_the_erase_keeps_everything(people, window, qtbot):
    dialog = ask_to_erase(window, qtbot, people["tom"])
    qtbot.keyClicks(dialog.typed, "Tom")
    assert not dialog.erase_button.isEnabled()  # half a name is not enough
    dialog.reject()
    settle(window)
    assert customers.count() == 4 and fts_rows(people["tom"]) == 1


def test_export_writes_json_and_vcard_into_a_zip(people, window, qtbot, tmp_path, monkeypatch):
    asked = []

    def fake_save(parent, title, suggested, file_filter):
        asked.append(suggested)
        return str(tmp_path / "zoe"), file_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_save)
    screen = window.screens["customers"]
    open_customer(window, people["zoe"])
    with qtbot.waitSignal(screen.person.exported, timeout=5000):
        window.actions["export_person"].trigger()
    assert asked[0].endswith(file_name("Zoë Łukasik")) and asked[0].endswith(
        "zoe-lukasik-data.zip")
    with zipfile.ZipFile(tmp_path / "zoe.zip") as zf:
        names = zf.namelist()
        assert "zoe-lukasik.json" in names and "zoe-lukasik.vcf" in names
        assert "Łukasik" in zf.read("zoe-lukasik.vcf").decode()
    assert "zoe.zip" in window.statusBar().currentMessage()


def test_a_read_only_notebook_cannot_erase(people, make_window, notebook):
    from storage.db import NotebookInfo

    window = make_window(NotebookInfo(notebook.path, notebook.version, True, "Read-only."))
    assert not window.actions["erase_customer"].isEnabled()
    assert window.actions["export_person"].isEnabled()
    window.screens["customers"].person.erase_shown()
    settle(window)
    assert window.screens["customers"].person.dialog is None
