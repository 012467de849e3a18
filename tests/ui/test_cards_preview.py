"""One renderer: the window's previews and Print… show the reportlab PDF itself, rendered by
PDFium, so screen, file and paper agree (issue 13, finding 3). The pictures here are compared
with PDFium's rendering of the same PDF bytes, made in the test (``tests/ui/pictures.py``)."""

from __future__ import annotations

import io
import time

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter

from domain.model import Card
from storage import templates as store
from tests.ui import pictures
from tests.ui.helpers import add_customer
from tests.ui.test_cards_editor import ctx, open_editor  # noqa: F401  (ctx: a fixture)
from ui.cards import page_view, pdf_raster, printing
from ui.cards.page_view import PageImages, PagePreview


def shown_on_screen(preview: PagePreview, index: int) -> tuple[QImage, QImage]:
    """What the window shows of page ``index`` (inside its border) and PDFium's own
    rendering of the PDF's page at the same size, cropped alike."""
    strip = preview.strip
    strip.fold = False  # the dashed fold line is the window's mark, drawn over the page
    rect = strip.page_rect(index)
    inside = rect.adjusted(1, 1, -1, -1)  # the page's border is the window's, not the PDF's
    screen = strip.grab(inside).toImage()
    width = preview.pdf().sizes[index][0]
    pdf = pictures.render(preview.pdf().data, index, rect.width() / width)
    return screen, pdf.copy(1, 1, inside.width(), inside.height())


def test_the_preview_of_a_card_for_xiaoming_is_the_pdf(qtbot, ctx):  # noqa: F811
    """The screen showed "Hi 小明," drawn by Qt with system fonts while the PDF had boxes:
    now the window's pixels are the PDF's pixels, whatever the PDF holds."""
    cid = add_customer(given_name="小明", family_name="王", preferred_name="小明")
    editor = open_editor(qtbot, ctx, cid, "keep_in_touch")
    assert "小明" in editor.text.toPlainText()
    preview = editor.preview
    assert len(preview.pdf()) >= 1
    for index in range(len(preview.pdf())):
        screen, pdf = shown_on_screen(preview, index)
        mean, off = pictures.difference(screen, pdf)
        assert mean < 0.5 and off < 0.001, (index, mean, off)
        assert pictures.ink(screen) > 500  # the page is not blank


def test_each_page_is_rendered_at_the_screens_own_pixels(qtbot, ctx):  # noqa: F811
    """The image is exactly as many pixels as the page takes on screen, device pixels on a
    HiDPI screen (sharp, not scaled up), and is what pdf_raster renders at that dpi."""
    cid = add_customer(given_name="Ana")
    editor = open_editor(qtbot, ctx, cid, "keep_in_touch")
    editor.format.setCurrentIndex(editor.format.findData("postcard-4x6"))
    qtbot.waitUntil(lambda: editor.preview.pdf() is not None and editor.preview.pdf().sizes
                    == ((432.0, 288.0),) and editor.preview.is_drawn(), timeout=8000)
    strip = editor.preview.strip
    rect, image = strip.page_rect(0), strip.image(0)
    assert (image.width(), image.height()) == (rect.width(), round(rect.width() * 288 / 432))
    dpi = 72 * rect.width() / 432
    (same,) = pdf_raster.render(editor.preview.pdf().data, [0], dpi)
    assert pictures.difference(image, same)[0] < 0.5
    strip.devicePixelRatioF = lambda: 2.0  # a HiDPI screen
    strip.update()
    qtbot.waitUntil(strip.is_drawn, timeout=8000)
    sharp = strip.image(0)
    assert sharp.width() == 2 * rect.width() and sharp.devicePixelRatio() == 2.0


def test_print_sends_the_pdfs_own_pages_at_their_own_sizes(people, tmp_path):
    """A writing aid mixes card pages (612 × 396 pt) and Letter sheets: Print… paints every
    page of the PDF, each on paper of its size, and the pages look like the PDF's."""
    from ui.cards.service import CardService

    for key in ("peggy", "tom"):
        store.create_card(Card(people[key], "keep_in_touch", "Hello", "a2-folded", "queued"))
    ids = [c.id for c in store.list_cards("queued")]
    pdf = CardService().writing_aid(ids, "a2-folded")
    assert {size for size in pdf.sizes} == {(612.0, 396.0), (612.0, 792.0)}
    out = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    assert printing.print_on(printer, pdf) == len(pdf)
    boxes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height)))
             for p in PdfReader(io.BytesIO(out.read_bytes())).pages]
    assert boxes == [(round(w), round(h)) for w, h in pdf.sizes]
    printed, source = pictures.pages(out.read_bytes(), 0.5), pictures.pages(pdf.data, 0.5)
    for ours, theirs in zip(printed, source, strict=True):
        assert pictures.difference(ours, theirs)[0] < 2


def test_a_thousand_card_batch_opens_fast_and_renders_only_what_is_in_sight(
        qtbot, people, window):
    cards = [Card(people["peggy"], "keep_in_touch", f"Dear Margaret, note {n}.",
                  "postcard-4x6", "queued") for n in range(1000)]
    ids = [store.create_card(c).id for c in cards]
    window.show_screen("cards")
    screen = window.screens["cards"]
    qtbot.waitUntil(screen.controller.is_loaded, timeout=5000)
    from ui.cards.print_dialog import PrintDialog

    started = time.perf_counter()
    dialog = PrintDialog(screen.controller._service, window.ops, window.events, ids,
                         "postcard-4x6")
    qtbot.addWidget(dialog)
    dialog.envelope_format.setCurrentIndex(dialog.envelope_format.findData(""))
    dialog.show()
    preview = dialog.cards_pane.preview
    qtbot.waitUntil(lambda: dialog.is_ready() and preview.is_drawn(), timeout=30000)
    took = time.perf_counter() - started
    print(f"1,000-card batch: pages on screen {took:.2f} s after the dialog opened")
    assert len(preview.pdf()) == 1000
    strip = preview.strip
    assert 1 <= len(strip.images) <= 8  # the pages in sight and a few around them
    bar = preview.area.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    qtbot.waitUntil(strip.is_drawn, timeout=8000)
    middle = strip._visible()
    assert 480 <= middle.start <= 520 and all(strip.image(i) for i in middle)
    bar.setValue(bar.maximum())
    qtbot.waitUntil(strip.is_drawn, timeout=8000)
    assert strip.image(999) is not None
    assert len(strip.images) <= 24


def test_the_cache_keeps_the_pages_in_sight_within_its_budget():
    image = QImage(QSize(100, 100), QImage.Format.Format_RGB32)  # 40,000 bytes
    cache = PageImages(budget=100_000)
    for index in range(10):
        cache.put(index, page_view._Image(1, 100, image), keep=range(0, 3))
    kept = [i for i in range(10) if cache.get(i) is not None]
    assert kept == [0, 1, 2, 9]  # in sight, and the newest; over budget only for sight


def test_a_pdf_pdfium_cannot_render_says_so(qtbot):
    from ui.operations import Operations

    ops = Operations()
    preview = PagePreview(ops=ops)
    qtbot.addWidget(preview)
    preview.show()
    preview.set_pdf(pdf_raster.PdfPages(b"%PDF-1.4 not really", ((612.0, 792.0),)))
    qtbot.waitUntil(lambda: preview.pdf() is None, timeout=5000)
    assert preview.message.text().startswith("The pages could not be shown:")
    ops.wait_idle()
    ops.shutdown()


@pytest.mark.parametrize("scale", ["1.25", "2"])
def test_on_a_hidpi_screen_the_pages_are_copied_pixel_for_pixel(tmp_path, scale):
    """At 125 % and 200 % the window shows each page at its device pixels, exactly PDFium's
    rendering (a page scaled up from logical pixels, or placed between pixels, is blurred)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from exports import cards
    from exports.cards.jobs import CardJob

    pdf = tmp_path / "card.pdf"
    pdf.write_bytes(cards.get("a2-folded", "card")().render(
        [CardJob(text="Hi 小明,\n\nThank you for this year.", headline="Thank you")]))
    env = dict(os.environ, QT_SCALE_FACTOR=scale, QT_QPA_PLATFORM="offscreen")
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-m", "tests.ui.hidpi_probe", str(pdf)], cwd=root,
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    rows = [line.split() for line in done.stdout.splitlines()]
    assert len(rows) == 2
    for dpr, _index, _pixels, mean in rows:
        assert float(dpr) == float(scale) and float(mean) < 0.05  # blurred: > 1


def a_pdf_of(pages: int) -> pdf_raster.PdfPages:
    from exports import cards
    from exports.cards.jobs import CardJob

    jobs = [CardJob(text=f"Card {n}", headline="Hello") for n in range(pages)]
    return pdf_raster.read(cards.get("postcard-4x6", "card")().render(jobs))


def pdf_printer(path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_a_long_print_lets_other_work_through_and_outlives_its_window(qtbot, tmp_path,
                                                                      monkeypatch):
    """A page takes about 0.35 s at 600 dpi: a 2,000-page batch would hold the one worker
    for 12 minutes. It goes a few pages per job, so a save started meanwhile runs before
    the print ends; and closing the window does not cut the print short."""
    from ui.cards.pdf_pane import PdfPane
    from ui.operations import Operations

    ops = Operations()
    outs = iter([tmp_path / "printed.pdf", tmp_path / "closed.pdf"])
    monkeypatch.setattr(printing, "choose_printer", lambda *a: pdf_printer(next(outs)))
    pane = PdfPane(ops, "cards", "cards.pdf")
    qtbot.addWidget(pane)
    pane.set_rendered(a_pdf_of(6))
    worker: list[str] = []  # what the worker did, in order
    paint_page = pdf_raster._paint_page
    monkeypatch.setattr(pdf_raster, "_paint_page",
                        lambda *a: (worker.append("page"), paint_page(*a)))
    heard: list[int] = []
    pane.printed.connect(heard.append)
    pane.print_button.click()
    ops.run(lambda: worker.append("save"))
    qtbot.waitUntil(lambda: heard == [6], timeout=30000)
    assert worker == ["page"] * 4 + ["save"] + ["page"] * 2
    assert len(PdfReader(str(tmp_path / "printed.pdf")).pages) == 6
    pane.print_button.click()
    pane.deleteLater()  # the window goes; the print goes on
    qtbot.waitUntil(lambda: not ops.is_busy(), timeout=30000)
    assert len(PdfReader(str(tmp_path / "closed.pdf")).pages) == 6
    ops.shutdown()
