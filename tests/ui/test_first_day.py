"""The first day: the shop's details asked once, the empty notebook's next steps, and
New, Open and Open Recent notebook without quitting."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QFileDialog

from storage import customers, templates
from storage.db import close_notebook, current_notebook, open_notebook
from ui import app, first_day, notebook_menu
from ui.widgets.folders import documents_folder


def _fill(dialog) -> None:
    dialog.business.setText("Bloom & Stem")
    dialog.owner.setText("Maria Keller")
    dialog.signature.setText("Maria & the team")
    dialog.street.setPlainText("Hauptstraße 5")
    dialog.city.setText("Berlin")
    dialog.postal_code.setText("10115")
    dialog.set_country("DE")
    dialog.offer.setText("10% off your next bouquet")


def test_the_first_start_saves_the_sender_and_region_in_one_go(qtbot, notebook, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    dialog = first_day.ShopDialog(templates.load_sender())
    qtbot.addWidget(dialog)
    _fill(dialog)
    choice = dialog.choice()
    assert choice.day_first  # Germany writes the day first
    first_day.save(choice, settings)
    sender = templates.load_sender()
    assert (sender.business, sender.owner, sender.signature) == (
        "Bloom & Stem", "Maria Keller", "Maria & the team")
    assert sender.return_address.city == "Berlin" and sender.offer.startswith("10%")
    assert sender.home == "DE"
    assert settings.value("phone/default_region") == "DE"
    assert settings.value("dates/day_first", type=bool) is True


def test_one_failing_write_saves_nothing(qtbot, notebook, tmp_path, monkeypatch):
    dialog = first_day.ShopDialog(templates.load_sender())
    qtbot.addWidget(dialog)
    _fill(dialog)

    def broken(key, value):
        raise OSError("disk full")

    real = templates._set_setting
    monkeypatch.setattr(templates, "_set_setting",
                        lambda k, v: broken(k, v) if k == templates.REGION_KEY else real(k, v))
    with pytest.raises(OSError):
        templates.save_first_day(dialog.choice().sender)
    monkeypatch.undo()
    assert templates.load_sender().business == ""


def test_skipping_saves_nothing(qtbot, notebook, monkeypatch):
    monkeypatch.setattr(first_day.ShopDialog, "exec",
                        lambda self: first_day.ShopDialog.DialogCode.Rejected)
    first_day.ask_about_shop(QSettings())
    assert templates.load_sender().business == ""


def test_a_new_named_notebook_asks_about_the_shop(tmp_path, monkeypatch):
    asked = []
    monkeypatch.setattr(first_day, "ask_about_shop", lambda *a, **k: asked.append(1))
    info = app.open_or_welcome(tmp_path / "Shop.rapport", explicit=True)
    assert info is not None and asked == [1]
    close_notebook()
    app.open_or_welcome(tmp_path / "Shop.rapport", explicit=True)  # not asked twice
    assert asked == [1]
    close_notebook()


@pytest.fixture
def shown(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(first_day, "ask_about_shop", lambda *a, **k: None)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    made = app.ShownWindow(QApplication.instance(), settings)
    made.show(open_notebook(tmp_path / "First.rapport"))
    yield made
    if made.window is not None:
        made.window.close()
        made.ops.shutdown()
        made.server.stop()
    close_notebook()


def _customers(window, qtbot):
    window.show_screen("customers")
    screen = window.screens["customers"]
    qtbot.waitUntil(screen.list.is_loaded, timeout=5000)
    return screen


def test_an_empty_notebook_shows_the_next_steps(shown, qtbot, monkeypatch, tmp_path):
    screen = _customers(shown.window, qtbot)
    panel = screen.list_panel
    assert panel.pages.currentWidget() is panel.empty
    steps = panel.empty.steps
    assert list(steps) == ["new", "contacts", "sales", "demo"]
    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: asked.append(a[1]) or ("", ""))
    steps["contacts"].click()
    steps["sales"].click()
    assert len(asked) == 2
    steps["new"].click()
    qtbot.waitUntil(lambda: screen.detail_page.isVisible(), timeout=3000)
    first = shown.window
    steps["demo"].click()  # the demo opens in place of this notebook
    assert shown.window is not first
    assert current_notebook().path.name == "Demo.rapport" and customers.count() >= 40


def test_open_recent_opens_a_second_notebook_and_closes_the_first(shown, qtbot, tmp_path):
    first = shown.window
    second = tmp_path / "Second.rapport"
    open_notebook(second)
    close_notebook()
    open_notebook(tmp_path / "First.rapport")  # back as it was: the window's notebook
    notebook_menu.remember(shown.settings, second)
    menu = first.notebooks.recent_menu
    menu.aboutToShow.emit()
    names = [a.text() for a in menu.actions() if a.data()]
    assert "Second" in names[0]
    missing = tmp_path / "Gone.rapport"
    notebook_menu.remember(shown.settings, missing)
    menu.aboutToShow.emit()
    gone = [a for a in menu.actions() if a.data() == str(missing)]
    assert gone and not gone[0].isEnabled()
    from tests.ui.helpers import add_customer
    add_customer(given_name="Ana", family_name="Silva")  # a change: a copy on leaving
    entry = next(a for a in menu.actions() if a.data() == str(second))
    entry.trigger()
    from storage.backups import backup_folders
    copies = [p.name for f in backup_folders(tmp_path / "First.rapport") for p in f.iterdir()]
    assert any("close" in name for name in copies), copies
    assert shown.window is not first
    assert current_notebook().path == second
    # the first notebook's lock is free: another Rapport may now open it for writing
    from storage.lock import NotebookLock
    lock = NotebookLock(tmp_path / "First.rapport")
    assert lock.acquire(0)
    lock.release()
    assert notebook_menu.recent(shown.settings)[0] == second
    # a later start on the second notebook brings this window forward; on the first, not
    from ui.single_instance import ask_first_window
    assert ask_first_window(second) and not ask_first_window(tmp_path / "First.rapport")


def test_new_creates_a_notebook_at_the_chosen_path(shown, qtbot, tmp_path, monkeypatch):
    chosen = tmp_path / "docs" / "Shop"
    chosen.parent.mkdir()
    folders = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: folders.append(a[2]) or (str(chosen), ""))
    shown.window.actions["new_notebook"].trigger()
    made = Path(str(chosen) + ".rapport")
    assert made.exists() and current_notebook().path == made
    assert customers.count() == 0
    assert shown.window.notebook.path == made
    assert Path(folders[0]).parent == Path(documents_folder())


def test_exporting_the_chosen_customers_starts_in_documents(make_window, people, monkeypatch):
    window = make_window()
    screen = window.screens["customers"]
    screen.list_panel.table.selectAll()
    suggested = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: suggested.append(a[2]) or ("", ""))
    screen.many.export()
    assert Path(suggested[0]).parent == Path(documents_folder())


def test_opening_a_file_that_is_no_notebook_keeps_the_one_open(shown, tmp_path, monkeypatch):
    from ui import ask

    told = []
    monkeypatch.setattr(ask, "inform", lambda _p, title, text: told.append(title))
    letter = tmp_path / "letter.rapport"
    letter.write_bytes(b"Dear Maria, thank you for the tulips.\n" * 40)
    before = letter.read_bytes()
    first = shown.window
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(letter), ""))
    first.actions["open_notebook"].trigger()
    assert told == ["Cannot open the notebook"]
    assert letter.read_bytes() == before  # another program's file is left as it was
    assert current_notebook().path == tmp_path / "First.rapport"
    assert not current_notebook().read_only
    assert shown.window.notebook.path == tmp_path / "First.rapport"


def test_start_empty_then_the_shop_form_fills_the_new_notebook(tmp_path, qtbot, monkeypatch):
    from ui.first_start import FirstStartDialog

    def welcome(dialog):
        qtbot.addWidget(dialog)
        dialog.empty_button.click()
        return dialog.result()

    def shop(dialog):
        qtbot.addWidget(dialog)
        _fill(dialog)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(FirstStartDialog, "exec", welcome)
    monkeypatch.setattr(first_day.ShopDialog, "exec", shop)
    monkeypatch.setattr(first_day, "QSettings", lambda: QSettings(
        str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    info = app.open_or_welcome(tmp_path / "Notebook.rapport", explicit=False)
    try:
        assert info is not None and info.path == tmp_path / "Notebook.rapport"
        sender = templates.load_sender()
        assert sender.business == "Bloom & Stem" and sender.home == "DE"
    finally:
        close_notebook()


def test_today_on_an_empty_notebook_says_what_to_do_first(shown, qtbot, monkeypatch):
    window = shown.window
    window.show_screen("today")
    today = window.screens["today"]
    qtbot.waitUntil(lambda: today.view.pages.currentWidget() is today.view.first, timeout=5000)
    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: asked.append(a[1]) or ("", ""))
    today.view.first.steps["contacts"].click()
    today.view.first.steps["sales"].click()
    assert len(asked) == 2
    today.view.first.steps["new"].click()
    qtbot.waitUntil(lambda: window.current_key() == "customers", timeout=3000)


def test_today_with_customers_and_nothing_due_says_nothing_due(shown, qtbot):
    from tests.ui.helpers import add_customer

    add_customer(given_name="Ana", family_name="Silva")
    window = shown.window
    window.show_screen("today")
    today = window.screens["today"]
    today.controller.load()
    qtbot.waitUntil(today.controller.is_loaded, timeout=5000)
    window.ops.wait_idle(5000)
    qtbot.wait(50)
    assert today.view.pages.currentWidget() in (today.view.empty, today.view.splitter)
