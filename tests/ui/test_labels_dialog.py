"""Issue 13, finding 7: address labels from the window. The Labels dialog (File menu, Cards
screen, the customer list) chooses the stock, whose labels and the first free label of a
part-used sheet by clicking it; the PDF it shows is the one ``print-labels --start`` writes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from domain.model import Card
from storage import templates as store
from tests.exports.test_labels_start import placed
from tests.ui.helpers import add_customer, settle
from ui.cards.labels_dialog import LabelsDialog

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def nadia(people):
    """A regular with no postal address."""
    return add_customer(given_name="Nadia", family_name="Okafor", addresses=[])


def open_labels(qtbot, window, **kw) -> LabelsDialog:
    window.show_screen("cards")
    screen = window.screens["cards"]
    qtbot.waitUntil(screen.controller.is_loaded, timeout=5000)
    dialog = screen.controller.labels(**kw)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.is_ready, timeout=10000)
    return dialog


def choose(qtbot, dialog: LabelsDialog, who: str, tag: str = "") -> None:
    if tag:
        dialog.tag.setCurrentIndex(dialog.tag.findData(tag))
    dialog.who.setCurrentIndex(dialog.who.findData(who))
    qtbot.waitUntil(dialog.is_ready, timeout=10000)


def click_label(qtbot, dialog: LabelsDialog, number: int) -> None:
    centre = dialog.sheet.label_rect(number).center().toPoint()
    qtbot.mouseClick(dialog.sheet, Qt.MouseButton.LeftButton, pos=centre)
    qtbot.waitUntil(dialog.is_ready, timeout=10000)


def test_file_menu_and_cards_screen_open_the_labels_dialog(qtbot, window, people):
    assert "print_labels" in window.actions
    titles = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "Address &labels…" in titles
    window.show_screen("cards")
    assert window.screens["cards"].labels_button.isVisible()


def test_labels_start_at_the_label_clicked_and_hold_the_addresses(qtbot, window, people):
    dialog = open_labels(qtbot, window)
    choose(qtbot, dialog, "all")
    click_label(qtbot, dialog, 5)
    assert dialog.sheet.start() == 5 and dialog.start_spin.value() == 5
    where = placed(dialog.pane.rendered.data)
    assert [n for _p, n, _t in where] == [5, 6, 7, 8]  # labels 1-4 are used: left empty
    names = [t for _p, _n, t in where]
    for name, text in zip(["Tom Baker", "Ann Lee", "Zoë Łukasik", "Margaret Shaw"], names,
                          strict=True):  # by family name, as the customer list
        assert text.startswith(name) and "12 Elm St" in text
    assert "4 labels" in dialog.summary.text() and "from label 5" in dialog.summary.text()


def test_a_customer_without_an_address_is_listed_as_skipped(qtbot, window, people, nadia):
    dialog = open_labels(qtbot, window)
    choose(qtbot, dialog, "tag", tag="regular")
    assert dialog.skipped.isVisible()
    assert "Nadia Okafor" in dialog.skipped.text() and "without a postal address" in \
        dialog.skipped.text()
    assert all("Nadia" not in t for _p, _n, t in placed(dialog.pane.rendered.data))


def test_the_queued_cards_recipients_are_the_first_choice(qtbot, window, people, nadia):
    for key in ("tom", "zoe"):
        store.create_card(Card(people[key], "birthday", "Happy birthday", status="queued"))
    store.create_card(Card(nadia, "birthday", "Happy birthday", status="queued"))
    dialog = open_labels(qtbot, window)
    assert dialog.who.currentData() == "queued"
    assert [t.split()[:2] for _p, _n, t in placed(dialog.pane.rendered.data)] == \
        [["Tom", "Baker"], ["Zoë", "Łukasik"]]
    assert "Nadia Okafor" in dialog.skipped.text()


def test_the_customers_chosen_in_the_list(qtbot, window, people):
    dialog = open_labels(qtbot, window, ids=(people["ann"], people["tom"]),
                         title="the 2 customers in the list")
    assert dialog.who.currentData() == "customers"
    assert [t.split()[0] for _p, _n, t in placed(dialog.pane.rendered.data)] == ["Tom", "Ann"]


def test_every_label_stock_is_offered_and_the_sheet_follows_it(qtbot, window, people):
    from exports import cards

    dialog = open_labels(qtbot, window)
    offered = [dialog.stock.itemData(i) for i in range(dialog.stock.count())]
    assert offered == cards.names("label")
    dialog.stock.setCurrentIndex(dialog.stock.findData("avery-l7160"))
    qtbot.waitUntil(dialog.is_ready, timeout=10000)
    assert dialog.sheet.count() == 21 and dialog.start_spin.maximum() == 21
    dialog.start_spin.setValue(21)
    qtbot.waitUntil(dialog.is_ready, timeout=10000)
    assert dialog.sheet.start() == 21
    assert [(p, n) for p, n, _t in placed(dialog.pane.rendered.data, "avery-l7160")] == \
        [(0, 21), (1, 1), (1, 2), (1, 3)]


def test_the_command_line_start_5_matches_the_window(qtbot, window, people, notebook,
                                                     tmp_path):
    dialog = open_labels(qtbot, window)
    choose(qtbot, dialog, "all")
    click_label(qtbot, dialog, 5)
    settle(window)
    out = tmp_path / "labels.pdf"
    done = subprocess.run([sys.executable, "main.py", "--notebook", str(notebook.path),
                           "print-labels", str(out), "--start", "5"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert placed(out.read_bytes()) == placed(dialog.pane.rendered.data)


def test_the_customer_lists_menu_labels_what_the_list_shows(qtbot, people, nadia, window):
    screen = window.screens["customers"]
    screen.list_panel.search.setText("Lee")
    qtbot.waitUntil(lambda: screen.list.model.rowCount() == 1, timeout=5000)
    dialog = screen.list_menu.labels_for_list()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.is_ready, timeout=10000)
    assert dialog.who.currentText() == "The 1 customer matching “Lee”"
    assert [t.split()[:2] for _p, _n, t in placed(dialog.pane.rendered.data)] == \
        [["Ann", "Lee"]]
    one = screen.list_menu.label_for(nadia, "Nadia Okafor")
    qtbot.addWidget(one)
    qtbot.waitUntil(one.is_ready, timeout=10000)
    assert one.pane.rendered is None and "Nadia Okafor" in one.skipped.text()


def test_save_pdf_writes_the_labels_shown(qtbot, window, people, tmp_path, monkeypatch):
    from ui.cards import printing

    target = tmp_path / "labels.pdf"
    monkeypatch.setattr(printing, "choose_save_path", lambda *a: target)
    dialog = open_labels(qtbot, window)
    choose(qtbot, dialog, "all")
    dialog.start_spin.setValue(3)
    qtbot.waitUntil(dialog.is_ready, timeout=10000)
    with qtbot.waitSignal(dialog.pane.saved, timeout=10000):
        dialog.pane.save_button.click()
    assert [n for _p, n, _t in placed(target.read_bytes())] == [3, 4, 5, 6]


def test_an_address_added_meanwhile_gets_its_label(qtbot, window, people, nadia):
    from domain.model import Address
    from storage import customers
    from ui.events import CUSTOMERS

    dialog = open_labels(qtbot, window)
    choose(qtbot, dialog, "tag", tag="regular")
    click_label(qtbot, dialog, 2)  # drawn again from what was read: Nadia still skipped
    assert "Nadia Okafor" in dialog.skipped.text()
    person = customers.get_customer(nadia)
    person.addresses = [Address("9 Oak Ave", "Salem", "OR", "97301", "US", True)]
    customers.save_customer(person)
    window.events.changed(None, **{CUSTOMERS: {nadia}})
    qtbot.waitUntil(dialog.is_ready, timeout=10000)
    assert not dialog.skipped.isVisible()
    assert any(t.startswith("Nadia Okafor") and "9 Oak Ave" in t
               for _p, _n, t in placed(dialog.pane.rendered.data))


def test_an_address_too_long_for_the_stock_is_named_and_nothing_is_cut(qtbot, window, people):
    from domain.model import Address

    street = "\n".join(["Apartment 56, Building C"] * 9)
    add_customer(given_name="Lena", family_name="Vogt", tags=["long"],
                 addresses=[Address(street, "Portland", "OR", "97201", "US", True)])
    dialog = open_labels(qtbot, window)
    choose(qtbot, dialog, "tag", tag="long")
    assert dialog.pane.rendered is None  # no sheet with a cut address
    text = dialog.pane.preview.message.text()
    assert "Lena Vogt" in text and "too long" in text and "nothing is ever cut" in text


def test_a_character_no_font_draws_is_named_not_boxed(qtbot, window, people):
    add_customer(given_name="Ana", family_name="Silva 🎉", tags=["party"])
    dialog = open_labels(qtbot, window)
    choose(qtbot, dialog, "tag", tag="party")
    text = dialog.skipped.text()
    assert dialog.skipped.isVisible() and "🎉" in text and "Ana Silva" in text
    assert "cannot be printed" in text
    assert "Ana Silva" in placed(dialog.pane.rendered.data)[0][2]  # the rest still prints
