"""Telling the owner how something went, without blocking: a message box shown with ``open()``.

Summaries (an import finished, a backup was restored) are good news with details; they must
not stop the window or a test, so they are shown window-modal and returned for inspection.
Questions and failures go through ``ui.ask`` instead, which tests answer.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from ui import theme


def notice(parent: QWidget | None, title: str, text: str, detail: str = "") -> QMessageBox:
    """Show ``text`` (and ``detail`` below it) in a message box; return the box."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text,
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("notice")
    if detail:
        box.setInformativeText(detail)
    theme.plain_buttons(box.buttons())
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
