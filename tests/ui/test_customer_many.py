"""Many customers at once in the Customers screen: a selection with its count, one card
wording for all, a tag for all (undoable), saved filters, and a merge of two (undoable)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QItemSelection, QItemSelectionModel

from domain.customer_filter import CustomerFilter
from domain.model import Card, Interaction, Purchase
from storage import customer_filters, customers, owned, templates, timeline
from tests.ui.helpers import add_customer, settle, shown_names

NAMES = ("Ada", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lia",
         "Moe", "Nia")


def _people(**kw) -> list[int]:
    return [add_customer(given_name=n, family_name="Ward", emails=[f"{n.lower()}@ex.com"], **kw)
            for n in NAMES]


def _select_rows(screen, first: int, last: int) -> None:
    """What a click on ``first`` and a Shift+click on ``last`` do."""
    model, selection = screen.list.model, screen.list_panel.table.selectionModel()
    chosen = QItemSelection(model.index(first, 0), model.index(last, model.columnCount() - 1))
    selection.select(chosen, QItemSelectionModel.SelectionFlag.ClearAndSelect)


def test_twelve_selected_get_one_holiday_card_each_personalised(notebook, make_window):
    ids = _people()
    window = make_window()
    screen = window.screens["customers"]
    table = screen.list_panel.table
    assert table.selectionMode() == table.SelectionMode.ExtendedSelection
    _select_rows(screen, 0, 11)
    assert screen.list_panel.count.text().startswith("12 selected")
    chosen = screen.many.selected_ids()
    assert sorted(chosen) == sorted(ids[:12])

    screen.many.open_card_dialog()
    settle(window)
    dialog = screen.many.card_dialog
    dialog.set_occasion("holiday")
    dialog.text.setPlainText("Dear {{ first_name }}, happy holidays from all of us!")
    assert "Dear Ada" in dialog.preview.toPlainText()  # the first of them, filled in
    dialog.accept()
    settle(window)
    queued = templates.list_cards("queued")
    assert len(queued) == 12
    assert sorted(c.customer_id for c in queued) == sorted(chosen)
    for card in queued:
        given = customers.get_customer(card.customer_id).given_name
        assert card.text.startswith(f"Dear {given}, happy holidays")
        assert card.occasion == "holiday"
    assert "12" in window.actions["undo"].text()
    window.actions["undo"].trigger()  # one step takes all twelve back
    settle(window)
    assert templates.list_cards() == []


def test_tag_a_selection_then_undo(notebook, make_window):
    ids = _people(tags=[])
    window = make_window()
    screen = window.screens["customers"]
    _select_rows(screen, 2, 6)
    screen.many.add_tag("Holiday list")
    settle(window)
    tagged = {i for i in ids if "Holiday list" in customers.get_customer(i).tags}
    assert tagged == set(ids[2:7])
    model = screen.list.model
    assert [model.customer_at(r).tags for r in range(2, 7)] == ["Holiday list"] * 5
    assert screen.list_panel.count.text().startswith("5 selected")  # still chosen
    window.actions["undo"].trigger()
    settle(window)
    assert not any(customers.get_customer(i).tags for i in ids)
    window.actions["redo"].trigger()
    settle(window)
    screen.many.remove_tag("holiday LIST")
    settle(window)
    assert not any(customers.get_customer(i).tags for i in ids)
    window.actions["undo"].trigger()
    settle(window)
    assert {i for i in ids if customers.get_customer(i).tags} == set(ids[2:7])


def test_a_saved_filter_round_trips_and_lists_the_right_customers(notebook, make_window):
    ids = _people(tags=[])
    for cid in ids[:3]:
        timeline.add(cid, Purchase(date(2026, 3, 1), Decimal("400"), "wedding flowers"))
    timeline.add(ids[3], Purchase(date(2026, 3, 1), Decimal("20"), "a rose"))
    window = make_window()
    screen = window.screens["customers"]
    screen.many.apply_filter(CustomerFilter(value_above=Decimal("250")))
    settle(window)
    assert shown_names(screen) == ["Ada Ward", "Ben Ward", "Cleo Ward"]
    assert screen.list_panel.count.text() == "3 of 14 customers"
    screen.many.save_filter("Big spenders")
    settle(window)
    assert customer_filters.saved_filters() == {
        "Big spenders": CustomerFilter(value_above=Decimal("250"))}
    screen.many.apply_filter(None)
    settle(window)
    assert len(shown_names(screen)) == 14

    again = make_window()  # a window opened later finds it by name
    later = again.screens["customers"]
    settle(again)
    assert later.many.saved_names() == ["Big spenders"]
    later.many.pick_saved("Big spenders")
    assert later.list_panel.filter_button.text() == "Big spenders"
    settle(again)
    assert shown_names(later) == ["Ada Ward", "Ben Ward", "Cleo Ward"]
    later.list.search_now("ben")  # the search narrows what the filter lets through
    settle(again)
    assert shown_names(later) == ["Ben Ward"]


def _rich(given: str, when: date) -> int:
    cid = add_customer(given_name=given, family_name="Ward", emails=[f"{given}@ex.com"])
    timeline.add(cid, Interaction(when, "call", f"rang {given}"))
    timeline.add(cid, Purchase(when, Decimal("30"), f"tulips for {given}"))
    templates.create_card(Card(cid, "thank_you", f"Thanks {given}", status="printed",
                               printed=when))
    return cid


def test_merge_two_customers_keeps_all_and_undo_restores_both(notebook, make_window):
    ann, anne = _rich("Ann", date(2026, 2, 1)), _rich("Anne", date(2025, 8, 1))
    before = owned.read(ann), owned.read(anne)
    window = make_window()
    screen = window.screens["customers"]
    _select_rows(screen, 0, 1)
    screen.many.open_merge_dialog()
    settle(window)
    dialog = screen.many.merge_dialog
    rows = {r.field: r for r in dialog.rows}
    assert rows["given_name"].left.text() == "Ann" and rows["given_name"].right.text() == "Anne"
    keep = dialog.kept_id
    rows["given_name"].pick("Anne")
    dialog.accept()
    settle(window)
    merged = customers.get_customer(keep)
    assert merged.given_name == "Anne"
    assert sorted(i.summary for i in merged.interactions) == ["rang Ann", "rang Anne"]
    assert sorted(p.description for p in merged.purchases) == ["tulips for Ann",
                                                               "tulips for Anne"]
    assert len(templates.list_cards(customer_id=keep)) == 2
    assert shown_names(screen) == ["Anne Ward"]
    window.actions["undo"].trigger()
    settle(window)
    assert (owned.read(ann), owned.read(anne)) == before
    assert sorted(shown_names(screen)) == ["Ann Ward", "Anne Ward"]


def test_selecting_everyone_does_not_walk_every_row(notebook, make_window):
    """Ctrl+A, then a paint: Qt's column header asked the model once per row whether the
    column was wholly selected (0.65 s at 50,000); now the model is asked a handful of times."""
    from domain.model import Customer
    from storage import bulk

    bulk.write_all(bulk.NotebookContent([Customer(given_name=f"P{n:04}", id=n + 1)
                                               for n in range(3000)]))
    window = make_window()
    screen = window.screens["customers"]
    table, model = screen.list_panel.table, screen.list.model
    asked = []
    counted = model.shown_count
    model.shown_count = lambda: asked.append(1) or counted()
    table.selectAll()
    table.viewport().repaint()
    table.horizontalHeader().viewport().repaint()
    assert screen.list_panel.count.text().startswith("3,000 selected")
    assert len(screen.many.selected_ids()) == 3000
    assert len(asked) < 300


def test_export_the_selection_as_vcard_and_csv(notebook, make_window, tmp_path):
    _people()
    window = make_window()
    screen = window.screens["customers"]
    _select_rows(screen, 0, 2)
    screen.many.export(tmp_path / "three.vcf")
    screen.many.export(tmp_path / "three.csv")
    settle(window)
    cards = (tmp_path / "three.vcf").read_text(encoding="utf-8")
    assert cards.count("BEGIN:VCARD") == 3
    assert "FN:Ada Ward" in cards and "Dev" not in cards
    rows = (tmp_path / "three.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) == 4 and "Cleo" in rows[3]


def test_the_menu_offers_the_selection_actions(notebook, make_window):
    from PySide6.QtWidgets import QMenu

    _people()
    window = make_window()
    screen = window.screens["customers"]
    _select_rows(screen, 0, 1)
    menu = QMenu()
    screen.many.fill_menu(menu)
    texts = {a.text(): a.isEnabled() for a in menu.actions()}
    assert texts["Write one card to the 2 customers…"]
    assert texts["Merge these two…"]
    assert texts["Address labels for the 2 customers…"]
    _select_rows(screen, 0, 2)
    screen.many.fill_menu(menu)
    assert not {a.text(): a.isEnabled() for a in menu.actions()}["Merge these two…"]


def test_the_filter_dialog_applies_and_saves(notebook, make_window):
    _people(tags=[])
    add_customer(given_name="Eli", family_name="Vip", emails=[], tags=["vip"])
    window = make_window()
    screen = window.screens["customers"]
    screen.many.edit_filter()
    dialog = screen.many.filter_dialog
    dialog.tag.setCurrentText("VIP")
    dialog.name.setText("Our VIPs")
    dialog._try_accept()
    settle(window)
    assert shown_names(screen) == ["Eli Vip"]
    assert screen.many.current_name() == "Our VIPs"
    assert "Our VIPs" in customer_filters.saved_filters()


def test_labels_and_queued_cards_of_the_selection_print(qtbot, notebook, make_window):
    from tests.exports.test_labels_start import placed
    from tests.ui.helpers import page_texts

    ids = _people()
    window = make_window()
    screen = window.screens["customers"]
    _select_rows(screen, 1, 3)  # Ben, Cleo, Dev
    screen.many.labels()
    labels = screen.many.labels_dialog
    qtbot.waitUntil(labels.is_ready, timeout=10000)
    assert labels.who.currentData() == "customers"
    assert [t.split()[0] for _p, _n, t in placed(labels.pane.rendered.data)] == [
        "Ben", "Cleo", "Dev"]
    templates.create_card(Card(ids[2], "holiday", "Dear Cleo", status="queued"))
    templates.create_card(Card(ids[9], "holiday", "Dear Jun", status="queued"))  # not chosen
    screen.many.print_cards()
    settle(window)
    printing = screen.many.print_dialog
    qtbot.waitUntil(printing.is_ready, timeout=10000)
    assert [c.customer_id for c in printing.batch.cards] == [ids[2]]
    assert any("Dear Cleo" in t for t in page_texts(printing.batch.card_pdf))
    printing.close()
    labels.close()
