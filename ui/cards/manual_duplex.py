"""Two-sided cards on a printer that cannot print both sides of card stock: the fronts (pages
1, 3, 5 …), then the owner turns the stack over and feeds it again, then the backs.

The backs print in the same order as the fronts, first sheet first, and the advice asks to
keep the stack's order: on the usual printer (face-down output, fed from the top of the tray)
turning the stack over puts the first sheet on top by itself. The same advice (the feed
pictures' caption) serves the window's dialog and the command line.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from exports.cards.geometry import inches
from ui import theme
from ui.cards.printer_setup import Paper


def sides(count: int) -> tuple[list[int], list[int]]:
    """Page indexes of the fronts (pages 1, 3, 5 …) and of the backs (2, 4, 6 …)."""
    return list(range(0, count, 2)), list(range(1, count, 2))


def refeed_text(paper: Paper, sheets: int, picture: bool = False) -> str:
    """How to feed the printed fronts again for their backs, in plain words; ``picture``:
    a picture with the advice beneath it goes with the words."""
    many = f"{sheets} sheet{'s' if sheets != 1 else ''}"
    head = f"The fronts are printed: {many} of {paper.describe()}."
    if picture:
        return f"{head} Feed the stack again as the picture shows, then print the backs."
    return f"{head}\n{_advice(paper)}"


def _advice(paper: Paper) -> str:
    """The re-feed advice: the feed pictures' caption (one wording everywhere) where that
    module exists, else these steps."""
    try:
        from ui.cards.feed_picture import caption  # type: ignore[attr-defined]

        return caption("manual-duplex")[1]
    except (ImportError, ValueError):
        pass
    which = "long" if paper.duplex == "long" else "short"
    edge = max(paper.size) if which == "long" else min(paper.size)
    side = inches((edge, edge)).split(" × ")[0] + " in"
    return ("1. When the printer has finished, take the stack out of the output tray; keep "
            "it in order.\n"
            f"2. Turn the stack over on its {which} edge (the {side} side): the blank backs "
            "now face where the blank card stock faced before.\n"
            "3. Check that the first sheet printed is on top, and put the stack back in the "
            "feed tray.\n"
            "Then print the backs. Not sure which way? Try it with one spare sheet first.")


def feed_picture_for(kind: str) -> QWidget | None:
    """The picture of how to feed ``kind`` ("manual-duplex", "duplex-short", …), from
    ``ui/cards/feed_picture.py`` where it exists; None where it does not."""
    try:
        from ui.cards import feed_picture  # type: ignore[attr-defined]
    except ImportError:
        return None
    make = getattr(feed_picture, "feed_picture_for", None)
    return make(kind) if callable(make) else None


class RefeedDialog(QDialog):
    """After the fronts: how to feed the stack again; "Print the backs" or "Stop"."""

    def __init__(self, parent: QWidget | None, paper: Paper, sheets: int) -> None:
        super().__init__(parent)
        self.setWindowTitle("Turn the stack over")
        # The picture (ui/cards/feed_picture.py, its advice beneath it) goes beside the
        # words; without it the slot stays empty and the words carry the steps.
        picture = feed_picture_for("manual-duplex")
        self.text = QLabel(refeed_text(paper, sheets, picture is not None))
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.text.setMinimumWidth(260)
        self.picture_slot = QVBoxLayout()
        if picture is not None:
            picture.setMinimumWidth(320)
            self.picture_slot.addWidget(picture)
        row = QHBoxLayout()
        row.addLayout(self.picture_slot)
        row.addWidget(self.text, 1)
        buttons = QDialogButtonBox()
        go = buttons.addButton("Print the backs", QDialogButtonBox.ButtonRole.AcceptRole)
        stop = buttons.addButton("Stop", QDialogButtonBox.ButtonRole.RejectRole)
        theme.plain_buttons([go, stop])
        go.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(theme.label("Now the backs", "section"))
        layout.addLayout(row)
        layout.addWidget(buttons)
