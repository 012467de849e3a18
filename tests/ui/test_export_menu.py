"""File ▸ Export ▸ …: each format written on the worker, with the count in the status bar."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QFileDialog

from domain.dates import PartialDate
from domain.model import Milestone
from tests.ui.helpers import add_customer, settle


def menu_texts(window, title):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == title)
    return [a.text() for a in menu.actions() if not a.isSeparator()], menu


def test_the_file_menu_has_import_export_backups_and_check(window):
    texts, file_menu = menu_texts(window, "&File")
    assert "&Import…" in texts and "&Export" in texts
    assert "&Backups…" in texts and "C&heck notebook…" in texts
    export = next(a.menu() for a in file_menu.actions() if a.text() == "&Export")
    assert [a.text() for a in export.actions()] == [
        "&Contacts (vCard)…", "&Spreadsheet (CSV)…", "Calendar of &milestones (iCalendar)…",
        "&Whole notebook (JSON)…"]


@pytest.mark.parametrize(("action", "name", "start"), [
    ("export_vcard", "out.vcf", b"BEGIN:VCARD"),
    ("export_csv", "out.csv", "\ufeff".encode()),
    ("export_ics", "out.ics", b"BEGIN:VCALENDAR"),
    ("export_json", "out.json", b"{"),
])
def test_each_format_is_written(people, window, qtbot, tmp_path, action, name, start):
    add_customer(given_name="Bea", family_name="Mills", emails=["bea@example.com"],
                 milestones=[Milestone("birthday", PartialDate(4, 12, 1980))])
    path = tmp_path / name
    with qtbot.waitSignal(window.exporter.finished, timeout=5000) as done:
        window.exporter.export_to(action, path)
    settle(window)
    data = path.read_bytes()
    assert data.startswith(start)
    count = done.args[1]
    assert count == (1 if action == "export_ics" else 5)
    assert window.statusBar().currentMessage().startswith(f"Exported {count} ")
    assert name in window.statusBar().currentMessage()
    if action == "export_json":
        assert len(json.loads(data)["customers"]) == 5
    if action == "export_vcard":
        assert data.count(b"BEGIN:VCARD") == 5


def test_the_menu_asks_where_and_adds_the_extension(people, window, qtbot, tmp_path,
                                                    monkeypatch):
    asked = []

    def fake_save(parent, title, suggested, file_filter):
        asked.append((title, suggested, file_filter))
        return str(tmp_path / "my contacts"), file_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_save)
    with qtbot.waitSignal(window.exporter.finished, timeout=5000):
        window.actions["export_vcard"].trigger()
    assert asked[0][1].endswith("test contacts.vcf") and "*.vcf" in asked[0][2]
    assert (tmp_path / "my contacts.vcf").read_bytes().count(b"BEGIN:VCARD") == 4


def test_a_folder_that_cannot_be_written_is_explained(people, window, qtbot, tmp_path,
                                                      monkeypatch):
    from ui import ask

    told = []
    monkeypatch.setattr(ask, "inform", lambda *a, **k: told.append(a[2]))
    window.exporter.export_to("export_csv", tmp_path / "missing" / "out.csv")
    settle(window)
    assert told and "out.csv could not be written" in told[0]
    assert "Nothing was exported" in window.statusBar().currentMessage()


@pytest.mark.parametrize("action", ["export_vcard", "export_csv", "export_ics", "export_json"])
def test_an_export_never_replaces_the_open_notebook(notebook, window, tmp_path, monkeypatch,
                                                    action):
    """Issue 12, finding 2: the window's save dialogs follow the command line's rule."""
    import hashlib

    from ui import ask
    from ui.exporting import KINDS

    told = []
    monkeypatch.setattr(ask, "inform", lambda *a, **k: told.append(a[2]))
    book = notebook.path
    alias = tmp_path / f"alias{KINDS[action].suffix}"
    alias.hardlink_to(book)  # the notebook under an export's name
    before = hashlib.sha256(book.read_bytes()).hexdigest()
    for target in (alias, book):
        window.exporter.export_to(action, target)
        settle(window)
    assert len(told) == 2 and all("notebook" in t for t in told)
    assert hashlib.sha256(book.read_bytes()).hexdigest() == before


def test_the_pdf_save_dialog_refuses_the_notebook_and_asks_again(notebook, window, tmp_path,
                                                                 monkeypatch):
    from ui import ask
    from ui.cards import printing

    answers = [str(notebook.path), str(tmp_path / "notes.txt"), str(tmp_path / "cards")]
    (tmp_path / "notes.txt").write_text("mine\n")
    told = []
    monkeypatch.setattr(ask, "inform", lambda *a, **k: told.append(a[2]))
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a: (answers.pop(0), "PDF files (*.pdf)"))
    chosen = printing.choose_save_path(window, "Save cards", "cards.pdf")
    assert chosen == tmp_path / "cards.pdf"
    assert len(told) == 2 and "notebook" in told[0] and "not a PDF" in told[1]


def test_a_customer_zip_never_replaces_the_notebook(people, notebook, window, tmp_path,
                                                    monkeypatch):
    import hashlib

    from tests.ui.helpers import open_customer
    from ui import ask

    told = []
    monkeypatch.setattr(ask, "inform", lambda *a, **k: told.append(a[2]))
    alias = tmp_path / "alias.zip"
    alias.hardlink_to(notebook.path)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(alias), a[-1]))
    before = hashlib.sha256(notebook.path.read_bytes()).hexdigest()
    open_customer(window, people["zoe"])
    window.actions["export_person"].trigger()
    settle(window)
    assert told and "is the notebook" in told[0]
    assert hashlib.sha256(notebook.path.read_bytes()).hexdigest() == before
