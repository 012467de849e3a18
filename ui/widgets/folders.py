"""Where file dialogs start."""

from __future__ import annotations

from PySide6.QtCore import QStandardPaths


def documents_folder() -> str:
    """The owner's Documents folder: save and open dialogs start there, not in the folder
    Rapport happened to be started from."""
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
