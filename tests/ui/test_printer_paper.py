"""The printer set-up (ui/cards/printer_setup.py) on real CUPS queues whose driver reports
hardware margins: the card's own size in full-page mode before the print dialog opens,
duplex preset on the right edge, a size the printer cannot take named, the dialog's change
of paper caught, and manual duplex as two jobs (fronts, then backs)."""

from __future__ import annotations

import pytest
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo

from exports import cards as formats
from exports.cards.jobs import CardJob
from ui import ask
from ui.cards import printer_setup, printing
from ui.cards.pdf_pane import PdfPane
from ui.cards.pdf_raster import read
from ui.cards.printer_setup import Paper, PrinterError, set_up
from ui.operations import Operations

Duplex = QPrinter.DuplexMode
pytestmark = pytest.mark.usefixtures("qapp")  # a QPrinter needs the application


def size_of(printer: QPrinter) -> tuple[int, int]:
    rect = printer.pageLayout().fullRectPoints()
    return rect.width(), rect.height()


def printer_on(name: str) -> QPrinter:
    return QPrinter(QPrinterInfo.printerInfo(name), QPrinter.PrinterMode.HighResolution)


def test_qt_sees_the_private_queues(cups):
    assert {"Test", "Simplex"} <= set(QPrinterInfo.availablePrinterNames())
    assert QPrinterInfo.defaultPrinterName() == "Test"
    assert Duplex.DuplexShortSide in QPrinterInfo.printerInfo("Test").supportedDuplexModes()
    assert QPrinterInfo.printerInfo("Simplex").supportedDuplexModes() == [Duplex.DuplexNone]


@pytest.mark.parametrize("name, size, duplex", [
    ("a2-folded", (612, 396), Duplex.DuplexShortSide),
    ("env-10", (684, 297), Duplex.DuplexNone),
    ("avery-5160", (612, 792), Duplex.DuplexNone),
    ("avery-l7160", (595, 842), Duplex.DuplexNone),
])
def test_set_up_takes_the_size_in_full_page_mode(cups, name, size, duplex):
    printer = printer_on("Test")
    set_up(printer, Paper.for_format(name))
    assert size_of(printer) == size
    assert printer.fullPage()
    assert printer.duplex() == duplex
    margins = printer.pageLayout().margins()
    assert (margins.left(), margins.top()) == (0, 0)  # the driver's borderless size


def test_a_size_the_printer_cannot_take_is_named(cups):
    with pytest.raises(PrinterError) as caught:
        set_up(printer_on("Test"), Paper.for_format("a2"))
    assert str(caught.value) == "The printer 'Test' cannot take 4.25 × 5.5 in card stock; " \
                                "print to a PDF instead."


def test_no_duplex_preset_on_a_one_sided_printer(cups):
    printer = printer_on("Simplex")
    paper = Paper.for_format("a2-folded")
    set_up(printer, paper)
    assert size_of(printer) == (612, 396) and printer.duplex() == Duplex.DuplexNone
    assert paper.needs_manual_duplex(printer)
    set_up(test := printer_on("Test"), paper)
    assert not paper.needs_manual_duplex(test)


@pytest.fixture
def at_dialog(monkeypatch):
    """QPrintDialog.exec records the printer's layout and duplex, then answers ``answer``."""
    seen: dict = {"answer": QPrintDialog.DialogCode.Accepted, "change": None}

    def exec_(dialog):
        printer = dialog.printer()
        seen.update(name=printer.printerName(), size=size_of(printer),
                    duplex=printer.duplex(), full=printer.fullPage())
        if seen["change"]:
            seen["change"](printer)
        return seen["answer"]

    monkeypatch.setattr(QPrintDialog, "exec", exec_)
    return seen


def test_choose_printer_sets_the_card_stock_before_the_dialog_opens(cups, at_dialog, qtbot):
    printer = printing.choose_printer(None, "Test", "cards", Paper.for_format("a2-folded"))
    assert at_dialog["name"] == "Test"
    assert at_dialog["size"] == (612, 396) and at_dialog["full"]
    assert at_dialog["duplex"] == Duplex.DuplexShortSide
    assert printer is not None and size_of(printer) == (612, 396)


def folded_pane(qtbot, cards: int = 3) -> PdfPane:
    ops = Operations()
    pane = PdfPane(ops, "cards", "cards.pdf", stock="card stock")
    qtbot.addWidget(pane)
    jobs = [CardJob(text=f"Dear {n}, thank you.", headline="Thank you", recipient=[n])
            for n in ("Ann", "Bo", "Cy", "Di")[:cards]]
    pane.set_rendered(read(formats.get("a2-folded")().render(jobs)), fold=True)
    pane.set_printer("Test")
    return pane


def test_print_sends_the_card_at_its_size_with_duplex(cups, at_dialog, qtbot):
    pane = folded_pane(qtbot)
    before = len(cups.jobs())
    with qtbot.waitSignal(pane.printed, timeout=20000):
        pane.print_button.click()
    (job,) = cups.wait_for_jobs(1, before)
    assert {(round(w), round(h)) for w, h in job.pages()} == {(612, 396)}
    assert len(job.pages()) == 6
    assert b"two-sided-short-edge" in job.options()


def test_the_dialog_changing_the_paper_is_caught(cups, at_dialog, qtbot):
    at_dialog["change"] = lambda printer: printer.setPageSize(
        QPrinterInfo.printerInfo("Test").defaultPageSize())
    pane = folded_pane(qtbot)
    before = len(cups.jobs())
    with qtbot.waitSignal(pane.printed, timeout=20000):
        pane.print_button.click()
    (job,) = cups.wait_for_jobs(1, before)
    assert {(round(w), round(h)) for w, h in job.pages()} == {(612, 396)}
    assert "chose Letter" in pane.note.text() and "8.5 × 5.5 in card stock" in pane.note.text()


def test_the_real_print_dialog_accepted_as_it_opens(cups, qtbot):
    """Qt's own dialog, accepted untouched: it puts the driver's default Letter back."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def accept():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QPrintDialog):
            shown.append(size_of(dialog.printer()))
            dialog.accept()
        else:
            QTimer.singleShot(50, accept)

    shown: list = []
    QTimer.singleShot(50, accept)
    printer = printing.choose_printer(None, "Test", "cards", Paper.for_format("a2-folded"))
    assert shown == [(612, 396)]  # the card stock while the dialog was open
    assert size_of(printer) == (792, 612)  # what Qt's dialog did on accept
    changed = printer_setup.keep_size(printer, Paper.for_format("a2-folded"))
    assert changed.startswith("The print dialog chose Letter")
    assert size_of(printer) == (612, 396) and printer.duplex() == Duplex.DuplexShortSide


def test_a_printer_that_cannot_take_the_size_offers_the_pdf(cups, at_dialog, qtbot,
                                                            monkeypatch, tmp_path):
    asked = []
    monkeypatch.setattr(ask, "confirm", lambda parent, title, text, yes, detail="":
                        asked.append((text, yes)) or True)
    saved_to = tmp_path / "cards.pdf"
    monkeypatch.setattr(printing, "choose_save_path", lambda *a: saved_to)
    pane = PdfPane(Operations(), "cards", "cards.pdf", stock="card stock")
    qtbot.addWidget(pane)
    pane.set_rendered(read(formats.get("a2")().render([CardJob(text="Hello")])))
    pane.set_printer("Test")
    before = len(cups.jobs())
    with qtbot.waitSignal(pane.saved, timeout=10000):
        pane.print_button.click()
    assert asked == [("The printer 'Test' cannot take 4.25 × 5.5 in card stock; "
                      "print to a PDF instead.", "Save PDF…")]
    assert "name" not in at_dialog  # the print dialog never opened
    assert saved_to.read_bytes() == pane.rendered.data
    assert cups.jobs()[before:] == []


def test_manual_duplex_prints_fronts_then_backs(cups, at_dialog, qtbot, monkeypatch):
    told = []

    def refeed(parent, paper, sheets):
        told.append(sheets)
        return True

    monkeypatch.setattr(printing, "ask_refeed", refeed)
    pane = folded_pane(qtbot, cards=3)
    pane.set_printer("Simplex")
    before = len(cups.jobs())
    with qtbot.waitSignal(pane.printed, timeout=30000):
        pane.print_button.click()
    assert told == [3]
    fronts, backs = cups.wait_for_jobs(2, before)
    assert len(fronts.pages()) == len(backs.pages()) == 3
    assert b"two-sided" not in fronts.options() + backs.options()


def test_manual_duplex_stopped_prints_no_backs(cups, at_dialog, qtbot, monkeypatch):
    monkeypatch.setattr(printing, "ask_refeed", lambda *a: False)
    pane = folded_pane(qtbot, cards=2)
    pane.set_printer("Simplex")
    before = len(cups.jobs())
    pane.print_button.click()
    qtbot.waitUntil(lambda: "backs" in pane.note.text(), timeout=30000)
    assert len(cups.wait_for_jobs(2, before, timeout=2)) == 1


def test_refeed_dialog_has_words_and_a_place_for_the_picture(qtbot):
    from ui.cards.manual_duplex import RefeedDialog

    dialog = RefeedDialog(None, Paper.for_format("a2-folded"), 3)
    qtbot.addWidget(dialog)
    assert dialog.text.text().startswith("The fronts are printed: 3 sheets of 8.5 × 5.5 in "
                                         "card stock.")
    assert dialog.picture_slot.count() == 1  # the feed picture, its advice beneath
