"""One person's data from the detail page: exported to a zip, or erased for good after asking."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QFileDialog, QLabel

from storage import backups, customers
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
    assert "backup" not in text  # this notebook has none: nothing to say about them
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


def two_backups() -> list[Path]:
    return [backups.backup_now("manual", datetime(2026, 3, 1, hour)) for hour in (9, 10)]


def erase_zoe(window, qtbot, zoe) -> tuple[str, str]:
    """Erase Zoë through the dialog; its message and text, read while it was open."""
    dialog = ask_to_erase(window, qtbot, zoe)
    said = (dialog.preview.message(), dialog.findChild(QLabel, "eraseMessage").text())
    qtbot.keyClicks(dialog.typed, "zoe lukasik")  # keyClicks types ASCII only
    with qtbot.waitSignal(window.screens["customers"].person.erased, timeout=5000):
        dialog.erase_button.click()
    settle(window)  # the backups' job too
    return said


def test_erase_reaches_the_backups_and_says_so(people, make_window, qtbot):
    taken = two_backups()
    assert all(b"lilies" in p.read_bytes().lower() for p in taken)
    window = make_window()
    message, text = erase_zoe(window, qtbot, people["zoe"])
    assert message.endswith("1 tag from the notebook and from its 2 backups. It cannot be undone.")
    assert "and 1 tag from the notebook and from its 2 backups.</p>" in text
    assert window.statusBar().currentMessage() == (
        "Erased Zoë Łukasik from the notebook and from 2 backups. This cannot be undone.")
    for path in taken:
        data = path.read_bytes().lower()
        assert b"lilies" not in data and b"zoe@example.com" not in data
        assert b"orchids" in data  # Peggy stays
        assert backups.verify_backup(path)


def test_a_backup_that_cannot_be_cleaned_is_named_in_the_status_bar(people, make_window,
                                                                    qtbot, monkeypatch):
    from ui import ask

    told = []
    monkeypatch.setattr(ask, "inform", lambda _parent, title, text, detail="": told.append(
        (title, detail)))
    kept, cleaned = two_backups()
    kept.chmod(0o400)
    before = kept.read_bytes()
    window = make_window()
    erase_zoe(window, qtbot, people["zoe"])
    assert customers.count() == 3  # the notebook's erase stands
    line = window.statusBar().currentMessage()
    assert line == (f"Erased Zoë Łukasik from the notebook and from 1 backup; 1 backup could "
                    f"not be cleaned: {kept.name} (it is read-only). This cannot be undone.")
    assert kept.read_bytes() == before
    assert b"lilies" not in cleaned.read_bytes().lower()
    assert told == [("Not erased from every backup", f"{kept.name}: it is read-only")]


# --- what else names them, damaged copies, a reader holding the last step up -------------------

def test_the_dialog_names_other_records_and_damaged_copies_and_redacts(people, make_window,
                                                                       qtbot, notebook):
    import shutil

    peggy = customers.get_customer(people["peggy"])
    peggy.notes += " Sent us Zoë Łukasik in May."
    customers.save_customer(peggy)
    db.execute_sql("INSERT INTO card (customer_id, occasion, text) VALUES (?, 'thanks', ?)",
                   (people["peggy"], "Thank you for sending zoë ŁUKASIK our way!"))
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    path = Path(notebook.path)
    aside = path.with_name(f"{path.stem}_2026-03-03_090000_damaged.rapport")
    shutil.copyfile(path, aside)
    window = make_window()
    message, text = erase_zoe(window, qtbot, people["zoe"])
    assert ("Other customers' records name them: Margaret Shaw (notes, 1 card). There, their "
            "name is replaced by “[erased]”.") in message
    assert "name them: Margaret Shaw (notes, 1 card)" in text
    assert f"1 damaged copy of the notebook set aside by a recovery ({aside.name}) is " \
           "cleaned too, or deleted if SQLite can no longer read it." in text
    kept = customers.get_customer(people["peggy"])
    assert kept.notes == "Loves orchids. Sent us [erased] in May."
    assert db.execute_sql("SELECT text FROM card WHERE customer_id = ?",
                          (people["peggy"],)).fetchone() == ("Thank you for sending [erased] "
                                                             "our way!",)
    assert "1 damaged copy cleaned" in window.statusBar().currentMessage()
    for part in (path, aside):
        data = part.read_bytes()
        assert "Łukasik".encode() not in data and b"lilies" not in data.lower()


def test_a_reader_is_named_and_the_window_completes_the_erase(people, make_window, qtbot,
                                                              notebook, monkeypatch):
    from storage import erase, erase_pending
    from tests.storage.test_erase_reader import Reader
    from ui.customers.person_data import PersonDataCommand

    monkeypatch.setattr(PersonDataCommand, "RETRY_MS", 100)
    monkeypatch.setattr(erase, "ERASE_WAIT", 0.1)
    db.execute_sql("PRAGMA secure_delete = OFF")
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    path = Path(notebook.path)
    window = make_window()
    reader = Reader(path)
    try:
        dialog = ask_to_erase(window, qtbot, people["zoe"])
        qtbot.keyClicks(dialog.typed, "zoe lukasik")
        with qtbot.waitSignal(window.screens["customers"].person.erased, timeout=5000):
            dialog.erase_button.click()
        settle(window)
        assert erase_pending.READER in window.statusBar().currentMessage()
        assert erase_pending.is_pending(path)
        assert b"lilies" in path.read_bytes().lower() + Path(f"{path}-wal").read_bytes().lower()
    finally:
        reader.stop()
    qtbot.waitUntil(lambda: not erase_pending.is_pending(path), timeout=10_000)
    settle(window)
    assert "The erase of Zoë Łukasik is complete" in window.statusBar().currentMessage()
    data = path.read_bytes().lower() + Path(f"{path}-wal").read_bytes().lower()
    assert b"lilies" not in data and "Łukasik".encode() not in data
