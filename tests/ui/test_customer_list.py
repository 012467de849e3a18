"""The customer list: search as you type, counts, sorting, empty states."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.helpers import settle, shown_names
from ui.models.customer_list_model import COL_COMPANY, COL_NAME


def test_list_shows_everyone_sorted_by_name(people, window, screen):
    assert shown_names(screen) == ["Tom Baker", "Ann Lee", "Zoë Łukasik", "Margaret Shaw"]
    assert screen.list_panel.count.text() == "4 customers"
    assert screen.list_panel.pages.currentWidget() is screen.list_panel.table


def test_typing_in_search_filters_the_list(people, window, screen, qtbot):
    search = screen.list_panel.search
    search.setFocus()
    qtbot.keyClicks(search, "zoe")  # accents and case do not matter
    qtbot.waitUntil(lambda: shown_names(screen) == ["Zoë Łukasik"], timeout=3000)
    assert screen.list_panel.count.text() == "1 of 4 customers"
    search.clear()
    qtbot.keyClicks(search, "orchid")  # notes are searched too
    qtbot.waitUntil(lambda: shown_names(screen) == ["Margaret Shaw"], timeout=3000)
    search.clear()
    assert len(shown_names(screen)) == 4
    assert screen.list_panel.count.text() == "4 customers"


def test_search_with_no_match_says_so(people, window, screen, qtbot):
    qtbot.keyClicks(screen.list_panel.search, "xylophone")
    qtbot.waitUntil(lambda: screen.list.model.rowCount() == 0, timeout=3000)
    panel = screen.list_panel
    assert panel.pages.currentWidget() is panel.no_match
    assert "xylophone" in panel.no_match.heading.text()


def test_only_the_latest_keystroke_wins(people, window, screen):
    screen.list.search_now("t")
    screen.list.search_now("to")
    screen.list.search_now("tom")
    settle(window)
    assert shown_names(screen) == ["Tom Baker"]


def test_clicking_a_header_sorts(people, window, screen, qtbot):
    header = screen.list_panel.table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=header.rect().topLeft() + _centre_of(header, COL_COMPANY))
    companies = [screen.list.model.customer_at(r).company
                 for r in range(screen.list.model.rowCount())]
    assert companies[:2] == ["Baker Bros", "Lee & Co"]  # blanks last
    screen.list_panel.table.sortByColumn(COL_NAME, Qt.SortOrder.DescendingOrder)
    assert shown_names(screen)[0] == "Margaret Shaw"


def _centre_of(header, section):
    from PySide6.QtCore import QPoint

    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    return QPoint(x, header.height() // 2)


def test_sorting_keeps_the_search(people, window, screen):
    screen.list.search_now("lee")
    settle(window)
    screen.list_panel.table.sortByColumn(COL_NAME, Qt.SortOrder.DescendingOrder)
    assert shown_names(screen) == ["Ann Lee"]


def test_empty_notebook_says_what_to_do(window, screen):
    panel = screen.list_panel
    assert panel.pages.currentWidget() is panel.empty
    assert "Ctrl+N" in panel.empty.text.text()
    assert panel.count.text() == "0 customers"
    assert screen.detail_page.pages.currentWidget() is screen.detail_page.nobody


def test_selecting_a_row_opens_the_customer(people, window, screen):
    screen.list_panel.table.selectRow(0)
    settle(window)
    assert screen.detail.customer_id() == people["tom"]
    assert screen.detail_page.name.text() == "Tom Baker"
    assert screen.detail_page.profile.editor("company").text() == "Baker Bros"


def test_ctrl_f_focuses_search(people, window, screen, qtbot):
    window.actions["find"].trigger()
    qtbot.waitUntil(screen.list_panel.search.hasFocus, timeout=2000)


def test_typing_in_the_list_searches_and_down_goes_back(people, window, screen, qtbot):
    table, search = screen.list_panel.table, screen.list_panel.search
    window.activateWindow()
    table.setFocus()
    qtbot.waitUntil(table.hasFocus, timeout=2000)
    qtbot.keyClicks(table, "ann")
    assert search.text() == "ann" and search.hasFocus()
    qtbot.waitUntil(lambda: shown_names(screen) == ["Ann Lee"], timeout=3000)
    qtbot.keyClick(search, Qt.Key.Key_Down)
    assert table.hasFocus()
    settle(window)
    assert screen.detail.customer_id() == people["ann"]


def test_a_large_list_shows_its_first_page_at_once(notebook, make_window, monkeypatch):
    from storage import bulk
    from tests.ui.helpers import add_customer
    from ui.customers import list_controller

    monkeypatch.setattr(list_controller, "FIRST_PAGE", 5)
    bulk.write_all(bulk.NotebookContent([
        _customer(i) for i in range(1, 31)]))
    add_customer()
    seen = []
    original = list_controller.ListController._show_first

    def spy(self, first):
        original(self, first)
        seen.append((self.model.rowCount(), self.panel.count.text()))

    monkeypatch.setattr(list_controller.ListController, "_show_first", spy)
    window = make_window()
    screen = window.screens["customers"]
    assert seen == [(5, "Loading 31 customers…")]
    assert screen.list.model.rowCount() == 31
    assert screen.list_panel.count.text() == "31 customers"


def _customer(i):
    from domain.model import Customer

    return Customer(given_name=f"Person{i:02d}", family_name="Test", id=i)


def test_sorting_puts_blanks_last_both_ways():
    from datetime import date

    from domain.model import CustomerRow
    from ui.models.customer_list_model import COL_LAST_TOUCH, CustomerListModel

    def row(i, name, company, touched):
        return CustomerRow(i, name, name.lower(), company, "", "", "", "", touched)

    model = CustomerListModel()
    model.set_rows([row(1, "Ann", "", date(2026, 1, 5)), row(2, "Bo", "Zed", None),
                    row(3, "Cy", "Acme", date(2026, 3, 1)), row(4, "Di", "acme", None)])

    def names():
        return [model.customer_at(r).name for r in range(model.rowCount())]

    model.sort(COL_COMPANY, Qt.SortOrder.AscendingOrder)
    assert names() == ["Cy", "Di", "Bo", "Ann"]  # case-blind, ties by name, blank last
    model.sort(COL_COMPANY, Qt.SortOrder.DescendingOrder)
    assert names() == ["Bo", "Cy", "Di", "Ann"]
    model.sort(COL_LAST_TOUCH, Qt.SortOrder.DescendingOrder)
    assert names() == ["Cy", "Ann", "Bo", "Di"]  # most recent first, never touched last
    model.sort(COL_NAME, Qt.SortOrder.DescendingOrder)
    assert names() == ["Di", "Cy", "Bo", "Ann"]
    model.show_only({1, 4})
    assert names() == ["Di", "Ann"]
