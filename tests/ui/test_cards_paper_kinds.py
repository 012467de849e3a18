"""Batches and calibration per paper kind: card stock, envelopes and plain paper each keep
their own printer offsets."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from domain.model import Card
from domain.printer_offsets import CARD_STOCK, ENVELOPE, PLAIN_SHEET
from exports.cards.geometry import MM
from storage import templates as store
from tests.exports.test_cards_offsets import shift
from tests.ui.helpers import page_texts, settle
from ui.cards import printing
from ui.cards.service import CardService


@pytest.fixture
def queued(people):
    return [store.create_card(Card(people[k], "keep_in_touch", f"Dear {k}, thank you.",
                                   "a2-folded", "queued")).id for k in ("peggy", "tom")]


def test_a_batch_uses_each_kinds_offsets(qtbot, window, queued):
    service = CardService()
    before = service.render_batch(queued, "a2-folded", "env-a2")
    store.save_printer_offsets(2 * MM, 1 * MM, kind=CARD_STOCK)
    store.save_printer_offsets(-1 * MM, 3 * MM, kind=ENVELOPE)
    after = service.render_batch(queued, "a2-folded", "env-a2")
    assert shift(before.card_pdf.data, after.card_pdf.data) == pytest.approx(
        (2 * MM, 1 * MM), abs=0.02)
    assert shift(before.envelope_pdf.data, after.envelope_pdf.data) == pytest.approx(
        (-1 * MM, 3 * MM), abs=0.02)


def test_calibration_asks_the_paper_kind_and_prints_on_its_size(qtbot, window, monkeypatch):
    monkeypatch.setattr(printing, "printer_names", lambda: ["Office"])
    monkeypatch.setattr(printing, "default_printer", lambda: "Office")
    store.save_printer_offsets(2 * MM, 0, "Office", default=False, kind=ENVELOPE)
    from ui.cards.calibration_dialog import CalibrationDialog

    dialog = CalibrationDialog(CardService(), window.ops)
    qtbot.addWidget(dialog)
    settle(window)
    assert [dialog.kind.itemData(i) for i in range(dialog.kind.count())] == \
        [CARD_STOCK, ENVELOPE, PLAIN_SHEET]
    assert dialog.x.value() == pytest.approx(0.0)  # card stock: not calibrated
    dialog.kind.setCurrentIndex(dialog.kind.findData(ENVELOPE))
    settle(window)
    assert dialog.x.value() == pytest.approx(2.0)
    dialog.paper.setCurrentIndex(dialog.paper.findData("env-10"))
    dialog.left.setValue(26.4)  # cross A 1 mm right of where it belongs: 1 mm less
    dialog.default.setChecked(False)
    dialog.save_button.click()
    settle(window)
    assert store.load_printer_offsets("Office", ENVELOPE) == pytest.approx((1.0 * MM, 0.0))
    assert store.load_printer_offsets("Office", CARD_STOCK) == (0.0, 0.0)
    page = dialog.print_page()
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.pane.rendered is not None, timeout=8000)
    box = PdfReader(io.BytesIO(page.pane.rendered.data)).pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx((684, 297))  # #10
    assert "envelope" in page_texts(page.pane.rendered)[0].lower()
