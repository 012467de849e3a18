"""Format choices as the owner reads them: "US A2 folded card — 4.25 × 5.5 in", the code kept
as the item's data, the long description as its tooltip. Every name comes from the one
registry of formats (``exports.cards``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from exports import cards as formats


def choice_text(name: str) -> str:
    """``US A2 folded card — 4.25 × 5.5 in`` for the format ``name``."""
    row = formats.get(name).summary()
    return f"{row['title']} — {row['inches']}"


def add_formats(combo: QComboBox, kind: str) -> None:
    """Add the formats of ``kind`` (card, envelope, label) to ``combo``, in listing order; the
    choice may be narrower than its longest name (its list shows them whole)."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(14)
    for name in formats.names(kind):
        combo.addItem(choice_text(name), name)
        combo.setItemData(combo.count() - 1, formats.get(name).description,
                          Qt.ItemDataRole.ToolTipRole)
