"""File ▸ Print agenda…: the week's agenda in the PDF dialog (preview, Save PDF…, Print…),
drawn on the worker by the function ``agenda OUT.pdf`` uses (exports.agenda.render)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QWidget

from ui.cards.pdf_pane import PdfDialog
from ui.operations import Operations


def open_agenda(parent: QWidget, ops: Operations, day: date) -> PdfDialog:
    """Show the agenda of the seven days from ``day``; the drawing runs on the worker."""
    dialog = PdfDialog(ops, f"Agenda — the week from {day.day} {day:%B}",
                       f"agenda-{day.isoformat()}.pdf", lambda: _pages(day), parent)
    dialog.show()
    return dialog


def _pages(day: date):
    """On the worker: the agenda's PDF, read for the preview."""
    from exports import agenda
    from ui.cards import pdf_raster

    return pdf_raster.read(agenda.render(day))
