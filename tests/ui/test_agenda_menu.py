"""File ▸ Print agenda…: the week's agenda drawn on the worker, shown in the PDF dialog with
Save PDF… and Print…, the same function as ``agenda OUT.pdf``."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtWidgets import QApplication

from domain.model import Promise
from tests.ui.helpers import add_customer, settle


def test_print_agenda_shows_the_weeks_pdf(window, qtbot):
    due = datetime.combine(date.today() + timedelta(days=2), datetime.min.time()) \
        .replace(hour=15)
    add_customer(given_name="Ana", family_name="Ferreira", phones=["+15035550108"],
                 promises=[Promise(date.today(), due, "send the vase photos")])
    texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "Print a&genda…" in texts
    window.actions["print_agenda"].trigger()
    dialog = window.agenda_dialog
    qtbot.waitUntil(lambda: dialog.pane.rendered is not None, timeout=10000)
    settle(window)
    data = dialog.pane.rendered.data
    assert data.startswith(b"%PDF") and len(dialog.pane.rendered) >= 1
    from io import BytesIO

    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(BytesIO(data)).pages)
    assert "Ana Ferreira" in text and "(503) 555-0108" in text  # as people write it
    assert "send the vase photos" in text
    assert dialog.pane.save_button.isEnabled()
    dialog.close()
    QApplication.processEvents()
