"""The shell: title, sidebar of working screens, shortcuts, the read-only banner."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

from storage.db import NotebookInfo
from tests.ui.helpers import settle


def test_title_sidebar_and_status(window):
    from ui.screens import SCREENS

    assert window.windowTitle() == "Rapport — test"
    items = [window.sidebar.item(i).text().split()[0] for i in range(window.sidebar.count())]
    assert items == [s.title for s in SCREENS]
    assert items[:2] == ["Today", "Customers"]
    assert window.stack.currentWidget() is window.screens["customers"]
    window.events.say("Saved.")
    assert window.statusBar().currentMessage() == "Saved."


def test_standard_shortcuts(window):
    def keys(name):
        return {s.toString() for s in window.actions[name].shortcuts()}

    assert "Ctrl+F" in keys("find")
    assert "Ctrl+N" in keys("new_customer")
    assert "Ctrl+L" in keys("log_touch")
    assert "Ctrl+Z" in keys("undo")
    assert "Ctrl+Shift+Z" in keys("redo")
    assert "Ctrl+Q" in keys("quit")
    assert QKeySequence("Del").toString() in keys("delete_customer")


def test_a_screen_is_a_few_lines(window, qtbot, notebook):
    from PySide6.QtWidgets import QLabel

    from ui.events import AppEvents
    from ui.main_window import MainWindow
    from ui.operations import Operations
    from ui.preferences import Preferences
    from ui.screens import SCREENS, ScreenSpec

    extra = ScreenSpec("later", "Later", "today", lambda ctx: QLabel("Nothing due"))
    ops = Operations()
    other = MainWindow(notebook, AppEvents(), ops, Preferences(), [*SCREENS, extra])
    qtbot.addWidget(other)
    assert other.sidebar.count() == len(SCREENS) + 1
    other.sidebar.setCurrentRow(len(SCREENS))
    assert other.stack.currentWidget().text() == "Nothing due"
    ops.wait_idle()
    ops.shutdown()


def test_read_only_notebook_shows_why_and_refuses_edits(people, make_window, notebook):
    info = NotebookInfo(notebook.path, notebook.version, True,
                        "This notebook was saved by a newer version of Rapport.")
    window = make_window(info)
    assert window.banner.isVisibleTo(window)
    reason = window.banner.findChild(type(window.busy), "readOnlyReason")
    assert "newer version" in reason.text()
    for name in ("new_customer", "log_touch", "delete_customer", "save"):
        assert not window.actions[name].isEnabled()
    screen = window.screens["customers"]
    assert screen.list.model.rowCount() == 4  # reading still works
    screen.list.select(people["tom"])
    settle(window)
    page = screen.detail_page
    assert page.name.text() == "Tom Baker"
    assert not page.profile.isEnabled()
    assert not page.log_button.isEnabled() and not page.delete_button.isEnabled()
    assert not any(b.isEnabled() for b in page.timeline.add_buttons.values())


def test_import_brings_customers_into_the_list(window, tmp_path, qtbot):
    from ui.imports.preview_dialog import PreviewDialog

    card = tmp_path / "friends.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Novak;Jana;;;\r\nFN:Jana Novak\r\n"
                    "EMAIL:jana@example.com\r\nEND:VCARD\r\n", encoding="utf-8")
    window.importer.import_file(card)
    qtbot.waitUntil(lambda: isinstance(window.importer.dialog, PreviewDialog), timeout=5000)
    window.importer.dialog.import_button.click()  # the preview: see test_import_dialog.py
    settle(window)
    screen = window.screens["customers"]
    assert [screen.list.model.customer_at(r).name for r in range(screen.list.model.rowCount())] \
        == ["Jana Novak"]
    assert "1 added" in window.importer.dialog.text()


def test_a_bad_import_file_is_explained(window, tmp_path, monkeypatch):
    from ui import ask

    told = []
    monkeypatch.setattr(ask, "inform", lambda *a, **k: told.append(a[2]))
    bad = tmp_path / "notes.txt"
    bad.write_text("hello")
    window.importer.import_file(bad)
    settle(window)
    assert told and "notes.txt" in told[0]


def test_home_country_preference_reads_local_numbers(people, window, monkeypatch):
    from storage import customers
    from tests.ui.helpers import open_customer
    from ui.preferences_dialog import PreferencesDialog

    def choose_gb(dialog):
        dialog.region.setCurrentIndex(dialog.region.findData("GB"))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(PreferencesDialog, "exec", choose_gb)
    window.actions["preferences"].trigger()
    assert window.ctx.prefs.region == "GB"
    screen = window.screens["customers"]
    open_customer(window, people["tom"])
    screen.detail_page.contact.phones.set_values(["020 7946 0958"])
    screen.detail._on_changed()
    assert screen.detail.save()
    settle(window)
    assert customers.get_customer(people["tom"]).phones == ["+442079460958"]
    assert "20 7946 0958" in screen.detail_page.contact.phones.editors()[0].text()


def test_the_window_fits_a_small_laptop_screen(window):
    from PySide6.QtGui import QGuiApplication

    room = QGuiApplication.primaryScreen().availableGeometry()
    window.resize(5000, 5000)
    window.fit_to_screen()
    assert window.width() <= max(room.width(), window.minimumWidth())
    assert window.height() <= max(room.height(), window.minimumHeight())
