"""Printing from the Cards screen: one PDF of cards and one of envelopes drawn on the worker,
saved and printed without a modal dialog, then marked printed (a card touch per customer);
printer calibration per printer; the writing aid."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from domain.model import Card
from storage import customers
from storage import templates as store
from tests.ui import pictures
from tests.ui.helpers import page_texts, settle
from ui.cards import printing
from ui.cards.print_dialog import PrintDialog


@pytest.fixture
def queued(people):
    """Two queued cards: Peggy (who has an address) and Tom (who has one too)."""
    texts = {"peggy": "Dear Margaret, thank you for the orchid advice.",
             "tom": "Dear Tom, the brothers' shop looks wonderful."}
    return {key: store.create_card(Card(people[key], "keep_in_touch", text, "a2-folded",
                                        "queued")).id for key, text in texts.items()}


@pytest.fixture
def cards_screen(window, qtbot):
    window.show_screen("cards")
    screen = window.screens["cards"]
    qtbot.waitUntil(screen.controller.is_loaded, timeout=5000)
    return screen


def pdf_text(data: bytes) -> str:
    pages = PdfReader(io.BytesIO(data)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def same_pictures(printed: bytes, source: bytes) -> bool:
    """Whether two PDFs' pages look the same: same sizes, on average within 2 of 255 grey
    levels (a 600 dpi picture of the page, scaled down, against the page itself)."""
    ours, theirs = pictures.pages(printed, 0.5), pictures.pages(source, 0.5)
    return len(ours) == len(theirs) and all(
        pictures.difference(a, b)[0] < 2 for a, b in zip(ours, theirs, strict=True))


def open_batch(qtbot, screen) -> PrintDialog:
    dialog = screen.controller.print_cards()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.is_ready, timeout=10000)
    return dialog


def test_print_draws_cards_and_envelopes_on_the_worker(qtbot, queued, window, cards_screen):
    dialog = open_batch(qtbot, cards_screen)  # nothing chosen: the whole queue
    batch = dialog.batch
    assert [c.id for c in batch.cards] == [queued["peggy"], queued["tom"]]
    assert len(batch.card_pdf) == 4  # folded: outside and inside for each
    assert len(PdfReader(io.BytesIO(batch.card_pdf.data)).pages) == 4
    text = pdf_text(batch.card_pdf.data)
    assert "orchid advice" in text and "brothers' shop" in text
    assert dialog.envelope_format.currentData() == "env-a2"
    envelopes = pdf_text(batch.envelope_pdf.data)
    assert "Margaret Shaw" in envelopes and "Tom Baker" in envelopes
    assert dialog.cards_pane.preview.pdf() is batch.card_pdf
    dialog.envelope_format.setCurrentIndex(dialog.envelope_format.findData(""))
    qtbot.waitUntil(dialog.is_ready, timeout=10000)
    assert dialog.batch.envelope_pdf is None
    assert not dialog.envelopes_pane.save_button.isEnabled()


def test_save_and_print_without_modal_dialogs(qtbot, queued, window, cards_screen, tmp_path,
                                              monkeypatch):
    saved_to, printed_to = tmp_path / "cards.pdf", tmp_path / "printer.pdf"
    monkeypatch.setattr(printing, "choose_save_path", lambda *a: saved_to)

    def fake_printer(parent, name, title, paper=None):
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed_to))
        return printer

    monkeypatch.setattr(printing, "choose_printer", fake_printer)
    dialog = open_batch(qtbot, cards_screen)
    dialog.cards_pane.save_button.click()
    qtbot.waitUntil(lambda: saved_to.exists(), timeout=5000)
    assert saved_to.read_bytes() == dialog.batch.card_pdf.data
    with qtbot.waitSignal(dialog.cards_pane.printed, timeout=10000):
        dialog.cards_pane.print_button.click()
    reader = PdfReader(str(printed_to))
    assert len(reader.pages) == 4
    assert round(float(reader.pages[0].mediabox.width)) == 612  # 8.5 × 5.5 in, landscape
    # The printer got the PDF's own pages (rendered by PDFium), not a second drawing of them.
    assert same_pictures(printed_to.read_bytes(), dialog.batch.card_pdf.data)


def test_mark_printed_logs_one_card_touch_per_customer(qtbot, people, queued, window,
                                                       cards_screen):
    dialog = open_batch(qtbot, cards_screen)
    with qtbot.waitSignal(dialog.marked, timeout=5000):
        dialog.mark_printed.click()
    settle(window)
    for key in ("peggy", "tom"):
        touches = customers.get_customer(people[key]).interactions
        assert [(t.kind, t.when) for t in touches] == [("card", date.today())]
    assert {c.status for c in store.list_cards()} == {"printed"}
    controller = cards_screen.controller
    qtbot.waitUntil(controller.is_loaded, timeout=5000)
    assert cards_screen.tabs.tabText(1) == "Print queue"
    assert cards_screen.tabs.tabText(2) == "Printed (2)"
    assert not dialog.mark_printed.isEnabled() and dialog.mark_mailed.isEnabled()
    dialog.mark_mailed.click()
    settle(window)
    assert {c.status for c in store.list_cards()} == {"mailed"}
    assert len(customers.get_customer(people["peggy"]).interactions) == 1  # logged once


def test_ctrl_p_prints_the_queue_when_one_card_is_chosen(qtbot, queued, window, cards_screen):
    """One card chosen is the preview's, not a choice to print: the whole queue prints
    (several chosen print those: tests/ui/test_cards_print_all.py)."""
    assert "Ctrl+P" in {s.toString() for s in window.actions["print_cards"].shortcuts()}
    cards_screen.tabs.setCurrentIndex(1)
    cards_screen.controller.select([queued["tom"]])
    window.actions["print_cards"].trigger()
    dialog = cards_screen.findChild(PrintDialog)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.is_ready, timeout=10000)
    assert [c.id for c in dialog.batch.cards] == [queued["peggy"], queued["tom"]]


def test_calibration_keeps_offsets_per_printer(qtbot, window, cards_screen, monkeypatch):
    from exports.cards.geometry import MM

    monkeypatch.setattr(printing, "printer_names", lambda: ["Office", "Studio"])
    monkeypatch.setattr(printing, "default_printer", lambda: "Office")
    store.save_printer_offsets(2 * MM, 0, "Studio", default=False)
    dialog = cards_screen.controller.calibrate()
    qtbot.addWidget(dialog)
    settle(window)
    dialog.printer.setCurrentIndex(dialog.printer.findData("Studio"))
    settle(window)
    assert dialog.x.value() == pytest.approx(2.0)
    dialog.left.setValue(27.4)  # cross A landed 2 mm too far right: move 2 mm left
    dialog.top.setValue(24.4)  # and 1 mm too high: move 1 mm down
    assert (dialog.x.value(), dialog.y.value()) == pytest.approx((0.0, -1.0))
    dialog.default.setChecked(False)
    dialog.save_button.click()
    settle(window)
    assert store.load_printer_offsets("Studio") == pytest.approx((0.0, -1.0 * MM))
    assert store.load_printer_offsets() == (0.0, 0.0)  # the default ones are untouched
    page = dialog.print_page()
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.pane.rendered is not None, timeout=8000)
    assert "Printer calibration" in page_texts(page.pane.rendered)[0]


def test_writing_aid_has_guide_lines_and_talking_points(qtbot, queued, window, cards_screen):
    dialog = cards_screen.controller.writing_aid()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.pane.rendered is not None, timeout=8000)
    pages = page_texts(dialog.pane.rendered)
    assert len(pages) == 6  # two folded cards (two sides each), then a sheet per card
    assert not any("orchid advice" in t for t in pages[:4])
    assert pages[4].startswith("Talking points — Margaret Shaw")
