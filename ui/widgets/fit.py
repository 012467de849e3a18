"""Dialogs sized for the screen they open on: a small laptop (1024×700) gets all of them."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

ROOM = 0.94  # of the screen's free area: a window frame and a task bar still show


def fit_to_screen(window: QWidget) -> None:
    """Shrink ``window`` to the free area of its screen when its size does not fit."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    room = screen.availableGeometry()
    width = min(window.width(), int(room.width() * ROOM))
    height = min(window.height(), int(room.height() * ROOM))
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
