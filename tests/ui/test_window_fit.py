"""Every dialog fits a small laptop (1024×700): shown, and at its smallest, within the screen
with room for a window frame."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QRect

from domain.model import Card
from storage import templates as store
from tests.ui.helpers import add_customer, settle

SMALL = QRect(0, 0, 1024, 700)  # a 1024×700 laptop: the smallest screen Rapport is made for
CHROME = 40  # the title bar and frame a window manager adds around a dialog
@pytest.fixture
def small_screen(monkeypatch):
    """Dialogs are fitted to a 1024×700 screen (the test screen is 800×800)."""
    from ui.widgets import fit

    monkeypatch.setattr(fit, "available", lambda _window: SMALL)


@pytest.fixture(autouse=True)
def themed(qapp):
    """Rapport's look as the owner sees it: its font, style and style sheet (the paddings
    make every button and choice wider than Qt's plain ones)."""
    from ui import theme

    font, style, palette = qapp.font(), qapp.style().name(), qapp.palette()
    theme.apply(qapp)
    theme.apply_style_sheet(qapp)
    yield
    qapp.setStyleSheet("")
    qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.setFont(font)


def assert_fits(qtbot, dialog) -> None:
    """Shown, the dialog and its smallest possible size fit the small screen with a frame."""
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    floor = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
    for size, what in ((dialog.size(), "shown"), (floor, "smallest")):
        assert size.height() <= SMALL.height() - CHROME, f"{what} {size} too tall"
        assert size.width() <= SMALL.width(), f"{what} {size} too wide"
    dialog.hide()  # qtbot closes it (a dialog deleted on close goes then)


def assert_titles_whole(table, dialog) -> None:
    """Every column's title reads whole in the dialog as a small screen shows it."""
    from PySide6.QtGui import QFont, QFontMetrics

    dialog.show()
    header = table.horizontalHeader()
    bold = QFont(header.font())
    bold.setWeight(QFont.Weight.DemiBold)
    for column in range(header.count()):
        title = table.model().headerData(column, header.orientation())
        assert QFontMetrics(bold).horizontalAdvance(title) + 16 <= header.sectionSize(column), \
            title
    dialog.hide()


# --- the dialogs ---------------------------------------------------------------------------

@pytest.fixture
def queued(notebook):
    ids = [add_customer(given_name=f"Guest{i}", family_name="Ward") for i in range(3)]
    return [store.create_card(Card(cid, "keep_in_touch", "Dear friend, thank you.",
                                   "a2-folded", "queued")).id for cid in ids]


def test_the_print_dialog_fits(qtbot, small_screen, queued, window):
    from ui.cards.print_dialog import PrintDialog
    from ui.cards.service import CardService

    dialog = PrintDialog(CardService(), window.ops, window.events, queued, "a2-folded", False,
                         window)
    assert_fits(qtbot, dialog)
    settle(window)


def test_the_labels_dialog_fits(qtbot, small_screen, queued, window):
    from ui.cards.label_service import LabelService
    from ui.cards.labels_dialog import LabelsDialog
    from ui.widgets.fit import fit_to_screen

    dialog = LabelsDialog(LabelService(), window.ops, parent=window)
    fit_to_screen(dialog)
    assert_fits(qtbot, dialog)
    settle(window)


def test_the_card_editor_fits(qtbot, small_screen, queued, window):
    from storage import customers
    from ui.cards.editor import open_card_editor

    editor = open_card_editor(window, window.ctx, customers.list_rows()[0].id, "birthday")
    settle(window)
    assert_fits(qtbot, editor)


def test_the_calibration_dialog_fits(qtbot, small_screen, window):
    from ui.cards.calibration_dialog import CalibrationDialog
    from ui.cards.service import CardService

    assert_fits(qtbot, CalibrationDialog(CardService(), window.ops, window))
    settle(window)


def test_the_merge_and_one_card_dialogs_fit(qtbot, small_screen, notebook, make_window):
    from PySide6.QtCore import QItemSelection, QItemSelectionModel

    for name in ("Ann", "Anne"):
        add_customer(given_name=name, family_name="Ward", notes="Likes tulips. " * 20)
    window = make_window()
    screen = window.screens["customers"]
    model, selection = screen.list.model, screen.list_panel.table.selectionModel()
    selection.select(QItemSelection(model.index(0, 0), model.index(1, model.columnCount() - 1)),
                     QItemSelectionModel.SelectionFlag.ClearAndSelect)
    screen.many.open_merge_dialog()
    settle(window)
    assert_fits(qtbot, screen.many.merge_dialog)
    screen.many.open_card_dialog()
    settle(window)
    assert_fits(qtbot, screen.many.card_dialog)


def test_the_settings_dialogs_fit(qtbot, small_screen, window, tmp_path):
    from domain.outreach.settings import Settings
    from storage import templates
    from ui.backups.dialog import BackupsDialog
    from ui.first_day import ShopDialog
    from ui.first_start import FirstStartDialog
    from ui.outreach_settings_dialog import OutreachSettingsDialog
    from ui.preferences import Preferences
    from ui.preferences_dialog import PreferencesDialog

    for dialog in (PreferencesDialog(Preferences("US", False), window),
                   OutreachSettingsDialog(Settings(), ["vip", "wholesale"], window),
                   BackupsDialog("demo", False, window),
                   FirstStartDialog(tmp_path / "N.rapport", tmp_path / "D.rapport"),
                   ShopDialog(templates.load_sender(), window)):
        assert_fits(qtbot, dialog)


def _step(window, qtbot, kind):
    qtbot.waitUntil(lambda: isinstance(window.importer.dialog, kind), timeout=5000)
    return window.importer.dialog


def test_the_import_dialogs_fit(qtbot, small_screen, window, tmp_path):
    from ui.imports.mapping_dialog import MappingDialog
    from ui.imports.preview_dialog import PreviewDialog
    from ui.imports.sales_mapping_dialog import SalesMappingDialog

    vcf = tmp_path / "phone.vcf"
    vcf.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Novak;Jana;;;\r\nFN:Jana Novak\r\n"
                   "END:VCARD\r\n", encoding="utf-8")
    window.importer.import_file(vcf)
    preview = _step(window, qtbot, PreviewDialog)
    assert_fits(qtbot, preview)
    assert_titles_whole(preview.table, preview)
    contacts = tmp_path / "shop.csv"
    contacts.write_text("Name,Shop,E-mail\nJana Novak,Novak Flowers,jana@example.com\n",
                        encoding="utf-8")
    window.importer.import_file(contacts)
    assert_fits(qtbot, _step(window, qtbot, MappingDialog))
    till = tmp_path / "till.csv"
    till.write_text("Sale date,Who,Total,Notes\n2026-11-03,Vera Ng,45.00,roses\n", "utf-8")
    window.importer.import_file(till)
    assert_fits(qtbot, _step(window, qtbot, SalesMappingDialog))


def test_the_sales_preview_fits(qtbot, small_screen, window, tmp_path):
    from tests.ui.test_sales_import_dialog import sales_export
    from ui.imports.sales_dialog import SalesPreviewDialog

    window.importer.import_file(sales_export(tmp_path))
    dialog = _step(window, qtbot, SalesPreviewDialog)
    assert_fits(qtbot, dialog)
    assert_titles_whole(dialog.table, dialog)


def test_the_agenda_fits(qtbot, small_screen, window):
    from ui.agenda import open_agenda

    dialog = open_agenda(window, window.ops, date(2026, 12, 7))
    settle(window)
    assert_fits(qtbot, dialog)


def test_narrow_lists_keep_their_short_words_whole(qtbot):
    """Today and Calendar on a 1024 px screen: "14 days overdue" was cut to "14 days o…"
    (and names to "Maximili…" when the floors first took room from them)."""
    from PySide6.QtGui import QFont, QFontMetrics, QStandardItemModel

    from ui.today.model import COL_HOW, COL_WHEN, COL_WHO, COL_WHY
    from ui.today.view import _FLOORS, _WIDTHS, grouped_tree
    from ui.widgets.columns import fit_columns

    tree = grouped_tree("todayList")
    qtbot.addWidget(tree)
    tree.setModel(QStandardItemModel(1, 4))
    tree.resize(520, 400)  # the list beside the side panel at 1024×700
    tree.show()
    qtbot.waitExposed(tree)
    fit_columns(tree, _WIDTHS, COL_WHY, _FLOORS)
    bold = QFont(tree.font())
    bold.setWeight(QFont.Weight.DemiBold)
    for column, text in _FLOORS.items():
        assert tree.header().sectionSize(column) >= QFontMetrics(bold).horizontalAdvance(text) \
            + 16, text
    assert tree.header().sectionSize(COL_WHY) >= 80
    assert {COL_WHO, COL_WHEN, COL_HOW} <= set(_WIDTHS)


@pytest.mark.parametrize("key", ["today", "customers", "calendar", "cards", "templates"])
def test_every_screen_fits_a_small_laptop(qtbot, notebook, make_window, key):
    """At 983×658 (a 1024×700 screen less a frame) no pane of a screen is squeezed below the
    room its contents need: the templates editor lay under the list, the customer's page
    under its buttons."""
    from PySide6.QtWidgets import QSplitter

    from tests.ui.helpers import add_customer

    add_customer()
    window = make_window()
    window.resize(983, 658)
    window.show_screen(key)
    settle(window)
    qtbot.wait(20)
    screen = window.screens[key]
    for splitter in screen.findChildren(QSplitter):
        if not splitter.isVisible():
            continue
        for i in range(splitter.count()):
            pane = splitter.widget(i)
            need = pane.minimumSizeHint().expandedTo(pane.minimumSize()).width()
            assert pane.width() >= need, f"{key}: pane {i} {pane.width()} < {need}"
        assert sum(splitter.sizes()) <= splitter.width()
