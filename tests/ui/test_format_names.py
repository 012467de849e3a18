"""Formats are shown by the names an owner knows ("US A2 folded card"), taken from the one
registry of formats, never by their codes ("a2-folded")."""

from __future__ import annotations

import pytest

from exports import cards as formats
from tests.ui.helpers import settle


@pytest.fixture
def queued(notebook):
    from domain.model import Card
    from storage import templates as store
    from tests.ui.helpers import add_customer

    cid = add_customer()
    return [store.create_card(Card(cid, "keep_in_touch", "Dear Peggy, thank you.", "a2-folded",
                                   "queued")).id]


# --- formats by name, the personal check in words ------------------------------------------

def test_every_format_has_a_name_an_owner_knows():
    for code in formats.names():
        title = formats.title(code)
        assert title and title != code and "-" not in title.split()[0], code
    assert formats.title("a2-folded") == "US A2 folded card"
    assert formats.title("no-such") == "no-such"  # an old notebook's unknown code stays readable


def test_the_cards_list_and_the_choices_show_format_names(qtbot, queued, window):
    from ui.cards.card_list_model import COL_FORMAT
    from ui.cards.print_dialog import PrintDialog
    from ui.cards.service import CardService

    window.show_screen("cards")
    screen = window.screens["cards"]
    qtbot.waitUntil(screen.controller.is_loaded, timeout=5000)
    from ui.cards.screen import TABS

    screen.tabs.setCurrentIndex([status for status, _title in TABS].index("queued"))
    settle(window)
    model = screen.model
    assert model.rowCount() >= 1
    texts = {model.index(r, COL_FORMAT).data() for r in range(model.rowCount())}
    assert texts == {"US A2 folded card"}
    dialog = PrintDialog(CardService(), window.ops, window.events, queued, "a2-folded")
    qtbot.addWidget(dialog)
    shown = [dialog.card_format.itemText(i) for i in range(dialog.card_format.count())]
    assert shown[0].startswith("US A2 folded card")
    assert not any(t.startswith(("a2", "iso-", "letter-", "postcard-")) for t in shown)
    envelopes = [dialog.envelope_format.itemText(i) for i in range(dialog.envelope_format.count())]
    assert not any(t.startswith("env-") for t in envelopes)
    settle(window)


def test_the_cards_list_shows_the_format_name_whole_on_a_small_laptop(qtbot, queued, window):
    from PySide6.QtGui import QFontMetrics

    from ui.cards.card_list_model import COL_CUSTOMER, COL_FORMAT

    window.resize(983, 658)  # what a 1024×700 screen gives the window
    window.show_screen("cards")
    screen = window.screens["cards"]
    qtbot.waitUntil(screen.controller.is_loaded, timeout=5000)
    settle(window)
    header = screen.table.horizontalHeader()
    metrics = QFontMetrics(screen.table.font())
    assert header.sectionSize(COL_FORMAT) >= metrics.horizontalAdvance("US A2 folded card") + 12
    assert header.sectionSize(COL_CUSTOMER) >= 120
    shown = sum(header.sectionSize(c) for c in range(header.count())
                if not screen.table.isColumnHidden(c))
    assert shown <= screen.table.viewport().width() + 1  # no sideways scrolling
