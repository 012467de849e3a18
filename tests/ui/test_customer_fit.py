"""The Customers screen on a small laptop (1024×700): no clipped column header, a long name
elided with a tooltip and no button over it, the timeline not squeezed by a long status."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics

from domain.model import Problem
from tests.ui.helpers import add_customer, open_customer, settle

LONG_NAME = dict(given_name="Maximiliana Konstantinopoulou-Wolfeschlegelsteinhausen",
                 family_name="Featherstonehaugh-Vanderbilt", preferred_name="",
                 company="The Extraordinarily Long-Named Northern Highlands Florist Emporium")
LONG_WAIT = ("the supplier's insurance adjuster to confirm the replacement shipment and the "
             "refund of the delivery fee")


@pytest.fixture
def small_window(notebook, make_window):
    """The main window as a 1024×700 laptop shows it (a frame and a task bar taken off)."""
    add_customer(**LONG_NAME, problems=[Problem(date(2026, 11, 20), "Wilted centrepieces",
                                                waiting_on=LONG_WAIT)])
    add_customer(given_name="Ann", family_name="Lee", company="Lee & Co")
    window = make_window()
    window.resize(983, 658)  # what fit_to_screen gives it on a 1024×700 screen
    settle(window)
    return window


def test_no_column_header_of_the_customer_list_is_clipped(qtbot, small_window):
    table = small_window.screens["customers"].list_panel.table
    qtbot.waitUntil(lambda: table.width() > 0)
    header, model = table.horizontalHeader(), table.model()
    bold = QFont(header.font())
    bold.setWeight(QFont.Weight.DemiBold)  # the header's weight (ui/theme.py)
    metrics = QFontMetrics(bold)
    shown = [c for c in range(model.columnCount()) if not table.isColumnHidden(c)]
    assert len(shown) >= 2
    for column in shown:
        text = model.headerData(column, header.orientation())
        room = header.sectionSize(column) - 2 * 8 - 12  # the theme's padding, the sort arrow
        assert metrics.horizontalAdvance(text) <= room, f"{text!r} clipped in {room}px"
    assert header.sectionSize(shown[0]) >= 150  # the name column: room for a name


def test_a_long_name_is_elided_with_a_tooltip_and_no_button_covers_it(qtbot, small_window):
    screen = small_window.screens["customers"]
    cid = next(screen.list.model.customer_at(r).id for r in range(screen.list.model.rowCount())
               if screen.list.model.customer_at(r).name.startswith("Maximiliana"))
    open_customer(small_window, cid)
    page = screen.detail_page
    name = page.name
    assert name.toolTip().startswith("Maximiliana Konstantinopoulou")
    assert name.width() <= page.width()
    name_box = QRect(name.mapTo(page, name.rect().topLeft()), name.size())
    for button in (page.card_button, page.log_button, page.delete_button, page.more_button):
        box = QRect(button.mapTo(page, button.rect().topLeft()), button.size())
        assert not box.intersects(name_box), f"{button.text()} over the name"
        assert button.width() >= button.sizeHint().width(), f"{button.text()} squeezed"
    index = screen.list.model.index(screen.list.model.row_of(cid), 0)
    tip = screen.list.model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("Maximiliana")  # the list elides the name: its tooltip has it all


def test_a_long_problem_status_leaves_the_timeline_its_details(qtbot, small_window):
    from ui.models.timeline_model import COL_DETAILS, COL_STATUS

    screen = small_window.screens["customers"]
    cid = next(screen.list.model.customer_at(r).id for r in range(screen.list.model.rowCount())
               if screen.list.model.customer_at(r).name.startswith("Maximiliana"))
    open_customer(small_window, cid)
    page = screen.detail_page
    page.tabs.setCurrentIndex(3)
    qtbot.wait(10)
    table = page.timeline.table
    header = table.horizontalHeader()
    assert header.sectionSize(COL_DETAILS) >= 160
    assert header.sectionSize(COL_STATUS) <= 220
    assert header.sectionViewportPosition(COL_STATUS) + header.sectionSize(COL_STATUS) \
        <= table.viewport().width() + 1  # no sideways scrolling to read it

