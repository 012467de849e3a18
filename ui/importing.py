"""File ▸ Import…: the command lives in ``ui/imports/`` (mapping, preview, apply); this name stays
for the main window."""

from __future__ import annotations

from ui.imports.command import ImportCommand
from ui.imports.service import FILTER

__all__ = ["FILTER", "ImportCommand"]
